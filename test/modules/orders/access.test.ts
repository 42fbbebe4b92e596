import t from 'tap'
import { build, signedIn, aRegion, aUnit, anOrder, anExpert, anAssignment, Browser } from '../../helper.js'
import { assignments, orders, type Role } from '../../../db/schema.js'
import { rowCount } from '../consents/support.js'

const pages = (id: number) => ['/orders', '/orders/new', `/orders/${id}`]
const forms = (id: number) => ['/orders', `/orders/${id}/cancellation`]

t.test('experts, managers and admins may not use the orders pages', async (t) => {
  const { app, db } = await build(t)
  for (const role of ['expert', 'manager', 'admin'] as Role[]) {
    const { browser, user } = await signedIn(app, db, role)
    const order = anOrder(db, { regionId: user.regionId })
    for (const url of pages(order.id)) t.equal((await browser.get(url)).statusCode, 403, `${role} GET ${url}`)
    for (const url of forms(order.id)) t.equal((await browser.post(url, { reason: 'x', topic: 'x' }, { from: '/' })).statusCode, 403, `${role} POST ${url}`)
  }
  t.equal(rowCount(db, orders), 3, 'no order created')
  t.equal(db.select().from(orders).all().filter((order) => order.status === 'cancelled').length, 0)
})

t.test('anonymous visitors are sent to sign in', async (t) => {
  const { app, db } = await build(t)
  const order = anOrder(db, { regionId: aRegion(db).id })
  const anonymous = new Browser(app)
  for (const url of pages(order.id)) {
    const response = await anonymous.get(url)
    t.equal(response.statusCode, 303, url)
    t.equal(response.headers.location, `/login?next=${encodeURIComponent(url)}`)
  }
  for (const url of forms(order.id)) {
    const response = await anonymous.post(url, {}, { csrf: false })
    t.equal(response.statusCode, 303, url)
    t.equal(response.headers.location, '/login')
  }
})

t.test('an orderer of another unit neither sees nor cancels the order', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'orderer')
  const order = anOrder(db, { regionId: user.regionId, orderingUnitId: aUnit(db, user.regionId).id })
  anAssignment(db, order.id, anExpert(db, { regionId: user.regionId }).id)
  t.equal((await browser.get(`/orders/${order.id}`)).statusCode, 404)
  t.equal((await browser.post(`/orders/${order.id}/cancellation`, { reason: 'x' }, { from: '/orders' })).statusCode, 404)
  t.equal(db.select().from(orders).get()!.status, 'matching')
  t.equal(db.select().from(assignments).get()!.status, 'confirmed')
})

t.test('another region’s coordinator neither sees nor cancels the order', async (t) => {
  const { app, db } = await build(t)
  const order = anOrder(db, { regionId: aRegion(db).id, topic: 'Piilossa pysyvä tilaus' })
  const { browser } = await signedIn(app, db, 'coordinator')
  t.notMatch((await browser.get('/orders')).body, 'Piilossa pysyvä tilaus')
  t.notMatch((await browser.get(`/orders?unit=${order.orderingUnitId}`)).body, 'Piilossa pysyvä tilaus')
  t.equal((await browser.get(`/orders/${order.id}`)).statusCode, 404)
  t.equal((await browser.post(`/orders/${order.id}/cancellation`, { reason: 'x' }, { from: '/orders' })).statusCode, 404)
  t.equal(db.select().from(orders).get()!.status, 'matching')
})

t.test('an order id that is not a number is not found', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedIn(app, db, 'coordinator')
  t.equal((await browser.get('/orders/abc')).statusCode, 404)
  t.equal((await browser.get('/orders/0')).statusCode, 404)
  t.equal((await browser.post('/orders/1.5/cancellation', { reason: 'x' }, { from: '/orders' })).statusCode, 404)
})
