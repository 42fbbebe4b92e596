import t from 'tap'
import { formatsFor } from '../../src/lib/format.js'

const winter = '2026-11-23T12:05:00.000Z'
const summer = '2026-06-23T06:30:00.000Z'

t.test('dates and times per language, in Helsinki time', async (t) => {
  const [fi, sv, en] = [formatsFor('fi'), formatsFor('sv'), formatsFor('en')]
  t.equal(fi.dateTime(winter), '23.11.2026 klo 14.05')
  t.equal(sv.dateTime(winter), '23.11.2026 kl. 14.05')
  t.equal(en.dateTime(winter), '23.11.2026 14:05')
  t.equal(fi.time(summer), 'klo 9.30', 'summer time, the Finnish hour without a leading zero')
  t.equal(sv.time(summer), 'kl. 9.30')
  t.equal(en.time(summer), '09:30')
  t.equal(fi.date('2026-02-01'), '1.2.2026', 'a calendar day is the same in every language')
  t.equal(en.date('2026-02-01'), '1.2.2026')
  t.equal(fi.clock('08:00'), '8.00')
  t.equal(en.clock('08:00'), '08:00')
  for (const f of [fi, sv, en]) {
    t.equal(f.time(null), '')
    t.equal(f.time('nonsense'), '')
    t.equal(f.dateTime(undefined), '')
    t.equal(f.lang === 'fi' || f.lang === 'sv' || f.lang === 'en', true)
  }
})

t.test('numbers, hours and money per language', async (t) => {
  const [fi, sv, en] = [formatsFor('fi'), formatsFor('sv'), formatsFor('en')]
  t.equal(fi.hours(150), '2,5')
  t.equal(sv.hours(150), '2,5')
  t.equal(en.hours(150), '2.5')
  t.equal(fi.hours(120), '2')
  t.equal(fi.hours(195), '3,25')
  t.equal(en.hours(null), '')
  t.equal(fi.hours(undefined), '')
  t.equal(fi.number(1234567.5), '1\u00a0234\u00a0567,5')
  t.equal(en.number(1234567.5), '1,234,567.5')
  t.equal(en.number(-0.25), '-0.25')
  t.equal(fi.number(2.456, 1), '2,5')
  t.equal(fi.number(40, 0), '40')
  t.equal(fi.number(0), '0')
  t.equal(fi.money(123450), '1\u00a0234,50\u00a0€')
  t.equal(sv.money(5), '0,05\u00a0€')
  t.equal(en.money(123450), '€1,234.50')
  t.equal(en.money(-2500), '-€25.00')
  t.equal(fi.amount(123450), '1234,50', 'an amount for a form field: no grouping, no symbol')
  t.equal(en.amount(5), '0.05')
  t.equal(fi.amount(-2500), '-25,00')
})
