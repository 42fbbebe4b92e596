import t from 'tap'
import { eq } from 'drizzle-orm'
import { build, signedIn, aUser, aRegion, aChannel, aGroup, anArea, anExperienceArea, aUnit } from '../../helper.js'
import { areas, auditLog, orderExperienceAreas, orderGroups, orderingUnits, orders, outbox } from '../../../db/schema.js'
import { addDays, helsinkiInstant, today } from '../../../src/lib/dates.js'
import { rowCount } from '../consents/support.js'
import { goodOrder, orderingRegion, unitlessOrderer } from './support.js'

t.test('an orderer orders a workshop for their own unit', async (t) => {
  const { app, db } = await build(t)
  const regionId = aRegion(db).id
  const r = orderingRegion(db, regionId)
  const { browser, user } = await signedIn(app, db, 'orderer', { regionId, orderingUnitId: r.unit.id })
  const coordinator = await aUser(db, { role: 'coordinator', regionId, email: 'koordinaattori@example.fi' })
  await aUser(db, { role: 'coordinator', regionId, active: false })
  await aUser(db, { role: 'coordinator' })
  const form = await browser.get('/orders/new')
  t.equal(form.statusCode, 200)
  t.match(form.body, '<h1>Uusi tilaus</h1>')
  t.notMatch(form.body, 'name="orderingUnitId"', 'an orderer does not choose the unit')
  t.match(form.body, `<option value="${r.workshop.id}">Työpaja</option>`)
  t.match(form.body, 'Ammattilaisten koulutus: raskas, Työpaja: kevyt', 'the channels’ default loads are in the hint')
  t.match(form.body, 'Älä kirjoita nimiä')
  t.match(form.body, '<option value="1.5">1,5 h</option>')
  const fields = goodOrder(r)
  const created = await browser.post('/orders', fields, { from: '/orders/new' })
  t.equal(created.statusCode, 303)
  const order = db.select().from(orders).get()!
  t.equal(created.headers.location, `/orders/${order.id}`)
  const startsAt = helsinkiInstant(fields.day as string, '14:30')
  t.match(order, {
    regionId, orderingUnitId: r.unit.id, orderedByUserId: user.id, channelId: r.workshop.id, topic: 'Nuorten osallisuuden työpaja',
    description: 'Kehitämme sijaishuollon palaveria.', day: fields.day, startTime: '14:30', durationMinutes: 90, startsAt,
    endsAt: new Date(Date.parse(startsAt) + 90 * 60_000).toISOString(), remote: false, areaId: r.area.id, address: 'Raatihuoneenkatu 1',
    audienceKind: 'sosiaalityöntekijät', audienceSize: 25, expertsWanted: 2, language: 'fi', preparationWanted: true, load: 'light', status: 'new',
  })
  t.same(db.select().from(orderGroups).all(), [{ orderId: order.id, groupId: r.youth.id }])
  t.same(db.select().from(orderExperienceAreas).all(), [{ orderId: order.id, experienceAreaId: r.fosterCare.id }])
  const mails = db.select().from(outbox).all()
  t.equal(mails.length, 1, 'the region’s active coordinator is told')
  t.equal(mails[0]!.toAddress, coordinator.email)
  t.equal(mails[0]!.subject, 'Uusi tilaus: Nuorten osallisuuden työpaja')
  t.match(mails[0]!.body, `/orders/${order.id}`)
  t.notMatch(mails[0]!.body, 'sijaishuollon palaveria', 'the description is not mailed')
  t.match(db.select().from(auditLog).where(eq(auditLog.action, 'create')).get(), { subjectType: 'order', subjectId: order.id, actorUserId: user.id })

  const page = await browser.get(created.headers.location!)
  t.equal(page.statusCode, 200)
  t.match(page.body, 'Tilaus on vastaanotettu.')
  t.match(page.body, '<h1>Nuorten osallisuuden työpaja</h1>')
  const [y, m, d] = (fields.day as string).split('-')
  t.match(page.body, `${Number(d)}.${Number(m)}.${y} klo 14.30`)
  t.match(page.body, '1,5 h')
  t.match(page.body, 'Hämeenlinna, Raatihuoneenkatu 1')
  t.match(page.body, 'Nuori 13–17 v')
  t.match(page.body, 'Sijaishuolto')
  t.match(page.body, '0 / 2 täytetty')
  t.match(page.body, 'Kokemusasiantuntijoita ei ole vielä vahvistettu.')
  t.notMatch(page.body, 'Etsi kokemusasiantuntijoita', 'the orderer does not match')
  t.match(page.body, `action="/orders/${order.id}/cancellation"`)
})

