// The screen (queries.ts screenExperts) settles in SQL whom a rule that needs no assignments excludes,
// and matchOrder reads the whole facts only for the rest and for the excluded it shows. Over the demo
// region's orders, moved across two weeks and with their group and training asked or not, matching
// with the screen gives what the rules give on everyone's whole facts: the same eligible in the same
// order with the same standing, the same number excluded, the first excluded with every reason — and
// no one screened out whom the rules would let through.
import t from 'tap'
import { openDatabase, closeDatabase } from '../../../src/db.js'
import { seedDemo } from '../../../src/demo/demo-data.js'
import { DateTime } from 'luxon'
import { aRegion, aUnit, aChannel, aTraining, aCompletion, anOrder, anOffer } from '../../helper.js'
import { anEligibleExpert } from './support.js'
import { availabilityWindows, expertExcludedUnits, unavailablePeriods } from '../../../db/schema.js'
import { failingTwice, matchOrderOf, screenExperts, screenedBy, type MatchOrder } from '../../../src/modules/matching/queries.js'
import { matchOrder } from '../../../src/modules/matching/service.js'
import { frameOf, isNearMiss } from '../../../src/modules/matching/rules.js'
import { regionSettingsOf } from '../../../src/modules/settings/queries.js'
import { addDays, helsinkiInstant, minutesPlus, nowIso, today } from '../../../src/lib/dates.js'

t.test('the screen changes nothing matching decides', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => closeDatabase(db))
  await seedDemo(db)
  const now = nowIso()
  const orders = db.$client.prepare('select id, region_id as regionId from orders order by id').all() as { id: number, regionId: number }[]
  t.ok(orders.length > 20, 'the demo has orders to match')
  let compared = 0
  let screenedOut = 0
  let eligible = 0
  let nearMisses = 0
  orders.forEach(({ id, regionId }, i) => {
    const found = matchOrderOf(db, regionId, id)!
    const settings = regionSettingsOf(db, regionId)
    const day = addDays(today(), 1 + (i % 14))
    const startsAt = helsinkiInstant(day, found.startTime)!
    const moved: MatchOrder = { ...found, day, startsAt, endsAt: minutesPlus(startsAt, found.durationMinutes) }
    const variants: MatchOrder[] = [moved, { ...moved, groupIds: [] }, { ...moved, groupIds: [], requiresBasicTraining: !moved.requiresBasicTraining }]
    for (const order of variants) {
      const whole = matchOrder(db, order, settings, now)
      const nearLimit = i % 2 === 0 ? Infinity : 2
      const screened = matchOrder(db, order, settings, now, { excluded: 3, nearMisses: nearLimit })
      t.same(screened.eligible, whole.eligible, `order ${id}: the same eligible`)
      t.equal(screened.excludedTotal, whole.excluded.length, `order ${id}: as many excluded`)
      t.same(screened.excluded, whole.excluded.slice(0, 3), `order ${id}: the first excluded, with every reason`)
      t.same(screened.nearMisses, whole.excluded.filter((c) => isNearMiss(c.failures)).slice(0, nearLimit), `order ${id}: the same (first) near misses`)
      const eligibleIds = new Set(whole.eligible.map((c) => c.id))
      const frame = frameOf(order, settings, now)
      const screen = screenExperts(db, order, frame)
      const wrongly = screen.ids.filter((expertId, k) => screen.screened[k] !== 0 && eligibleIds.has(expertId))
      t.same(wrongly, [], `order ${id}: no eligible expert is screened out`)
      const failures = new Map(whole.excluded.map((c) => [c.id, c.failures.length]))
      const twice = failingTwice(db, order, frame, screen.ids.filter((expertId, k) => screen.screened[k] !== 0))
      const notTwo = [...twice].filter((expertId) => failures.has(expertId) && failures.get(expertId)! < 2)
      t.same(notTwo, [], `order ${id}: whom the screen finds failing two rules fails two at least`)
      nearMisses += screened.nearMisses.length
      compared++
      screenedOut += screen.screened.filter((s) => s !== 0).length
      eligible += whole.eligible.length
    }
  })
  t.ok(compared >= 60 && screenedOut > 0 && eligible > 0 && nearMisses > 0,
    `${compared} orders compared; the screen settled ${screenedOut} exclusions and let ${eligible} eligible through; ${nearMisses} near misses`)
})

t.test('reasons are given for the experts asked about, wherever they stand', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => closeDatabase(db))
  await seedDemo(db)
  const now = nowIso()
  const { id, regionId } = db.$client.prepare('select id, region_id as regionId from orders order by id limit 1').get() as { id: number, regionId: number }
  const found = matchOrderOf(db, regionId, id)!
  const day = addDays(today(), 3)
  const startsAt = helsinkiInstant(day, found.startTime)!
  const order: MatchOrder = { ...found, day, startsAt, endsAt: minutesPlus(startsAt, found.durationMinutes) }
  const settings = regionSettingsOf(db, regionId)
  const whole = matchOrder(db, order, settings, now)
  const last = whole.excluded.at(-1)!
  const asked = matchOrder(db, order, settings, now, { excluded: 0, experts: [last.id] })
  t.same(asked.excluded, [last], 'only the expert asked about, with every reason')
  t.equal(asked.excludedTotal, whole.excluded.length)
})

