// The young expert's own pages on her phone, checked at 360 px and 1280 px: axe finds no WCAG 2.1 AA
// problem and the phone never scrolls sideways (design §7), also with a form that came back with its
// messages. The register's pages are in register-pages.test.ts and trainings-pages.test.ts.
import t from 'tap'
import { count, eq } from 'drizzle-orm'
import { availabilityWindows, experts } from '../../db/schema.js'
import { demoAccounts, expectAccessibleAtBothWidths, expectAccessiblePage as check, login, phone, startRig, clickAndLoad } from './helper.js'

const rig = await startRig(t)

if (rig) {
  const { db } = rig
  const email = (role: string) => demoAccounts.find((a) => a.role === role)!.email
  const young = db.select().from(experts).where(eq(experts.email, email('expert'))).get()!
  const windowCount = () => db.select({ n: count() }).from(availabilityWindows).where(eq(availabilityWindows.expertId, young.id)).get()!.n

  t.test("the expert's own pages as the young expert sees them", async (t) => {
    const page = await rig.page(phone)
    t.teardown(() => page.context().close())
    await login(page, email('expert'))
    await expectAccessibleAtBothWidths(t, page, '/ as the expert')
    await check(t, page, '/me')
    t.ok(await page.getByText(young.displayName).first().isVisible(), 'her own page shows her display name')
    await check(t, page, '/me/availability')

    // Two windows on the same Monday that overlap: the second comes back.
    const windowForm = page.locator('#window-form')
    const addWindow = async (from: string, to: string) => {
      await windowForm.locator('[name=weekday]').selectOption('1')
      await windowForm.locator('[name=startsAt]').fill(from)
      await windowForm.locator('[name=endsAt]').fill(to)
      return clickAndLoad(page, windowForm.locator('[type=submit]'))
    }
    t.equal(await addWindow('06:00', '07:00'), 200, 'an early Monday window is saved')
    const before = windowCount()
    t.equal(await addWindow('06:30', '07:30'), 422, 'an overlapping window comes back')
    t.equal(windowCount(), before, 'nothing is stored')
    t.ok(await page.locator('#window-form .field-error').first().isVisible(), 'the overlap is pointed out at the form')
    await expectAccessibleAtBothWidths(t, page, '/me/availability with an overlapping window (422)')
  })
}