t.test('a coordinator orders on a unit’s behalf; a remote order needs no area and the load defaults from the channel', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'pair_worker')
  const r = orderingRegion(db, user.regionId)
  const form = await browser.get('/orders/new')
  t.match(form.body, `<option value="${r.unit.id}">Lastensuojelun avohuolto</option>`)
  const created = await browser.post('/orders', {
    orderingUnitId: String(r.unit.id), channelId: String(r.training.id), topic: 'Koulutus', day: addDays(today(), 3), startTime: '9:00',
    durationHours: '3', remote: 'on', areaId: '', address: 'ei käytetä', expertsWanted: '1', language: 'sv',
  }, { from: '/orders/new' })
  t.equal(created.statusCode, 303)
  t.match(db.select().from(orders).get(), {
    orderingUnitId: r.unit.id, orderedByUserId: user.id, startTime: '09:00', durationMinutes: 180, remote: true, areaId: null, address: null,
    description: null, audienceKind: null, audienceSize: null, language: 'sv', preparationWanted: false, load: 'heavy',
  })
  t.equal(rowCount(db, orderGroups), 0, 'no group: any group')
  t.equal(rowCount(db, outbox), 0, 'no mail when the coordinator orders')
  const page = await browser.get(created.headers.location!)
  t.match(page.body, 'Etänä')
  t.match(page.body, 'Mikä tahansa ryhmä')
  t.match(page.body, 'ruotsi')
  t.match(page.body, 'Raskas')
  t.match(page.body, `href="/orders/${db.select().from(orders).get()!.id}/matches"`)
  t.match(page.body, 'Tarjouksia ei ole vielä tehty.')
  const light = await browser.post('/orders', {
    orderingUnitId: String(r.unit.id), channelId: String(r.training.id), topic: 'Kevyt', day: addDays(today(), 3), startTime: '9:00',
    durationHours: '1', areaId: String(r.area.id), expertsWanted: '1', language: 'fi', load: 'light',
  }, { from: '/orders/new' })
  t.equal(light.statusCode, 303)
  t.equal(db.select().from(orders).where(eq(orders.topic, 'Kevyt')).get()!.load, 'light', 'a chosen load overrides the channel’s')
})

