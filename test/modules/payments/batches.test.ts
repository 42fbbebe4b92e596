import t from 'tap'
import { eq } from 'drizzle-orm'
import { parse } from 'csv-parse/sync'
import { build, signedIn, anExpert, anOrder, anAssignment, aRegion, Browser } from '../../helper.js'
import { addDays, nowIso, today } from '../../../src/lib/dates.js'
import { encryptField } from '../../../src/lib/crypto.js'
import { experts, feeClaimLines, feeClaims, payrollBatchClaims, payrollBatches, payrollBatchLines, taxCards, type Role } from '../../../db/schema.js'
import { claimAssignment } from '../../../src/modules/fees/claims.js'
import { decimalComma } from '../../../src/modules/payments/export.js'
import { auditRows, claimsOf, rowCount, yearRules } from '../fees/support.js'
import type { Db } from '../../../src/db.js'

const key = Buffer.alloc(32, 7)
const thisYear = Number(today().slice(0, 4))

function anApprovedClaim (db: Db, regionId: number, fields: { realName?: string, birthDate?: string, taxCard?: boolean, feePreference?: 'paid' | 'declined', day?: string, identityCode?: null } = {}) {
  const day = fields.day ?? addDays(today(), -20)
  yearRules(db, regionId, Number(day.slice(0, 4)))
  const expert = anExpert(db, {
    regionId, realName: fields.realName ?? 'Aino Esimerkki', birthDate: fields.birthDate ?? '2010-03-15', feePreference: fields.feePreference ?? 'paid',
    identityCodeEncrypted: fields.identityCode === null ? null : encryptField(key, '150310A123B'),
  })
  if (fields.taxCard ?? true) db.insert(taxCards).values({ expertId: expert.id, year: thisYear, receivedOn: `${thisYear}-01-05` }).run()
  const order = anOrder(db, { regionId, day, topic: 'Paneeli' })
  const claim = claimAssignment(db, anAssignment(db, order.id, expert.id, { status: 'completed', actualMinutes: 90, kilometres: 12, receiptsCents: 1005 }).id, null, nowIso())!
  db.update(feeClaims).set({ state: 'approved' }).where(eq(feeClaims.id, claim.id)).run()
  return { expert, claim, day }
}

