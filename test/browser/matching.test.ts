// Matching as the coordinator does it, in a real browser: she opens an order's matching page (at a desk
// and on a phone), sees the eligible experts ranked with the reasons, opens the list of those who are
// not eligible to see why, offers the work to two experts and finds them under "Already offered".
import t from 'tap'
import { eq } from 'drizzle-orm'
import { expertExcludedUnits, offers, regions } from '../../db/schema.js'
import { addDays, today } from '../../src/lib/dates.js'
import { anOrder } from '../helper.js'
import { anEligibleExpert } from '../modules/matching/support.js'
import { clickAndLoad, demoAccounts, desktop, expectAccessibleAtBothWidths, heading, login, startRig, visit } from './helper.js'
import { demoRegionName } from '../../src/demo/demo-data.js'

const rig = await startRig(t)

if (rig) {
  const { db } = rig
  const coordinator = demoAccounts.find((a) => a.role === 'coordinator')!.email
  const region = db.select().from(regions).where(eq(regions.name, demoRegionName)).get()!
  const order = anOrder(db, { regionId: region.id, status: 'new', topic: 'Selainkokeen työpaja', day: addDays(today(), 40), expertsWanted: 2 })
  const aino = anEligibleExpert(db, order, { displayName: 'Selain-Aino', email: 'selain.aino@example.fi' })
  const eetu = anEligibleExpert(db, order, { displayName: 'Selain-Eetu', email: 'selain.eetu@example.fi' })
  const excluded = anEligibleExpert(db, order, { displayName: 'Selain-Esteellinen' })
  db.insert(expertExcludedUnits).values({ expertId: excluded.id, orderingUnitId: order.orderingUnitId }).run()
  const path = `/orders/${order.id}/matches`

  t.test('the coordinator matches an order and offers it to two experts', async (t) => {
    const page = await rig.page(desktop)
    t.teardown(() => page.context().close())
    await login(page, coordinator)
    await visit(t, page, path)
    t.equal(await heading(page), 'Sopivat kokemusasiantuntijat: Selainkokeen työpaja')
    const form = page.locator(`form[action="/orders/${order.id}/offers"]`)
    for (const expert of [aino, eetu]) {
      t.ok(await form.getByLabel(expert.displayName, { exact: true }).isVisible(), `${expert.displayName} is a candidate`)
      t.match(await page.locator(`#why-${expert.id}`).textContent(), /tehtäviä 90 päivässä: 0 · ei vielä tehtäviä/, 'with the reasons of the ranking')
    }
    const details = page.locator('details')
    t.notOk(await details.getByText('esteellinen tähän tilaajayksikköön').isVisible(), 'the excluded are folded away')
    await details.locator('summary').click()
    const card = details.locator('li', { hasText: 'Selain-Esteellinen' })
    t.ok(await card.getByText('esteellinen tähän tilaajayksikköön').isVisible(), 'the failed rule is shown when opened')
    await expectAccessibleAtBothWidths(t, page, `${path} with the excluded open`)

    await form.getByLabel('Selain-Aino', { exact: true }).check()
    await form.getByLabel('Selain-Eetu', { exact: true }).check()
    t.equal(await clickAndLoad(page, form.getByRole('button', { name: 'Lähetä tarjous' })), 200)
    t.equal(new URL(page.url()).pathname, path, 'back on the matching page')
    t.ok(await page.getByText('Tarjous lähetetty 2 kokemusasiantuntijalle.').isVisible(), 'the offers are confirmed')
    const offered = page.locator('h2#offered + ul')
    for (const name of ['Selain-Aino', 'Selain-Eetu']) {
      t.ok(await offered.locator('li', { hasText: name }).getByText('odottaa vastausta').isVisible(), `${name} is under "Already offered"`)
    }
    t.equal(await form.getByLabel('Selain-Aino', { exact: true }).count(), 0, 'no longer a candidate')
    t.same(db.select({ expertId: offers.expertId }).from(offers).where(eq(offers.orderId, order.id)).all().map((o) => o.expertId).sort(), [aino.id, eetu.id].sort())
    await expectAccessibleAtBothWidths(t, page, `${path} after the offers`)
  })
}
