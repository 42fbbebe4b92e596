import t from 'tap'
import { eq } from 'drizzle-orm'
import { build, anAssignment, anOffer, anOrder, anExpert } from '../../helper.js'
import { offers, orders } from '../../../db/schema.js'
import { formatDate, isoPlus, nowIso } from '../../../src/lib/dates.js'
import { anOfferedOrder, assignmentsOf, auditRows, mailsTo, offerRow, orderRow, signedInExpert } from './support.js'

t.test('accepting the last place confirms the assignment, withdraws the other offers and tells everyone', async (t) => {
  const { app, db } = await build(t)
  const { browser, user, expert } = await signedInExpert(app, db, { displayName: 'Tuuli', realName: 'Aino Virtanen' })
  const { coordinator, orderer, order, offer } = await anOfferedOrder(db, expert.regionId, expert.id, { topic: 'Nuorten ääni', load: 'heavy' })
  const other = anExpert(db, { regionId: expert.regionId, email: 'toinen@example.fi', displayName: 'Kaisla', preferredLanguage: 'sv' })
  const silent = anExpert(db, { regionId: expert.regionId })
  const otherOffer = anOffer(db, order.id, other.id, { offeredByUserId: coordinator.id })
  const silentOffer = anOffer(db, order.id, silent.id)
  const response = await browser.post(`/me/offers/${offer.id}/acceptance`, {}, { from: '/me/offers' })
  t.equal(response.statusCode, 303)
  t.equal(response.headers.location, '/me/offers')
  const [assignment, ...more] = assignmentsOf(db, order.id)
  t.equal(more.length, 0)
  t.match(assignment, { expertId: expert.id, offerId: offer.id, slot: 1, startsAt: order.startsAt, endsAt: order.endsAt, load: 'heavy', status: 'confirmed', feeDue: true })
  t.ok(assignment!.confirmedAt)
  t.match(offerRow(db, offer.id), { status: 'accepted' })
  t.ok(offerRow(db, offer.id).answeredAt)
  t.equal(orderRow(db, order.id).status, 'filled')
  t.equal(offerRow(db, otherOffer.id).status, 'withdrawn')
  t.equal(offerRow(db, silentOffer.id).status, 'withdrawn')
  const [toCoordinator] = mailsTo(db, coordinator.email)
  t.match(toCoordinator, { subject: 'Tuuli otti tehtävän vastaan' })
  t.match(toCoordinator!.body, `Tuuli otti vastaan tehtävän Nuorten ääni ${formatDate(order.startsAt)} klo 10.00`)
  t.match(toCoordinator!.body, `/orders/${order.id}`)
  const [toOrderer] = mailsTo(db, orderer.email)
  t.match(toOrderer, { subject: 'Tuuli tulee tilaisuuteenne' })
  t.match(toOrderer!.body, 'Tuuli tulee tilaisuuteen Nuorten ääni')
  const [toOther] = mailsTo(db, 'toinen@example.fi')
  t.match(toOther, { subject: 'Platserna fylldes: Nuorten ääni' }, 'in the other expert’s language')
  for (const mail of [toCoordinator, toOrderer, toOther]) {
    t.notMatch(mail!.body, 'Aino Virtanen')
    t.notMatch(mail!.body, expert.birthDate)
  }
  const [audit] = auditRows(db, 'offer_accepted', expert.id)
  t.match(audit, { actorUserId: user.id, detail: `offer:${offer.id},assignment:${assignment!.id},withdrawn:2` })
  for (const withdrawn of [other, silent]) {
    t.match(auditRows(db, 'offer_withdrawn', withdrawn.id), [{ actorUserId: user.id, detail: `order:${order.id}` }], 'each withdrawal is in the log on that expert')
  }
  const page = await browser.get('/me/offers')
  t.match(page.body, 'Kiitos! Tehtävä on nyt vahvistettu sinulle.')
  t.match(page.body, '<h2>Vahvistetut tehtäväni</h2>')
  t.match(page.body, `href="/assignments/${assignment!.id}"`)
})

t.test('accepting one of several places leaves the order partly filled and the other offers open', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert } = await signedInExpert(app, db)
  const { order, offer } = await anOfferedOrder(db, expert.regionId, expert.id, { expertsWanted: 3 })
  const earlier = anExpert(db, { regionId: expert.regionId })
  const first = anAssignment(db, order.id, earlier.id)
  db.$client.prepare("update assignments set status = 'cancelled', cancelled_at = ? where id = ?").run(nowIso(), first.id)
  const other = anOffer(db, order.id, anExpert(db, { regionId: expert.regionId }).id)
  t.equal((await browser.post(`/me/offers/${offer.id}/acceptance`, {}, { from: '/me/offers' })).statusCode, 303)
  const live = assignmentsOf(db, order.id).filter((a) => a.status === 'confirmed')
  t.equal(live.length, 1)
  t.equal(live[0]!.slot, 1, 'a cancelled assignment’s slot is free again')
  t.equal(orderRow(db, order.id).status, 'partly_filled')
  t.equal(offerRow(db, other.id).status, 'pending')
})

