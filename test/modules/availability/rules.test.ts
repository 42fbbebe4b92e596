import t from 'tap'
import { isAvailableAt, unavailabilityAt, type AvailabilityFacts } from '../../../src/modules/availability/service.js'

// 2026-03-23 is a Monday; 2026-03-29 and 2026-10-25 are the Sundays on which Helsinki moves to
// summer time (03.00 EET → 04.00 EEST, at 01.00 UTC) and back (04.00 EEST → 03.00 EET, at 01.00 UTC).
const facts = (fields: Partial<AvailabilityFacts> = {}): AvailabilityFacts => ({ windows: [], periods: [], pausedUntil: null, ...fields })
const monday = facts({ windows: [{ weekday: 1, startsAt: '16:00', endsAt: '19:00' }] })

t.test('available only inside a weekly window, in Helsinki time', async (t) => {
  t.ok(isAvailableAt(monday, '2026-03-23T14:00:00.000Z', '2026-03-23T16:00:00.000Z'), '16–18 winter time')
  t.ok(isAvailableAt(monday, '2026-03-23T14:00:00Z', '2026-03-23T17:00:00Z'), 'exactly the window')
  t.notOk(isAvailableAt(monday, '2026-03-23T13:30:00Z', '2026-03-23T15:00:00Z'), 'starts before the window')
  t.notOk(isAvailableAt(monday, '2026-03-23T16:00:00Z', '2026-03-23T17:30:00Z'), 'ends after the window')
  t.equal(unavailabilityAt(monday, '2026-03-24T14:00:00Z', '2026-03-24T15:00:00Z'), 'outside_windows', 'a Tuesday')
  t.equal(unavailabilityAt(facts(), '2026-03-23T14:00:00Z', '2026-03-23T15:00:00Z'), 'outside_windows', 'no windows, never available')
  t.ok(isAvailableAt(monday, '2026-06-01T13:00:00Z', '2026-06-01T15:00:00Z'), '16–18 summer time is 13–15 UTC')
  t.notOk(isAvailableAt(monday, '2026-06-01T14:00:00Z', '2026-06-01T17:00:00Z'), '14–17 UTC is 17–20 summer time')
})

t.test('windows of a day that touch count as one', async (t) => {
  const split = facts({ windows: [{ weekday: 1, startsAt: '17:00', endsAt: '19:00' }, { weekday: 1, startsAt: '12:00', endsAt: '17:00' }, { weekday: 1, startsAt: '20:00', endsAt: '21:00' }] })
  t.ok(isAvailableAt(split, '2026-03-23T13:00:00Z', '2026-03-23T16:00:00Z'), '15–18 across two windows')
  t.notOk(isAvailableAt(split, '2026-03-23T16:00:00Z', '2026-03-23T18:30:00Z'), '18–20.30 crosses a gap')
})

t.test('an assignment crossing midnight fits no window; one ending at midnight ends that day', async (t) => {
  const evening = facts({ windows: [{ weekday: 1, startsAt: '18:00', endsAt: '23:59' }, { weekday: 2, startsAt: '00:00', endsAt: '02:00' }] })
  t.equal(unavailabilityAt(evening, '2026-03-23T20:00:00Z', '2026-03-23T23:00:00Z'), 'outside_windows', '22–01 crosses midnight')
  t.equal(unavailabilityAt(evening, '2026-03-23T20:00:00Z', '2026-03-23T22:00:00Z'), 'outside_windows', '22–24 needs the window to reach midnight')
  t.ok(isAvailableAt(evening, '2026-03-23T20:00:00Z', '2026-03-23T21:59:00Z'), '22–23.59')
})

