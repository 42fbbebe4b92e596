import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { build, aUser, Browser, password, signedIn } from '../helper.js'
import { openDatabase, closeDatabase } from '../../src/db.js'
import { sessions, users } from '../../db/schema.js'
import { buildApp, sessionSweepMs } from '../../src/app.js'
import { mock } from 'node:test'
import { testConfig } from '../../src/config.js'

t.test('a session survives a restart of the app', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kokemus-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const path = join(dir, 'test.db')
  const db1 = openDatabase(path)
  const app1 = await buildApp({ db: db1, config: testConfig() })
  const user = await aUser(db1, { role: 'manager', name: 'Eeva E' })
  const browser = new Browser(app1)
  await browser.login(user.email)
  await app1.close()
  closeDatabase(db1)

  const db2 = openDatabase(path)
  const app2 = await buildApp({ db: db2, config: testConfig() })
  t.teardown(async () => { await app2.close(); closeDatabase(db2) })
  const again = new Browser(app2)
  again.cookies = browser.cookies
  const home = await again.get('/')
  t.equal(home.statusCode, 200)
  t.match(home.body, 'Hei, Eeva E!')
})

t.test('login gives a new session id, with safe cookie flags', async (t) => {
  const { app, db } = await build(t)
  const user = await aUser(db, { role: 'coordinator' })
  const browser = new Browser(app)
  await browser.get('/login')
  t.notOk(browser.cookies.has('kokemus_session'), 'the login form starts no session')
  browser.cookies.set('kokemus_session', 'a-planted-id')
  const before = browser.cookies.get('kokemus_session')
  const response = await browser.post('/login', { email: user.email, password })
  const after = browser.cookies.get('kokemus_session')
  t.not(after, before)
  const header = [response.headers['set-cookie']].flat().join('\n')
  t.match(header, /HttpOnly/i)
  t.match(header, /SameSite=Lax/i)
  t.notMatch(header, /Secure/i, 'not Secure on plain http in development')
  const stored = db.select().from(sessions).all()
  t.notOk(stored.some((row) => after!.includes(row.idHash)), 'the id itself is not stored, only its hash')
  t.ok(stored.some((row) => row.userId === user.id))
})

t.test('the cookie is Secure when the app is configured for TLS', async (t) => {
  const { app, db } = await build(t, { config: { cookieSecure: true, production: true } })
  const user = await aUser(db, { role: 'coordinator' })
  const page = await app.inject({ url: '/login', headers: { 'x-forwarded-proto': 'https' } })
  const header = [page.headers['set-cookie']].flat().join('\n')
  t.match(header, /kokemus_csrf=.*Secure/i)
  t.ok(user)
})

t.test('logout ends the session on the server: the old cookie no longer works', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedIn(app, db, 'orderer')
  const oldCookie = browser.cookie
  const out = await browser.post('/logout', {}, { from: '/' })
  const cleared = (out.cookies as { name: string, value: string, expires?: Date }[]).find((c) => c.name === 'kokemus_session')
  t.equal(cleared?.value, '', 'the response clears the session cookie')
  t.ok(cleared!.expires!.getTime() < Date.now(), 'with an expiry in the past')
  t.notOk(browser.cookies.has('kokemus_session'))
  const reused = await app.inject({ url: '/', headers: { cookie: oldCookie } })
  t.equal(reused.statusCode, 303)
  t.equal(reused.headers.location, '/login?next=%2F')
})

t.test('disabling a user ends their sessions at once', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'expert')
  t.equal((await browser.get('/')).statusCode, 200)
  db.update(users).set({ active: false }).where(eq(users.id, user.id)).run()
  t.equal((await browser.get('/')).statusCode, 303)
  t.equal(db.select().from(sessions).where(eq(sessions.userId, user.id)).all().length, 0)
  const again = await new Browser(app).post('/login', { email: user.email, password })
  t.equal(again.statusCode, 401, 'a disabled user cannot sign in')
})

t.test('a session ends after 30 idle minutes', async (t) => {
  const { app, db, clock } = await build(t)
  const { browser } = await signedIn(app, db, 'coordinator')
  clock.now += 29 * 60 * 1000
  t.equal((await browser.get('/')).statusCode, 200, 'still there after 29 minutes')
  clock.now += 31 * 60 * 1000
  t.equal((await browser.get('/')).statusCode, 303, 'gone after 31 idle minutes')
})

t.test('a session ends after 12 hours however active', async (t) => {
  const { app, db, clock } = await build(t)
  const { browser } = await signedIn(app, db, 'coordinator')
  for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
    clock.now += 25 * 60 * 1000
    t.equal((await browser.get('/')).statusCode, 200)
  }
  clock.now += 25 * 60 * 1000
  t.equal((await browser.get('/')).statusCode, 303, 'ended past 12 hours')
})

t.test('expired sessions are swept every minute, without anyone signing in', async (t) => {
  mock.timers.enable({ apis: ['setInterval'] })
  t.teardown(() => mock.timers.reset())
  const { app, db, clock } = await build(t)
  const { user: idle } = await signedIn(app, db, 'coordinator')
  clock.now += 20 * 60 * 1000
  const { user: recent } = await signedIn(app, db, 'coordinator')
  clock.now += 11 * 60 * 1000
  const owners = () => db.select({ userId: sessions.userId }).from(sessions).all().map((row) => row.userId)
  t.same(owners(), [idle.id, recent.id], 'nothing is swept before the minute')
  mock.timers.tick(sessionSweepMs)
  t.same(owners(), [recent.id], 'the session idle for 31 minutes is gone, the other kept')
})

t.test('a page view does not rewrite the session; last seen is kept to the minute', async (t) => {
  const { app, db, clock } = await build(t)
  const { browser } = await signedIn(app, db, 'coordinator')
  const seen = () => db.select({ lastSeenAt: sessions.lastSeenAt, data: sessions.data }).from(sessions).get()!
  await browser.get('/')
  const before = seen()
  clock.now += 30 * 1000
  t.equal((await browser.get('/')).statusCode, 200)
  t.same(seen(), before, 'within a minute: nothing written')
  clock.now += 30 * 1000
  t.equal((await browser.get('/')).statusCode, 200)
  t.equal(seen().lastSeenAt, new Date(clock.now).toISOString(), 'after a minute: last seen moves')
  t.equal(seen().data, before.data, 'the session itself is not rewritten')
})
