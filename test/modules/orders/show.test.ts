import t from 'tap'
import { build, signedIn, anOrder, anExpert, anOffer, anAssignment, aGroup, anExperienceArea } from '../../helper.js'
import { orderExperienceAreas, orders } from '../../../db/schema.js'
import { eq } from 'drizzle-orm'
import { addDays, nowIso, today } from '../../../src/lib/dates.js'
import { auditRows } from '../consents/support.js'

t.test('a coordinator sees the order with its offers and assignments', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const regionId = user.regionId
  const youth = aGroup(db, regionId, 'Nuori 13–17 v')
  const order = anOrder(db, {
    regionId, topic: 'Työpaja', expertsWanted: 2, audienceKind: 'sosiaalityöntekijät', audienceSize: 30, description: 'Kuvaus tilaisuudesta',
    language: 'en', load: 'heavy', preparationWanted: true, durationMinutes: 30, groupIds: [youth.id], cancellationReason: null,
  })
  db.insert(orderExperienceAreas).values({ orderId: order.id, experienceAreaId: anExperienceArea(db, regionId, 'Jälkihuolto').id }).run()
  const pending = anExpert(db, { regionId, displayName: 'Revontuli', realName: 'Riikka Salainen' })
  const declined = anExpert(db, { regionId, displayName: 'Kuutamo' })
  const confirmed = anExpert(db, { regionId, displayName: 'Aurinko' })
  anOffer(db, order.id, pending.id)
  anOffer(db, order.id, declined.id, { status: 'declined', answeredAt: nowIso(), declineReason: 'Koe samana päivänä' })
  const offer = anOffer(db, order.id, confirmed.id, { status: 'accepted', answeredAt: nowIso() })
  const assignment = anAssignment(db, order.id, confirmed.id, { offerId: offer.id })
  const page = await browser.get(`/orders/${order.id}`)
  t.equal(page.statusCode, 200)
  t.match(page.body, '<h1>Työpaja</h1>')
  t.match(page.body, 'Osittain täytetty', 'the status is brought up to date')
  t.equal(db.select().from(orders).where(eq(orders.id, order.id)).get()!.status, 'partly_filled')
  t.match(page.body, '1 / 2 täytetty')
  t.match(page.body, '0,5 h')
  t.match(page.body, 'sosiaalityöntekijät')
  t.match(page.body, '<dd>30</dd>')
  t.match(page.body, 'Kuvaus tilaisuudesta')
  t.match(page.body, 'Nuori 13–17 v')
  t.match(page.body, 'Jälkihuolto')
  t.match(page.body, 'englanti')
  t.match(page.body, 'Raskas')
  t.match(page.body, /Toivomme valmistautumistapaamista ennen tilaisuutta<\/dt><dd>Kyllä/)
  t.match(page.body, `href="/orders/${order.id}/matches"`, 'find experts while open')
  t.match(page.body, `<a href="/experts/${pending.id}">Revontuli</a>`)
  t.match(page.body, 'Odottaa vastausta')
  t.match(page.body, 'Kieltäytyi')
  t.match(page.body, 'Koe samana päivänä')
  t.match(page.body, `<a href="/assignments/${assignment.id}">Aurinko</a> · Vahvistettu`)
  t.notMatch(page.body, 'Riikka Salainen', 'no real names on the order')
  t.match(page.body, `action="/orders/${order.id}/cancellation"`)
  t.match(page.body, 'viimeistään 24 tuntia ennen alkua')
  t.match(auditRows(db, 'list')[0], { subjectType: 'expert', detail: `order:${order.id}`, actorUserId: user.id })
})

t.test('a filled, a started and a cancelled order', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'pair_worker')
  const regionId = user.regionId
  const filled = anOrder(db, { regionId, status: 'filled' })
  anAssignment(db, filled.id, anExpert(db, { regionId }).id)
  const filledPage = await browser.get(`/orders/${filled.id}`)
  t.match(filledPage.body, 'Täytetty')
  t.notMatch(filledPage.body, '/matches"', 'no finding experts for a filled order')
  t.match(filledPage.body, '/cancellation"', 'a filled order can still be cancelled')

  const started = anOrder(db, { regionId, day: today(), startTime: '00:00', status: 'new' })
  const startedPage = await browser.get(`/orders/${started.id}`)
  t.match(startedPage.body, 'Jäi täyttämättä', 'an order that started without experts is unfilled')
  t.notMatch(startedPage.body, '/cancellation"')
  t.match(startedPage.body, 'Tarjouksia ei ole vielä tehty.')
  t.match(startedPage.body, 'Ei vahvistettuja kokemusasiantuntijoita.')
  t.equal(auditRows(db, 'list').length, 1, 'a page without experts is not a read of anyone’s data')

  const cancelled = anOrder(db, { regionId, day: addDays(today(), 5), status: 'cancelled', cancellationReason: 'Tila ei ollut käytettävissä', remote: true, areaId: null })
  const cancelledPage = await browser.get(`/orders/${cancelled.id}`)
  t.match(cancelledPage.body, 'Peruttu')
  t.match(cancelledPage.body, 'Tila ei ollut käytettävissä')
  t.match(cancelledPage.body, 'Etänä')
  t.notMatch(cancelledPage.body, '/cancellation"')
  t.notMatch(cancelledPage.body, '/matches"')
})

t.test('an orderer sees the display names of the confirmed experts only', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'orderer')
  const regionId = user.regionId
  const order = anOrder(db, { regionId, orderingUnitId: user.orderingUnitId!, expertsWanted: 3 })
  const coming = anExpert(db, { regionId, displayName: 'Aurinko', realName: 'Anna Oikeanimi' })
  const offered = anExpert(db, { regionId, displayName: 'Revontuli' })
  const dropped = anExpert(db, { regionId, displayName: 'Kuutamo' })
  anOffer(db, order.id, offered.id)
  anAssignment(db, order.id, coming.id)
  anAssignment(db, order.id, dropped.id, { status: 'cancelled', cancelledAt: nowIso(), cancelledBy: 'expert' })
  const page = await browser.get(`/orders/${order.id}`)
  t.equal(page.statusCode, 200)
  t.match(page.body, 'Tulevat kokemusasiantuntijat')
  t.match(page.body, '<li>Aurinko</li>')
  t.match(page.body, '1 / 3 täytetty')
  t.notMatch(page.body, 'Anna Oikeanimi')
  t.notMatch(page.body, 'Revontuli', 'no offers')
  t.notMatch(page.body, 'Kuutamo', 'no cancelled assignments')
  t.notMatch(page.body, '/experts/')
  t.notMatch(page.body, '/assignments/')
  t.notMatch(page.body, '/matches"')
  t.match(page.body, '/cancellation"')
  t.equal(auditRows(db, 'list').length, 1)
})