t.test('a coordinator batches approved claims with their tax cards, downloads the CSV twice byte for byte and marks the batch paid', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const first = anApprovedClaim(db, user.regionId, { realName: 'Aino Esimerkki' })
  const noCard = anApprovedClaim(db, user.regionId, { realName: 'Bertta Odottaa', taxCard: false })
  const volunteer = anApprovedClaim(db, user.regionId, { realName: 'Cecilia Vapaa', taxCard: false, feePreference: 'declined', identityCode: null })
  const later = anApprovedClaim(db, user.regionId, { realName: 'Daniel Myöhemmin', day: addDays(today(), -1) })
  const list = await browser.get('/payments')
  t.equal(list.statusCode, 200)
  t.match(list.body, `Odottavat vuoden ${thisYear} verokorttia (1)`)
  t.match(list.body, 'Hyväksytyt, ei vielä maksuerässä (3)')
  t.match(list.body, 'Bertta Odottaa')
  t.match(auditRows(db, 'list'), [{ actorUserId: user.id, subjectType: 'fee_claims' }])

  const paymentOn = addDays(today(), 5)
  const made = await browser.post('/payments/batches', { upTo: addDays(today(), -10), paymentOn }, { from: '/payments' })
  t.equal(made.statusCode, 303)
  const batch = db.select().from(payrollBatches).get()!
  t.equal(made.headers.location, `/payments/batches/${batch.id}`)
  t.same(db.select({ claimId: payrollBatchClaims.claimId }).from(payrollBatchClaims).all().map((row) => row.claimId).sort(), [first.claim.id, volunteer.claim.id].sort(),
    'the claim without a tax card waits; the expenses-only one goes; the later work is past the day')
  t.equal(batch.totalCents, (3750 + 660 + 1005) + (660 + 1005))
  t.equal(claimsOf(db, first.expert.id)[0]!.state, 'batched')
  t.equal(claimsOf(db, noCard.expert.id)[0]!.state, 'approved')
  t.equal(claimsOf(db, later.expert.id)[0]!.state, 'approved')
  t.equal(auditRows(db, 'batch_created').length, 2)
  const page = await browser.get(`/payments/batches/${batch.id}`)
  t.match(page.body, `Maksuerä ${batch.id}`)
  t.match(page.body, '70,80\u00a0€')
  t.match(page.body, 'Ei vielä viety palkanlaskentaan')
  t.notMatch(page.body, '/payment"', 'no paying before the export')
  const early = await browser.post(`/payments/batches/${batch.id}/payment`, { paidOn: paymentOn }, { from: '/payments' })
  t.equal(early.statusCode, 422)
  t.match(early.body, 'Maksuerä on ensin vietävä palkanlaskentaan')

  const csv = await browser.get(`/payments/batches/${batch.id}.csv`)
  t.equal(csv.statusCode, 200)
  t.match(csv.headers['content-type'], 'text/csv')
  t.match(csv.headers['content-disposition'], `attachment; filename="maksuera-${batch.id}.csv"`)
  const bytes = csv.rawPayload
  t.same([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM')
  t.ok(bytes.toString('utf8').includes('\r\n'), 'CRLF')
  t.notOk(/[^\r]\n/.test(bytes.toString('utf8')), 'no bare LF')
  const rows = parse(bytes, { delimiter: ';', bom: true, columns: true }) as Record<string, string>[]
  t.equal(rows.length, 5, 'one row per line')
  const age = Number(paymentOn.slice(0, 4)) - 2010 - (paymentOn.slice(5) < '03-15' ? 1 : 0)
  t.same(rows.find((row) => row.nimi === 'Aino Esimerkki' && row.tulolaji === '201'), {
    'erä': String(batch.id), nimi: 'Aino Esimerkki', 'henkilötunnus': '150310A123B', 'syntymäaika': '15.3.2010', 'ikä maksupäivänä': String(age),
    tulolaji: '201', selite: 'Palkkio', summa: '37,50', 'työpäivä': `${Number(first.day.slice(8))}.${Number(first.day.slice(5, 7))}.${first.day.slice(0, 4)}`,
    'maksupäivä': `${Number(paymentOn.slice(8))}.${Number(paymentOn.slice(5, 7))}.${paymentOn.slice(0, 4)}`,
  })
  t.same(rows.filter((row) => row.nimi === 'Cecilia Vapaa').map((row) => [row.selite, row.summa, row['henkilötunnus']]), [['Kilometrikorvaus', '6,60', ''], ['Kulukorvaus', '10,05', '']])
  t.equal(auditRows(db, 'payroll_exported').length, 2, 'each payee’s record tells of the export')

  db.update(experts).set({ realName: 'Aino Uusinimi' }).where(eq(experts.id, first.expert.id)).run()
  const again = await browser.get(`/payments/batches/${batch.id}.csv`)
  t.ok(again.rawPayload.equals(bytes), 'byte-identical second download')
  t.equal(auditRows(db, 'payroll_exported').length, 4)

  const badDay = await browser.post(`/payments/batches/${batch.id}/payment`, { paidOn: 'huomenna' }, { from: '/payments' })
  t.equal(badDay.statusCode, 422)
  t.match(badDay.body, 'id="f-paidOn-error"')
  const paid = await browser.post(`/payments/batches/${batch.id}/payment`, { paidOn: paymentOn }, { from: '/payments' })
  t.equal(paid.statusCode, 303)
  t.equal(db.select().from(payrollBatches).get()!.paidOn, paymentOn)
  t.equal(claimsOf(db, first.expert.id)[0]!.state, 'paid')
  t.equal(auditRows(db, 'batch_paid').length, 2)
  t.match((await browser.get('/payments')).body, `Maksettu ${Number(paymentOn.slice(8))}.`)
  const twice = await browser.post(`/payments/batches/${batch.id}/payment`, { paidOn: paymentOn }, { from: '/payments' })
  t.equal(twice.statusCode, 422)
  t.match(twice.body, 'Maksuerä on jo merkitty maksetuksi.')
})

t.test('filters by year, state and expert', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const a = anApprovedClaim(db, user.regionId, { realName: 'Aino Ensimmäinen' })
  anApprovedClaim(db, user.regionId, { realName: 'Bertta Toinen', day: '2024-05-05' })
  t.notMatch((await browser.get('/payments?year=2024')).body, 'Aino Ensimmäinen')
  t.match((await browser.get('/payments?year=2024')).body, 'Bertta Toinen')
  t.notMatch((await browser.get(`/payments?expert=${a.expert.id}`)).body, '>Bertta Toinen</a>')
  t.notMatch((await browser.get('/payments?state=submitted')).body, '>Aino Ensimmäinen</a>')
  t.match((await browser.get('/payments?state=approved&year=x&expert=y')).body, '>Aino Ensimmäinen</a>')
})