t.test('the day summer time begins (2026-03-29)', async (t) => {
  const sunday = facts({ windows: [{ weekday: 7, startsAt: '10:00', endsAt: '12:00' }] })
  t.ok(isAvailableAt(sunday, '2026-03-22T08:00:00Z', '2026-03-22T10:00:00Z'), 'a week before: 10–12 is 08–10 UTC')
  t.ok(isAvailableAt(sunday, '2026-03-29T07:00:00Z', '2026-03-29T09:00:00Z'), 'that day: 10–12 is 07–09 UTC')
  t.notOk(isAvailableAt(sunday, '2026-03-29T08:00:00Z', '2026-03-29T10:00:00Z'), 'that day 08–10 UTC is 11–13')
  const night = facts({ windows: [{ weekday: 7, startsAt: '02:00', endsAt: '05:00' }] })
  t.ok(isAvailableAt(night, '2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z'), '02.30 EET to 04.30 EEST, one real hour')
  t.notOk(isAvailableAt(night, '2026-03-29T00:30:00Z', '2026-03-29T02:30:00Z'), 'to 05.30 EEST')
})

t.test('the day summer time ends (2026-10-25)', async (t) => {
  const sunday = facts({ windows: [{ weekday: 7, startsAt: '10:00', endsAt: '12:00' }] })
  t.ok(isAvailableAt(sunday, '2026-10-18T07:00:00Z', '2026-10-18T09:00:00Z'), 'a week before: 10–12 is 07–09 UTC')
  t.ok(isAvailableAt(sunday, '2026-10-25T08:00:00Z', '2026-10-25T10:00:00Z'), 'that day: 10–12 is 08–10 UTC')
  t.notOk(isAvailableAt(sunday, '2026-10-25T07:00:00Z', '2026-10-25T09:00:00Z'), 'that day 07–09 UTC is 09–11')
  const repeated = facts({ windows: [{ weekday: 7, startsAt: '03:00', endsAt: '04:00' }] })
  t.ok(isAvailableAt(repeated, '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z'), '03.30 EEST to 03.30 EET: the hour that happens twice')
  t.notOk(isAvailableAt(facts({ windows: [{ weekday: 7, startsAt: '03:40', endsAt: '04:00' }] }), '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z'), 'starts before the window')
})

t.test('unavailable periods are whole Helsinki days', async (t) => {
  const away = facts({ windows: monday.windows, periods: [{ startsOn: '2026-03-23', endsOn: '2026-03-23' }] })
  t.equal(unavailabilityAt(away, '2026-03-23T14:00:00Z', '2026-03-23T15:00:00Z'), 'unavailable_period')
  t.ok(isAvailableAt(away, '2026-03-30T13:00:00Z', '2026-03-30T15:00:00Z'), 'the next Monday')
  const yesterday = facts({ windows: [{ weekday: 2, startsAt: '00:00', endsAt: '03:00' }], periods: [{ startsOn: '2026-03-23', endsOn: '2026-03-23' }] })
  t.ok(isAvailableAt(yesterday, '2026-03-23T22:00:00Z', '2026-03-24T00:00:00Z'), '00–02 on Tuesday is 22–24 UTC on Monday, after the period')
  const tuesday = facts({ windows: monday.windows, periods: [{ startsOn: '2026-03-24', endsOn: '2026-03-30' }] })
  t.equal(unavailabilityAt(tuesday, '2026-03-23T14:00:00Z', '2026-03-23T15:00:00Z'), undefined, 'the day before the period')
  t.equal(unavailabilityAt(tuesday, '2026-03-30T14:00:00Z', '2026-03-30T15:00:00Z'), 'unavailable_period', 'the last day of the period')
})

t.test('a pause holds until its resume day', async (t) => {
  const paused = facts({ windows: monday.windows, pausedUntil: '2026-03-30' })
  t.equal(unavailabilityAt(paused, '2026-03-23T14:00:00Z', '2026-03-23T15:00:00Z'), 'paused')
  t.ok(isAvailableAt(paused, '2026-03-30T13:00:00Z', '2026-03-30T15:00:00Z'), 'the resume day itself')
})

t.test('an assignment must end after it starts', async (t) => {
  t.throws(() => isAvailableAt(monday, '2026-03-23T14:00:00Z', '2026-03-23T14:00:00Z'), RangeError)
  t.throws(() => isAvailableAt(monday, 'not a time', '2026-03-23T14:00:00Z'), RangeError)
  t.throws(() => isAvailableAt(monday, '2026-03-23T14:00:00Z', 'nor this'), RangeError)
})
