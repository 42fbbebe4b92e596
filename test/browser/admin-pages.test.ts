// The admin's pages at 360 px and 1280 px: axe finds no WCAG 2.1 AA problem and the phone never
// scrolls sideways (design §7). The other pages of the foundation are in accessibility.test.ts.
import t from 'tap'
import { eq } from 'drizzle-orm'
import { areas, users } from '../../db/schema.js'
import { queueMail } from '../../src/modules/mail/service.js'
import { demoAccounts, expectAccessibleAtBothWidths, expectAccessiblePage as check, login, phone, startRig } from './helper.js'

const rig = await startRig(t)

if (rig) {
  const { db } = rig
  const email = (role: string) => demoAccounts.find((a) => a.role === role)!.email
  const admin = db.select().from(users).where(eq(users.email, email('admin'))).get()!
  const coordinator = db.select().from(users).where(eq(users.email, email('coordinator'))).get()!
  const area = db.select().from(areas).where(eq(areas.regionId, admin.regionId)).get()!
  // The outbox shows a mail with a long line, as it does once users are invited.
  queueMail(db, {
    regionId: admin.regionId,
    to: 'uusi.kayttaja@example.fi',
    subject: 'Tervetuloa Kokemukseen',
    body: `Aseta salasana: ${rig.baseUrl}/password/${'x'.repeat(43)}\n\nTämä rivi on niin pitkä, että sen on rivityttävä puhelimen näytöllä eikä sivua saa vierittää sivuttain.`,
  })

  t.test('the admin pages, each at both widths', async (t) => {
    const page = await rig.page(phone)
    t.teardown(() => page.context().close())
    await login(page, admin.email)
    await check(t, page, '/admin/outbox')
    t.ok(await page.getByText('uusi.kayttaja@example.fi').isVisible(), 'the outbox lists the mail')
    await page.locator('details summary').first().click()
    await expectAccessibleAtBothWidths(t, page, '/admin/outbox with a mail opened')
    await check(t, page, '/admin/structure')
    await check(t, page, `/admin/structure/areas/${area.id}`)
    await check(t, page, '/admin/users')
    await check(t, page, '/admin/users/new')
    await check(t, page, `/admin/users/${coordinator.id}`)
    await check(t, page, '/admin/audit')
  })
}