t.test('a batch with no claims, or bad days, is refused with a message at the field and nothing stored', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  anApprovedClaim(db, user.regionId, { taxCard: false })
  const none = await browser.post('/payments/batches', { upTo: today(), paymentOn: today() }, { from: '/payments' })
  t.equal(none.statusCode, 422)
  t.match(none.body, 'id="f-upTo-error"')
  t.match(none.body, 'Maksuerään ei tule yhtään laskelmaa')
  const bad = await browser.post('/payments/batches', { upTo: 'eilen', paymentOn: '' }, { from: '/payments' })
  t.equal(bad.statusCode, 422)
  t.match(bad.body, 'id="f-upTo-error"')
  t.match(bad.body, 'id="f-paymentOn-error"')
  t.equal(rowCount(db, payrollBatches), 0)
  t.equal(rowCount(db, payrollBatchClaims), 0)
})

t.test('the database: a claim is in at most one batch; an exported batch, its claims and rows never change; an approved claim’s lines never change', async (t) => {
  const { db } = await build(t)
  const regionId = aRegion(db).id
  const { claim } = anApprovedClaim(db, regionId)
  const refused = (run: () => unknown, message: string, what: string) => t.throws(run, { message }, what)
  refused(() => db.update(feeClaimLines).set({ amountCents: 1 }).where(eq(feeClaimLines.claimId, claim.id)).run(), 'claim_locked', 'an approved claim’s line')
  refused(() => db.delete(feeClaimLines).where(eq(feeClaimLines.claimId, claim.id)).run(), 'claim_locked', 'deleting one')
  refused(() => db.insert(feeClaimLines).values({ claimId: claim.id, kind: 'receipts', amountCents: 1, incomeTypeCode: 'x', incomeTypeText: 'x' }).run(), 'claim_locked', 'adding one')
  const one = db.insert(payrollBatches).values({ regionId, upTo: today(), paymentOn: today(), totalCents: 0 }).returning().get()
  const two = db.insert(payrollBatches).values({ regionId, upTo: today(), paymentOn: today(), totalCents: 0 }).returning().get()
  db.insert(payrollBatchClaims).values({ batchId: one.id, claimId: claim.id }).run()
  refused(() => db.insert(payrollBatchClaims).values({ batchId: two.id, claimId: claim.id }).run(), 'claim_already_batched', 'a second batch')
  refused(() => db.update(payrollBatchClaims).set({ batchId: two.id }).run(), 'batch_fixed', 'moving a claim')
  db.update(feeClaims).set({ state: 'batched' }).where(eq(feeClaims.id, claim.id)).run()
  db.$client.prepare(`insert into payroll_batch_lines (batch_id, claim_id, payee_name, birth_date, income_type_code, income_type_text, amount_cents, work_day)
    values (?, ?, 'N', '2010-01-01', '201', 'P', 100, '2026-01-01')`).run(one.id, claim.id)
  db.update(payrollBatches).set({ exportedAt: nowIso() }).where(eq(payrollBatches.id, one.id)).run()
  refused(() => db.update(payrollBatchLines).set({ amountCents: 1 }).run(), 'batch_exported', 'an exported row')
  refused(() => db.delete(payrollBatchLines).run(), 'batch_exported', 'deleting an exported row')
  refused(() => db.$client.prepare(`insert into payroll_batch_lines (batch_id, claim_id, payee_name, birth_date, income_type_code, income_type_text, amount_cents, work_day)
    values (?, ?, 'N', '2010-01-01', '201', 'P', 100, '2026-01-01')`).run(one.id, claim.id), 'batch_exported', 'a row added after the export')
  refused(() => db.delete(payrollBatchClaims).where(eq(payrollBatchClaims.batchId, one.id)).run(), 'batch_exported', 'taking a claim out')
  refused(() => db.update(payrollBatches).set({ totalCents: 5 }).where(eq(payrollBatches.id, one.id)).run(), 'batch_exported', 'the batch’s total')
  refused(() => db.update(payrollBatches).set({ paymentOn: '2030-01-01' }).where(eq(payrollBatches.id, one.id)).run(), 'batch_exported', 'the payment day')
  refused(() => db.delete(payrollBatches).where(eq(payrollBatches.id, one.id)).run(), 'batch_exported', 'deleting the batch')
  refused(() => db.update(feeClaims).set({ state: 'approved' }).where(eq(feeClaims.id, claim.id)).run(), 'batch_exported', 'the claim back out')
  db.update(payrollBatches).set({ paidOn: today() }).where(eq(payrollBatches.id, one.id)).run()
  refused(() => db.update(payrollBatches).set({ paidOn: '2030-01-01' }).where(eq(payrollBatches.id, one.id)).run(), 'batch_exported', 'paid once')
  db.update(feeClaims).set({ state: 'paid' }).where(eq(feeClaims.id, claim.id)).run()
  refused(() => db.update(feeClaims).set({ returnReason: 'x' }).where(eq(feeClaims.id, claim.id)).run(), 'batch_exported', 'a paid claim')
  db.delete(payrollBatches).where(eq(payrollBatches.id, two.id)).run()
  t.equal(rowCount(db, payrollBatches), 1, 'a batch never exported may still go')
})

