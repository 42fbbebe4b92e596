import t from 'tap'
import { eq } from 'drizzle-orm'
import { build, signedIn, anExpert, anOrder, anAssignment, aRegion } from '../../helper.js'
import { nowIso, today } from '../../../src/lib/dates.js'
import { feeClaims, taxCards, type Role } from '../../../db/schema.js'
import { claimAssignment } from '../../../src/modules/fees/claims.js'
import { auditRows, claimsOf, eventsOfClaim, linesOfClaim, rowCount, yearRules } from '../fees/support.js'
import type { Db } from '../../../src/db.js'

function aClaim (db: Db, regionId: number, fields: { feePreference?: 'paid' | 'ask' } = {}) {
  yearRules(db, regionId, 2026)
  const expert = anExpert(db, { regionId, realName: 'Aino Esimerkki', feePreference: fields.feePreference ?? 'paid' })
  const order = anOrder(db, { regionId, day: '2026-04-04', topic: 'Koulutuspäivä' })
  const claim = claimAssignment(db, anAssignment(db, order.id, expert.id, { status: 'completed', actualMinutes: 120, kilometres: 10 }).id, null, nowIso())!
  return { expert, claim }
}

t.test('a coordinator submits on the expert’s behalf, returns with a reason, corrects a line with a reason and approves; all kept in the history', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator', { name: 'Kaisa Koordinaattori' })
  const { expert, claim } = aClaim(db, user.regionId)
  const url = `/payments/claims/${claim.id}`
  const page = await browser.get(url)
  t.equal(page.statusCode, 200)
  t.match(page.body, 'Palkkiolaskelma: Aino Esimerkki')
  t.match(page.body, '201 Palkkio')
  t.match(page.body, '55,50\u00a0€')
  t.match(auditRows(db, 'read', expert.id), [{ actorUserId: user.id, detail: `claim:${claim.id}` }])

  t.equal((await browser.post(`${url}/approval`, {}, { from: url })).statusCode, 422, 'a draft cannot be approved')
  t.equal((await browser.post(`${url}/submission`, {}, { from: url })).statusCode, 303)
  const noReason = await browser.post(`${url}/return`, { reason: '' }, { from: url })
  t.equal(noReason.statusCode, 422)
  t.match(noReason.body, 'id="f-reason-error"')
  t.equal((await browser.post(`${url}/return`, { reason: 'Kilometrit tarkistettava' }, { from: url })).statusCode, 303)
  t.match(claimsOf(db, expert.id)[0], { state: 'returned', returnReason: 'Kilometrit tarkistettava' })

  const bad: [Record<string, string>, string][] = [
    [{ kind: 'travel', amount: '-1', reason: 'x' }, 'amount'],
    [{ kind: 'travel', amount: 'kymmenen', reason: 'x' }, 'amount'],
    [{ kind: 'travel', amount: '7', reason: '' }, 'reason'],
    [{ kind: 'bonus', amount: '7', reason: 'x' }, 'kind'],
    [{ kind: 'receipts', amount: '7', reason: 'x' }, 'kind'],
  ]
  for (const [body, field] of bad) {
    const response = await browser.post(`${url}/lines`, body, { from: url })
    t.equal(response.statusCode, 422, JSON.stringify(body))
    t.match(response.body, `id="f-${field}-error"`)
  }
  t.same(linesOfClaim(db, claim.id), [['fee', 5000], ['travel', 550]], 'nothing stored')
  t.equal((await browser.post(`${url}/lines`, { kind: 'travel', amount: '7,15', reason: 'Matka oli 13 km' }, { from: url })).statusCode, 303)
  t.same(linesOfClaim(db, claim.id), [['fee', 5000], ['travel', 715]])
  t.match(eventsOfClaim(db, claim.id).at(-1), { action: 'line_corrected', lineKind: 'travel', beforeCents: 550, afterCents: 715, reason: 'Matka oli 13 km', userId: user.id })
  t.equal(auditRows(db, 'claim_line_corrected', expert.id).length, 1)

  await browser.post(`${url}/submission`, {}, { from: url })
  t.equal((await browser.post(`${url}/approval`, {}, { from: url })).statusCode, 303)
  t.match(claimsOf(db, expert.id)[0], { state: 'approved', approvedByUserId: user.id })
  const approved = await browser.get(url)
  t.match(approved.body, 'Hyväksytty')
  t.match(approved.body, 'Rivi korjattu (Matkakulut): 5,50\u00a0€ → 7,15\u00a0€ · Matka oli 13 km · Kaisa Koordinaattori')
  t.match(approved.body, 'Laskettu: – → 55,50\u00a0€ · järjestelmä')
  t.notMatch(approved.body, '/lines"', 'no line correction once approved')
  const locked = await browser.post(`${url}/lines`, { kind: 'travel', amount: '1', reason: 'x' }, { from: url })
  t.equal(locked.statusCode, 422)
  t.match(locked.body, 'Laskelma on jo hyväksytty, eikä sitä voi enää muuttaa.')
  t.equal((await browser.post(`${url}/return`, { reason: 'x' }, { from: url })).statusCode, 422)
  t.equal((await browser.post(`${url}/submission`, {}, { from: url })).statusCode, 422)
})

