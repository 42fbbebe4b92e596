// Every page of the foundation, as the people who use it see it, at 360 px and 1280 px: axe finds
// no WCAG 2.1 AA problem and the phone never scrolls sideways (design §7). The admin pages are in
// admin-pages.test.ts, so that the two files run side by side.
import t from 'tap'
import { demoAccounts, expectAccessibleAtBothWidths, expectAccessiblePage as check, login, phone, startRig, clickAndLoad } from './helper.js'

const rig = await startRig(t)

if (rig) {
  const account = (role: string) => demoAccounts.find((a) => a.role === role)!

  t.test('pages anyone can open', async (t) => {
    const page = await rig.page(phone)
    t.teardown(() => page.context().close())
    await check(t, page, '/login')
    await check(t, page, '/password/not-a-valid-token', 404)
    await check(t, page, '/no-such-page', 404)
    await check(t, page, '/login?lang=sv')
    await check(t, page, '/login?lang=en')
  })

  t.test('the login page with its error messages', async (t) => {
    const page = await rig.page(phone)
    t.teardown(() => page.context().close())
    await page.goto('/login')
    const form = page.locator('form[action="/login"]')
    t.equal(await clickAndLoad(page, form.locator('[type=submit]')), 422, 'an empty form comes back')
    t.equal(await page.locator('[aria-invalid=true]').count(), 2, 'both fields are marked invalid')
    await expectAccessibleAtBothWidths(t, page, '/login with empty fields')

    await form.locator('[name=email]').fill('nobody@demo.kokemus.fi')
    await form.locator('[name=password]').fill('wrong password')
    t.equal(await clickAndLoad(page, form.locator('[type=submit]')), 401, 'wrong credentials are refused')
    t.equal(await page.locator('[role=alert]').count(), 1, 'the refusal is announced')
    await expectAccessibleAtBothWidths(t, page, '/login with wrong credentials')
  })

  for (const role of ['admin', 'coordinator', 'pair_worker', 'orderer', 'manager', 'expert']) {
    t.test(`the home page of the ${role}`, async (t) => {
      const page = await rig.page(phone)
      t.teardown(() => page.context().close())
      await login(page, account(role).email)
      await expectAccessibleAtBothWidths(t, page, `/ as ${role}`)
      if (role === 'coordinator') {
        await check(t, page, '/admin/outbox', 403)
        await check(t, page, '/admin/users', 403)
      }
      if (role === 'expert') await check(t, page, '/no-such-page', 404)
    })
  }
}
