import t from 'tap'
import { build } from '../helper.js'

t.test('every registered route declares who may use it', async (t) => {
  const { app } = await build(t)
  await app.ready()
  t.ok(app.routeTable.length > 10, 'routes were enumerated')
  const undeclared = app.routeTable.filter((route) => !route.access).map((route) => `${String(route.method)} ${route.url}`)
  t.same(undeclared, [], 'no route without an access rule')
  for (const route of app.routeTable) {
    const access = route.access!
    if ('roles' in access) t.ok(access.roles.length > 0, `${route.url} names at least one role`)
  }
})

t.test('a route without a declaration is refused even to a signed-in admin', async (t) => {
  const { app, db } = await build(t)
  app.get('/undeclared', async () => 'should never be served')
  const { signedIn } = await import('../helper.js')
  const { browser } = await signedIn(app, db, 'admin')
  const response = await browser.get('/undeclared')
  t.equal(response.statusCode, 403)
  t.notMatch(response.body, 'should never be served')
  const anonymous = await app.inject({ url: '/undeclared' })
  t.equal(anonymous.statusCode, 303)
  t.match(anonymous.headers.location, '/login?next=%2Fundeclared')
})