t.test('bad input comes back with messages at the fields and stores nothing', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const r = orderingRegion(db, user.regionId)
  const other = aRegion(db).id
  const closedUnit = aUnit(db, user.regionId)
  db.update(orderingUnits).set({ active: false }).where(eq(orderingUnits.id, closedUnit.id)).run()
  const closedChannel = aChannel(db, user.regionId, { active: false })
  const closedArea = anArea(db, user.regionId)
  db.update(areas).set({ active: false }).where(eq(areas.id, closedArea.id)).run()
  const good = { ...goodOrder(r), orderingUnitId: String(r.unit.id) }
  const cases: [string, Record<string, string | string[]>, string, string][] = [
    ['no unit', { orderingUnitId: '' }, 'orderingUnitId', 'Tämä tieto on pakollinen.'],
    ['a unit not an id', { orderingUnitId: 'x' }, 'orderingUnitId', 'Valitse jokin vaihtoehdoista.'],
    ['another region’s unit', { orderingUnitId: String(aUnit(db, other).id) }, 'orderingUnitId', 'Valitse jokin vaihtoehdoista.'],
    ['a closed unit', { orderingUnitId: String(closedUnit.id) }, 'orderingUnitId', 'Valitse jokin vaihtoehdoista.'],
    ['no channel', { channelId: '' }, 'channelId', 'Tämä tieto on pakollinen.'],
    ['another region’s channel', { channelId: String(aChannel(db, other).id) }, 'channelId', 'Valitse jokin vaihtoehdoista.'],
    ['a closed channel', { channelId: String(closedChannel.id) }, 'channelId', 'Valitse jokin vaihtoehdoista.'],
    ['no topic', { topic: '  ' }, 'topic', 'Tämä tieto on pakollinen.'],
    ['too long a topic', { topic: 'x'.repeat(201) }, 'topic', 'Enintään 200 merkkiä.'],
    ['too long a description', { description: 'x'.repeat(2001) }, 'description', 'Enintään 2000 merkkiä.'],
    ['no day', { day: '' }, 'day', 'Tämä tieto on pakollinen.'],
    ['not a day', { day: '31.2.2027' }, 'day', 'Anna päivämäärä muodossa 23.11.2026.'],
    ['a past day', { day: addDays(today(), -1) }, 'day', 'Päivä ei voi olla menneisyydessä.'],
    ['a time already past today', { day: today(), startTime: '00:00' }, 'startTime', 'Alkamisaika on jo mennyt.'],
    ['no time', { startTime: '' }, 'startTime', 'Tämä tieto on pakollinen.'],
    ['a bad time', { startTime: '25.00' }, 'startTime', 'Anna kellonaika muodossa 14.30.'],
    ['no duration', { durationHours: '' }, 'durationHours', 'Tämä tieto on pakollinen.'],
    ['a duration off the half hours', { durationHours: '1.25' }, 'durationHours', 'Valitse kesto puolen tunnin välein 0,5–12 tuntia.'],
    ['too long a duration', { durationHours: '12,5' }, 'durationHours', 'Valitse kesto puolen tunnin välein 0,5–12 tuntia.'],
    ['no area when not remote', { areaId: '' }, 'areaId', 'Tämä tieto on pakollinen.'],
    ['another region’s area', { areaId: String(anArea(db, other).id) }, 'areaId', 'Valitse jokin vaihtoehdoista.'],
    ['a closed area', { areaId: String(closedArea.id) }, 'areaId', 'Valitse jokin vaihtoehdoista.'],
    ['too long an address', { address: 'x'.repeat(201) }, 'address', 'Enintään 200 merkkiä.'],
    ['too long an audience', { audienceKind: 'x'.repeat(101) }, 'audienceKind', 'Enintään 100 merkkiä.'],
    ['no audience', { audienceSize: '0' }, 'audienceSize', 'Anna kokonaisluku väliltä 1–10000.'],
    ['too big an audience', { audienceSize: '10001' }, 'audienceSize', 'Anna kokonaisluku väliltä 1–10000.'],
    ['no experts wanted', { expertsWanted: '' }, 'expertsWanted', 'Tämä tieto on pakollinen.'],
    ['zero experts', { expertsWanted: '0' }, 'expertsWanted', 'Anna kokonaisluku väliltä 1–20.'],
    ['too many experts', { expertsWanted: '21' }, 'expertsWanted', 'Anna kokonaisluku väliltä 1–20.'],
    ['a group not an id', { groupIds: ['x'] }, 'groupIds', 'Valitse jokin vaihtoehdoista.'],
    ['another region’s group', { groupIds: [String(r.youth.id), String(aGroup(db, other).id)] }, 'groupIds', 'Valitse jokin vaihtoehdoista.'],
    ['an experience area not an id', { experienceAreaIds: ['-1'] }, 'experienceAreaIds', 'Valitse jokin vaihtoehdoista.'],
    ['another region’s experience area', { experienceAreaIds: [String(anExperienceArea(db, other).id)] }, 'experienceAreaIds', 'Valitse jokin vaihtoehdoista.'],
    ['no language', { language: '' }, 'language', 'Tämä tieto on pakollinen.'],
    ['an unknown language', { language: 'de' }, 'language', 'Valitse jokin vaihtoehdoista.'],
    ['an unknown load', { load: 'medium' }, 'load', 'Valitse jokin vaihtoehdoista.'],
  ]
  for (const [name, change, field, message] of cases) {
    const response = await browser.post('/orders', { ...good, ...change }, { from: '/orders/new' })
    t.equal(response.statusCode, 422, name)
    t.match(response.body, message, name)
    t.match(response.body, `id="f-${field}-error"`, `${name}: the message is at the field`)
    t.match(response.body, 'Tarkista lomake', name)
  }
  const kept = await browser.post('/orders', { ...good, expertsWanted: 'abc', remote: 'on' }, { from: '/orders/new' })
  t.match(kept.body, 'value="Nuorten osallisuuden työpaja"', 'values are kept')
  t.match(kept.body, 'value="abc"')
  t.match(kept.body, /id="f-remote"[^>]*checked/)
  t.match(kept.body, /id="f-preparationWanted"[^>]*checked/)
  t.match(kept.body, `<option value="${r.unit.id}" selected>`)
  t.match(kept.body, '<option value="1.5" selected>', 'the duration typed with a comma is kept')
  t.match(kept.body, new RegExp(`value="${r.youth.id}" checked`))
  t.equal(rowCount(db, orders), 0, 'no order stored')
  t.equal(rowCount(db, orderGroups), 0)
})

t.test('an orderer without a unit is told so and cannot order', async (t) => {
  const { app, db } = await build(t)
  const regionId = aRegion(db).id
  const r = orderingRegion(db, regionId)
  const browser = await unitlessOrderer(app, db, regionId)
  const form = await browser.get('/orders/new')
  t.equal(form.statusCode, 200)
  t.match(form.body, 'ei ole liitetty tilaajayksikköä')
  t.notMatch(form.body, 'action="/orders"')
  const refused = await browser.post('/orders', { ...goodOrder(r), orderingUnitId: String(r.unit.id) }, { from: '/orders' })
  t.equal(refused.statusCode, 422)
  t.equal(rowCount(db, orders), 0)
})
