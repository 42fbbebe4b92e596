import t from 'tap'
import { build, signedIn, aUser, Browser, password } from '../../helper.js'
import { auditRows, mailsTo, passwordPath, userRow } from './support.js'

t.test('disabling ends the user’s sessions and stops their sign-in; enabling lets them back', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  const { browser: theirs, user: target } = await signedIn(app, db, 'coordinator', { regionId: admin.regionId })
  const page = `/admin/users/${target.id}`
  t.match((await browser.get(page)).body, '<dd>1</dd>', 'one live session')

  const disabled = await browser.post(`${page}/disabling`, {}, { from: page })
  t.equal(disabled.statusCode, 303)
  t.equal(disabled.headers.location, page)
  t.equal(userRow(db, target.id).active, false)
  t.equal(auditRows(db, 'disable', target.id).length, 1)
  const shown = await browser.get(page)
  t.match(shown.body, 'Käyttäjä on poistettu käytöstä ja hänen istuntonsa päätetty.')
  t.match(shown.body, '<dd>Poistettu käytöstä</dd>')
  t.match(shown.body, '<dd>0</dd>')
  t.match(shown.body, `action="${page}/enabling"`)

  const refused = await theirs.get('/')
  t.equal(refused.statusCode, 303, 'the existing session is refused')
  t.match(refused.headers.location, /^\/login/)
  const again = await new Browser(app).post('/login', { email: target.email, password })
  t.equal(again.statusCode, 401, 'a disabled user cannot sign in')

  const enabled = await browser.post(`${page}/enabling`, {}, { from: page })
  t.equal(enabled.statusCode, 303)
  t.equal(userRow(db, target.id).active, true)
  t.equal(auditRows(db, 'enable', target.id).length, 1)
  t.match((await browser.get(page)).body, 'Käyttäjä on otettu käyttöön.')
  t.equal((await new Browser(app).post('/login', { email: target.email, password })).statusCode, 303, 'the old password works again')
})

t.test('an admin cannot disable themself', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  const page = `/admin/users/${admin.id}`
  const refused = await browser.post(`${page}/disabling`, {}, { from: page })
  t.equal(refused.statusCode, 303)
  t.equal(refused.headers.location, page)
  t.equal(userRow(db, admin.id).active, true)
  t.equal(auditRows(db, 'disable').length, 0)
  t.match((await browser.get(page)).body, /flash-error.*Et voi poistaa omaa tunnustasi käytöstä./)
})

t.test('a password reset ends the old password and sessions and mails a working link', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  const { browser: theirs, user: target } = await signedIn(app, db, 'expert', { regionId: admin.regionId })
  const page = `/admin/users/${target.id}`
  const reset = await browser.post(`${page}/password-reset`, {}, { from: page })
  t.equal(reset.statusCode, 303)
  t.equal(reset.headers.location, page)
  t.equal(userRow(db, target.id).passwordHash, null)
  t.equal(auditRows(db, 'password_reset', target.id).length, 1)
  t.match((await browser.get(page)).body, 'Uusi salasanalinkki on lähetetty.')
  t.equal((await theirs.get('/')).statusCode, 303, 'the session has ended')
  t.equal((await new Browser(app).post('/login', { email: target.email, password })).statusCode, 401, 'the old password fails')

  const [mail] = mailsTo(db, target.email)
  t.equal(mail!.subject, 'Uusi salasanalinkki Kokemus-palveluun')
  t.match(mail!.body, 'voimassa 7 päivää')
  const link = passwordPath(mail!.body)
  const fresh = new Browser(app)
  t.equal((await fresh.get(link)).statusCode, 200)
  const saved = await fresh.post(link, { password: 'my brand new pass phrase', confirmation: 'my brand new pass phrase' }, { from: link })
  t.equal(saved.statusCode, 303)
  t.equal((await fresh.get('/')).statusCode, 200, 'signed in with the new password')
  t.equal((await new Browser(app).post('/login', { email: target.email, password: 'my brand new pass phrase' })).statusCode, 303)
})

t.test('ending sessions signs the user out everywhere but lets them sign in again', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  const { browser: phone, user: target } = await signedIn(app, db, 'manager', { regionId: admin.regionId })
  const laptop = new Browser(app)
  await laptop.login(target.email)
  const page = `/admin/users/${target.id}`
  t.match((await browser.get(page)).body, '<dd>2</dd>')
  const ended = await browser.post(`${page}/session-ending`, {}, { from: page })
  t.equal(ended.statusCode, 303)
  t.equal(ended.headers.location, page)
  t.equal(auditRows(db, 'sessions_ended', target.id).length, 1)
  t.match((await browser.get(page)).body, 'Käyttäjän istunnot on päätetty.')
  t.equal((await phone.get('/')).statusCode, 303)
  t.equal((await laptop.get('/')).statusCode, 303)
  t.equal(userRow(db, target.id).active, true)
  await laptop.login(target.email)
  t.equal((await laptop.get('/')).statusCode, 200)
})

t.test('the actions of another user’s page are offered by state', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  const inactive = await aUser(db, { role: 'pair_worker', regionId: admin.regionId, active: false })
  const body = (await browser.get(`/admin/users/${inactive.id}`)).body
  t.match(body, '/enabling"')
  t.notMatch(body, '/disabling"')
  t.match(body, '/password-reset"')
  t.match(body, '/session-ending"')
})
