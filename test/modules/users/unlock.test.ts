import t from 'tap'
import { build, signedIn, aUser, Browser, password } from '../../helper.js'
import { loginAttempts } from '../../../db/schema.js'
import { accountKeyOf } from '../../../src/modules/auth/service.js'
import { testConfig } from '../../../src/config.js'
import { isoPlus } from '../../../src/lib/dates.js'
import { formatsFor } from '../../../src/lib/format.js'
import type { Db } from '../../../src/db.js'
import { auditRows } from './support.js'

// Five failed sign-ins of the account, the last a minute ago: locked for 14 more minutes.
function lockOut (db: Db, email: string): string {
  const accountKey = accountKeyOf(testConfig().sessionSecret, email)
  const last = new Date(Date.now() - 60 * 1000).toISOString()
  for (let i = 0; i < 5; i++) db.insert(loginAttempts).values({ at: isoPlus(last, -i * 1000), ip: '198.51.100.1', accountKey, success: false }).run()
  return isoPlus(last, 15 * 60 * 1000)
}

t.test('an admin sees that a user is locked and until when, and unlocks them; the unlock is audited', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  const target = await aUser(db, { role: 'coordinator', regionId: admin.regionId, name: 'Lukittu Liisa' })
  const other = await aUser(db, { role: 'coordinator', regionId: admin.regionId, name: 'Vapaa Ville' })
  const lockedUntil = lockOut(db, target.email)
  const until = formatsFor('fi').clockOf(lockedUntil)
  t.equal((await new Browser(app).post('/login', { email: target.email, password })).statusCode, 429, 'locked')

  const list = await browser.get('/admin/users')
  t.match(list.body, new RegExp(`Lukittu Liisa</a></th>[\\s\\S]*?Lukittu klo ${until.replace('.', '\\.')} asti`))
  t.equal(list.body.match(/Lukittu klo/g)?.length, 1, 'only the locked user is marked')
  t.notMatch((await browser.get(`/admin/users/${other.id}`)).body, '/unlocking"', 'no unlock offered for an open account')

  const page = `/admin/users/${target.id}`
  const shown = await browser.get(page)
  t.match(shown.body, `Lukittu klo ${until} asti`)
  t.match(shown.body, `action="${page}/unlocking"`)
  t.match((await browser.get(`${page}?lang=en`)).body, `Locked until ${formatsFor('en').clockOf(lockedUntil)}`)
  await browser.get(`${page}?lang=fi`)

  const unlocked = await browser.post(`${page}/unlocking`, {}, { from: page })
  t.equal(unlocked.statusCode, 303)
  t.equal(unlocked.headers.location, page)
  const [row] = auditRows(db, 'unlock', target.id)
  t.match(row, { actorUserId: admin.id, regionId: admin.regionId, subjectType: 'user' })
  const after = await browser.get(page)
  t.match(after.body, 'Lukitus on avattu. Käyttäjä voi kirjautua.')
  t.notMatch(after.body, 'Lukittu klo')
  t.equal((await new Browser(app).post('/login', { email: target.email, password })).statusCode, 303, 'the user signs in at once')
  t.equal(db.select().from(loginAttempts).all().filter((a) => !a.success).length, 0, 'the failures that locked the account are gone')
})

t.test('unlocking an account that is not locked changes nothing and says so', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  const target = await aUser(db, { role: 'expert', regionId: admin.regionId })
  const page = `/admin/users/${target.id}`
  const response = await browser.post(`${page}/unlocking`, {}, { from: page })
  t.equal(response.statusCode, 303)
  t.equal(auditRows(db, 'unlock').length, 0)
  t.match((await browser.get(page)).body, /flash-error.*Tunnus ei ole lukittu./)
})

t.test('unlocking needs the CSRF token, the admin role and the admin’s own region', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  const target = await aUser(db, { role: 'coordinator', regionId: admin.regionId })
  lockOut(db, target.email)
  const url = `/admin/users/${target.id}/unlocking`
  t.equal((await browser.post(url, {}, { csrf: false })).statusCode, 403, 'no token')
  const { browser: coordinator } = await signedIn(app, db, 'coordinator', { regionId: admin.regionId })
  t.equal((await coordinator.post(url, {}, { from: '/' })).statusCode, 403, 'not an admin')
  const { browser: stranger } = await signedIn(app, db, 'admin')
  t.equal((await stranger.post(url, {}, { from: '/' })).statusCode, 404, 'another region’s admin')
  t.equal(auditRows(db, 'unlock').length, 0)
  t.equal((await new Browser(app).post('/login', { email: target.email, password })).statusCode, 429, 'still locked')
})
