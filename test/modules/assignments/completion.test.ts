import t from 'tap'
import { build, signedIn, aUser } from '../../helper.js'
import { addDays, formatDate, today } from '../../../src/lib/dates.js'
import { saveRegionSettings, defaultSettings } from '../../../src/modules/settings/queries.js'
import { aConfirmedAssignment, assignmentRow, auditRows, debriefOf, orderRow } from './support.js'

const done = { actualHours: '2,5', preparationHours: '1', kilometres: '42', receipts: '12,40', audienceCame: 'no' }

t.test('a coordinator records past heavy work as done; a debrief becomes due and the order is done', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const day = addDays(today(), -3)
  const { assignment, expert, order } = await aConfirmedAssignment(db, { regionId: user.regionId, order: { day, load: 'heavy' } })
  saveRegionSettings(db, { regionId: user.regionId, ...defaultSettings, debriefDueDays: 5 }, new Date().toISOString())
  const url = `/assignments/${assignment.id}`
  const form = await browser.get(url)
  t.match(form.body, `action="${url}/completion"`)
  t.match(form.body, 'value="2"', 'the actual hours default to the planned duration')
  const response = await browser.post(`${url}/completion`, done, { from: url })
  t.equal(response.statusCode, 303)
  t.equal(response.headers.location, url)
  t.match(assignmentRow(db, assignment.id), {
    status: 'completed', actualMinutes: 150, preparationMinutes: 60, kilometres: 42, receiptsCents: 1240, audienceCame: false,
    completedByUserId: user.id, feeDue: true,
  })
  t.match(debriefOf(db, assignment.id), { dueOn: addDays(day, 5), doneOn: null })
  t.equal(orderRow(db, order.id).status, 'done')
  t.match(auditRows(db, 'assignment_completed', expert.id), [{ actorUserId: user.id }])
  const page = await browser.get(url)
  t.match(page.body, 'Tehtävä on kirjattu tehdyksi.')
  t.match(page.body, '2,5 h')
  t.match(page.body, '12,40\u00a0€')
  t.match(page.body, '42 km')
  t.match(page.body, `<dt>Tehtävä viimeistään</dt><dd>${formatDate(addDays(day, 5))}</dd>`)
  t.match(page.body, `action="${url}/debrief"`)
  t.match(page.body, new RegExp(`<option value="${user.id}" selected>`), 'the debrief is held by the current user by default')
  t.match(page.body, '<h2>Korjaa kirjattuja tietoja</h2>', 'what was recorded can be corrected')
  t.match(page.body, 'name="actualHours" type="text" value="2,5"', 'with the recorded values')
  t.match(page.body, 'name="receipts" type="text" value="12,40"')
})

t.test('light work needs no debrief; optional fields may stay empty; a pair worker may record it', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'pair_worker')
  const { assignment } = await aConfirmedAssignment(db, { regionId: user.regionId, order: { day: addDays(today(), -1) } })
  const url = `/assignments/${assignment.id}`
  const response = await browser.post(`${url}/completion`, { actualHours: '3.25', audienceCame: 'yes' }, { from: url })
  t.equal(response.statusCode, 303)
  t.match(assignmentRow(db, assignment.id), { status: 'completed', actualMinutes: 195, preparationMinutes: null, kilometres: null, receiptsCents: null, audienceCame: true })
  t.equal(debriefOf(db, assignment.id), undefined)
  const page = await browser.get(url)
  t.match(page.body, '<dd>–</dd>')
  t.notMatch(page.body, '/debrief"')
  const refused = await browser.post(`${url}/debrief`, { doneOn: today(), heldByUserId: String(user.id), supportNeeded: 'no' }, { from: url })
  t.equal(refused.statusCode, 422)
  t.match(refused.body, 'Tälle tehtävälle ei kuulu jälkipuintia.')
})

