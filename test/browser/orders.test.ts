// Orders as the people who use them would recognise them, in a real browser: the orderer orders a
// workshop on her phone (360 px) and finds it on /orders and on its own page; the coordinator opens
// the list and the order at a desk; the admin changes a setting. Axe finds nothing on any of these
// pages, nor on the order form with its errors shown, at either width.
import t from 'tap'
import { desc, eq } from 'drizzle-orm'
import { orders, regionSettings, users } from '../../db/schema.js'
import { addDays, formatDate, today } from '../../src/lib/dates.js'
import { clickAndLoad, demoAccounts, desktop, expectAccessibleAtBothWidths, expectAccessiblePage, heading, login, pathOf, phone, startRig, visit } from './helper.js'

const rig = await startRig(t)

if (rig) {
  const { db } = rig
  const email = (role: string) => demoAccounts.find((a) => a.role === role)!.email
  const orderer = db.select().from(users).where(eq(users.email, email('orderer'))).get()!
  const topic = 'Selainkokeen työpaja nuorten osallisuudesta'
  const day = addDays(today(), 12)

  t.test('the orderer orders a workshop on her phone and finds it', async (t) => {
    const page = await rig.page(phone)
    t.teardown(() => page.context().close())
    await login(page, orderer.email)
    await visit(t, page, '/orders/new')
    t.equal(await heading(page), 'Uusi tilaus')
    const form = page.locator('form[action="/orders"]')
    t.equal(await form.locator('[name=orderingUnitId]').count(), 0, 'she orders for her own unit')

    // First with nothing filled in: the form comes back with its errors.
    t.equal(await clickAndLoad(page, form.locator('[type=submit]')), 422, 'an empty order is refused')
    t.ok(await page.locator('.error-summary').isVisible(), 'the errors are summarised')
    t.ok(await page.locator('#f-topic-error').isVisible(), 'the topic is required')
    await expectAccessibleAtBothWidths(t, page, '/orders/new with errors')

    await form.locator('[name=channelId]').selectOption({ label: 'Työpaja' })
    await form.locator('[name=topic]').fill(topic)
    await form.locator('[name=description]').fill('Pohdimme yhdessä, miten nuoret pääsevät mukaan palveluiden kehittämiseen.')
    await form.locator('[name=day]').fill(day)
    await form.locator('[name=startTime]').fill('14:30')
    await form.locator('[name=durationHours]').selectOption('1.5')
    await form.locator('[name=areaId]').selectOption({ index: 1 })
    await form.locator('[name=audienceKind]').fill('sosiaalityöntekijät')
    await form.locator('[name=audienceSize]').fill('20')
    await form.locator('[name=expertsWanted]').fill('2')
    await form.locator('[name=preparationWanted]').check()
    t.equal(await clickAndLoad(page, form.locator('[type=submit]')), 200, 'the order is sent')
    const order = db.select().from(orders).where(eq(orders.topic, topic)).get()
    t.ok(order, 'the order is stored')
    if (!order) return
    t.match(order, { orderingUnitId: orderer.orderingUnitId, day, startTime: '14:30', durationMinutes: 90, expertsWanted: 2, status: 'new', load: 'light' })
    t.equal(pathOf(page), `/orders/${order.id}`, 'lands on the order')
    t.equal(await heading(page), topic)
    t.ok(await page.getByText('Tilaus on vastaanotettu.').isVisible(), 'the order is confirmed')
    t.equal(await page.locator('dl.facts dd').nth(1).textContent(), `${formatDate(day)} klo 14.30`, 'the day and time are shown the Finnish way')
    await expectAccessibleAtBothWidths(t, page, `/orders/${order.id} (orderer)`)

    await visit(t, page, '/orders')
    t.ok(await page.getByRole('link', { name: topic }).isVisible(), 'the order is on her list')
    await expectAccessibleAtBothWidths(t, page, '/orders (orderer)')
  })

  t.test('the coordinator opens the list and the order', async (t) => {
    const page = await rig.page(desktop)
    t.teardown(() => page.context().close())
    await login(page, email('coordinator'))
    await expectAccessiblePage(t, page, '/orders')
    await expectAccessiblePage(t, page, '/orders?sort=upcoming&status=new')
    await clickAndLoad(page, page.getByRole('link', { name: topic }))
    t.equal(await heading(page), topic, 'the order opens from the list')
    t.ok(await page.getByRole('link', { name: 'Etsi kokemusasiantuntijoita' }).isVisible(), 'finding experts is offered')
    await expectAccessibleAtBothWidths(t, page, 'the new order (coordinator)')
    // A seeded order with offers and assignments.
    const busy = db.select({ id: orders.id }).from(orders).where(eq(orders.status, 'partly_filled')).orderBy(desc(orders.startsAt)).get()
    if (busy) await expectAccessiblePage(t, page, `/orders/${busy.id}`)
    await expectAccessiblePage(t, page, '/orders/new')
  })

  t.test('the admin changes a setting', async (t) => {
    const page = await rig.page(phone)
    t.teardown(() => page.context().close())
    const admin = db.select().from(users).where(eq(users.email, email('admin'))).get()!
    await login(page, admin.email)
    await expectAccessiblePage(t, page, '/admin/fees')
    t.equal(await heading(page), 'Palkkiot ja asetukset')
    const form = page.locator('form[action="/admin/fees"]')
    await form.locator('[name=freeCancellationHours]').fill('48')
    t.equal(await clickAndLoad(page, form.locator('[type=submit]')), 200, 'the settings are saved')
    t.ok(await page.getByText('Asetukset on tallennettu.').isVisible(), 'the save is confirmed')
    t.equal(db.select().from(regionSettings).where(eq(regionSettings.regionId, admin.regionId)).get()?.freeCancellationHours, 48)
    await form.locator('[name=hourlyFee]').fill('paljon')
    t.equal(await clickAndLoad(page, form.locator('[type=submit]')), 422, 'a bad amount is refused')
    await expectAccessibleAtBothWidths(t, page, '/admin/fees with errors')
  })
}
