// The expert register's pages at 360 px and 1280 px, as the coordinator sees them: axe finds no
// WCAG 2.1 AA problem and the phone never scrolls sideways (design §7), also with a filter, with no
// results and with a form that came back with its messages. The pair worker's view and the trainings
// are in trainings-pages.test.ts, the expert's own pages in own-pages.test.ts: the files run side by side.
import t from 'tap'
import { count, eq } from 'drizzle-orm'
import { consents, experts, expertGroups } from '../../db/schema.js'
import {
  demoAccounts, expectAccessibleAtBothWidths, expectAccessiblePage as check, identityCodeFor, login, pathOf, phone, startRig, clickAndLoad,
} from './helper.js'

const rig = await startRig(t)

if (rig) {
  const { db } = rig
  const email = (role: string) => demoAccounts.find((a) => a.role === role)!.email
  // The demo's 16-year-old: a minor with her guardian's consent, training and availability.
  const young = db.select().from(experts).where(eq(experts.email, email('expert'))).get()!
  const youth = db.select({ id: expertGroups.id }).from(expertGroups).where(eq(expertGroups.name, 'Nuori 13–17 v')).get()!
  const profile = `/experts/${young.id}`
  const expertCount = () => db.select({ n: count() }).from(experts).get()!.n
  const consentCount = () => db.select({ n: count() }).from(consents).where(eq(consents.expertId, young.id)).get()!.n

  t.test("the register's pages as the coordinator sees them", async (t) => {
    const page = await rig.page(phone)
    t.teardown(() => page.context().close())
    await login(page, email('coordinator'))

    await check(t, page, '/experts')
    t.ok(await page.locator('tbody tr').count() > 0, 'the list shows experts')
    await check(t, page, `/experts?group=${youth.id}&consent=valid&trained=yes&sort=displayName`)
    t.ok(await page.locator(`tbody a[href="${profile}"]`).isVisible(), 'the filtered list shows the young expert')
    await check(t, page, '/experts?q=ei-ketaan-talla-nimella&status=ended')
    t.ok(await page.getByText('Hakuehdoilla ei löytynyt kokemusasiantuntijoita.').isVisible(), 'an empty result says so')

    await check(t, page, '/experts/new')
    const before = expertCount()
    const form = page.locator('form[action="/experts"]')
    await form.locator('[name=displayName]').fill('Kesken jäänyt')
    await form.locator('[name=email]').fill('ei sähköposti')
    await form.locator('[name=identityCode]').fill('010101A0000')
    t.equal(await clickAndLoad(page, form.locator('[type=submit]')), 422, 'an incomplete form comes back')
    t.equal(expertCount(), before, 'nothing is stored')
    t.ok(await page.locator('[role=alert]').isVisible(), 'the errors are announced')
    t.equal(await form.locator('[name=realName]').getAttribute('aria-invalid'), 'true', 'the missing name is marked invalid')
    t.equal(await form.locator('[name=displayName]').inputValue(), 'Kesken jäänyt', 'the typed values are kept')
    await expectAccessibleAtBothWidths(t, page, '/experts/new with errors (422)')

    await check(t, page, `${profile}/edit`)
    const edit = page.locator(`form[action="${profile}"]`)
    await edit.locator('[name=identityCode]').fill(identityCodeFor(young.birthDate))
    t.equal(await clickAndLoad(page, edit.locator('[type=submit]')), 200, 'an identity code is added')
    t.equal(pathOf(page), profile, 'back on the profile')
    t.ok(await page.getByText(`${identityCodeFor(young.birthDate).slice(0, 7)}****`).isVisible(), 'the profile shows the code masked')
    await expectAccessibleAtBothWidths(t, page, `${profile} as the coordinator, with the code masked`)
    t.equal(await clickAndLoad(page, page.locator(`form[action="${profile}/identity-code-disclosure"] [type=submit]`)), 200, 'the code is disclosed')
    t.ok(await page.getByText(identityCodeFor(young.birthDate), { exact: true }).isVisible(), 'the code is shown in full')
    await expectAccessibleAtBothWidths(t, page, `${profile} as the coordinator, with the code shown`)

    await check(t, page, `${profile}/consents`)
    const consentsBefore = consentCount()
    const consentForm = page.locator(`form[action="${profile}/consents"]`)
    await consentForm.locator('[name=givenBy][value=guardian]').check()
    await consentForm.locator('[name=scopeRegister]').uncheck()
    await consentForm.locator('[name=givenOn]').fill('')
    t.equal(await clickAndLoad(page, consentForm.locator('[type=submit]')), 422, 'an incomplete consent comes back')
    t.equal(consentCount(), consentsBefore, 'nothing is stored')
    t.ok(await page.getByText('Kirjoita huoltajan tai sosiaalityöntekijän nimi.').isVisible(), "the missing guardian's name is pointed out")
    t.ok(await page.getByText('Valitse vähintään yksi kohta.').isVisible(), 'the missing scope is pointed out')
    await expectAccessibleAtBothWidths(t, page, `${profile}/consents with errors (422)`)
  })
}
