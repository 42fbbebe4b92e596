import t from 'tap'
import { eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { build, signedIn, anOrder, anExpert, anOffer, anAssignment, aUser } from '../../helper.js'
import { assignments, offers, orders, outbox } from '../../../db/schema.js'
import { addDays, formatDate, nowIso, today, zone } from '../../../src/lib/dates.js'
import { saveRegionSettings, defaultSettings } from '../../../src/modules/settings/queries.js'
import { auditRows, rowCount } from '../consents/support.js'

// A Helsinki day and time `hours` from now (to the minute, so at most that far).
function hoursAhead (hours: number) {
  const at = DateTime.now().setZone(zone).plus({ hours })
  return { day: at.toISODate()!, startTime: at.toFormat('HH:mm') }
}

t.test('an orderer cancels well ahead: offers withdrawn, assignments cancelled free, experts told', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'orderer')
  const regionId = user.regionId
  const order = anOrder(db, { regionId, orderingUnitId: user.orderingUnitId!, expertsWanted: 3, status: 'partly_filled', ...hoursAhead(25) })
  const offered = anExpert(db, { regionId, email: 'offered@example.fi', preferredLanguage: 'sv' })
  const account = await aUser(db, { role: 'expert', regionId, email: 'account@example.fi' })
  const confirmed = anExpert(db, { regionId, userId: account.id, email: null })
  const unreachable = anExpert(db, { regionId, email: null })
  const lapsed = anExpert(db, { regionId, email: 'lapsed@example.fi' })
  const answered = anExpert(db, { regionId, email: 'declined@example.fi' })
  const pendingOffer = anOffer(db, order.id, offered.id)
  const lapsedOffer = anOffer(db, order.id, lapsed.id, { offeredAt: addDays(today(), -5) + 'T08:00:00.000Z', expiresAt: addDays(today(), -2) + 'T08:00:00.000Z' })
  const declinedOffer = anOffer(db, order.id, answered.id, { status: 'declined', answeredAt: nowIso() })
  const assignment = anAssignment(db, order.id, confirmed.id)
  const silent = anAssignment(db, order.id, unreachable.id)

  const cancelled = await browser.post(`/orders/${order.id}/cancellation`, { reason: 'Koulutus siirtyy keväälle' }, { from: `/orders/${order.id}` })
  t.equal(cancelled.statusCode, 303)
  t.equal(cancelled.headers.location, `/orders/${order.id}`)
  t.match(db.select().from(orders).where(eq(orders.id, order.id)).get(), { status: 'cancelled', cancellationReason: 'Koulutus siirtyy keväälle' })
  const offerStatus = (id: number) => db.select().from(offers).where(eq(offers.id, id)).get()!.status
  t.equal(offerStatus(pendingOffer.id), 'withdrawn')
  t.equal(offerStatus(lapsedOffer.id), 'pending', 'a lapsed offer is expired already and left as it is')
  t.equal(offerStatus(declinedOffer.id), 'declined')
  for (const one of [assignment, silent]) {
    t.match(db.select().from(assignments).where(eq(assignments.id, one.id)).get(), {
      status: 'cancelled', cancelledBy: 'orderer', cancelledByUserId: user.id, cancellationReason: 'Koulutus siirtyy keväälle', feeDue: false,
    })
  }
  const mails = db.select().from(outbox).orderBy(outbox.id).all()
  t.same(mails.map((mail) => mail.toAddress), ['offered@example.fi', 'account@example.fi'], 'the expert offered and the expert confirmed are told')
  t.equal(mails[0]!.subject, `Uppdraget ${formatDate(order.day)} har ställts in`, 'in the expert’s own language')
  t.match(mails[0]!.body, 'som du erbjöds')
  t.match(mails[0]!.body, 'http://localhost:3000/me/offers')
  t.equal(mails[1]!.subject, `Tehtävä ${formatDate(order.day)} on peruttu`)
  t.match(mails[1]!.body, 'vahvistettu tehtäväsi')
  for (const mail of mails) t.notMatch(mail.body, order.topic, 'the mail names no topic')
  t.match(auditRows(db, 'order_cancelled')[0], { subjectType: 'order', subjectId: order.id, actorUserId: user.id, detail: 'offers:1,assignments:2' })
  t.same(auditRows(db, 'assignment_cancelled').map((row) => [row.subjectType, row.subjectId, row.detail]),
    [['expert', confirmed.id, `order:${order.id},assignment:${assignment.id}`], ['expert', unreachable.id, `order:${order.id},assignment:${silent.id}`]])
  t.same(auditRows(db, 'offer_withdrawn').map((row) => [row.subjectType, row.subjectId]), [['expert', offered.id]])

  const page = await browser.get(`/orders/${order.id}`)
  t.match(page.body, 'Tilaus on peruttu.')
  t.match(page.body, 'Koulutus siirtyy keväälle')
  t.notMatch(page.body, '/cancellation"', 'no second cancellation')
  const again = await browser.post(`/orders/${order.id}/cancellation`, { reason: 'Uudestaan' }, { from: '/orders' })
  t.equal(again.statusCode, 422)
  t.match(again.body, 'Tätä tilausta ei voi enää perua')
  t.equal(rowCount(db, outbox), 2)
  t.equal(auditRows(db, 'order_cancelled').length, 1)
})

