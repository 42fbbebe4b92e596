import t from 'tap'
import { build, aUser, Browser, password } from '../../helper.js'

t.test('a user signs in to their home and out again', async (t) => {
  const { app, db } = await build(t)
  const user = await aUser(db, { role: 'coordinator', name: 'Kaisa K' })
  const browser = new Browser(app)
  const login = await browser.get('/login')
  t.equal(login.statusCode, 200)
  t.match(login.body, '<html lang="fi">')
  const response = await browser.post('/login', { email: user.email.toUpperCase(), password })
  t.equal(response.statusCode, 303)
  t.equal(response.headers.location, '/')
  const home = await browser.get('/')
  t.equal(home.statusCode, 200)
  t.match(home.body, 'Hei, Kaisa K!')
  const out = await browser.post('/logout', {}, { from: '/' })
  t.equal(out.statusCode, 303)
  t.equal((await browser.get('/')).statusCode, 303)
})