t.test('each screened rule, at its edges, with named experts', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => closeDatabase(db))
  const region = aRegion(db)
  const unit = aUnit(db, region.id)
  const channel = aChannel(db, region.id, { requiresBasicTraining: true })
  const training = aTraining(db, region.id, { validityMonths: 12 })
  const stored = anOrder(db, { regionId: region.id, orderingUnitId: unit.id, channelId: channel.id, startTime: '10:00', durationMinutes: 120 })
  const weekday = DateTime.fromISO(stored.day).weekday
  const expert = (displayName: string, fields: Parameters<typeof anEligibleExpert>[2] = {}) => {
    const made = anEligibleExpert(db, stored, { displayName, ...fields })
    aCompletion(db, training.id, made.id, addDays(today(), -30))
    return made
  }
  const window = (expertId: number, startsAt: string, endsAt: string) => {
    db.$client.prepare('delete from availability_windows where expert_id = ?').run(expertId)
    db.insert(availabilityWindows).values({ expertId, weekday, startsAt, endsAt }).run()
  }
  const aino = expert('Aino')
  const chained = expert('Bertta')
  window(chained.id, '10:00', '11:00')
  db.insert(availabilityWindows).values({ expertId: chained.id, weekday, startsAt: '11:00', endsAt: '12:00' }).run()
  const endsAtStart = expert('Cecilia')
  window(endsAtStart.id, '08:00', '10:00')
  const startsLate = expert('Daniel')
  window(startsLate.id, '10:01', '18:00')
  const away = expert('Eero')
  db.insert(unavailablePeriods).values({ expertId: away.id, startsOn: stored.day, endsOn: stored.day }).run()
  const awayBefore = expert('Frida')
  db.insert(unavailablePeriods).values({ expertId: awayBefore.id, startsOn: addDays(stored.day, -3), endsOn: addDays(stored.day, -1) }).run()
  const paused = expert('Greta', { pausedUntil: addDays(stored.day, 1) })
  const resumes = expert('Hanna', { pausedUntil: stored.day })
  const excluded = expert('Ilona')
  db.insert(expertExcludedUnits).values({ expertId: excluded.id, orderingUnitId: unit.id }).run()
  const swedish = expert('Jonna')
  db.$client.prepare(`update expert_languages set language = 'sv' where expert_id = ?`).run(swedish.id)
  const untrained = anEligibleExpert(db, stored, { displayName: 'Kalle' })
  const held = expert('Lotta')
  anOffer(db, stored.id, held.id)
  const elsewhere = anEligibleExpert(db, { regionId: aRegion(db).id, day: stored.day }, { displayName: 'Muukalainen' })

  const settings = regionSettingsOf(db, region.id)
  const now = nowIso()
  const order = matchOrderOf(db, region.id, stored.id)!
  const screen = screenExperts(db, order, frameOf(order, settings, now))
  const codeOf = (id: number) => screen.screened[screen.ids.indexOf(id)]
  t.same([aino, chained, resumes, awayBefore].map((e) => codeOf(e.id)), [0, 0, 0, 0], 'chained windows, a pause ending on the day and a period before it pass')
  t.same([endsAtStart, startsLate, away, paused].map((e) => codeOf(e.id)), Array(4).fill(screenedBy.availability), 'no window holding the start, away, paused')
  t.equal(codeOf(excluded.id), screenedBy.excludedUnit)
  t.equal(codeOf(swedish.id), screenedBy.language)
  t.equal(codeOf(untrained.id), screenedBy.training)
  t.notOk(screen.ids.includes(elsewhere.id), 'another region’s expert is not screened')
  t.ok(screen.ids.includes(held.id), 'the held are screened, then set aside by matchOrder')

  const whole = matchOrder(db, order, settings, now)
  t.same(whole.eligible.map((c) => c.displayName).sort(), ['Aino', 'Bertta', 'Frida', 'Hanna'])
  const screened = matchOrder(db, order, settings, now, { excluded: 2, experts: [untrained.id, elsewhere.id] })
  t.same(screened.eligible, whole.eligible)
  t.equal(screened.excludedTotal, 7, 'Cecilia, Daniel, Eero, Greta, Ilona, Jonna and Kalle; Lotta is offered, not excluded')
  t.same(screened.excluded.map((c) => c.displayName), ['Cecilia', 'Daniel', 'Kalle'], 'the first two, and Kalle asked about; not the other region’s')
  t.same(screened.excluded, whole.excluded.filter((c) => ['Cecilia', 'Daniel', 'Kalle'].includes(c.displayName)))

  // Work over midnight spans two days: outside any window.
  const late = { ...order, startTime: '23:00', startsAt: helsinkiInstant(order.day, '23:00')!, endsAt: minutesPlus(helsinkiInstant(order.day, '23:00')!, 120) }
  const overnight = screenExperts(db, late, frameOf(late, settings, now))
  t.equal(overnight.screened[overnight.ids.indexOf(aino.id)], screenedBy.availability, 'work into the next day')
})