t.test('a late cancellation keeps the fee due; the free hours are the region’s setting', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const regionId = user.regionId
  const cancel = async (hours: number) => {
    const order = anOrder(db, { regionId, status: 'filled', ...hoursAhead(hours) })
    const expert = anExpert(db, { regionId })
    const assignment = anAssignment(db, order.id, expert.id)
    const response = await browser.post(`/orders/${order.id}/cancellation`, { reason: 'Peruttu' }, { from: '/orders' })
    t.equal(response.statusCode, 303)
    return db.select().from(assignments).where(eq(assignments.id, assignment.id)).get()!
  }
  t.match(await cancel(23), { feeDue: true, cancelledBy: 'coordinator', cancelledByUserId: user.id }, 'within 24 h: the fee is due')
  t.match(await cancel(25), { feeDue: false }, 'more than 24 h ahead: free')
  saveRegionSettings(db, { regionId, ...defaultSettings, freeCancellationHours: 48 }, nowIso())
  t.match(await cancel(30), { feeDue: true }, 'within the region’s 48 h')
  t.match(await cancel(49), { feeDue: false })
  const page = await browser.get(`/orders/${anOrder(db, { regionId }).id}`)
  t.match(page.body, 'viimeistään 48 tuntia ennen alkua')
})

t.test('a pair worker’s cancellation counts as the coordinator’s', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'pair_worker')
  const order = anOrder(db, { regionId: user.regionId })
  const expert = anExpert(db, { regionId: user.regionId })
  anAssignment(db, order.id, expert.id)
  t.equal((await browser.post(`/orders/${order.id}/cancellation`, { reason: 'Ei tarvetta' }, { from: '/orders' })).statusCode, 303)
  t.match(db.select().from(assignments).get(), { status: 'cancelled', cancelledBy: 'coordinator', cancelledByUserId: user.id })
})

t.test('a cancellation needs a reason, and only an open order that has not started can be cancelled', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const regionId = user.regionId
  const order = anOrder(db, { regionId })
  const expert = anExpert(db, { regionId })
  anOffer(db, order.id, expert.id)
  for (const [reason, message] of [['  ', 'Tämä tieto on pakollinen.'], ['x'.repeat(501), 'Enintään 500 merkkiä.']] as const) {
    const response = await browser.post(`/orders/${order.id}/cancellation`, { reason }, { from: '/orders' })
    t.equal(response.statusCode, 422)
    t.match(response.body, message)
    t.match(response.body, 'id="f-reason-error"')
    t.match(response.body, 'Tarkista lomake')
  }
  t.equal(db.select().from(orders).get()!.status, 'matching')
  t.equal(db.select().from(offers).get()!.status, 'pending')
  for (const status of ['done', 'unfilled'] as const) {
    const closed = anOrder(db, { regionId, status })
    const response = await browser.post(`/orders/${closed.id}/cancellation`, { reason: 'Syy' }, { from: '/orders' })
    t.equal(response.statusCode, 422, status)
    t.match(response.body, 'Tätä tilausta ei voi enää perua')
  }
  const started = anOrder(db, { regionId, day: today(), startTime: '00:00', status: 'filled' })
  anAssignment(db, started.id, anExpert(db, { regionId }).id)
  const response = await browser.post(`/orders/${started.id}/cancellation`, { reason: 'Syy' }, { from: '/orders' })
  t.equal(response.statusCode, 422, 'started')
  t.match(db.select().from(assignments).get(), { status: 'confirmed' })
  t.equal(rowCount(db, outbox), 0)
  t.equal(auditRows(db, 'order_cancelled').length, 0)
})
