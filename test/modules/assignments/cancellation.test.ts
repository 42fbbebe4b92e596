import t from 'tap'
import { build, signedIn, Browser } from '../../helper.js'
import { feeDueAfterCancellation } from '../../../src/modules/assignments/rules.js'
import { aConfirmedAssignment, assignmentRow, auditRows, helsinkiIn, mailsTo, orderRow } from './support.js'

const hour = 3_600_000

t.test('an expert cancels early: free, the place reopens, the coordinator and orderer are told', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'expert')
  const { assignment, expert, coordinator, orderer, order } = await aConfirmedAssignment(db, {
    regionId: user.regionId, expert: { userId: user.id, displayName: 'Tuuli', realName: 'Aino Virtanen' }, order: { topic: 'Nuorten ääni' },
  })
  t.equal(db.$client.prepare('update orders set status = ? where id = ?').run('filled', order.id).changes, 1)
  const response = await browser.post(`/assignments/${assignment.id}/cancellation`, { reason: 'Sairastuin' }, { from: '/me/offers' })
  t.equal(response.statusCode, 303)
  t.equal(response.headers.location, '/me/offers')
  t.match(assignmentRow(db, assignment.id), { status: 'cancelled', cancelledBy: 'expert', cancelledByUserId: user.id, cancellationReason: 'Sairastuin', feeDue: false })
  t.ok(assignmentRow(db, assignment.id).cancelledAt)
  t.equal(orderRow(db, order.id).status, 'matching', 'the place is open again')
  for (const to of [coordinator.email, orderer.email]) {
    const [mail] = mailsTo(db, to)
    t.match(mail, { subject: 'Tehtävä peruttu: Nuorten ääni' })
    t.match(mail!.body, 'Kokemusasiantuntijan Tuuli tehtävä Nuorten ääni')
    t.notMatch(mail!.body, 'Sairastuin')
    t.notMatch(mail!.body, 'Aino')
  }
  t.equal(mailsTo(db, expert.email!).length, 0, 'the expert who cancelled gets no mail')
  t.match(auditRows(db, 'assignment_cancelled', expert.id), [{ actorUserId: user.id, detail: `assignment:${assignment.id},by:expert,feeDue:false` }])
  const page = await browser.get('/me/offers')
  t.match(page.body, 'Tehtävä on peruttu.')
})

t.test('an orderer cancels late: the fee stays due and the expert is told in their language', async (t) => {
  const { app, db } = await build(t)
  const { assignment, expert, coordinator, orderer, order } = await aConfirmedAssignment(db, { expert: { preferredLanguage: 'en' }, order: { topic: 'Paneeli', expertsWanted: 2, ...helsinkiIn(2 * hour) } })
  const browser = new Browser(app)
  await browser.login(orderer.email)
  const url = `/assignments/${assignment.id}`
  const response = await browser.post(`${url}/cancellation`, { reason: 'Koulutus siirtyy' }, { from: url })
  t.equal(response.statusCode, 303)
  t.equal(response.headers.location, url)
  t.match(assignmentRow(db, assignment.id), { status: 'cancelled', cancelledBy: 'orderer', feeDue: true })
  t.equal(orderRow(db, order.id).status, 'matching')
  t.match(mailsTo(db, expert.email!), [{ subject: 'Work cancelled: Paneeli' }])
  t.equal(mailsTo(db, coordinator.email).length, 1)
  t.equal(mailsTo(db, orderer.email).length, 0, 'the orderer who cancelled gets no mail')
  const page = await browser.get(url)
  t.match(page.body, 'Peruttu')
  t.match(page.body, 'tilaaja perui')
  t.notMatch(page.body, 'Koulutus siirtyy', 'the reason is for the coordinator and the expert')
  t.notMatch(page.body, '/cancellation"', 'no form once cancelled')
})

