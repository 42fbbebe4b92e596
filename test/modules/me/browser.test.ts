// The expert's own pages in Chromium, as a 16-year-old on a phone uses them: axe finds no WCAG 2.1 AA
// problem at 360 px and 1280 px, nothing scrolls sideways, and the forms work without JavaScript.
import t from 'tap'
import { clickAndLoad, demoAccounts, expectAccessibleAtBothWidths, expectAccessiblePage as check, login, phone, startRig } from '../../browser/helper.js'
import { addDays, today } from '../../../src/lib/dates.js'

const rig = await startRig(t)

if (rig) {
  const young = demoAccounts.find((a) => a.email === 'nuori@demo.kokemus.fi')!

  t.test('the own page and its form', async (t) => {
    const page = await rig.page(phone)
    t.teardown(() => page.context().close())
    await login(page, young.email)
    await check(t, page, '/me')
    const form = page.locator('form[action="/me"]')
    await form.locator('[name=email]').fill('ei-osoite')
    await form.locator('[name=incomeLimit]').fill('paljon')
    t.equal(await clickAndLoad(page, form.locator('[type=submit]')), 422)
    await expectAccessibleAtBothWidths(t, page, '/me with errors')
    await form.locator('[name=email]').fill('noora@example.fi')
    await form.locator('[name=incomeLimit]').fill('4000')
    await form.locator('[name=feePreference][value=ask]').check()
    t.equal(await clickAndLoad(page, form.locator('[type=submit]')), 200, 'saved and back on the page')
    t.match(await page.locator('[role=status]').textContent(), 'Tietosi on tallennettu.')
  })

  t.test('the availability page and its forms', async (t) => {
    const page = await rig.page(phone)
    t.teardown(() => page.context().close())
    await login(page, young.email)
    await check(t, page, '/me/availability')
    const windowForm = page.locator('#window-form')
    await windowForm.locator('[name=weekday]').selectOption('3')
    await windowForm.locator('[name=startsAt]').fill('06:00')
    await windowForm.locator('[name=endsAt]').fill('05:00')
    t.equal(await clickAndLoad(page, windowForm.locator('[type=submit]')), 422)
    await expectAccessibleAtBothWidths(t, page, '/me/availability with an error')
    await windowForm.locator('[name=endsAt]').fill('07:30')
    t.equal(await clickAndLoad(page, windowForm.locator('[type=submit]')), 200)
    t.match(await page.locator('[role=status]').textContent(), 'Aika lisätty.')
    const periodForm = page.locator('#period-form')
    await periodForm.locator('[name=startsOn]').fill(addDays(today(), 7))
    await periodForm.locator('[name=endsOn]').fill(addDays(today(), 9))
    await periodForm.locator('[name=note]').fill('koeviikko')
    t.equal(await clickAndLoad(page, periodForm.locator('[type=submit]')), 200)
    await page.locator('#pause-form [name=pausedUntil]').fill(addDays(today(), 20))
    t.equal(await clickAndLoad(page, page.locator('#pause-form [type=submit]')), 200)
    await expectAccessibleAtBothWidths(t, page, '/me/availability with rows and a pause')
    t.equal(await clickAndLoad(page, page.getByRole('button', { name: 'Lopeta tauko nyt' })), 200)
    t.equal(await clickAndLoad(page, page.getByRole('button', { name: /^Poista poissaolo/ }).first()), 200)
    t.match(await page.locator('[role=status]').textContent(), 'Poissaolo poistettu.')
  })
}