t.test('bad completion input comes back with a message at the field and nothing stored', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const { assignment } = await aConfirmedAssignment(db, { regionId: user.regionId, order: { day: addDays(today(), -1), load: 'heavy' } })
  const url = `/assignments/${assignment.id}`
  const cases: [Record<string, string>, string, string][] = [
    [{ actualHours: '' }, 'actualHours', 'Tämä tieto on pakollinen.'],
    [{ actualHours: '0,25' }, 'actualHours', 'Anna tunnit väliltä 0,5–24, esimerkiksi 2,5.'],
    [{ actualHours: '25' }, 'actualHours', 'Anna tunnit väliltä 0,5–24'],
    [{ actualHours: 'kaksi' }, 'actualHours', 'Anna tunnit väliltä 0,5–24'],
    [{ preparationHours: '24,5' }, 'preparationHours', 'Anna tunnit väliltä 0–24'],
    [{ kilometres: '5001' }, 'kilometres', 'Anna kokonaisluku väliltä 0–5000.'],
    [{ kilometres: '1,5' }, 'kilometres', 'Anna kokonaisluku väliltä 0–5000.'],
    [{ receipts: '-5' }, 'receipts', 'Anna summa euroina, esimerkiksi 12,40.'],
    [{ receipts: 'paljon' }, 'receipts', 'Anna summa euroina'],
    [{ receipts: '10000,01' }, 'receipts', 'Anna summa euroina'],
    [{ audienceCame: '' }, 'audienceCame', 'Tämä tieto on pakollinen.'],
    [{ audienceCame: 'maybe' }, 'audienceCame', 'Valitse jokin vaihtoehdoista.'],
  ]
  for (const [change, field, message] of cases) {
    const response = await browser.post(`${url}/completion`, { ...done, ...change }, { from: url })
    t.equal(response.statusCode, 422, `${field} ${JSON.stringify(change)}`)
    t.match(response.body, `<p class="field-error" id="f-${field}-error">${message}`)
    const value = Object.values(change)[0]!
    if (field !== 'audienceCame') t.match(response.body, `name="${field}" type="text" value="${value}"`, 'the value is kept')
  }
  t.match(assignmentRow(db, assignment.id), { status: 'confirmed', actualMinutes: null, completedAt: null })
  t.equal(debriefOf(db, assignment.id), undefined)
})

t.test('only confirmed work that has started can be completed', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const future = await aConfirmedAssignment(db, { regionId: user.regionId })
  const futureUrl = `/assignments/${future.assignment.id}`
  const early = await browser.post(`${futureUrl}/completion`, done, { from: futureUrl })
  t.equal(early.statusCode, 422)
  t.match(early.body, 'Tehtävää ei voi kirjata tehdyksi ennen kuin se on alkanut.')
  t.equal(assignmentRow(db, future.assignment.id).status, 'confirmed')
  const past = await aConfirmedAssignment(db, { regionId: user.regionId, order: { day: addDays(today(), -2) } })
  const pastUrl = `/assignments/${past.assignment.id}`
  t.equal((await browser.post(`${pastUrl}/completion`, done, { from: pastUrl })).statusCode, 303)
  await browser.post(`${futureUrl}/cancellation`, { reason: 'Peruttu' }, { from: futureUrl })
  const cancelled = await browser.post(`${futureUrl}/completion`, done, { from: futureUrl })
  t.equal(cancelled.statusCode, 422)
  t.match(cancelled.body, 'Tehtävä on jo peruttu.')
})