t.test('a pair worker cancels as the coordinator; the page shows the reason and that it was free', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'pair_worker')
  const { assignment, expert, coordinator } = await aConfirmedAssignment(db, { regionId: user.regionId })
  const url = `/assignments/${assignment.id}`
  t.equal((await browser.post(`${url}/cancellation`, { reason: 'Tilaus muuttui' }, { from: url })).statusCode, 303)
  t.match(assignmentRow(db, assignment.id), { cancelledBy: 'coordinator', cancelledByUserId: user.id })
  t.equal(mailsTo(db, expert.email!).length, 1)
  t.equal(mailsTo(db, coordinator.email).length, 1)
  const page = await browser.get(url)
  t.match(page.body, 'koordinaattori perui')
  t.match(page.body, 'Tilaus muuttui')
  t.match(page.body, 'Peruutus oli maksuton.')
})

t.test('a coordinator who offered the work is not mailed about their own cancellation; an expert without e-mail gets none', async (t) => {
  const { app, db } = await build(t)
  const { assignment, coordinator, orderer } = await aConfirmedAssignment(db, { expert: { email: null } })
  const browser = new Browser(app)
  await browser.login(coordinator.email)
  const url = `/assignments/${assignment.id}`
  t.equal((await browser.post(`${url}/cancellation`, { reason: 'Peruttu' }, { from: url })).statusCode, 303)
  t.equal(mailsTo(db, coordinator.email).length, 0)
  t.equal(mailsTo(db, orderer.email).length, 1)
  t.equal(db.$client.prepare('select count(*) from outbox').pluck().get(), 1)
})

t.test('a cancellation needs a reason, and only confirmed work that has not started can be cancelled', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const { assignment } = await aConfirmedAssignment(db, { regionId: user.regionId })
  const url = `/assignments/${assignment.id}`
  for (const [reason, message] of [['  ', 'Tämä tieto on pakollinen.'], ['x'.repeat(501), 'Enintään 500 merkkiä.']]) {
    const response = await browser.post(`${url}/cancellation`, { reason: reason! }, { from: url })
    t.equal(response.statusCode, 422)
    t.match(response.body, 'Tarkista lomake: 1 kohdassa on virhe.')
    t.match(response.body, `<p class="field-error" id="f-reason-error">${message}</p>`)
    t.match(response.body, 'aria-invalid="true"')
  }
  t.equal(assignmentRow(db, assignment.id).status, 'confirmed')
  const started = await aConfirmedAssignment(db, { regionId: user.regionId, order: { day: '2020-01-10' } })
  const startedUrl = `/assignments/${started.assignment.id}`
  const late = await browser.post(`${startedUrl}/cancellation`, { reason: 'Myöhässä' }, { from: startedUrl })
  t.equal(late.statusCode, 422)
  t.match(late.body, 'Tehtävä on jo alkanut, joten sitä ei voi enää perua.')
  t.equal(assignmentRow(db, started.assignment.id).status, 'confirmed')
  t.equal((await browser.post(`${url}/cancellation`, { reason: 'Peruttu' }, { from: url })).statusCode, 303)
  const again = await browser.post(`${url}/cancellation`, { reason: 'Uudestaan' }, { from: url })
  t.equal(again.statusCode, 422)
  t.match(again.body, 'Tehtävä on jo peruttu.')
  t.equal(assignmentRow(db, assignment.id).cancellationReason, 'Peruttu')
  t.equal(auditRows(db, 'assignment_cancelled', started.expert.id).length, 0)
})

t.test('the fee is due after a cancellation later than the free-cancellation hours, on both sides of the line', async (t) => {
  const startsAt = '2026-11-23T12:00:00.000Z'
  t.equal(feeDueAfterCancellation(startsAt, '2026-11-22T12:00:00.000Z', 24), false, 'exactly 24 h before: free')
  t.equal(feeDueAfterCancellation(startsAt, '2026-11-22T12:00:00.001Z', 24), true, 'a millisecond later: the fee is due')
  t.equal(feeDueAfterCancellation(startsAt, '2026-11-20T12:00:00.000Z', 24), false)
  t.equal(feeDueAfterCancellation(startsAt, '2026-11-21T12:00:00.001Z', 48), true, 'the hours are a setting')
})
