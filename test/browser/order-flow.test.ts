// The whole flow of an order as the people in it would recognise it, in a real browser: the orderer
// orders a workshop at her desk; the coordinator finds the experts who fit, ranked with the reasons
// (and sees who does not fit and why), and offers the work to two of them; one accepts on her phone
// (360 px), which fills the order and withdraws the other offer; the coordinator sees the order
// filled; the orderer sees who is coming by display name only; the other expert finds no open offer.
// Axe finds nothing on any page of the flow, at either width.
import t from 'tap'
import { and, eq } from 'drizzle-orm'
import { areas, assignments, auditLog, expertExcludedUnits, offers, orderingUnits, orders, outbox, users } from '../../db/schema.js'
import { addDays, formatDate, today } from '../../src/lib/dates.js'
import { formatMoney } from '../../src/lib/money.js'
import { regionSettingsOf } from '../../src/modules/settings/queries.js'
import { aGroup, anAssignment, anOrder, aUser, password } from '../helper.js'
import { anEligibleExpert } from '../modules/matching/support.js'
import { clickAndLoad, demoAccounts, desktop, expectAccessibleAtBothWidths, heading, login, pathOf, phone, startRig, visit } from './helper.js'

const rig = await startRig(t)

if (rig) {
  const { db } = rig
  const email = (role: string) => demoAccounts.find((a) => a.role === role)!.email
  const userOf = (address: string) => db.select().from(users).where(eq(users.email, address)).get()!
  const ordererUser = userOf(email('orderer'))
  const regionId = ordererUser.regionId
  const unit = db.select().from(orderingUnits).where(eq(orderingUnits.id, ordererUser.orderingUnitId!)).get()!
  const day = addDays(today(), 14)
  const topic = 'Selainkoe: sijaishuollon nuoret kehittämässä'

  // Set up where a person would not click: a group of the region's structure, and three experts of
  // that group with their consents, Finnish and a weekly window around the day; two have accounts.
  const group = aGroup(db, regionId, 'Sijaishuollon nuoret (selainkoe)')
  const withAccount = async (displayName: string, realName: string, address: string) => {
    const user = await aUser(db, { role: 'expert', regionId, email: address, name: displayName })
    return anEligibleExpert(db, { regionId, day }, { displayName, realName, email: address, groupId: group.id, userId: user.id })
  }
  const aino = await withAccount('Selain-Aino', 'Aino Aaltomaa', 'selain.aino@example.fi')
  const bertta = await withAccount('Selain-Bertta', 'Bertta Berglund', 'selain.bertta@example.fi')
  const conflicted = anEligibleExpert(db, { regionId, day }, { displayName: 'Selain-Esteellinen', realName: 'Eemeli Esteellinen', groupId: group.id })
  db.insert(expertExcludedUnits).values({ expertId: conflicted.id, orderingUnitId: unit.id }).run()
  // Bertta did a workshop a month ago, so Aino (no work in 90 days) ranks before her.
  const earlier = anOrder(db, { regionId, topic: 'Selainkoe: aiempi työpaja', day: addDays(today(), -30), status: 'done' })
  anAssignment(db, earlier.id, bertta.id, { status: 'completed' })

  t.test('an order is made, matched, offered, accepted and filled', async (t) => {
    // 1. The orderer orders a workshop at her desk.
    const orderer = await rig.page(desktop)
    t.teardown(() => orderer.context().close())
    await login(orderer, ordererUser.email)
    await visit(t, orderer, '/orders/new')
    t.equal(await heading(orderer), 'Uusi tilaus')
    await expectAccessibleAtBothWidths(t, orderer, '/orders/new')
    await orderer.setViewportSize(desktop)
    const form = orderer.locator('form[action="/orders"]')
    await form.locator('[name=channelId]').selectOption({ label: 'Työpaja' })
    await form.locator('[name=topic]').fill(topic)
    await form.locator('[name=day]').fill(day)
    await form.locator('[name=startTime]').fill('14:30')
    await form.locator('[name=durationHours]').selectOption('2')
    await form.locator('[name=areaId]').selectOption(String(unit.areaId))
    await form.locator('[name=expertsWanted]').fill('1')
    await form.getByLabel(group.name, { exact: true }).check()
    await form.locator('[name=language]').selectOption('fi')
    t.equal(await clickAndLoad(orderer, form.getByRole('button', { name: 'Lähetä tilaus' })), 200, 'the order is sent')
    const order = db.select().from(orders).where(eq(orders.topic, topic)).get()
    t.ok(order, 'the order is stored')
    if (!order) return
    t.match(order, { orderingUnitId: unit.id, orderedByUserId: ordererUser.id, day, startTime: '14:30', durationMinutes: 120, expertsWanted: 1, language: 'fi', status: 'new' })
    const orderPath = `/orders/${order.id}`
    t.equal(pathOf(orderer), orderPath, 'she lands on her order')
    t.ok(await orderer.getByText('Tilaus on vastaanotettu.').isVisible(), 'the order is confirmed')
    await visit(t, orderer, '/orders')
    t.ok(await orderer.getByRole('link', { name: topic }).isVisible(), 'the order is on her list')

    // 2. The coordinator opens it, finds the experts and offers the work to two of them.
    const coordinator = await rig.page(desktop)
    t.teardown(() => coordinator.context().close())
    await login(coordinator, email('coordinator'))
    await visit(t, coordinator, '/orders')
    await clickAndLoad(coordinator, coordinator.getByRole('link', { name: topic }))
    t.equal(pathOf(coordinator), orderPath, 'the order opens from the list')
    t.equal(await heading(coordinator), topic)
    await clickAndLoad(coordinator, coordinator.getByRole('link', { name: 'Etsi kokemusasiantuntijoita' }))
    const matchesPath = `${orderPath}/matches`
    t.equal(pathOf(coordinator), matchesPath, '"find experts" leads to the matching page')
    t.equal(await heading(coordinator), `Sopivat kokemusasiantuntijat: ${topic}`)
    const offerForm = coordinator.locator(`form[action="${orderPath}/offers"]`)
    const candidates = (await offerForm.locator('.cards li label').allTextContents()).map((name) => name.trim())
    t.same(candidates, ['Selain-Aino', 'Selain-Bertta'], 'the two who fit are candidates, Aino (no recent work) first')
    t.match(await coordinator.locator(`#why-${aino.id}`).textContent(), 'tehtäviä 90 päivässä: 0 · ei vielä tehtäviä', "Aino's reasons")
    t.match(await coordinator.locator(`#why-${bertta.id}`).textContent(), `tehtäviä 90 päivässä: 1 · edellinen ${formatDate(addDays(today(), -30))}`, "Bertta's reasons")
    const details = coordinator.locator('details')
    const conflict = details.locator('li', { hasText: 'Selain-Esteellinen' })
    t.notOk(await conflict.isVisible(), 'who does not fit is folded away')
    await details.locator('summary').click()
    t.ok(await conflict.getByText('esteellinen tähän tilaajayksikköön').isVisible(), 'the conflict of interest is the reason shown when opened')
    await expectAccessibleAtBothWidths(t, coordinator, `${matchesPath} with the details opened`)
    await coordinator.setViewportSize(desktop)
    await offerForm.getByLabel('Selain-Aino', { exact: true }).check()
    await offerForm.getByLabel('Selain-Bertta', { exact: true }).check()
    t.equal(await clickAndLoad(coordinator, offerForm.getByRole('button', { name: 'Lähetä tarjous' })), 200, 'the offers are sent')
    t.ok(await coordinator.getByText('Tarjous lähetetty 2 kokemusasiantuntijalle.').isVisible(), 'the offers are confirmed')
    const offersOf = () => db.select({ expertId: offers.expertId, status: offers.status }).from(offers).where(eq(offers.orderId, order.id)).all()
      .sort((a, b) => a.expertId - b.expertId)
    t.same(offersOf(), [{ expertId: aino.id, status: 'pending' }, { expertId: bertta.id, status: 'pending' }], 'two pending offers stored')

    // 3. Aino answers on her phone.
    const young = await rig.page(phone)
    t.teardown(() => young.context().close())
    await login(young, aino.email!, password)
    await visit(t, young, '/me/offers')
    const card = young.locator('.cards li', { has: young.locator('h3', { hasText: topic }) })
    const fact = (term: string) => card.locator(`dt:text-is("${term}") + dd`)
    t.equal((await fact('Milloin').textContent())?.trim(), `${formatDate(day)} klo 14.30, kesto 2 h`, 'what and when')
    t.equal((await fact('Tilaaja').textContent())?.trim(), unit.name, 'the ordering unit')
    const area = db.select({ name: areas.name }).from(areas).where(eq(areas.id, unit.areaId)).get()!
    t.equal((await fact('Missä').textContent())?.trim(), area.name, 'where')
    const rate = regionSettingsOf(db, regionId).hourlyFeeCents
    t.match((await fact('Palkkio').textContent())?.replace(/[ \n]+/g, ' ').trim(), `Noin ${formatMoney(2 * rate)} (2 h × ${formatMoney(rate)}/h).`, 'the fee estimate')
    await expectAccessibleAtBothWidths(t, young, '/me/offers with an open offer')
    t.equal(await clickAndLoad(young, card.getByRole('button', { name: 'Otan tehtävän vastaan' })), 200, 'she accepts')
    t.equal(pathOf(young), '/me/offers')
    t.ok(await young.getByText('Kiitos! Tehtävä on nyt vahvistettu sinulle.').isVisible(), 'the acceptance is confirmed')
    const assignment = db.select().from(assignments).where(and(eq(assignments.orderId, order.id), eq(assignments.expertId, aino.id))).get()
    t.equal(assignment?.status, 'confirmed', 'her assignment is confirmed')
    if (!assignment) return
    await clickAndLoad(young, young.getByRole('link', { name: `Tehtävän tiedot: ${topic}` }))
    t.equal(pathOf(young), `/assignments/${assignment.id}`, 'her assignment opens')
    t.equal(await heading(young), topic)
    await expectAccessibleAtBothWidths(t, young, `/assignments/${assignment.id} (expert)`)

    // 4. The coordinator reloads the order: filled, and the other offer withdrawn.
    await visit(t, coordinator, orderPath)
    t.equal(db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id)).get()?.status, 'filled')
    t.ok(await coordinator.locator('dl.facts').getByText('Täytetty', { exact: true }).isVisible(), 'the order shows filled')
    t.ok(await coordinator.getByText('1 / 1 täytetty').first().isVisible(), 'its one place is taken')
    const offerRow = (name: string) => coordinator.locator('#offers ~ .table-wrap tbody tr', { hasText: name })
    t.equal((await offerRow('Selain-Aino').locator('td').first().textContent())?.trim(), 'Hyväksytty', "Aino's offer is accepted")
    t.equal((await offerRow('Selain-Bertta').locator('td').first().textContent())?.trim(), 'Peruttu', "Bertta's offer is withdrawn")
    t.ok(await coordinator.locator('#assignments + ul').getByText('Selain-Aino · Vahvistettu').isVisible(), 'the assignment is confirmed')
    t.same(offersOf(), [{ expertId: aino.id, status: 'accepted' }, { expertId: bertta.id, status: 'withdrawn' }])
    t.notOk(await coordinator.getByRole('link', { name: 'Etsi kokemusasiantuntijoita' }).count(), 'a filled order is not matched further')
    await expectAccessibleAtBothWidths(t, coordinator, `${orderPath} (coordinator)`)
    await coordinator.setViewportSize(desktop)
    await clickAndLoad(coordinator, coordinator.locator('#assignments + ul').getByRole('link', { name: 'Selain-Aino' }))
    t.equal(pathOf(coordinator), `/assignments/${assignment.id}`, 'the assignment opens from the order')
    await expectAccessibleAtBothWidths(t, coordinator, `/assignments/${assignment.id} (coordinator)`)

    // 5. The orderer sees who is coming, by display name only.
    await visit(t, orderer, orderPath)
    t.ok(await orderer.locator('#coming + ul').getByText('Selain-Aino', { exact: true }).isVisible(), 'Aino is coming')
    const text = (await orderer.locator('main').textContent()) ?? ''
    for (const hidden of [aino.realName, bertta.displayName, bertta.realName, conflicted.displayName]) {
      t.notOk(text.includes(hidden), `the orderer does not see "${hidden}"`)
    }
    t.equal(await orderer.locator('a[href^="/experts/"], a[href^="/assignments/"]').count(), 0, 'nor links to profiles or assignments')
    await expectAccessibleAtBothWidths(t, orderer, `${orderPath} (orderer)`)

    // 6. Bertta finds no open offer; the withdrawn one is among her past answers.
    const other = await rig.page(phone)
    t.teardown(() => other.context().close())
    await login(other, bertta.email!, password)
    await visit(t, other, '/me/offers')
    t.ok(await other.getByText('Sinulle ei ole juuri nyt uusia tarjouksia.').isVisible(), 'no open offer')
    t.equal(await other.locator('h3', { hasText: topic }).count(), 0, 'the order is not offered to her any more')
    t.ok(await other.getByText(`${topic}, ${formatDate(day)}: paikat täyttyivät tai tarjous peruttiin`).isVisible(), 'it is among her past answers')
    await expectAccessibleAtBothWidths(t, other, '/me/offers after the order filled')
    t.equal(db.select().from(outbox).where(and(eq(outbox.toAddress, bertta.email!), eq(outbox.subject, `Paikat täyttyivät: ${topic}`))).all().length, 1,
      'she was told by mail that the places filled')

    // The audit log names what was done, in words.
    const actions = db.select({ action: auditLog.action, subjectId: auditLog.subjectId }).from(auditLog)
      .where(eq(auditLog.subjectType, 'expert')).all()
    for (const [action, expert] of [['offer_made', aino], ['offer_made', bertta], ['offer_accepted', aino], ['offer_withdrawn', bertta]] as const) {
      t.ok(actions.some((row) => row.action === action && row.subjectId === expert.id), `${action} is audited on ${expert.displayName}`)
    }
    const admin = await rig.page(desktop)
    t.teardown(() => admin.context().close())
    await login(admin, email('admin'))
    await visit(t, admin, '/admin/audit')
    for (const words of ['Tarjosi tehtävää', 'Otti tehtävän vastaan', 'Perui tarjouksen']) {
      t.ok(await admin.locator('tbody td').getByText(words, { exact: true }).first().isVisible(), `the admin reads "${words}"`)
    }
    const created = admin.locator('tbody tr', { has: admin.locator('td').getByText(`Tilaus #${order.id}`, { exact: true }) })
    t.ok(await created.locator('td').getByText('Loi', { exact: true }).isVisible(), 'the order is named as the subject of its creation')
  })
}
