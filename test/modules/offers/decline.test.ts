import t from 'tap'
import { eq } from 'drizzle-orm'
import { build } from '../../helper.js'
import { offers } from '../../../db/schema.js'
import { anOfferedOrder, assignmentsOf, auditRows, mailsTo, offerRow, orderRow, signedInExpert } from './support.js'

t.test('declining with a reason stores it, tells the coordinator and keeps the order open', async (t) => {
  const { app, db } = await build(t)
  const { browser, user, expert } = await signedInExpert(app, db, { displayName: 'Tuuli', realName: 'Aino Virtanen' })
  const { coordinator, orderer, order, offer } = await anOfferedOrder(db, expert.regionId, expert.id, { topic: 'Nuorten ääni' })
  const response = await browser.post(`/me/offers/${offer.id}/decline`, { reason: '  Koeviikko  ' }, { from: '/me/offers' })
  t.equal(response.statusCode, 303)
  t.equal(response.headers.location, '/me/offers')
  t.match(offerRow(db, offer.id), { status: 'declined', declineReason: 'Koeviikko' })
  t.ok(offerRow(db, offer.id).answeredAt)
  t.equal(assignmentsOf(db, order.id).length, 0)
  t.equal(orderRow(db, order.id).status, 'matching')
  const [mail, ...more] = mailsTo(db, coordinator.email)
  t.equal(more.length, 0)
  t.match(mail, { subject: 'Tuuli ei ota tehtävää' })
  t.match(mail!.body, 'Tuuli kieltäytyi tehtävästä Nuorten ääni')
  t.notMatch(mail!.body, 'Koeviikko', 'the reason stays in the register')
  t.notMatch(mail!.body, 'Aino')
  t.equal(mailsTo(db, orderer.email).length, 0)
  t.match(auditRows(db, 'offer_declined', expert.id), [{ actorUserId: user.id, detail: `offer:${offer.id}` }])
  const page = await browser.get('/me/offers')
  t.match(page.body, 'Kiitos vastauksesta!')
  t.match(page.body, 'kieltäydyit')
})

t.test('declining without a reason is fine; an offer without a coordinator sends no mail', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert } = await signedInExpert(app, db)
  const { offer } = await anOfferedOrder(db, expert.regionId, expert.id)
  db.update(offers).set({ offeredByUserId: null }).where(eq(offers.id, offer.id)).run()
  t.equal((await browser.post(`/me/offers/${offer.id}/decline`, {}, { from: '/me/offers' })).statusCode, 303)
  t.match(offerRow(db, offer.id), { status: 'declined', declineReason: null })
  t.equal(db.$client.prepare('select count(*) from outbox').pluck().get(), 0)
})

t.test('too long a reason comes back at the offer with the text kept and nothing stored', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert } = await signedInExpert(app, db)
  const { offer } = await anOfferedOrder(db, expert.regionId, expert.id)
  const reason = 'x'.repeat(501)
  const response = await browser.post(`/me/offers/${offer.id}/decline`, { reason }, { from: '/me/offers' })
  t.equal(response.statusCode, 422)
  t.match(response.body, 'Tarkista lomake')
  t.match(response.body, `<p class="field-error" id="decline-reason-${offer.id}-error">Enintään 500 merkkiä.</p>`)
  t.match(response.body, `aria-invalid="true">${reason}</textarea>`)
  t.equal(offerRow(db, offer.id).status, 'pending')
  t.equal(auditRows(db, 'offer_declined', expert.id).length, 0)
})

t.test('an answered offer cannot be declined', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert } = await signedInExpert(app, db)
  const { order, offer } = await anOfferedOrder(db, expert.regionId, expert.id)
  t.equal((await browser.post(`/me/offers/${offer.id}/acceptance`, {}, { from: '/me/offers' })).statusCode, 303)
  const response = await browser.post(`/me/offers/${offer.id}/decline`, { reason: 'Muutin mieleni' }, { from: '/me/offers' })
  t.equal(response.statusCode, 422)
  t.match(response.body, 'Olet jo vastannut tähän tarjoukseen.')
  t.match(offerRow(db, offer.id), { status: 'accepted', declineReason: null })
  t.equal(assignmentsOf(db, order.id).length, 1)
})

t.test('a withdrawn offer cannot be declined', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert } = await signedInExpert(app, db)
  const { offer } = await anOfferedOrder(db, expert.regionId, expert.id)
  db.update(offers).set({ status: 'withdrawn' }).where(eq(offers.id, offer.id)).run()
  const response = await browser.post(`/me/offers/${offer.id}/decline`, {}, { from: '/me/offers' })
  t.equal(response.statusCode, 422)
  t.match(response.body, 'Tämä tarjous on peruttu.')
})
