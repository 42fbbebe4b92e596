import t from 'tap'
import { build, aUser, Browser, password } from '../helper.js'
import { loginAttempts } from '../../db/schema.js'

t.test('five failed logins lock the account for 15 minutes, even for the right password', async (t) => {
  const { app, db } = await build(t)
  const user = await aUser(db, { role: 'coordinator' })
  const browser = new Browser(app)
  for (let i = 0; i < 5; i++) {
    const failed = await browser.post('/login', { email: user.email, password: 'wrong password' })
    t.equal(failed.statusCode, 401)
    t.match(failed.body, 'Sähköpostiosoite tai salasana on väärin.')
  }
  const locked = await browser.post('/login', { email: user.email, password })
  t.equal(locked.statusCode, 429)
  t.match(locked.body, 'Liian monta epäonnistunutta kirjautumista. Yritä uudelleen 15 minuutin kuluttua.')
  const attempts = db.select().from(loginAttempts).all()
  t.equal(attempts.length, 6, 'every attempt is recorded')
  t.notOk(JSON.stringify(attempts).includes(user.email), 'the e-mail is stored only as a keyed hash')
  t.notOk(JSON.stringify(attempts).includes('wrong password'), 'no password is stored')
  const other = await aUser(db, { role: 'coordinator' })
  t.equal((await new Browser(app).post('/login', { email: other.email, password })).statusCode, 303, 'other accounts still sign in')
})

t.test('one address gets at most 20 login posts in 15 minutes', async (t) => {
  const { app, db } = await build(t)
  const user = await aUser(db, { role: 'coordinator' })
  const browser = new Browser(app)
  const token = await browser.csrfToken('/login')
  const post = () => app.inject({
    method: 'POST', url: '/login', remoteAddress: '203.0.113.9',
    payload: new URLSearchParams({ _csrf: token, email: `nobody${Math.random()}@example.fi`, password: 'x' }).toString(),
    headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  })
  for (let i = 0; i < 20; i++) t.equal((await post()).statusCode, 401)
  const limited = await post()
  t.equal(limited.statusCode, 429)
  t.match(limited.body, 'Liian monta yritystä')
  t.ok(limited.headers['retry-after'])
  const elsewhere = await new Browser(app).post('/login', { email: user.email, password })
  t.equal(elsewhere.statusCode, 303, 'another address is not affected')
})

t.test('the login form asks for both fields', async (t) => {
  const { app } = await build(t)
  const response = await new Browser(app).post('/login', { email: '', password: '' })
  t.equal(response.statusCode, 422)
  t.match(response.body, 'Tämä tieto on pakollinen.')
  t.match(response.body, 'aria-invalid="true"')
})
