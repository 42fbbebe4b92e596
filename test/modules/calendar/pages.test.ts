// /me/calendar: the expert makes, renews and revokes the feed link; the link is shown once; only
// the hash is stored; both actions are audited; only experts may use the page.
import t, { type Test } from 'tap'
import { eq } from 'drizzle-orm'
import { build, signedIn, anExpert, Browser } from '../../helper.js'
import { calendarTokens } from '../../../db/schema.js'
import type { Role } from '../../../db/schema.js'
import { hashCalendarToken } from '../../../src/modules/calendar/service.js'
import { auditRows } from '../consents/support.js'

const tokenIn = (body: string) => /\/me\/calendar\.ics\?token=([A-Za-z0-9_-]{43})/.exec(body)?.[1]

async function signedInExpert (t: Test) {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'expert')
  const expert = anExpert(db, { regionId: user.regionId, userId: user.id })
  return { app, db, browser, user, expert }
}

t.test('the expert makes a feed link, sees it once, and can fetch the feed with it', async (t) => {
  const { app, db, browser, user, expert } = await signedInExpert(t)
  const page = await browser.get('/me/calendar')
  t.equal(page.statusCode, 200)
  t.match(page.body, '<h1>Tehtävät puhelimen kalenteriin</h1>')
  t.match(page.body, 'Sinulla ei ole vielä kalenterilinkkiä.')
  t.notMatch(page.body, 'action="/me/calendar/revocation"')

  const created = await browser.post('/me/calendar', {}, { from: '/me/calendar' })
  t.equal(created.statusCode, 200)
  t.match(created.body, 'Kopioi se nyt')
  const token = tokenIn(created.body)!
  t.ok(token, 'the full link is on the page')
  t.match(created.body, `value="http://localhost:3000/me/calendar.ics?token=${token}"`)
  t.match(created.body, `href="webcal://localhost:3000/me/calendar.ics?token=${token}"`)
  const stored = db.select().from(calendarTokens).where(eq(calendarTokens.expertId, expert.id)).get()!
  t.equal(stored.tokenHash, hashCalendarToken(token), 'only the hash is stored')
  t.not(stored.tokenHash, token)
  const [audit, ...more] = auditRows(db, 'calendar_token_created')
  t.equal(more.length, 0)
  t.match(audit, { subjectType: 'expert', subjectId: expert.id, actorUserId: user.id, regionId: user.regionId, detail: null })

  const again = await browser.get('/me/calendar')
  t.equal(tokenIn(again.body), undefined, 'never shown again')
  t.match(again.body, 'Sinulla on kalenterilinkki, joka on tehty')
  t.match(again.body, 'action="/me/calendar/revocation"')

  const feed = await new Browser(app).get(`/me/calendar.ics?token=${token}`)
  t.equal(feed.statusCode, 200)
  t.match(feed.headers['content-type'], 'text/calendar')
})

t.test('a new link replaces the old one; revoking ends it', async (t) => {
  const { app, db, browser, user, expert } = await signedInExpert(t)
  const first = tokenIn((await browser.post('/me/calendar', {}, { from: '/me/calendar' })).body)!
  const second = tokenIn((await browser.post('/me/calendar', {}, { from: '/me/calendar' })).body)!
  t.not(first, second)
  t.equal(db.select().from(calendarTokens).all().length, 1, 'one token per expert')
  const anonymous = new Browser(app)
  t.equal((await anonymous.get(`/me/calendar.ics?token=${first}`)).statusCode, 404, 'the old link stops working')
  t.equal((await anonymous.get(`/me/calendar.ics?token=${second}`)).statusCode, 200)

  const revoked = await browser.post('/me/calendar/revocation', {}, { from: '/me/calendar' })
  t.equal(revoked.statusCode, 303)
  t.equal(revoked.headers.location, '/me/calendar')
  t.equal(db.select().from(calendarTokens).all().length, 0)
  t.equal((await anonymous.get(`/me/calendar.ics?token=${second}`)).statusCode, 404)
  const page = await browser.get('/me/calendar')
  t.match(page.body, 'Kalenterilinkki on poistettu.')
  t.match(page.body, 'Sinulla ei ole vielä kalenterilinkkiä.')
  t.match(auditRows(db, 'calendar_token_revoked'), [{ subjectType: 'expert', subjectId: expert.id, actorUserId: user.id }])

  // Revoking again changes nothing and audits nothing.
  t.equal((await browser.post('/me/calendar/revocation', {}, { from: '/me/calendar' })).statusCode, 303)
  t.equal(auditRows(db, 'calendar_token_revoked').length, 1)
})

t.test('the page is in Swedish and English too', async (t) => {
  const { browser } = await signedInExpert(t)
  t.match((await browser.get('/me/calendar?lang=sv')).body, 'Du har ingen kalenderlänk ännu.')
  t.match((await browser.get('/me/calendar?lang=en')).body, 'You do not have a calendar link yet.')
})

t.test('an expert user without an expert record gets the friendly page and no token', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedIn(app, db, 'expert')
  for (const response of [await browser.get('/me/calendar'), await browser.post('/me/calendar', {}, { from: '/' }),
    await browser.post('/me/calendar/revocation', {}, { from: '/' })]) {
    t.equal(response.statusCode, 200)
    t.match(response.body, 'Oma sivu')
  }
  t.equal(db.select().from(calendarTokens).all().length, 0)
  t.equal(auditRows(db, 'calendar_token_created').length, 0)
})

t.test('only experts may use the calendar page; anonymous visitors are sent to sign in', async (t) => {
  const { app, db } = await build(t)
  for (const role of ['coordinator', 'pair_worker', 'orderer', 'manager', 'admin'] as Role[]) {
    const { browser, user } = await signedIn(app, db, role)
    anExpert(db, { regionId: user.regionId, userId: user.id })
    t.equal((await browser.get('/me/calendar')).statusCode, 403, `${role} GET`)
    for (const url of ['/me/calendar', '/me/calendar/revocation']) {
      t.equal((await browser.post(url, {}, { from: '/' })).statusCode, 403, `${role} POST ${url}`)
    }
  }
  t.equal(db.select().from(calendarTokens).all().length, 0)
  const anonymous = new Browser(app)
  const page = await anonymous.get('/me/calendar')
  t.equal(page.statusCode, 303)
  t.equal(page.headers.location, `/login?next=${encodeURIComponent('/me/calendar')}`)
  for (const url of ['/me/calendar', '/me/calendar/revocation']) {
    const response = await anonymous.post(url, {}, { csrf: false })
    t.equal(response.statusCode, 303)
    t.equal(response.headers.location, '/login')
  }
})

t.test('a form without the CSRF token is refused', async (t) => {
  const { db, browser } = await signedInExpert(t)
  t.equal((await browser.post('/me/calendar', {}, { csrf: false })).statusCode, 403)
  t.equal(db.select().from(calendarTokens).all().length, 0)
})
