import t from 'tap'
import { build, aUser, Browser, password, signedIn } from '../helper.js'
import { eq } from 'drizzle-orm'
import { sessions, users } from '../../db/schema.js'
import { issuePasswordToken } from '../../src/modules/auth/service.js'

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

t.test('the anonymous login page writes no session row, and its form still signs in', async (t) => {
  const { app, db } = await build(t)
  const user = await aUser(db, { role: 'coordinator' })
  const rows = () => db.select().from(sessions).all().length
  const browser = new Browser(app)
  for (let i = 0; i < 3; i++) t.equal((await browser.get('/login')).statusCode, 200)
  t.equal(rows(), 0, 'no row for three anonymous page views')
  t.notOk(browser.cookies.has('kokemus_session'), 'no session cookie')
  t.ok(browser.cookies.has('kokemus_csrf'), 'the CSRF secret is in its own signed cookie')
  const token = await browser.csrfToken('/login')
  const signedInResponse = await app.inject({
    method: 'POST', url: '/login', payload: new URLSearchParams({ _csrf: token, email: user.email, password }).toString(),
    headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  })
  t.equal(signedInResponse.statusCode, 303)
  t.equal(rows(), 1, 'the sign-in is the first write')
})

t.test('an anonymous form needs both its token and its cookie', async (t) => {
  const { app, db } = await build(t)
  const user = await aUser(db, { role: 'coordinator' })
  const browser = new Browser(app)
  const token = await browser.csrfToken('/login')
  const post = (cookie: string) => app.inject({
    method: 'POST', url: '/login', payload: new URLSearchParams({ _csrf: token, email: user.email, password }).toString(),
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
  })
  t.equal((await post('')).statusCode, 403, 'a token without its cookie')
  const other = new Browser(app)
  await other.get('/login')
  t.equal((await post(other.cookie)).statusCode, 403, 'a token with another visitor’s cookie')
  const secret = browser.cookies.get('kokemus_csrf')!
  t.equal((await post(`kokemus_csrf=${secret.replace(/\..*$/, '.forged')}`)).statusCode, 403, 'a cookie with a bad signature')
  t.equal(db.select().from(sessions).all().length, 0, 'nobody signed in')
  t.equal((await post(browser.cookie)).statusCode, 303, 'the pair of them signs in')
})

t.test('a password link’s form is refused without its token, and nothing is set', async (t) => {
  const { app, db } = await build(t)
  const user = await aUser(db, { role: 'expert' })
  const token = issuePasswordToken(db, user.id, 'invitation')
  const browser = new Browser(app)
  await browser.get(`/password/${token}`)
  const refused = await browser.post(`/password/${token}`, { password: 'pitkä ja hyvä lause', confirmation: 'pitkä ja hyvä lause' }, { csrf: false })
  t.equal(refused.statusCode, 403)
  t.equal(db.select().from(users).where(eq(users.id, user.id)).get()!.passwordHash, user.passwordHash, 'the password is unchanged')
  t.equal(db.select().from(sessions).all().length, 0)
})

t.test('a token from the signed-out login page does not serve a signed-in session', async (t) => {
  const { app, db } = await build(t)
  const user = await aUser(db, { role: 'admin' })
  const browser = new Browser(app)
  const anonymous = await browser.csrfToken('/login')
  await browser.login(user.email)
  const response = await app.inject({
    method: 'POST', url: '/logout', payload: `_csrf=${encodeURIComponent(anonymous)}`,
    headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  })
  t.equal(response.statusCode, 403)
  t.equal((await browser.get('/')).statusCode, 200, 'still signed in')
})