t.test('an offer that can no longer be accepted is refused with a clear message and nothing stored', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert } = await signedInExpert(app, db)
  const region = expert.regionId
  const past = isoPlus(nowIso(), -60_000)
  const cases: [string, (offerId: number, orderId: number) => void, string][] = [
    ['past its answer time', (id) => { db.update(offers).set({ expiresAt: past }).where(eq(offers.id, id)).run() }, 'Tähän tarjoukseen vastaamisen aika on jo mennyt.'],
    ['marked expired', (id) => { db.update(offers).set({ status: 'expired' }).where(eq(offers.id, id)).run() }, 'Tähän tarjoukseen vastaamisen aika on jo mennyt.'],
    ['already accepted', (id) => { db.update(offers).set({ status: 'accepted', answeredAt: past }).where(eq(offers.id, id)).run() }, 'Olet jo vastannut tähän tarjoukseen.'],
    ['already declined', (id) => { db.update(offers).set({ status: 'declined', answeredAt: past }).where(eq(offers.id, id)).run() }, 'Olet jo vastannut tähän tarjoukseen.'],
    ['withdrawn', (id) => { db.update(offers).set({ status: 'withdrawn' }).where(eq(offers.id, id)).run() }, 'Tämä tarjous on peruttu.'],
    ['withdrawn because the order filled', (id, orderId) => {
      db.update(offers).set({ status: 'withdrawn' }).where(eq(offers.id, id)).run()
      anAssignment(db, orderId, anExpert(db, { regionId: region }).id)
    }, 'Kaikki paikat ehdittiin jo täyttää. Kiitos silti, että olit valmis tulemaan!'],
    ['of a cancelled order', (_id, orderId) => { db.update(orders).set({ status: 'cancelled' }).where(eq(orders.id, orderId)).run() }, 'Tilaaja on perunut tämän tilaisuuden.'],
    ['of a started order', (_id, orderId) => { db.update(orders).set({ startsAt: past }).where(eq(orders.id, orderId)).run() }, 'Tilaisuus on jo alkanut.'],
    ['of an order filled while the offer stayed pending', (_id, orderId) => { anAssignment(db, orderId, anExpert(db, { regionId: region }).id) }, 'Kaikki paikat ehdittiin jo täyttää.'],
    ['at a time the expert already works', (_id, orderId) => {
      const order = orderRow(db, orderId)
      anAssignment(db, anOrder(db, { regionId: region, day: order.day, startTime: '11:00' }).id, expert.id)
    }, 'Sinulla on jo toinen tehtävä samaan aikaan.'],
  ]
  for (const [name, arrange, message] of cases) {
    const { order, offer } = await anOfferedOrder(db, region, expert.id, { day: `2031-0${cases.findIndex((c) => c[0] === name) % 9 + 1}-15` })
    arrange(offer.id, order.id)
    const before = { offer: offerRow(db, offer.id), assignments: assignmentsOf(db, order.id).length, order: orderRow(db, order.id).status }
    const response = await browser.post(`/me/offers/${offer.id}/acceptance`, {}, { from: '/me/offers' })
    t.equal(response.statusCode, 422, name)
    t.match(response.body, `<div class="error-summary" role="alert"><p>${message}`, name)
    t.match(response.body, '<h1>Tarjotut tehtävät</h1>')
    t.same(offerRow(db, offer.id), before.offer, `${name}: the offer is unchanged`)
    t.equal(assignmentsOf(db, order.id).length, before.assignments, `${name}: no assignment`)
    t.equal(orderRow(db, order.id).status, before.order)
  }
  t.equal(auditRows(db, 'offer_accepted', expert.id).length, 0)
})

t.test('another expert’s offer, a missing one and a malformed id are not found', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert } = await signedInExpert(app, db)
  const other = await signedInExpert(app, db, { regionId: expert.regionId })
  const { offer } = await anOfferedOrder(db, expert.regionId, other.expert.id)
  for (const url of [`/me/offers/${offer.id}/acceptance`, `/me/offers/${offer.id}/decline`, '/me/offers/9999/acceptance', '/me/offers/x/acceptance']) {
    t.equal((await browser.post(url, {}, { from: '/me/offers' })).statusCode, 404, url)
  }
  t.equal(offerRow(db, offer.id).status, 'pending')
  t.equal(assignmentsOf(db, offer.orderId).length, 0)
})
