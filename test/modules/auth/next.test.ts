import t from 'tap'
import { pageMatcher, safeNext } from '../../../src/modules/auth/forms.js'
import { build, aUser, Browser, password } from '../../helper.js'

const routes = [
  { method: 'GET', url: '/' },
  { method: ['GET', 'HEAD'], url: '/orders' },
  { method: 'GET', url: '/orders/:id' },
  { method: 'GET', url: '/reports/:year.csv' },
  { method: 'GET', url: '/static/*' },
  { method: 'POST', url: '/logout' },
]
const isPage = pageMatcher(routes)

t.test('the router’s GET routes are the known pages', async (t) => {
  t.ok(isPage('/'))
  t.ok(isPage('/orders'))
  t.ok(isPage('/orders/12'))
  t.ok(isPage('/reports/2026.csv'))
  t.ok(isPage('/static/app.css'))
  t.notOk(isPage('/orders/12/edit'), 'no such route')
  t.notOk(isPage('/reports/2026xcsv'), 'a dot is a dot')
  t.notOk(isPage('/logout'), 'POST only')
  t.notOk(isPage('/nowhere'))
})

t.test('after login only a known page of this site is returned to', async (t) => {
  t.equal(safeNext('/orders?x=1', isPage), '/orders?x=1', 'a known page, with its query')
  t.equal(safeNext('/orders/12#top', isPage), '/orders/12#top')
  t.equal(safeNext('/%09/evil.example', isPage), '/', 'an encoded tab')
  t.equal(safeNext('/\t/evil.example', isPage), '/', 'a raw tab')
  t.equal(safeNext('//evil.example', isPage), '/')
  t.equal(safeNext('/\\evil.example', isPage), '/')
  t.equal(safeNext('/static/%5Cevil.example', isPage), '/', 'an encoded backslash')
  t.equal(safeNext('/static/%2F/evil.example', isPage), '/', 'an encoded slash making //')
  t.equal(safeNext('/static/%E0%A4%A', isPage), '/', 'broken encoding')
  t.equal(safeNext('https://evil.example', isPage), '/')
  t.equal(safeNext('/nowhere', isPage), '/', 'an unknown path')
  t.equal(safeNext('/orders/ 12', isPage), '/', 'a space')
  t.equal(safeNext('', isPage), '/')
  t.equal(safeNext(undefined, isPage), '/')
})

t.test('the login page and form drop a next that is not a page of the app', async (t) => {
  const { app, db } = await build(t)
  const user = await aUser(db, { role: 'coordinator' })
  const browser = new Browser(app)
  t.match((await browser.get('/login?next=%2F%2509%2Fevil.example')).body, 'name="next" value="/"')
  t.match((await browser.get('/login?next=%2Forders%3Fx%3D1')).body, 'name="next" value="/orders?x=1"')
  const tab = await browser.post('/login', { email: user.email, password, next: '/%09/evil.example' })
  t.equal(tab.headers.location, '/')
  const again = new Browser(app)
  const known = await again.post('/login', { email: user.email, password, next: '/orders?x=1' })
  t.equal(known.headers.location, '/orders?x=1')
})
