import t from 'tap'
import { eq } from 'drizzle-orm'
import { build, signedIn, aRegion, anExpert, anOrder, anAssignment, Browser } from '../../helper.js'
import { nowIso } from '../../../src/lib/dates.js'
import { feeClaims, payrollBatchClaims, payrollBatches, taxCards, type Role } from '../../../db/schema.js'
import { claimAssignment } from '../../../src/modules/fees/claims.js'
import { auditRows, claimsOf, eventsOfClaim, linesOfClaim, yearRules } from './support.js'
import type { Db } from '../../../src/db.js'

// An expert with an account and a completed assignment's claim on the day.
async function anExpertWithClaim (app: Parameters<typeof signedIn>[0], db: Db, fields: { feePreference?: 'paid' | 'declined' | 'ask', day?: string } = {}) {
  const { browser, user } = await signedIn(app, db, 'expert')
  const expert = anExpert(db, { regionId: user.regionId, userId: user.id, feePreference: fields.feePreference ?? 'paid', realName: 'Aino Esimerkki' })
  yearRules(db, user.regionId, 2026)
  yearRules(db, user.regionId, 2025)
  const order = anOrder(db, { regionId: user.regionId, day: fields.day ?? '2026-03-04', topic: 'Nuorten paneeli' })
  const claim = claimAssignment(db, anAssignment(db, order.id, expert.id, { status: 'completed', actualMinutes: 120, kilometres: 10 }).id, null, nowIso())!
  return { browser, user, expert, claim }
}

function setState (db: Db, claimId: number, state: typeof feeClaims.$inferSelect.state) {
  db.update(feeClaims).set({ state }).where(eq(feeClaims.id, claimId)).run()
}

t.test('the expert sees the claim in plain language, what to send, and sends it', async (t) => {
  const { app, db } = await build(t)
  const { browser, user, expert, claim } = await anExpertWithClaim(app, db)
  const page = await browser.get('/me/fees?year=2026')
  t.equal(page.statusCode, 200)
  t.match(page.body, '<h1>Palkkiot</h1>')
  t.match(page.body, 'Nuorten paneeli')
  t.match(page.body, 'Odottaa, että lähetät sen')
  t.match(page.body, 'Tarkista summat. Jos ne ovat oikein, paina Lähetä.')
  t.match(page.body, '50,00\u00a0€')
  t.match(page.body, '5,50\u00a0€', 'travel')
  t.match(page.body, 'Toimita koordinaattorille verokorttisi vuodelle')
  t.match(page.body, 'href="/me/fees" aria-current="page"', 'in the navigation')
  t.match(auditRows(db, 'read', expert.id), [{ actorUserId: user.id, detail: 'fees' }])

  const sent = await browser.post(`/me/fees/${claim.id}/submission`, {}, { from: '/me/fees' })
  t.equal(sent.statusCode, 303)
  t.equal(sent.headers.location, '/me/fees?year=2026')
  t.match(claimsOf(db, expert.id)[0], { state: 'submitted' })
  t.match(eventsOfClaim(db, claim.id).at(-1), { action: 'submitted', userId: user.id })
  t.equal(auditRows(db, 'claim_submitted', expert.id).length, 1)
  const after = await browser.get('/me/fees?year=2026')
  t.match(after.body, 'Palkkio on lähetetty koordinaattorille.')
  t.match(after.body, 'Koordinaattori tarkistaa palkkion.')
  const again = await browser.post(`/me/fees/${claim.id}/submission`, {}, { from: '/me/fees' })
  t.equal(again.statusCode, 422)
  t.match(again.body, 'Laskelma on jo lähetetty.')

  db.insert(taxCards).values({ expertId: expert.id, year: 2026, receivedOn: '2026-01-10' }).run()
  t.notMatch((await browser.get('/me/fees?year=2026')).body, 'verokorttisi vuodelle 2026', 'the tax card is in')
})

t.test('ask each time: the expert chooses before sending; declining leaves the expenses only', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert, claim } = await anExpertWithClaim(app, db, { feePreference: 'ask' })
  const page = await browser.get('/me/fees?year=2026')
  t.match(page.body, 'Haluatko tästä työstä palkkion?')
  const early = await browser.post(`/me/fees/${claim.id}/submission`, {}, { from: '/me/fees' })
  t.equal(early.statusCode, 422)
  t.match(early.body, 'Valitse ensin, haluatko tästä työstä palkkion.')
  const bad = await browser.post(`/me/fees/${claim.id}/choice`, { feeChoice: 'maybe' }, { from: '/me/fees' })
  t.equal(bad.statusCode, 422)
  t.equal(claimsOf(db, expert.id)[0]!.feeChoice, null, 'nothing stored')
  const chosen = await browser.post(`/me/fees/${claim.id}/choice`, { feeChoice: 'declined' }, { from: '/me/fees' })
  t.equal(chosen.statusCode, 303)
  t.match(claimsOf(db, expert.id)[0], { feeChoice: 'declined' })
  t.same(linesOfClaim(db, claim.id), [['travel', 550]])
  t.equal(auditRows(db, 'claim_chosen_declined', expert.id).length, 1)
  await browser.post(`/me/fees/${claim.id}/choice`, { feeChoice: 'paid' }, { from: '/me/fees' })
  t.same(linesOfClaim(db, claim.id), [['fee', 5000], ['travel', 550]])
  t.equal((await browser.post(`/me/fees/${claim.id}/submission`, {}, { from: '/me/fees' })).statusCode, 303)
  const late = await browser.post(`/me/fees/${claim.id}/choice`, { feeChoice: 'declined' }, { from: '/me/fees' })
  t.equal(late.statusCode, 422, 'no choosing once sent')
})