t.test('a claim waits with no rules; the coordinator cannot send it until they are saved', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const expert = anExpert(db, { regionId: user.regionId })
  const order = anOrder(db, { regionId: user.regionId, day: '2019-04-04' })
  const claim = claimAssignment(db, anAssignment(db, order.id, expert.id, { status: 'completed', actualMinutes: 60 }).id, null, nowIso())!
  const response = await browser.post(`/payments/claims/${claim.id}/submission`, {}, { from: `/payments/claims/${claim.id}` })
  t.equal(response.statusCode, 422)
  t.match(response.body, 'Laskelmaa ei voi lähettää ennen kuin vuoden palkkiosäännöt on tallennettu.')
  t.match(response.body, 'Vuodelle 2019 ei ole palkkiosääntöjä')
})

t.test('the coordinator records the tax card of a year; bad input is refused at the field', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const { expert, claim } = aClaim(db, user.regionId)
  const url = `/payments/claims/${claim.id}`
  const bad: [Record<string, string>, string, string][] = [
    [{ year: '', receivedOn: '2026-01-05' }, 'year', 'Tämä tieto on pakollinen.'],
    [{ year: '26', receivedOn: '2026-01-05' }, 'year', 'Anna vuosi neljällä numerolla'],
    [{ year: '2026', receivedOn: 'eilen' }, 'receivedOn', 'receivedOn'],
    [{ year: '2026', receivedOn: '2999-01-01' }, 'receivedOn', 'Päivä ei voi olla tulevaisuudessa.'],
  ]
  for (const [body, field, message] of bad) {
    const response = await browser.post(`${url}/tax-card`, body, { from: url })
    t.equal(response.statusCode, 422, JSON.stringify(body))
    t.match(response.body, `id="f-${field}-error"`)
    t.match(response.body, message)
  }
  t.equal(rowCount(db, taxCards), 0)
  t.equal((await browser.post(`${url}/tax-card`, { year: '2026', receivedOn: '5.1.2026' }, { from: url })).statusCode, 303)
  t.equal((await browser.post(`${url}/tax-card`, { year: '2026', receivedOn: today() }, { from: url })).statusCode, 303, 'a new card of the year replaces the day')
  t.same(db.select({ year: taxCards.year, receivedOn: taxCards.receivedOn }).from(taxCards).all(), [{ year: 2026, receivedOn: today() }])
  t.match(auditRows(db, 'tax_card_recorded', expert.id), [{ actorUserId: user.id, detail: 'year:2026' }, {}])
  t.match((await browser.get(url)).body, 'Vuosi 2026: saapunut')
})

t.test('pair workers read a claim without acting; admins act; other roles and regions reach nothing', async (t) => {
  const { app, db } = await build(t)
  const regionId = aRegion(db).id
  const { expert, claim } = aClaim(db, regionId)
  const url = `/payments/claims/${claim.id}`
  const pair = await signedIn(app, db, 'pair_worker', { regionId })
  const read = await pair.browser.get(url)
  t.equal(read.statusCode, 200)
  t.notMatch(read.body, '/approval"')
  t.notMatch(read.body, '/tax-card"')
  for (const path of ['submission', 'approval', 'return', 'lines', 'tax-card']) {
    t.equal((await pair.browser.post(`${url}/${path}`, { reason: 'x' }, { from: '/' })).statusCode, 403, `pair worker ${path}`)
  }
  const admin = await signedIn(app, db, 'admin', { regionId })
  t.equal((await admin.browser.post(`${url}/submission`, {}, { from: url })).statusCode, 303)
  for (const role of ['expert', 'orderer', 'manager'] as Role[]) {
    const { browser } = await signedIn(app, db, role, { regionId })
    t.equal((await browser.get(url)).statusCode, 403, role)
  }
  const stranger = await signedIn(app, db, 'coordinator')
  t.equal((await stranger.browser.get(url)).statusCode, 404, 'another region')
  t.equal((await stranger.browser.post(`${url}/approval`, {}, { from: '/' })).statusCode, 404)
  t.equal((await stranger.browser.get('/payments/claims/x')).statusCode, 404)
  t.equal(db.select().from(feeClaims).where(eq(feeClaims.id, claim.id)).get()!.state, 'submitted')
  t.equal(claimsOf(db, expert.id).length, 1)
})