t.test('decimal comma in integers', async (t) => {
  t.equal(decimalComma(0), '0,00')
  t.equal(decimalComma(5), '0,05')
  t.equal(decimalComma(123456), '1234,56')
})

t.test('pair workers see claims and batches without exporting; others nothing; no region another’s', async (t) => {
  const { app, db } = await build(t)
  const regionId = aRegion(db).id
  anApprovedClaim(db, regionId, { realName: 'Aino Esimerkki' })
  const coordinator = await signedIn(app, db, 'coordinator', { regionId })
  await coordinator.browser.post('/payments/batches', { upTo: today(), paymentOn: today() }, { from: '/payments' })
  const batch = db.select().from(payrollBatches).get()!
  const pair = await signedIn(app, db, 'pair_worker', { regionId })
  const list = await pair.browser.get('/payments')
  t.equal(list.statusCode, 200)
  t.notMatch(list.body, 'action="/payments/batches"')
  const page = await pair.browser.get(`/payments/batches/${batch.id}`)
  t.equal(page.statusCode, 200)
  t.notMatch(page.body, '.csv"')
  t.notMatch(page.body, '150310A123B')
  t.equal((await pair.browser.get(`/payments/batches/${batch.id}.csv`)).statusCode, 403)
  t.equal((await pair.browser.post('/payments/batches', { upTo: today(), paymentOn: today() }, { from: '/' })).statusCode, 403)
  t.equal((await pair.browser.post(`/payments/batches/${batch.id}/payment`, { paidOn: today() }, { from: '/' })).statusCode, 403)
  t.equal(db.select().from(payrollBatches).get()!.exportedAt, null, 'never exported by them')
  const admin = await signedIn(app, db, 'admin', { regionId })
  t.equal((await admin.browser.get(`/payments/batches/${batch.id}.csv`)).statusCode, 200)
  for (const role of ['expert', 'orderer', 'manager'] as Role[]) {
    const { browser } = await signedIn(app, db, role, { regionId })
    t.equal((await browser.get('/payments')).statusCode, 403, role)
    t.equal((await browser.get(`/payments/batches/${batch.id}`)).statusCode, 403, role)
    t.equal((await browser.get(`/payments/batches/${batch.id}.csv`)).statusCode, 403, role)
  }
  const stranger = await signedIn(app, db, 'coordinator')
  t.notMatch((await stranger.browser.get('/payments')).body, 'Aino Esimerkki')
  t.equal((await stranger.browser.get(`/payments/batches/${batch.id}`)).statusCode, 404)
  t.equal((await stranger.browser.get(`/payments/batches/${batch.id}.csv`)).statusCode, 404)
  t.equal((await stranger.browser.get('/payments/batches/x')).statusCode, 404)
  t.equal((await new Browser(app).get('/payments')).statusCode, 303)
})