t.test('every state says what happens next; the yearly statement lists what was paid in the year', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert, claim } = await anExpertWithClaim(app, db, { day: '2025-12-30' })
  const texts = {
    returned: 'Koordinaattori palautti palkkion: Kilometrit puuttuvat.',
    approved: 'Palkkio on hyväksytty.',
  }
  db.update(feeClaims).set({ returnReason: 'Kilometrit puuttuvat' }).where(eq(feeClaims.id, claim.id)).run()
  for (const [state, text] of Object.entries(texts)) {
    setState(db, claim.id, state as 'returned')
    t.match((await browser.get('/me/fees?year=2025')).body, text, state)
  }
  const batch = db.insert(payrollBatches).values({ regionId: expert.regionId, upTo: '2026-01-10', paymentOn: '2026-01-15', totalCents: 5550 }).returning().get()
  db.insert(payrollBatchClaims).values({ batchId: batch.id, claimId: claim.id }).run()
  setState(db, claim.id, 'batched')
  t.match((await browser.get('/me/fees?year=2025')).body, 'Rahat tulevat tilillesi noin 15.1.2026.')
  t.match((await browser.get('/me/fees?year=2025')).body, 'verokorttisi vuodelle 2026', 'the tax card of the payment’s year')
  db.update(payrollBatches).set({ paidOn: '2026-01-16' }).where(eq(payrollBatches.id, batch.id)).run()
  setState(db, claim.id, 'paid')
  const paid = await browser.get('/me/fees?year=2025')
  t.match(paid.body, 'Palkkio maksettiin 16.1.2026.')
  const thisYear = await browser.get('/me/fees?year=2026')
  t.match(thisYear.body, /Maksetut palkkiot<\/dt><dd>50,00/, 'paid in 2026, counted in 2026’s totals')
  const unpaid = anOrder(db, { regionId: expert.regionId, day: '2026-02-02' })
  claimAssignment(db, anAssignment(db, unpaid.id, expert.id, { status: 'completed', actualMinutes: 60 }).id, null, nowIso())
  const statement = await browser.get('/me/fees/2026')
  t.equal(statement.statusCode, 200)
  t.match(statement.body, 'Palkkiot ja kulukorvaukset vuonna 2026')
  t.match(statement.body, 'Aino Esimerkki')
  t.match(statement.body, '16.1.2026')
  t.match(statement.body, /Palkkiot<\/dt><dd><strong>50,00/)
  t.match(statement.body, /Kulukorvaukset<\/dt><dd><strong>5,50/)
  t.match(auditRows(db, 'read', expert.id).at(-1), { detail: 'statement:2026' })
  t.match((await browser.get('/me/fees/2025')).body, 'Vuonna 2025 ei maksettu palkkioita.')
  t.equal((await browser.get('/me/fees/20x5')).statusCode, 404)
  t.equal((await browser.get('/me/fees?year=1')).statusCode, 404)
})

t.test('an expert reaches only their own claims; other roles none', async (t) => {
  const { app, db } = await build(t)
  const { claim } = await anExpertWithClaim(app, db)
  const other = await anExpertWithClaim(app, db)
  const notFound = await other.browser.post(`/me/fees/${claim.id}/submission`, {}, { from: '/me/fees' })
  t.equal(notFound.statusCode, 404)
  t.equal((await other.browser.post(`/me/fees/${claim.id}/choice`, { feeChoice: 'paid' }, { from: '/me/fees' })).statusCode, 404)
  t.equal((await other.browser.post('/me/fees/x/choice', { feeChoice: 'paid' }, { from: '/me/fees' })).statusCode, 404)
  t.notMatch((await other.browser.get('/me/fees?year=2026')).body, `claim-${claim.id}"`)
  t.equal(claimsOf(db, claim.expertId)[0]!.state, 'draft')
  const unlinked = await signedIn(app, db, 'expert')
  t.equal((await unlinked.browser.get('/me/fees')).statusCode, 404)
  for (const role of ['coordinator', 'pair_worker', 'orderer', 'manager', 'admin'] as Role[]) {
    const { browser } = await signedIn(app, db, role, { regionId: aRegion(db).id })
    t.equal((await browser.get('/me/fees')).statusCode, 403, role)
    t.equal((await browser.get('/me/fees/2026')).statusCode, 403, role)
  }
  t.equal((await new Browser(app).get('/me/fees')).statusCode, 303)
})
