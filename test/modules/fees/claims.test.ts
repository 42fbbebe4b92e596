import t from 'tap'
import { eq } from 'drizzle-orm'
import { build, signedIn, aRegion, anExpert, anOrder, anAssignment } from '../../helper.js'
import { addDays, today, nowIso } from '../../../src/lib/dates.js'
import { assignments, feeClaims } from '../../../db/schema.js'
import { claimAssignment } from '../../../src/modules/fees/claims.js'
import { changeRules } from '../../../src/modules/fees/service.js'
import { parseRules } from '../../../src/modules/fees/forms.js'
import { aConfirmedAssignment, assignmentRow, helsinkiIn } from '../assignments/support.js'
import { auditRows, claimsOf, eventsOfClaim, linesOfClaim, ruleFields, yearRules } from './support.js'

const done = { actualHours: '2,5', preparationHours: '1', kilometres: '42', receipts: '12,40', audienceCame: 'no' }

t.test('completing an assignment makes its claim by the rules of the work’s year, one line per type; a correction recomputes it', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const day = addDays(today(), -3)
  const year = Number(day.slice(0, 4))
  yearRules(db, user.regionId, year)
  yearRules(db, user.regionId, year + 1, { hourlyCents: 9900 })
  const { assignment, expert } = await aConfirmedAssignment(db, { regionId: user.regionId, order: { day } })
  const url = `/assignments/${assignment.id}`
  t.equal((await browser.post(`${url}/completion`, done, { from: url })).statusCode, 303)
  const [claim, ...more] = claimsOf(db, expert.id)
  t.equal(more.length, 0)
  t.match(claim, { regionId: user.regionId, sourceType: 'assignment', sourceId: assignment.id, workDay: day, year, state: 'draft', feeChoice: 'paid', rulesMissing: false })
  t.same(linesOfClaim(db, claim!.id), [['fee', 6250], ['preparation', 2000], ['travel', 2310], ['receipts', 1240]])
  t.match(eventsOfClaim(db, claim!.id), [{ action: 'created', userId: user.id, beforeCents: null, afterCents: 11800 }])
  t.match(auditRows(db, 'claim_created', expert.id), [{ actorUserId: user.id, detail: `claim:${claim!.id}` }])

  t.equal((await browser.post(`${url}/completion`, { ...done, kilometres: '10', audienceCame: 'yes' }, { from: url })).statusCode, 303)
  t.same(linesOfClaim(db, claim!.id), [['fee', 6250], ['preparation', 2000], ['travel', 550], ['receipts', 1240]], 'the correction recomputed the claim')
  t.match(eventsOfClaim(db, claim!.id)[1], { action: 'recomputed', beforeCents: 11800, afterCents: 10040 })
  t.equal(claimsOf(db, expert.id).length, 1)
})

t.test('once the claim is approved, the recorded figures can no longer be corrected', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const day = addDays(today(), -2)
  yearRules(db, user.regionId, Number(day.slice(0, 4)))
  const { assignment, expert } = await aConfirmedAssignment(db, { regionId: user.regionId, order: { day } })
  const url = `/assignments/${assignment.id}`
  await browser.post(`${url}/completion`, done, { from: url })
  const claim = claimsOf(db, expert.id)[0]!
  for (const state of ['submitted', 'returned'] as const) {
    db.update(feeClaims).set({ state }).where(eq(feeClaims.id, claim.id)).run()
    t.equal((await browser.post(`${url}/completion`, { ...done, kilometres: state === 'submitted' ? '1' : '2' }, { from: url })).statusCode, 303, `${state}: still correctable`)
  }
  t.same(linesOfClaim(db, claim.id).find(([kind]) => kind === 'travel'), ['travel', 110])
  db.update(feeClaims).set({ state: 'approved' }).where(eq(feeClaims.id, claim.id)).run()
  const page = await browser.get(url)
  t.notMatch(page.body, 'Korjaa kirjattuja tietoja', 'the correction form is gone')
  const refused = await browser.post(`${url}/completion`, { ...done, kilometres: '99' }, { from: url })
  t.equal(refused.statusCode, 422)
  t.match(refused.body, 'Palkkiolaskelma on jo hyväksytty, joten kirjattuja tietoja ei voi enää korjata.')
  t.equal(assignmentRow(db, assignment.id).kilometres, 2, 'nothing stored')
  t.same(linesOfClaim(db, claim.id).find(([kind]) => kind === 'travel'), ['travel', 110])
  t.equal(auditRows(db, 'completion_corrected', expert.id).length, 2)
})

