// Answering offers and following up assignments in a real browser: a 16-year-old expert on her phone
// (360 px) accepts one offer, sees it among her confirmed work, declines another with a reason and
// meets a refusal; the coordinator records a past heavy assignment as done and then its debrief.
import t from 'tap'
import { eq } from 'drizzle-orm'
import { assignments, debriefs, experts, offers, orders, users } from '../../db/schema.js'
import { addDays, today } from '../../src/lib/dates.js'
import { anAssignment, anOffer, anOrder } from '../helper.js'
import { clickAndLoad, demoAccounts, desktop, expectAccessibleAtBothWidths, heading, login, pathOf, phone, startRig, visit } from './helper.js'

const rig = await startRig(t)

if (rig) {
  const { db } = rig
  const email = (role: string) => demoAccounts.find((a) => a.role === role)!.email
  const userOf = (address: string) => db.select().from(users).where(eq(users.email, address)).get()!
  const young = db.select().from(experts).where(eq(experts.userId, userOf('nuori@demo.kokemus.fi').id)).get()!
  const coordinator = userOf(email('coordinator'))
  const regionId = young.regionId
  // Far enough ahead not to meet the demo data's own work.
  const day = addDays(today(), 300)
  const offered = (topic: string, startTime: string, fields: Partial<Parameters<typeof anOrder>[1]> = {}) => {
    const order = anOrder(db, { regionId, topic, day, startTime, ...fields })
    return anOffer(db, order.id, young.id, { offeredByUserId: coordinator.id })
  }
  const toAccept = offered('Selainkoe: nuorten paneeli', '09:00', { load: 'heavy', preparationWanted: true })
  const toDecline = offered('Selainkoe: työpaja', '13:00')
  const toRefuse = offered('Selainkoe: peruttava', '17:00')
  const past = anOrder(db, { regionId, topic: 'Selainkoe: mennyt koulutus', day: addDays(today(), -2), load: 'heavy' })
  const pastWork = anAssignment(db, past.id, young.id)

  t.test('an expert answers her offers on her phone', async (t) => {
    const page = await rig.page(phone)
    t.teardown(() => page.context().close())
    await login(page, 'nuori@demo.kokemus.fi')
    await visit(t, page, '/me/offers')
    t.equal(await heading(page), 'Tarjotut tehtävät')
    const card = (topic: string) => page.locator('.cards li', { has: page.locator('h3', { hasText: topic }) })
    t.ok(await card('Selainkoe: nuorten paneeli').getByText('Raskas aihe').isVisible(), 'heavy work is marked')
    t.ok(await card('Selainkoe: nuorten paneeli').getByText('jälkipuinti').isVisible(), 'and what it means')
    await expectAccessibleAtBothWidths(t, page, '/me/offers')

    t.equal(await clickAndLoad(page, card('Selainkoe: nuorten paneeli').getByRole('button', { name: 'Otan tehtävän vastaan' })), 200)
    t.equal(pathOf(page), '/me/offers')
    t.ok(await page.getByText('Kiitos! Tehtävä on nyt vahvistettu sinulle.').isVisible(), 'the acceptance is confirmed')
    const confirmed = page.locator('h2:has-text("Vahvistetut tehtäväni") + ul.cards')
    t.ok(await confirmed.locator('h3', { hasText: 'Selainkoe: nuorten paneeli' }).isVisible(), 'it is among her confirmed work')
    t.equal(db.select().from(offers).where(eq(offers.id, toAccept.id)).get()!.status, 'accepted')
    t.equal(db.select().from(assignments).where(eq(assignments.offerId, toAccept.id)).all().length, 1)

    const decline = card('Selainkoe: työpaja')
    await decline.getByLabel('Syy, jos haluat kertoa').fill('Minulla on koe samana päivänä')
    t.equal(await clickAndLoad(page, decline.getByRole('button', { name: 'En ota tätä tehtävää' })), 200)
    t.ok(await page.getByText('Kiitos vastauksesta!').isVisible())
    t.match(db.select().from(offers).where(eq(offers.id, toDecline.id)).get(), { status: 'declined', declineReason: 'Minulla on koe samana päivänä' })

    db.update(orders).set({ status: 'cancelled' }).where(eq(orders.id, toRefuse.orderId)).run()
    t.equal(await clickAndLoad(page, card('Selainkoe: peruttava').getByRole('button', { name: 'Otan tehtävän vastaan' })), 422)
    t.ok(await page.getByRole('alert').getByText('Tilaaja on perunut tämän tilaisuuden.').isVisible(), 'the refusal is explained at the top')
    await expectAccessibleAtBothWidths(t, page, '/me/offers with a refusal')
  })

  t.test('the coordinator records past heavy work as done and then its debrief', async (t) => {
    const page = await rig.page(desktop)
    t.teardown(() => page.context().close())
    await login(page, email('coordinator'))
    const url = `/assignments/${pastWork.id}`
    await visit(t, page, url)
    t.equal(await heading(page), 'Selainkoe: mennyt koulutus')
    await expectAccessibleAtBothWidths(t, page, url)
    await page.setViewportSize(desktop)
    const completion = page.locator(`form[action="${url}/completion"]`)
    await completion.getByLabel('Toteutuneet tunnit').fill('2,5')
    await completion.getByLabel('Matkakilometrit').fill('12')
    await completion.getByRole('radio', { name: 'Kyllä' }).check()
    t.equal(await clickAndLoad(page, completion.getByRole('button', { name: 'Kirjaa tehdyksi' })), 200)
    t.ok(await page.getByText('Tehtävä on kirjattu tehdyksi.').isVisible())
    t.match(db.select().from(assignments).where(eq(assignments.id, pastWork.id)).get(), { status: 'completed', actualMinutes: 150, kilometres: 12, audienceCame: true })
    await expectAccessibleAtBothWidths(t, page, `${url} with the debrief form`)
    const debrief = page.locator(`form[action="${url}/debrief"]`)
    await debrief.getByRole('radio', { name: 'Ei' }).check()
    t.equal(await clickAndLoad(page, debrief.getByRole('button', { name: 'Kirjaa jälkipuinti' })), 200)
    t.ok(await page.getByText('Jälkipuinti on kirjattu.').isVisible())
    t.match(db.select().from(debriefs).where(eq(debriefs.assignmentId, pastWork.id)).get(), { doneOn: today(), heldByUserId: coordinator.id, supportNeeded: false })
  })
}