t.test('a debrief records only when, by whom and whether support is needed', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const colleague = await aUser(db, { role: 'pair_worker', regionId: user.regionId, name: 'Pari Työntekijä' })
  const stranger = await aUser(db, { role: 'coordinator' })
  const orderer = await aUser(db, { role: 'orderer', regionId: user.regionId })
  const { assignment, expert } = await aConfirmedAssignment(db, { regionId: user.regionId, order: { day: addDays(today(), -4), load: 'heavy' } })
  const url = `/assignments/${assignment.id}`
  t.equal((await browser.post(`${url}/completion`, done, { from: url })).statusCode, 303)
  const good = { doneOn: formatDate(addDays(today(), -1)), heldByUserId: String(colleague.id), supportNeeded: 'yes' }
  const cases: [Record<string, string>, string, string][] = [
    [{ doneOn: '' }, 'doneOn', 'Tämä tieto on pakollinen.'],
    [{ doneOn: '31.2.2026' }, 'doneOn', 'Anna päivämäärä muodossa 23.11.2026.'],
    [{ doneOn: addDays(today(), 1) }, 'doneOn', 'Päivä ei voi olla tulevaisuudessa.'],
    [{ heldByUserId: '' }, 'heldByUserId', 'Tämä tieto on pakollinen.'],
    [{ heldByUserId: 'x' }, 'heldByUserId', 'Valitse jokin vaihtoehdoista.'],
    [{ heldByUserId: String(stranger.id) }, 'heldByUserId', 'Valitse jokin vaihtoehdoista.'],
    [{ heldByUserId: String(orderer.id) }, 'heldByUserId', 'Valitse jokin vaihtoehdoista.'],
    [{ supportNeeded: '' }, 'supportNeeded', 'Tämä tieto on pakollinen.'],
  ]
  for (const [change, field, message] of cases) {
    const response = await browser.post(`${url}/debrief`, { ...good, ...change }, { from: url })
    t.equal(response.statusCode, 422, `${field} ${JSON.stringify(change)}`)
    t.match(response.body, `<p class="field-error" id="f-${field}-error">${message}</p>`)
  }
  t.match(debriefOf(db, assignment.id), { doneOn: null, heldByUserId: null, supportNeeded: null, recordedAt: null })
  const response = await browser.post(`${url}/debrief`, good, { from: url })
  t.equal(response.statusCode, 303)
  t.equal(response.headers.location, url)
  t.match(debriefOf(db, assignment.id), { doneOn: addDays(today(), -1), heldByUserId: colleague.id, supportNeeded: true })
  t.ok(debriefOf(db, assignment.id)!.recordedAt)
  t.match(auditRows(db, 'debrief_recorded', expert.id), [{ actorUserId: user.id, detail: `assignment:${assignment.id}` }])
  const page = await browser.get(url)
  t.match(page.body, 'Jälkipuinti on kirjattu.')
  t.match(page.body, `${formatDate(addDays(today(), -1))}, Pari Työntekijä`)
  t.match(page.body, /id="f-supportNeeded-yes"[^>]*checked/)
  t.notMatch(page.body, '<textarea', 'no free text anywhere on a completed assignment')
})

t.test('what was recorded is corrected afterwards, each change audited with its before and after; bad input stores nothing', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const { assignment, expert } = await aConfirmedAssignment(db, { regionId: user.regionId, order: { day: addDays(today(), -2), load: 'heavy' } })
  const url = `/assignments/${assignment.id}`
  t.equal((await browser.post(`${url}/completion`, done, { from: url })).statusCode, 303)
  const completedAt = assignmentRow(db, assignment.id).completedAt
  const dueOn = debriefOf(db, assignment.id)!.dueOn
  const bad = await browser.post(`${url}/completion`, { ...done, kilometres: '-3' }, { from: url })
  t.equal(bad.statusCode, 422)
  t.match(bad.body, '<p class="field-error" id="f-kilometres-error">Anna kokonaisluku väliltä 0–5000.')
  t.match(bad.body, '<h2>Korjaa kirjattuja tietoja</h2>')
  t.equal(auditRows(db, 'completion_corrected', expert.id).length, 0)
  const response = await browser.post(`${url}/completion`, { ...done, actualHours: '3', kilometres: '' }, { from: url })
  t.equal(response.statusCode, 303)
  t.equal(response.headers.location, url)
  t.match(assignmentRow(db, assignment.id), { status: 'completed', actualMinutes: 180, kilometres: null, preparationMinutes: 60, receiptsCents: 1240, completedAt, completedByUserId: user.id })
  t.equal(debriefOf(db, assignment.id)!.dueOn, dueOn, 'the debrief stays as it was')
  t.match(auditRows(db, 'completion_corrected', expert.id), [{ actorUserId: user.id, detail: `assignment:${assignment.id},actualMinutes:150>180,kilometres:42>null` }])
  t.match((await browser.get(url)).body, 'Korjaukset on tallennettu.')
  t.equal((await browser.post(`${url}/completion`, { ...done, actualHours: '3', kilometres: '' }, { from: url })).statusCode, 303, 'no change is no correction')
  t.equal(auditRows(db, 'completion_corrected', expert.id).length, 1)
  const orderer = await signedIn(app, db, 'orderer', { regionId: user.regionId })
  t.equal((await orderer.browser.post(`${url}/completion`, done, { from: '/' })).statusCode, 403, 'an orderer may not correct')
})
