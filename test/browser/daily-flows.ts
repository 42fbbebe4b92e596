// The daily flows of the demo's own people in one language, as a newcomer meets them, every page
// checked at 360 px and 1280 px (axe and the layout check): the orderer orders an expert; the
// coordinator opens the order's matching page and offers the work to the 16-year-old; she finds the
// offer on her phone, accepts it and looks at her work and her availability; the coordinator sees the
// order filled. daily-flows-fi/sv/en.test.ts run it once per language, side by side (one language
// alone takes about as long as order-flow.test.ts).
import type { Test } from 'tap'
import { and, eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { assignments, availabilityWindows, channels, expertAreas, expertExcludedUnits, experts, offers, orderingUnits, orders, unavailablePeriods, users } from '../../db/schema.js'
import { addDays, today } from '../../src/lib/dates.js'
import { translator, type Lang } from '../../src/web/i18n/index.js'
import { clickAndLoad, demoAccounts, desktop, expectAccessibleAtBothWidths, heading, htmlLang, login, pathOf, phone, startRig, visit, type Viewport } from './helper.js'

// The orderer and the coordinator act at the desk in Finnish and English and on a phone in Swedish;
// the expert always on her phone. The language is chosen with the link in Swedish, by the address
// otherwise.
const widths: Record<Lang, Viewport> = { fi: desktop, sv: phone, en: desktop }

export async function dailyFlows (t: Test, lang: Lang): Promise<void> {
  // About 1 to 4 minutes, by how busy the machine is: more than the files' default of 5 minutes
  // leaves room for a busy one.
  t.setTimeout(600_000)
  const rig = await startRig(t)
  if (!rig) return
  const { db } = rig
  const tr = translator(lang)
  const width = widths[lang]
  const email = (role: string) => demoAccounts.find((a) => a.role === role)!.email
  const ordererUser = db.select().from(users).where(eq(users.email, email('orderer'))).get()!
  const unit = db.select().from(orderingUnits).where(eq(orderingUnits.id, ordererUser.orderingUnitId!)).get()!
  const day = addDays(today(), 70)
  const topic = `Selainkoe ${lang}: nuoret kertovat`

  // The demo's 16-year-old made free that day, where a person would not click: a window on its
  // weekday, no unavailable period, pause, cap or exclusion, and reach to the orderer's area; so the
  // matching page lists her whatever the demo drew for her. A light channel that needs no training.
  const young = db.select().from(experts).where(eq(experts.email, 'nuori@demo.kokemus.fi')).get()!
  db.update(experts).set({ monthlyCap: null, pausedUntil: null }).where(eq(experts.id, young.id)).run()
  db.delete(unavailablePeriods).where(eq(unavailablePeriods.expertId, young.id)).run()
  db.delete(expertExcludedUnits).where(eq(expertExcludedUnits.expertId, young.id)).run()
  db.insert(expertAreas).values({ expertId: young.id, areaId: unit.areaId }).onConflictDoNothing().run()
  db.insert(availabilityWindows).values({ expertId: young.id, weekday: DateTime.fromISO(day).weekday, startsAt: '06:00', endsAt: '22:00' }).run()
  const channel = db.select().from(channels)
    .where(and(eq(channels.regionId, ordererUser.regionId), eq(channels.defaultLoad, 'light'), eq(channels.requiresBasicTraining, false), eq(channels.active, true))).get()!

  t.test(`the daily flows in ${lang} at 360 px and 1280 px`, async (t) => {
    const orderer = await rig.page(width)
    const coordinator = await rig.page(width)
    const expert = await rig.page(phone)
    t.teardown(async () => { for (const page of [orderer, coordinator, expert]) await page.context().close() })
    // Checks the page at both widths, then goes back to the width the person uses.
    const check = async (page: typeof orderer, label: string) => {
      await expectAccessibleAtBothWidths(t, page, `${lang}: ${label}`)
      await page.setViewportSize(page === expert ? phone : width)
    }

    // 1. The orderer chooses her language, orders an expert and sees her order.
    if (lang === 'sv') {
      await visit(t, orderer, '/login')
      await clickAndLoad(orderer, orderer.getByRole('link', { name: 'På svenska' }))
    } else {
      await visit(t, orderer, `/login?lang=${lang}`)
    }
    t.equal(await htmlLang(orderer), lang, 'the login page is in the chosen language')
    await login(orderer, ordererUser.email)
    await visit(t, orderer, '/orders/new')
    t.equal(await heading(orderer), tr('orders.new'))
    await check(orderer, '/orders/new')
    const form = orderer.locator('form[action="/orders"]')
    await form.locator('[name=channelId]').selectOption(String(channel.id))
    await form.locator('[name=topic]').fill(topic)
    await form.locator('[name=day]').fill(day)
    await form.locator('[name=startTime]').fill('10:00')
    await form.locator('[name=durationHours]').selectOption('2')
    await form.locator('[name=areaId]').selectOption(String(unit.areaId))
    await form.locator('[name=expertsWanted]').fill('1')
    await form.locator(`[name=groupIds][value="${young.groupId}"]`).check()
    await form.locator('[name=language]').selectOption('fi')
    t.equal(await clickAndLoad(orderer, form.getByRole('button', { name: tr('orders.submit') })), 200, 'the order is sent')
    const order = db.select().from(orders).where(eq(orders.topic, topic)).get()
    t.match(order, { orderingUnitId: unit.id, orderedByUserId: ordererUser.id, day, startTime: '10:00', durationMinutes: 120, expertsWanted: 1, status: 'new' }, 'the order is stored')
    if (!order) return
    const orderPath = `/orders/${order.id}`
    t.equal(pathOf(orderer), orderPath, 'she lands on her order')
    t.equal(await heading(orderer), topic)
    t.ok(await orderer.getByText(tr('orders.created')).isVisible(), 'the order is confirmed')
    await check(orderer, `${orderPath} (orderer)`)

    // 2. The coordinator opens the order and its matching page, and offers the work to the young expert.
    await visit(t, coordinator, `/login?lang=${lang}`)
    await login(coordinator, email('coordinator'))
    await visit(t, coordinator, orderPath)
    t.equal(await htmlLang(coordinator), lang)
    await check(coordinator, `${orderPath} (coordinator)`)
    await clickAndLoad(coordinator, coordinator.getByRole('link', { name: tr('orders.findExperts') }))
    t.equal(pathOf(coordinator), `${orderPath}/matches`, '"find experts" leads to the matching page')
    const offerForm = coordinator.locator(`form[action="${orderPath}/offers"]`)
    const candidate = offerForm.getByLabel(young.displayName, { exact: true })
    t.equal(await candidate.getAttribute('value'), String(young.id), 'the young expert is among the candidates')
    await check(coordinator, `${orderPath}/matches`)
    await candidate.check()
    t.equal(await clickAndLoad(coordinator, offerForm.getByRole('button', { name: tr('matching.send') })), 200, 'the offer is sent')
    t.ok(await coordinator.getByText(tr('matching.sent', { count: 1 })).isVisible(), 'the offer is confirmed')
    t.same(db.select({ expertId: offers.expertId, status: offers.status }).from(offers).where(eq(offers.orderId, order.id)).all(),
      [{ expertId: young.id, status: 'pending' }], 'one pending offer, to her')
    await check(coordinator, `${orderPath}/matches after the offer`)

    // 3. The young expert finds the offer from her home page, accepts it, and looks at her work and
    // her availability.
    await visit(t, expert, `/login?lang=${lang}`)
    await login(expert, young.email!)
    t.equal(pathOf(expert), '/')
    t.equal(await htmlLang(expert), lang)
    await check(expert, '/ (expert)')
    await clickAndLoad(expert, expert.getByRole('link', { name: tr('home.expert.offersLink') }))
    t.equal(pathOf(expert), '/me/offers', 'the home page leads to her offers')
    const card = expert.locator('.cards li', { has: expert.locator('h3', { hasText: topic }) })
    t.ok(await card.isVisible(), 'the offer is on her phone')
    await check(expert, '/me/offers')
    t.equal(await clickAndLoad(expert, card.getByRole('button', { name: tr('offers.accept') })), 200, 'she accepts')
    t.ok(await expert.getByText(tr('offers.acceptedFlash')).isVisible(), 'the acceptance is confirmed')
    const confirmed = expert.locator(`h2:text-is("${tr('offers.upcoming')}") + ul.cards`)
    t.ok(await confirmed.locator('h3', { hasText: topic }).isVisible(), 'it is among her confirmed work')
    const assignment = db.select().from(assignments).where(and(eq(assignments.orderId, order.id), eq(assignments.expertId, young.id))).get()
    t.equal(assignment?.status, 'confirmed', 'her assignment is confirmed')
    await check(expert, '/me/offers after accepting')
    await clickAndLoad(expert, confirmed.getByRole('link', { name: tr('offers.details', { topic }) }))
    t.equal(pathOf(expert), `/assignments/${assignment?.id}`, 'her work opens')
    t.equal(await heading(expert), topic)
    await check(expert, '/assignments/:id (expert)')
    await visit(t, expert, '/me/availability')
    t.equal(await heading(expert), tr('availability.ownTitle'))
    await check(expert, '/me/availability')

    // 4. The coordinator sees the order filled.
    await visit(t, coordinator, orderPath)
    t.equal(db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id)).get()?.status, 'filled', 'the order is filled')
    t.ok(await coordinator.locator('dl.facts').getByText(tr('orders.status.filled'), { exact: true }).isVisible(), 'the order shows filled')
    await check(coordinator, `${orderPath} filled (coordinator)`)
  })
}