t.test('a late cancellation with the fee due makes a claim of the fee alone; a free one, or the expert’s own, none', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const soon = helsinkiIn(6 * 3_600_000)
  yearRules(db, user.regionId, Number(soon.day.slice(0, 4)))
  const late = await aConfirmedAssignment(db, { regionId: user.regionId, order: soon })
  const url = `/assignments/${late.assignment.id}`
  t.equal((await browser.post(`${url}/cancellation`, { reason: 'Tilaaja perui' }, { from: url })).statusCode, 303)
  t.equal(assignmentRow(db, late.assignment.id).feeDue, true)
  const [claim] = claimsOf(db, late.expert.id)
  t.same(linesOfClaim(db, claim!.id), [['fee', 5000]], 'two planned hours at 25 €')

  const free = await aConfirmedAssignment(db, { regionId: user.regionId, order: { day: addDays(today(), 10) } })
  await browser.post(`/assignments/${free.assignment.id}/cancellation`, { reason: 'Ajoissa' }, { from: `/assignments/${free.assignment.id}` })
  t.same(claimsOf(db, free.expert.id), [])

  const own = await aConfirmedAssignment(db, { regionId: user.regionId, order: helsinkiIn(5 * 3_600_000) })
  db.update(assignments).set({ status: 'cancelled', cancelledBy: 'expert', feeDue: true }).where(eq(assignments.id, own.assignment.id)).run()
  t.equal(claimAssignment(db, own.assignment.id, null, nowIso()), undefined)
  t.same(claimsOf(db, own.expert.id), [])
})

t.test('a declined fee gives the expenses only; ask each time leaves the choice open', async (t) => {
  const { db } = await build(t)
  const regionId = aRegion(db).id
  const day = addDays(today(), -5)
  yearRules(db, regionId, Number(day.slice(0, 4)))
  for (const [feePreference, choice, kinds] of [['declined', 'declined', ['travel', 'receipts']], ['ask', null, ['fee', 'preparation', 'travel', 'receipts']]] as const) {
    const expert = anExpert(db, { regionId, feePreference })
    const order = anOrder(db, { regionId, day })
    const assignment = anAssignment(db, order.id, expert.id, { status: 'completed', actualMinutes: 120, preparationMinutes: 30, kilometres: 10, receiptsCents: 500 })
    const claim = claimAssignment(db, assignment.id, null, nowIso())!
    t.equal(claim.feeChoice, choice, feePreference)
    t.same(linesOfClaim(db, claim.id).map(([kind]) => kind), kinds, feePreference)
  }
})

t.test('the work’s day picks the year: 31 December and 1 January are paid by different rules', async (t) => {
  const { db } = await build(t)
  const regionId = aRegion(db).id
  yearRules(db, regionId, 2025, { hourlyCents: 2000 })
  yearRules(db, regionId, 2026, { hourlyCents: 3000 })
  const expert = anExpert(db, { regionId })
  for (const [day, year, cents] of [['2025-12-31', 2025, 4000], ['2026-01-01', 2026, 6000]] as const) {
    const order = anOrder(db, { regionId, day, startTime: '22:00' })
    const assignment = anAssignment(db, order.id, expert.id, { status: 'completed', actualMinutes: 120 })
    const claim = claimAssignment(db, assignment.id, null, nowIso())!
    t.match(claim, { year, workDay: day })
    t.same(linesOfClaim(db, claim.id), [['fee', cents]], day)
  }
})

t.test('without the year’s rules the claim waits with no lines; saving the rules computes it, never an approved one', async (t) => {
  const { db } = await build(t)
  const regionId = aRegion(db).id
  const expert = anExpert(db, { regionId })
  const made = ['2024-03-01', '2024-03-02'].map((day) => {
    const order = anOrder(db, { regionId, day })
    return claimAssignment(db, anAssignment(db, order.id, expert.id, { status: 'completed', actualMinutes: 60 }).id, null, nowIso())!
  })
  t.match(made[0], { rulesMissing: true })
  t.same(linesOfClaim(db, made[0]!.id), [])
  db.update(feeClaims).set({ state: 'approved' }).where(eq(feeClaims.id, made[1]!.id)).run()
  const admin = { id: 0, regionId }
  const form = parseRules({ hourly: '30', meetingFee: '60', preparationHourly: '20', kilometreRate: '0,57', preparationPaid: 'on',
    feeCode: ruleFields.feeCode, feeText: 'P', preparationCode: '1', preparationText: 'V', travelCode: '2', travelText: 'M', receiptsCode: '3', receiptsText: 'K' })
  t.ok(form.ok)
  t.match(changeRules(db, { ...admin, id: null as unknown as number }, 2024, form, nowIso()), { ok: true })
  t.same(linesOfClaim(db, made[0]!.id), [['fee', 3000]], 'computed')
  t.equal(claimsOf(db, expert.id).find((one) => one.id === made[0]!.id)!.rulesMissing, false)
  t.same(linesOfClaim(db, made[1]!.id), [], 'the approved one is left as it was')
})
