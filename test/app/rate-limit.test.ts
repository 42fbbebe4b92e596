import t from 'tap'
import { eq } from 'drizzle-orm'
import { build, aUser, Browser, password } from '../helper.js'
import { loginAttempts } from '../../db/schema.js'
import { accountKeyOf, AddressFailures, lockedUntilOf } from '../../src/modules/auth/service.js'
import { testConfig } from '../../src/config.js'
import { isoPlus } from '../../src/lib/dates.js'
import { formatsFor } from '../../src/lib/format.js'
import type { FastifyInstance } from 'fastify'
import type { Db } from '../../src/db.js'

const minute = 60 * 1000

// A login post from an address, with a token from the login page.
async function poster (app: FastifyInstance, remoteAddress = '203.0.113.9') {
  const browser = new Browser(app)
  const token = await browser.csrfToken('/login')
  return (email: string, pw: string, lang = 'fi') => app.inject({
    method: 'POST', url: `/login?lang=${lang}`, remoteAddress,
    payload: new URLSearchParams({ _csrf: token, email, password: pw }).toString(),
    headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  })
}

// Failed attempts of an account as if made `minutesAgo` (each its own row), from another address.
function pastFailures (db: Db, email: string, minutesAgo: number[]) {
  const accountKey = accountKeyOf(testConfig().sessionSecret, email)
  for (const ago of minutesAgo) {
    db.insert(loginAttempts).values({ at: new Date(Date.now() - ago * minute).toISOString(), ip: '198.51.100.1', accountKey, success: false }).run()
  }
}

function clock (iso: string) {
  return formatsFor('fi').clockOf(iso)
}

t.test('five failed sign-ins lock the account for 15 minutes, even for the right password, and say until when', async (t) => {
  const { app, db } = await build(t)
  const user = await aUser(db, { role: 'coordinator' })
  const post = await poster(app)
  for (let i = 0; i < 4; i++) {
    const failed = await post(user.email, 'wrong password')
    t.equal(failed.statusCode, 401)
    t.match(failed.body, 'Sähköpostiosoite tai salasana on väärin.')
  }
  const fifth = await post(user.email, 'wrong password')
  const lockedAt = db.select().from(loginAttempts).all().at(-1)!.at
  const until = isoPlus(lockedAt, 15 * minute)
  t.equal(fifth.statusCode, 429, 'the fifth failure locks')
  t.match(fifth.body, `Yritä uudelleen klo ${clock(until)} (15 min kuluttua)`)
  t.ok(Number(fifth.headers['retry-after']) > 14 * 60 && Number(fifth.headers['retry-after']) <= 15 * 60, 'retry-after in seconds')

  const locked = await post(user.email, password, 'en')
  t.equal(locked.statusCode, 429, 'the right password is refused too')
  t.match(locked.body, `it is locked. Try again at ${formatsFor('en').clockOf(until)} (in 15 min)`)
  t.match((await post(user.email, password, 'sv')).body, `Försök igen kl. ${clock(until)}`)

  const attempts = db.select().from(loginAttempts).all()
  t.equal(attempts.length, 5, 'the five checked attempts are recorded; the refused ones are not')
  t.notOk(JSON.stringify(attempts).includes(user.email), 'the e-mail is stored only as a keyed hash')
  t.notOk(JSON.stringify(attempts).includes('wrong password'), 'no password is stored')
  const other = await aUser(db, { role: 'coordinator' })
  t.equal((await new Browser(app).post('/login', { email: other.email, password })).statusCode, 303, 'other accounts still sign in')
})

t.test('attempts during a lock do not extend it: it ends 15 minutes after the failure that caused it', async (t) => {
  const { app, db } = await build(t)
  const user = await aUser(db, { role: 'coordinator' })
  pastFailures(db, user.email, [20, 18, 16, 15, 14])
  const post = await poster(app)
  for (let i = 0; i < 10; i++) {
    const refused = await post(user.email, i % 2 ? password : 'wrong password')
    t.equal(refused.statusCode, 429)
    t.match(refused.body, '(1 min kuluttua)')
  }
  t.equal(db.select().from(loginAttempts).all().length, 5, 'the refused attempts left no row')
  // A minute later: the lock of the failure 14 minutes ago has ended.
  for (const row of db.select().from(loginAttempts).all()) db.update(loginAttempts).set({ at: isoPlus(row.at, -minute) }).where(eq(loginAttempts.id, row.id)).run()
  t.equal((await post(user.email, password)).statusCode, 303, 'the right password works once the 15 minutes are over')
})

