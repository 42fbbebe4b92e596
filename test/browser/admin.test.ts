// The admin at work in a real browser: adding an area to the region's structure, and adding a user
// who gets an invitation mail and sets a password through its link.
import t from 'tap'
import { count, eq } from 'drizzle-orm'
import { areas, users } from '../../db/schema.js'
import {
  demoAccounts, desktop, expectAccessibleAtBothWidths, heading, login, pathOf, phone, startRig, clickAndLoad, visit,
} from './helper.js'

const rig = await startRig(t)

if (rig) {
  const { db } = rig
  const admin = demoAccounts.find((a) => a.role === 'admin')!
  const areaCount = () => db.select({ n: count() }).from(areas).get()!.n

  t.test('the admin adds an area, and an empty name is refused with a message', async (t) => {
    const page = await rig.page(desktop)
    t.teardown(() => page.context().close())
    await login(page, admin.email)
    await visit(t, page, '/admin/structure')
    const form = page.locator('form[action="/admin/structure/areas"]')
    const before = areaCount()

    await form.locator('[name=name]').fill('Hattula')
    t.equal(await clickAndLoad(page, form.locator('[type=submit]')), 200, 'the area is saved')
    t.equal(pathOf(page), '/admin/structure', 'back on the structure page')
    t.equal(areaCount(), before + 1, 'one area more')
    await page.goto('/admin/structure')
    t.ok(await page.locator('#areas').getByText('Hattula', { exact: true }).isVisible(), 'the new area is listed')

    await form.locator('[name=name]').fill('')
    t.equal(await clickAndLoad(page, form.locator('[type=submit]')), 422, 'an empty name comes back')
    t.equal(areaCount(), before + 1, 'nothing is stored')
    t.ok(await form.locator('.field-error').isVisible(), 'the message is shown at the field')
    t.equal(await form.locator('[name=name]').getAttribute('aria-invalid'), 'true', 'the field is marked invalid')
    t.ok(await page.locator('[role=alert]').first().isVisible(), 'the error is announced')
    await expectAccessibleAtBothWidths(t, page, '/admin/structure with an error')
  })

  t.test('the admin adds a user, who sets a password from the invitation mail and signs in', async (t) => {
    const page = await rig.page(desktop)
    t.teardown(() => page.context().close())
    await login(page, admin.email)
    await visit(t, page, '/admin/users/new')
    const form = page.locator('form[action="/admin/users"]')
    const name = 'Kerttu Koordinaattori'
    const email = 'kerttu.koordinaattori@example.fi'
    await form.locator('[name=name]').fill(name)
    await form.locator('[name=email]').fill(email)
    await form.locator('[name=role]').selectOption('coordinator')
    t.equal(await clickAndLoad(page, form.locator('[type=submit]')), 200, 'the user is saved')
    t.match(pathOf(page), /^\/admin\/users\/\d+$/, "lands on the new user's page")
    t.ok(await page.getByText(name).first().isVisible(), 'the page shows the name')
    const created = db.select().from(users).where(eq(users.email, email)).get()
    t.equal(created?.role, 'coordinator', 'stored as a coordinator')
    t.equal(pathOf(page), `/admin/users/${created?.id}`)

    await visit(t, page, '/admin/outbox')
    const mail = page.locator('li').filter({ hasText: email })
    t.equal(await mail.count(), 1, 'one invitation to that address in the outbox')
    const body = (await mail.locator('pre').textContent()) ?? ''
    const link = /\/password\/[\w-]+/.exec(body)?.[0]
    t.ok(link, 'the mail carries a password link')
    if (!link) return

    const invited = await rig.page(phone)
    t.teardown(() => invited.context().close())
    await visit(t, invited, link)
    await expectAccessibleAtBothWidths(t, invited, 'the set-password page')
    const passwordForm = invited.locator(`form[action="${link}"]`)
    await passwordForm.locator('[name=password]').fill('kaksi kissaa ja kolme koiraa')
    await passwordForm.locator('[name=confirmation]').fill('kaksi kissaa ja kolme koiraa')
    t.equal(await clickAndLoad(invited, passwordForm.locator('[type=submit]')), 200)
    t.equal(pathOf(invited), '/', 'the new user is on their home page')
    t.equal(await heading(invited), `Hei, ${name}!`, 'signed in as the new user')
    await visit(t, invited, link, 404)
  })
}
