import t from 'tap'
import { eq } from 'drizzle-orm'
import { build, signedIn, Browser, aUser, anExpert } from '../../helper.js'
import { users, type Role } from '../../../db/schema.js'
import { formatDate } from '../../../src/lib/dates.js'
import { aConfirmedAssignment, auditRows } from './support.js'

t.test('a coordinator sees the assignment with the cancellation form', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const { assignment, expert, order } = await aConfirmedAssignment(db, { regionId: user.regionId, expert: { displayName: 'Tuuli', realName: 'Aino Virtanen' }, order: { topic: 'Nuorten ääni' } })
  const page = await browser.get(`/assignments/${assignment.id}`)
  t.equal(page.statusCode, 200)
  t.match(page.body, '<h1>Nuorten ääni</h1>')
  t.match(page.body, 'Tuuli')
  t.notMatch(page.body, 'Aino Virtanen')
  t.match(page.body, `${formatDate(order.startsAt)} klo 10.00, kesto 2 h`)
  t.match(page.body, 'Vahvistettu')
  t.match(page.body, `href="/orders/${order.id}"`)
  t.match(page.body, `action="/assignments/${assignment.id}/cancellation"`)
  t.notMatch(page.body, '/completion"', 'no completion before the start')
  t.notMatch(page.body, '/debrief"')
  t.match(auditRows(db, 'read', expert.id), [{ actorUserId: user.id, detail: `assignment:${assignment.id}` }])
})

t.test('an orderer of the unit sees the display name, times, status and the cancel form only', async (t) => {
  const { app, db } = await build(t)
  const { assignment, orderer, regionId } = await aConfirmedAssignment(db, { expert: { displayName: 'Tuuli', realName: 'Aino Virtanen' }, order: { load: 'heavy' } })
  const browser = new Browser(app)
  await browser.login(orderer.email)
  const page = await browser.get(`/assignments/${assignment.id}`)
  t.equal(page.statusCode, 200)
  t.match(page.body, 'Tuuli')
  t.notMatch(page.body, 'Aino Virtanen')
  t.match(page.body, '/cancellation"')
  t.notMatch(page.body, '/completion"')
  const colleague = await signedIn(app, db, 'orderer', { regionId, orderingUnitId: orderer.orderingUnitId })
  t.equal((await colleague.browser.get(`/assignments/${assignment.id}`)).statusCode, 200, 'any orderer of the same unit')
})

t.test('the expert sees their own assignment', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'expert')
  const { assignment } = await aConfirmedAssignment(db, { regionId: user.regionId, expert: { userId: user.id } })
  const page = await browser.get(`/assignments/${assignment.id}`)
  t.equal(page.statusCode, 200)
  t.match(page.body, 'href="/me/offers"')
  t.match(page.body, '/cancellation"')
})

t.test('others do not find the assignment; managers and admins are refused; anonymous visitors sign in', async (t) => {
  const { app, db } = await build(t)
  const { assignment, regionId } = await aConfirmedAssignment(db)
  const url = `/assignments/${assignment.id}`
  const posts = [`${url}/cancellation`, `${url}/completion`, `${url}/debrief`]
  const foreign = [
    await signedIn(app, db, 'coordinator'),
    await signedIn(app, db, 'pair_worker'),
    await signedIn(app, db, 'orderer', { regionId }),
  ]
  const expertUser = await signedIn(app, db, 'expert', { regionId })
  anExpert(db, { regionId, userId: expertUser.user.id })
  const unitless = await aUser(db, { role: 'orderer', regionId })
  db.update(users).set({ orderingUnitId: null }).where(eq(users.id, unitless.id)).run()
  const unitlessBrowser = new Browser(app)
  await unitlessBrowser.login(unitless.email)
  for (const browser of [...foreign.map((f) => f.browser), expertUser.browser, unitlessBrowser]) {
    t.equal((await browser.get(url)).statusCode, 404)
    t.equal((await browser.post(`${url}/cancellation`, { reason: 'x' }, { from: '/' })).statusCode, 404)
  }
  for (const browser of [foreign[0]!.browser, foreign[1]!.browser]) {
    for (const post of posts.slice(1)) t.equal((await browser.post(post, {}, { from: '/' })).statusCode, 404)
  }
  for (const role of ['manager', 'admin'] as Role[]) {
    const { browser } = await signedIn(app, db, role, { regionId })
    t.equal((await browser.get(url)).statusCode, 403, role)
    for (const post of posts) t.equal((await browser.post(post, { reason: 'x' }, { from: '/' })).statusCode, 403, `${role} ${post}`)
  }
  for (const role of ['orderer', 'expert'] as Role[]) {
    const { browser } = await signedIn(app, db, role, { regionId })
    for (const post of posts.slice(1)) t.equal((await browser.post(post, {}, { from: '/' })).statusCode, 403, `${role} ${post}`)
  }
  const anonymous = new Browser(app)
  t.equal((await anonymous.get(url)).headers.location, `/login?next=${encodeURIComponent(url)}`)
  for (const post of posts) t.equal((await anonymous.post(post, {}, { csrf: false })).headers.location, '/login')
  const coordinator = await signedIn(app, db, 'coordinator', { regionId })
  t.equal((await coordinator.browser.get('/assignments/abc')).statusCode, 404)
  t.equal(db.$client.prepare("select status from assignments where id = ?").pluck().get(assignment.id), 'confirmed')
})
