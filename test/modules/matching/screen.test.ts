// The screen (queries.ts screenExperts) settles in SQL whom a rule that needs no assignments excludes,
// and matchOrder reads the whole facts only for the rest and for the excluded it shows. Over the demo
// region's orders, moved across two weeks and with their group and training asked or not, matching
// with the screen gives what the rules give on everyone's whole facts: the same eligible in the same
// order with the same standing, the same number excluded, the first excluded with every reason — and
// no one screened out whom the rules would let through.
import t from 'tap'
import { openDatabase, closeDatabase } from '../../../src/db.js'
import { seedDemo } from '../../../scripts/demo-data.js'
import { matchOrderOf, screenExperts, type MatchOrder } from '../../../src/modules/matching/queries.js'
import { matchOrder } from '../../../src/modules/matching/service.js'
import { frameOf } from '../../../src/modules/matching/rules.js'
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
  orders.forEach(({ id, regionId }, i) => {
    const found = matchOrderOf(db, regionId, id)!
    const settings = regionSettingsOf(db, regionId)
    const day = addDays(today(), 1 + (i % 14))
    const startsAt = helsinkiInstant(day, found.startTime)!
    const moved: MatchOrder = { ...found, day, startsAt, endsAt: minutesPlus(startsAt, found.durationMinutes) }
    const variants: MatchOrder[] = [moved, { ...moved, groupIds: [] }, { ...moved, groupIds: [], requiresBasicTraining: !moved.requiresBasicTraining }]
    for (const order of variants) {
      const whole = matchOrder(db, order, settings, now)
      const screened = matchOrder(db, order, settings, now, { excluded: 3 })
      t.same(screened.eligible, whole.eligible, `order ${id}: the same eligible`)
      t.equal(screened.excludedTotal, whole.excluded.length, `order ${id}: as many excluded`)
      t.same(screened.excluded, whole.excluded.slice(0, 3), `order ${id}: the first excluded, with every reason`)
      const eligibleIds = new Set(whole.eligible.map((c) => c.id))
      const screen = screenExperts(db, order, frameOf(order, settings, now))
      const wrongly = screen.ids.filter((expertId, k) => screen.screened[k] !== 0 && eligibleIds.has(expertId))
      t.same(wrongly, [], `order ${id}: no eligible expert is screened out`)
      compared++
      screenedOut += screen.screened.filter((s) => s !== 0).length
      eligible += whole.eligible.length
    }
  })
  t.ok(compared >= 60 && screenedOut > 0 && eligible > 0, `${compared} orders compared; the screen settled ${screenedOut} exclusions and let ${eligible} eligible through`)
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