t.test('failures spread over more than 15 minutes do not lock', async (t) => {
  const { app, db } = await build(t)
  const user = await aUser(db, { role: 'coordinator' })
  pastFailures(db, user.email, [16, 10, 8, 6])
  const post = await poster(app)
  t.equal((await post(user.email, 'wrong password')).statusCode, 401, 'the fifth within 15 minutes would lock; this is the fourth')
  t.equal((await post(user.email, password)).statusCode, 303)
})

t.test('20 and more successful sign-ins from one address never lock it', async (t) => {
  const { app, db } = await build(t)
  const people = await Promise.all(Array.from({ length: 5 }, () => aUser(db, { role: 'coordinator' })))
  const post = await poster(app)
  for (let i = 0; i < 25; i++) t.equal((await post(people[i % 5]!.email, password)).statusCode, 303, `sign-in ${i + 1}`)
  for (let i = 0; i < 4; i++) t.equal((await post(people[0]!.email, 'a typo')).statusCode, 401)
  t.equal((await post(people[0]!.email, password)).statusCode, 303, 'four typos and the right password: in')
})

t.test('20 failures from one address stop it for 15 minutes, saying until when; other addresses go on', async (t) => {
  const { app, db } = await build(t)
  const user = await aUser(db, { role: 'coordinator' })
  const post = await poster(app)
  for (let i = 0; i < 20; i++) t.equal((await post(`nobody${i}@example.fi`, 'x')).statusCode, 401)
  const rows = db.select().from(loginAttempts).all()
  const until = isoPlus(rows[0]!.at, 15 * minute)
  const stopped = await post(user.email, password)
  t.equal(stopped.statusCode, 429, 'even the right password is refused from that address')
  t.match(stopped.body, `Tästä verkko-osoitteesta on yritetty kirjautua liian monta kertaa väärin. Yritä uudelleen klo ${clock(until)}`)
  t.ok(Number(stopped.headers['retry-after']) > 14 * 60)
  t.equal(db.select().from(loginAttempts).all().length, 20, 'the refused attempt left no row')
  const elsewhere = await (await poster(app, '198.51.100.7'))(user.email, password)
  t.equal(elsewhere.statusCode, 303, 'another address is not affected')
})

t.test('the per-address count keeps 15 minutes of failures and forgets quiet addresses', async (t) => {
  const failures = new AddressFailures(3, 15 * minute, 2)
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 12, minutes)).toISOString()
  failures.record('a', at(0))
  failures.record('a', at(5))
  t.equal(failures.stoppedUntil('a', at(6)), null, 'two failures')
  failures.record('a', at(10))
  t.equal(failures.stoppedUntil('a', at(11)), at(15), 'three: stopped until the first is 15 minutes old')
  t.equal(failures.stoppedUntil('a', at(15)), null, 'then free again')
  failures.record('b', at(16))
  t.equal(failures.size, 2)
  failures.record('c', at(30))
  t.equal(failures.size, 2, 'a, quiet for 15 minutes, was forgotten when the table was full')
  failures.record('d', at(30))
  t.equal(failures.size, 3, 'addresses still in their window are kept')
})

t.test('the lock rule on a list of failures', async (t) => {
  const now = '2026-11-23T12:00:00.000Z'
  const ago = (minutes: number) => isoPlus(now, -minutes * minute)
  t.equal(lockedUntilOf([ago(1), ago(2), ago(3), ago(4)], now), null, 'four failures')
  t.equal(lockedUntilOf([ago(1), ago(2), ago(3), ago(4), ago(5)], now), isoPlus(ago(1), 15 * minute), 'five: until 15 minutes after the last')
  t.equal(lockedUntilOf([ago(1), ago(2), ago(3), ago(4), ago(16)], now), null, 'five over 15 minutes')
  t.equal(lockedUntilOf([ago(15), ago(16), ago(17), ago(18), ago(19)], now), null, 'a lock that has ended')
})

t.test('one address may post the login form at most 300 times in 15 minutes', async (t) => {
  const { app } = await build(t)
  const post = await poster(app)
  for (let i = 0; i < 300; i++) {
    const response = await post('', '')
    if (response.statusCode !== 422) t.fail(`post ${i + 1}: ${response.statusCode}`)
  }
  const limited = await post('', '')
  t.equal(limited.statusCode, 429)
  t.match(limited.body, 'Liian monta yritystä')
  t.ok(limited.headers['retry-after'])
})

t.test('the login form asks for both fields', async (t) => {
  const { app } = await build(t)
  const response = await new Browser(app).post('/login', { email: '', password: '' })
  t.equal(response.statusCode, 422)
  t.match(response.body, 'Tämä tieto on pakollinen.')
  t.match(response.body, 'aria-invalid="true"')
})
