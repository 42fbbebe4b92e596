import t from 'tap'
import { formatDate, formatTime, formatDateTime, dayStartUtc, helsinkiInstant, isCalendarDay, isoPlus } from '../../src/lib/dates.js'
import { formatMoney, parseMoney } from '../../src/lib/money.js'

t.test('dates and times the Finnish way, in Helsinki time', async (t) => {
  t.equal(formatDate('2026-11-23'), '23.11.2026')
  t.equal(formatDate('2026-11-23T22:30:00.000Z'), '24.11.2026', 'past midnight in Helsinki')
  t.equal(formatTime('2026-11-23T12:30:00.000Z'), 'klo 14.30', 'winter time UTC+2')
  t.equal(formatTime('2026-06-23T12:30:00.000Z'), 'klo 15.30', 'summer time UTC+3')
  t.equal(formatDateTime('2026-11-23T12:30:00.000Z'), '23.11.2026 klo 14.30')
  t.equal(formatDate(null), '')
  t.equal(formatDate('nonsense'), '')
  t.equal(formatTime(undefined), '')
  t.equal(formatTime('nonsense'), '')
  t.equal(formatDateTime(null), '')
  t.equal(dayStartUtc('2026-11-23'), '2026-11-22T22:00:00.000Z')
  t.equal(dayStartUtc('2026-13-45'), undefined)
  t.ok(isCalendarDay('2026-02-28'))
  t.notOk(isCalendarDay('2026-02-30'))
  t.notOk(isCalendarDay('28.2.2026'))
  t.equal(isoPlus('2026-11-23T12:00:00.000Z', 60_000), '2026-11-23T12:01:00.000Z')
})

t.test('money is integer cents, shown as 1 234,50 €', async (t) => {
  t.equal(formatMoney(123450), '1\u00a0234,50\u00a0€')
  t.equal(formatMoney(5), '0,05\u00a0€')
  t.equal(formatMoney(-2500), '-25,00\u00a0€')
  t.equal(formatMoney(100000000), '1\u00a0000\u00a0000,00\u00a0€')
  t.equal(parseMoney('1 234,50'), 123450)
  t.equal(parseMoney('25'), 2500)
  t.equal(parseMoney('0.5 €'), 50)
  t.equal(parseMoney('-3,2'), -320)
  t.equal(parseMoney('12,345'), undefined)
  t.equal(parseMoney('abc'), undefined)
})

t.test('calendar days are checked without a time zone', async (t) => {
  t.ok(isCalendarDay('2028-02-29'), 'a leap day')
  t.notOk(isCalendarDay('2026-02-29'), 'no leap day in 2026')
  t.notOk(isCalendarDay('2026-13-01'), 'no 13th month')
  t.notOk(isCalendarDay('2026-00-10'), 'no month 0')
  t.notOk(isCalendarDay('2026-04-31'), 'April has 30 days')
  t.notOk(isCalendarDay('2026-04-00'), 'no day 0')
  t.equal(formatDate('2026-04-31'), '', 'not a day: nothing shown')
  t.equal(formatTime('2026-03-29T01:30:00.000Z'), 'klo 4.30', 'after the spring change (UTC+3)')
  t.equal(formatTime('2026-11-23T22:05:00.000Z'), 'klo 0.05', 'just past midnight')
})

t.test('a Helsinki wall-clock time becomes a UTC instant; nonsense is refused', async (t) => {
  t.equal(helsinkiInstant('2026-11-23', '14:30'), '2026-11-23T12:30:00.000Z')
  t.equal(helsinkiInstant('2026-06-23', '14:30'), '2026-06-23T11:30:00.000Z')
  t.throws(() => helsinkiInstant('2026-02-30', '14:30'), RangeError)
})
