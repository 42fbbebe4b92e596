import t from 'tap'
import { passwordProblem, hashPassword, verifyPassword } from '../../../src/modules/auth/passwords.js'
import { parseLogin } from '../../../src/modules/auth/forms.js'
import { build, aUser, Browser } from '../../helper.js'
import { issuePasswordToken, setPasswordWithToken, passwordLinkDays } from '../../../src/modules/auth/service.js'

t.test('password rules: 8–128 characters, no common passwords, no composition rules', async (t) => {
  t.equal(passwordProblem('short'), 'password.tooShort')
  t.equal(passwordProblem('x'.repeat(129)), 'password.tooLong')
  t.equal(passwordProblem('password'), 'password.common')
  t.equal(passwordProblem('Tilaus-2026-kevät'), undefined, 'not in the list')
  t.equal(passwordProblem('12345678'), 'password.common')
  t.equal(passwordProblem('qwertyuiop'), 'password.common')
  t.equal(passwordProblem('kesä on paras vuodenaika'), undefined)
  t.equal(passwordProblem('ääääääää'), undefined, 'characters, not bytes')
})

t.test('argon2id hashes with at least 19 MiB and 2 passes', async (t) => {
  const hash = await hashPassword('kesä on paras vuodenaika')
  t.match(hash, /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/)
  t.ok(await verifyPassword(hash, 'kesä on paras vuodenaika'))
  t.notOk(await verifyPassword(hash, 'talvi on paras vuodenaika'))
  t.notOk(await verifyPassword(null, 'anything'), 'no account: false, after the same work')
})

t.test('login returns to the page that asked for it', async (t) => {
  const { app, db } = await build(t)
  const user = await aUser(db, { role: 'admin' })
  const browser = new Browser(app)
  const redirect = await browser.get('/admin/outbox')
  t.equal(redirect.headers.location, '/login?next=%2Fadmin%2Foutbox')
  const form = await browser.get(redirect.headers.location as string)
  t.match(form.body, 'name="next" value="/admin/outbox"')
  const response = await browser.post('/login', { email: user.email, password: 'correct horse battery staple', next: '/admin/outbox' })
  t.equal(response.headers.location, '/admin/outbox')
  t.equal((await browser.get('/login')).headers.location, '/', 'a signed-in user is sent home from /login')
})

t.test('a password link is single-use, expires, and ends earlier links', async (t) => {
  const { app, db } = await build(t)
  const user = await aUser(db, { role: 'expert' })
  const older = issuePasswordToken(db, user.id, 'invitation')
  const token = issuePasswordToken(db, user.id, 'reset')
  t.equal((await app.inject({ url: `/password/${older}` })).statusCode, 404, 'the older link ended')
  const browser = new Browser(app)
  const page = await browser.get(`/password/${token}`)
  t.equal(page.statusCode, 200)
  t.match(page.body, user.email)
  const short = await browser.post(`/password/${token}`, { password: 'lyhyt', confirmation: 'lyhyt' }, { from: `/password/${token}` })
  t.equal(short.statusCode, 422)
  t.match(short.body, 'vähintään 8 merkkiä')
  const mismatch = await browser.post(`/password/${token}`, { password: 'pitkä ja hyvä lause', confirmation: 'toinen lause' }, { from: `/password/${token}` })
  t.equal(mismatch.statusCode, 422)
  t.match(mismatch.body, 'Salasanat eivät ole samat.')
  const common = await browser.post(`/password/${token}`, { password: 'password1', confirmation: 'password1' }, { from: `/password/${token}` })
  t.match(common.body, 'liian yleinen')
  const empty = await browser.post(`/password/${token}`, {}, { from: `/password/${token}` })
  t.match(empty.body, 'Tämä tieto on pakollinen.')
  const ok = await browser.post(`/password/${token}`, { password: 'pitkä ja hyvä lause', confirmation: 'pitkä ja hyvä lause' }, { from: `/password/${token}` })
  t.equal(ok.statusCode, 303)
  const home = await browser.get('/')
  t.equal(home.statusCode, 200)
  t.match(home.body, 'Salasana tallennettu.')
  const reused = await new Browser(app).post(`/password/${token}`, { password: 'kolmas hyvä lause', confirmation: 'kolmas hyvä lause' }, { from: '/login' })
  t.equal(reused.statusCode, 404)
  t.match(reused.body, 'Linkki on vanhentunut tai jo käytetty.')
  t.same(await setPasswordWithToken(db, token, 'kolmas hyvä lause'), { ok: false, error: 'invalid_link' })
  await new Browser(app).login(user.email, 'pitkä ja hyvä lause')
  t.equal(passwordLinkDays, 7)
})

t.test('a password link used twice at once sets the password once', async (t) => {
  const { app, db } = await build(t)
  const user = await aUser(db, { role: 'expert' })
  const token = issuePasswordToken(db, user.id, 'invitation')
  const first = new Browser(app)
  const second = new Browser(app)
  await first.get(`/password/${token}`)
  await second.get(`/password/${token}`)
  // Both find the link valid, then both hash (argon2, asynchronous) before claiming it: one claim wins.
  const answers = await Promise.all([
    first.post(`/password/${token}`, { password: 'ensimmäinen hyvä lause', confirmation: 'ensimmäinen hyvä lause' }, { from: `/password/${token}` }),
    second.post(`/password/${token}`, { password: 'toinen hyvä lause tässä', confirmation: 'toinen hyvä lause tässä' }, { from: `/password/${token}` }),
  ])
  t.same(answers.map((a) => a.statusCode).sort(), [303, 404])
  t.match(answers.find((a) => a.statusCode === 404)!.body, 'Linkki on vanhentunut tai jo käytetty.')
})

t.test('a sign-in form without a password field asks for one', async (t) => {
  t.same(parseLogin({ email: 'Anna@Alue.fi' }).errors, { password: { key: 'form.required' } })
  t.equal(parseLogin({ email: 'Anna@Alue.fi', password: ' with spaces ' }).values.password, ' with spaces ', 'never trimmed')
})
