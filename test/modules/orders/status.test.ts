import t from 'tap'
import { eq } from 'drizzle-orm'
import { build, aRegion, anOrder, anExpert, anOffer, anAssignment } from '../../helper.js'
import { orders } from '../../../db/schema.js'
import { orderStatusOf, refreshOrderStatus, type OrderStatusFacts } from '../../../src/modules/orders/status.js'

const base: OrderStatusFacts = {
  status: 'new', expertsWanted: 2, startsAt: '2026-12-01T08:00:00.000Z', endsAt: '2026-12-01T10:00:00.000Z', live: 0, completed: 0, offers: 0,
}
const before = '2026-11-30T08:00:00.000Z'
const during = '2026-12-01T09:00:00.000Z'
const after = '2026-12-01T11:00:00.000Z'

t.test('an order’s status follows from its places, offers and time', async (t) => {
  t.equal(orderStatusOf(base, before), 'new')
  t.equal(orderStatusOf({ ...base, offers: 1 }, before), 'matching')
  t.equal(orderStatusOf({ ...base, offers: 1 }, during), 'unfilled', 'started with nobody')
  t.equal(orderStatusOf({ ...base, live: 1 }, before), 'partly_filled')
  t.equal(orderStatusOf({ ...base, live: 2 }, before), 'filled')
  t.equal(orderStatusOf({ ...base, live: 2 }, after), 'filled', 'ended, but not every assignment completed')
  t.equal(orderStatusOf({ ...base, live: 2, completed: 2 }, during), 'filled', 'completed before the end')
  t.equal(orderStatusOf({ ...base, live: 1, completed: 1 }, after), 'done')
  t.equal(orderStatusOf({ ...base, status: 'cancelled', live: 1 }, before), 'cancelled', 'cancelled is final')
})

t.test('refreshOrderStatus stores the status when it changed', async (t) => {
  const { db } = await build(t)
  const regionId = aRegion(db).id
  const order = anOrder(db, { regionId, status: 'new' })
  const now = new Date().toISOString()
  t.equal(refreshOrderStatus(db, order.id, now), 'new')
  anOffer(db, order.id, anExpert(db, { regionId }).id)
  t.equal(refreshOrderStatus(db, order.id, now), 'matching')
  anAssignment(db, order.id, anExpert(db, { regionId }).id)
  t.equal(refreshOrderStatus(db, order.id, now), 'filled')
  t.equal(db.select().from(orders).where(eq(orders.id, order.id)).get()!.status, 'filled')
  t.throws(() => refreshOrderStatus(db, order.id + 1000, now), /no order/)
})
