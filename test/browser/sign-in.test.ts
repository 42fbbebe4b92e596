// Signing in and out in a real browser, and choosing the language with the links in the header.
import t from 'tap'
import { demoAccounts, demoPassword, heading, htmlLang, login, logout, pathOf, phone, startRig, clickAndLoad } from './helper.js'

const rig = await startRig(t)

if (rig) {
  t.test('each demo account signs in through the form, sees their home and signs out', async (t) => {
    t.equal(demoAccounts.length, 8, 'the eight demo accounts of design §6')
    for (const account of demoAccounts) {
      const context = await rig.context(phone)
      const page = await context.newPage()
      await page.goto('/login')
      t.equal(await htmlLang(page), 'fi', `${account.email}: the login page is in Finnish`)
      t.equal(await heading(page), 'Kirjaudu sisään')
      await login(page, account.email, demoPassword)
      t.equal(pathOf(page), '/', `${account.email} lands on the home page`)
      t.equal(await heading(page), `Hei, ${account.name}!`, `${account.email} is greeted by name`)
      await logout(page)
      t.equal(pathOf(page), '/login', `${account.email} is back on the login page after signing out`)
      await page.goto('/')
      t.equal(pathOf(page), '/login', `${account.email}: after signing out the home page asks to sign in again`)
      await context.close()
    }
  })

  t.test('the language links switch the pages to Swedish and English, without JavaScript', async (t) => {
    const context = await rig.browser.newContext({ baseURL: rig.baseUrl, javaScriptEnabled: false, viewport: { width: phone.width, height: phone.height } })
    t.teardown(() => context.close())
    const page = await context.newPage()
    const admin = demoAccounts.find((a) => a.role === 'admin')!

    await page.goto('/login')
    t.equal(await htmlLang(page), 'fi')
    await clickAndLoad(page, page.getByRole('link', { name: 'På svenska' }))
    t.equal(await htmlLang(page), 'sv', 'the page is in Swedish')
    t.equal(await heading(page), 'Logga in')
    t.equal(await page.getByRole('link', { name: 'På svenska' }).getAttribute('aria-current'), 'true', 'the chosen language is marked current')

    await login(page, admin.email)
    t.equal(await htmlLang(page), 'sv', 'still Swedish after signing in')
    t.equal(await heading(page), `Hej, ${admin.name}!`)

    await clickAndLoad(page, page.getByRole('link', { name: 'In English' }))
    t.equal(await htmlLang(page), 'en', 'the page is in English')
    t.equal(await heading(page), `Hello, ${admin.name}!`)
    await page.goto('/admin/outbox')
    t.equal(await htmlLang(page), 'en', 'the choice is kept on the next page')

    await clickAndLoad(page, page.getByRole('link', { name: 'Suomeksi' }))
    t.equal(await htmlLang(page), 'fi', 'and back to Finnish')
    t.equal(pathOf(page), '/admin/outbox', 'on the same page')
  })
}
