// The trainings, the coordinator's home with its consents to renew, and the register as the pair
// worker sees it, at 360 px and 1280 px: axe finds no WCAG 2.1 AA problem and the phone never scrolls
// sideways (design §7), also with a form that came back with its messages. The coordinator's register
// pages are in register-pages.test.ts, the expert's own pages in own-pages.test.ts.
import t from 'tap'
import { count, eq } from 'drizzle-orm'
import { experts, trainings } from '../../db/schema.js'
import { demoAccounts, expectAccessibleAtBothWidths, expectAccessiblePage as check, login, phone, startRig, clickAndLoad } from './helper.js'

const rig = await startRig(t)

if (rig) {
  const { db } = rig
  const email = (role: string) => demoAccounts.find((a) => a.role === role)!.email
  const young = db.select().from(experts).where(eq(experts.email, email('expert'))).get()!
  const profile = `/experts/${young.id}`
  const trainingCount = () => db.select({ n: count() }).from(trainings).get()!.n

  t.test('the trainings and the home page as the coordinator sees them', async (t) => {
    const page = await rig.page(phone)
    t.teardown(() => page.context().close())
    await login(page, email('coordinator'))
    await expectAccessibleAtBothWidths(t, page, '/ as the coordinator')
    t.ok(await page.getByRole('heading', { name: 'Uusittavat suostumukset' }).isVisible(), 'the home page lists consents to renew')

    await check(t, page, '/trainings')
    // Every training of the demo: one with its completions, one under way with completions to record.
    const links = await page.locator('tbody a[href^="/trainings/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))
    t.ok(links.length > 0, 'the list shows trainings')
    for (const link of links) await check(t, page, link)

    await check(t, page, '/trainings/new')
    const before = trainingCount()
    const form = page.locator('form[action="/trainings"]')
    await form.locator('[name=name]').fill('Keskeneräinen koulutus')
    await form.locator('[name=hours]').fill('paljon')
    t.equal(await clickAndLoad(page, form.locator('[type=submit]')), 422, 'an incomplete training comes back')
    t.equal(trainingCount(), before, 'nothing is stored')
    t.ok(await page.locator('[role=alert]').isVisible(), 'the errors are announced')
    t.equal(await form.locator('[name=hours]').getAttribute('aria-invalid'), 'true', 'the hours are marked invalid')
    await expectAccessibleAtBothWidths(t, page, '/trainings/new with errors (422)')
  })

  t.test("the register's pages as the pair worker sees them", async (t) => {
    const page = await rig.page(phone)
    t.teardown(() => page.context().close())
    await login(page, email('pair_worker'))
    await expectAccessibleAtBothWidths(t, page, '/ as the pair worker')
    await check(t, page, profile)
    t.equal(await page.locator('#restricted').count(), 0, 'no coordinator-only details')
    t.equal(await page.locator(`form[action="${profile}/identity-code-disclosure"]`).count(), 0, 'no way to see the identity code')
    await check(t, page, `${profile}/edit`)
    t.equal(await page.locator('[name=identityCode]').count(), 0, 'the form has no identity code')
    await check(t, page, `${profile}/consents`)
  })
}
