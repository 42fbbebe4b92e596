// The home pages on the demo data, and the calendar feed link, in a real browser: the coordinator's
// home with every section filled at 360 px and 1280 px; the expert makes a feed link on her phone,
// sees the address, and the address answers with a calendar; axe finds nothing on the coordinator's,
// orderer's and expert's homes nor on /me/calendar, at both widths.
import t from 'tap'
import { demoAccounts, desktop, expectAccessibleAtBothWidths, expectNoHorizontalScroll, login, phone, startRig, clickAndLoad, visit, pathOf } from './helper.js'

const rig = await startRig(t)

if (rig) {
  const email = (role: string) => demoAccounts.find((a) => a.role === role)!.email

  t.test('the coordinator’s home has every section filled, at both widths', async (t) => {
    for (const viewport of [phone, desktop]) {
      const page = await rig.page(viewport)
      t.teardown(() => page.context().close())
      await login(page, email('coordinator'))
      await visit(t, page, '/')
      for (const id of ['to-match-title', 'offers-title', 'week-title', 'debriefs-title']) {
        const section = page.locator(`section[aria-labelledby="${id}"]`)
        t.ok(await section.locator('h2').isVisible(), `${id} at ${viewport.name}`)
        t.ok(await section.locator('tbody tr').count() > 0, `${id} has rows at ${viewport.name}`)
        t.notMatch(await section.locator('h2').textContent(), '(0)', `${id} counts something`)
      }
      t.ok(await page.getByText('Myöhässä olevat jälkipuinnit (2)').isVisible(), 'the two overdue debriefs')
      t.ok(await page.getByRole('heading', { name: 'Uusittavat suostumukset' }).isVisible(), 'consents to renew are still there')
      await expectNoHorizontalScroll(t, page, `coordinator home at ${viewport.name}`)
    }
  })

  t.test('axe finds nothing on the coordinator’s, orderer’s and expert’s homes', async (t) => {
    for (const role of ['coordinator', 'orderer', 'expert']) {
      const page = await rig.page(desktop)
      t.teardown(() => page.context().close())
      await login(page, role === 'expert' ? 'nuori@demo.kokemus.fi' : email(role))
      await visit(t, page, '/')
      await expectAccessibleAtBothWidths(t, page, `${role} home`)
    }
  })

  t.test('the expert makes a calendar link on her phone and the link gives her calendar', async (t) => {
    const page = await rig.page(phone)
    t.teardown(() => page.context().close())
    await login(page, 'aikuinen@demo.kokemus.fi')
    t.ok(await page.getByText('Tarjoukset (1)').isVisible(), 'her open offer is counted on the home')
    await clickAndLoad(page, page.locator('a[href="/me/calendar"]').first())
    t.equal(pathOf(page), '/me/calendar')
    await expectAccessibleAtBothWidths(t, page, '/me/calendar without a link')
    t.equal(await clickAndLoad(page, page.getByRole('button', { name: 'Tee kalenterilinkki' })), 200)
    const url = await page.locator('#feed-url').inputValue()
    t.match(url, new RegExp(`^${rig.baseUrl}/me/calendar\\.ics\\?token=[A-Za-z0-9_-]{43}$`), 'the full address is shown')
    t.match(await page.getByRole('link', { name: 'Avaa kalenterisovelluksessa' }).getAttribute('href'), /^webcal:\/\//)
    await expectAccessibleAtBothWidths(t, page, '/me/calendar with a new link')
    const feed = await fetch(url)
    t.equal(feed.status, 200)
    t.equal(feed.headers.get('content-type'), 'text/calendar; charset=utf-8')
    const body = await feed.text()
    t.match(body, 'BEGIN:VCALENDAR')
    t.match(body, 'BEGIN:VEVENT', 'her confirmed and completed work is in it')
    await visit(t, page, '/me/calendar')
    t.equal(await page.locator('#feed-url').count(), 0, 'the address is not shown again')
    await expectAccessibleAtBothWidths(t, page, '/me/calendar with a link')
  })
}
