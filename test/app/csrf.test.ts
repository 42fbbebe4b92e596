import t from 'tap'
import { build, aUser, Browser, password, signedIn } from '../helper.js'
import { users } from '../../db/schema.js'

t.test('a form posted without a CSRF token is refused and changes nothing', async (t) => {
  const { app, db } = await build(t)
  const user = await aUser(db, { role: 'coordinator' })
  const browser = new Browser(app)
  await browser.get('/login')
  const response = await browser.post('/login', { email: user.email, password }, { csrf: false })
  t.equal(response.statusCode, 403)
  t.match(response.body, 'Lomakkeen tarkiste puuttui')
  t.notOk(browser.cookies.has('kokemus_session') && (await browser.get('/')).statusCode === 200, 'not signed in')
})

t.test('a wrong CSRF token is refused', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedIn(app, db, 'admin')
  const before = db.select().from(users).all().length
  const response = await app.inject({
    method: 'POST', url: '/logout', payload: '_csrf=forged-token',
    headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  })
  t.equal(response.statusCode, 403)
  t.equal((await browser.get('/')).statusCode, 200, 'still signed in: the logout did not happen')
  t.equal(db.select().from(users).all().length, before)
})

t.test('a token from another session does not work', async (t) => {
  const { app, db } = await build(t)
  const { browser: first } = await signedIn(app, db, 'admin')
  const { browser: second } = await signedIn(app, db, 'admin')
  const token = await first.csrfToken('/')
  const response = await app.inject({
    method: 'POST', url: '/logout', payload: `_csrf=${encodeURIComponent(token)}`,
    headers: { cookie: second.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  })
  t.equal(response.statusCode, 403)
})
