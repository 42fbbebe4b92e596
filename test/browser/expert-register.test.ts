// The expert register as the people who use it would recognise it, in a real browser: the coordinator
// (at a desk) registers a 16-year-old, records her own and her guardian's consent, has her complete
// the basic training, finds her in the register and invites her; the invitation reaches the outbox;
// she sets a password on her phone (360 px), keeps her availability up to date, and the coordinator
// sees it on her profile.
import t from 'tap'
import { and, eq } from 'drizzle-orm'
import { consents, experts, expertGroups, trainingEnrolments, trainings } from '../../db/schema.js'
import { addDays, addMonths, formatDate, today } from '../../src/lib/dates.js'
import { demoAccounts, desktop, heading, identityCodeFor, login, pathOf, phone, startRig, clickAndLoad, visit } from './helper.js'

const rig = await startRig(t)

if (rig) {
  const { db } = rig
  const email = (role: string) => demoAccounts.find((a) => a.role === role)!.email
  const day = today()
  // Sixteen, and not on her birthday, so that her age is the same all day in any time zone.
  const birthDate = addDays(addMonths(day, -16 * 12), -10)
  const her = { realName: 'Saana Selkämaa', displayName: 'Tähtisilmä', email: 'saana.selkamaa@example.fi' }
  const guardianName = 'Maija Selkämaa'
  const trainingName = 'Peruskoulutus, selainkoe'
  const youth = db.select({ id: expertGroups.id }).from(expertGroups).where(eq(expertGroups.name, 'Nuori 13–17 v')).get()!
  const periodStart = addDays(day, 20)
  const periodEnd = addDays(day, 26)
  const window = 'keskiviikko 15.00–18.00'
  const period = `${formatDate(periodStart)}–${formatDate(periodEnd)}`

  t.test('a young expert is registered, consents, is trained, invited, and keeps her availability', async (t) => {
    const coordinator = await rig.page(desktop)
    t.teardown(() => coordinator.context().close())
    await login(coordinator, email('coordinator'))

    // Registering her.
    await visit(t, coordinator, '/experts/new')
    const form = coordinator.locator('form[action="/experts"]')
    await form.locator('[name=realName]').fill(her.realName)
    await form.locator('[name=displayName]').fill(her.displayName)
    await form.locator('[name=birthDate]').fill(birthDate)
    await form.locator('[name=groupId]').selectOption({ label: 'Nuori 13–17 v' })
    await form.locator('[name=email]').fill(her.email)
    await form.locator('[name=languages][value=fi]').check()
    await form.locator('[name=status]').selectOption('active')
    await form.locator('[name=identityCode]').fill(identityCodeFor(birthDate))
    t.equal(await clickAndLoad(coordinator, form.locator('[type=submit]')), 200, 'the expert is saved')
    const expert = db.select().from(experts).where(eq(experts.email, her.email)).get()
    t.ok(expert, 'stored in the register')
    if (!expert) return
    t.same([expert.realName, expert.displayName, expert.birthDate, expert.groupId, expert.status], [her.realName, her.displayName, birthDate, youth.id, 'active'])
    const profile = `/experts/${expert.id}`
    t.equal(pathOf(coordinator), profile, 'lands on her profile')
    t.equal(await heading(coordinator), her.displayName, 'the profile is headed by her display name')
    t.ok(await coordinator.getByText('Kokemusasiantuntija on lisätty rekisteriin.').isVisible(), 'the save is confirmed')
    t.ok(await coordinator.locator('dl.facts').getByText('(16 v, ').isVisible(), 'she is 16, shown as a minor')
    t.notOk(await coordinator.getByText(identityCodeFor(birthDate)).count(), 'the identity code is not shown in full')
    t.ok(await coordinator.locator('#consents ~ p .badge-missing').first().isVisible(), 'her consent is missing')

    // Her own consent, then her guardian's.
    await clickAndLoad(coordinator, coordinator.locator(`a[href="${profile}/consents"]`))
    t.equal(pathOf(coordinator), `${profile}/consents`, 'on her consents page')
    const consentForm = coordinator.locator(`form[action="${profile}/consents"]`)
    const giveConsent = async (givenBy: string, name: string) => {
      await consentForm.locator(`[name=givenBy][value=${givenBy}]`).check()
      await consentForm.locator('[name=giverName]').fill(name)
      await consentForm.locator('[name=scopeRegister]').check()
      await consentForm.locator('[name=scopeContact]').check()
      await consentForm.locator('[name=givenOn]').fill(day)
      await consentForm.locator('[name=expiresOn]').fill(addMonths(day, 12))
      return clickAndLoad(coordinator, consentForm.locator('[type=submit]'))
    }
    t.equal(await giveConsent('expert', ''), 200, 'her own consent is recorded')
    t.equal(pathOf(coordinator), `${profile}/consents`, 'back on the consents page')
    t.ok(await coordinator.getByText('Suostumus on kirjattu.').isVisible(), 'the consent is confirmed')
    t.ok(await coordinator.locator('.badge-missing_guardian').isVisible(), "a minor's own consent is not enough")
    t.equal(await giveConsent('guardian', guardianName), 200, "the guardian's consent is recorded")
    t.ok(await coordinator.locator('.badge-valid').isVisible(), 'the consent is now valid')
    t.ok(await coordinator.getByText(guardianName).isVisible(), "the guardian's name is listed")
    const stored = db.select({ givenBy: consents.givenBy, giverName: consents.giverName }).from(consents).where(eq(consents.expertId, expert.id)).all()
    t.same(stored.map((c) => [c.givenBy, c.giverName]).sort(), [['expert', null], ['guardian', guardianName]], 'two consents stored')

    // A basic training, her enrolment and her completion.
    await visit(t, coordinator, '/trainings/new')
    const trainingForm = coordinator.locator('form[action="/trainings"]')
    await trainingForm.locator('[name=name]').fill(trainingName)
    await trainingForm.locator('[name=hostOrganisationId]').selectOption({ index: 1 })
    await trainingForm.locator('[name=hours]').fill('50')
    await trainingForm.locator('[name=startsOn]').fill(addDays(day, -60))
    await trainingForm.locator('[name=endsOn]').fill(addDays(day, -10))
    await trainingForm.locator('[name=isBasic]').check()
    await trainingForm.locator('[name=validityMonths]').fill('36')
    t.equal(await clickAndLoad(coordinator, trainingForm.locator('[type=submit]')), 200, 'the training is saved')
    const training = db.select().from(trainings).where(eq(trainings.name, trainingName)).get()
    t.ok(training?.isBasic, 'stored as a basic training')
    if (!training) return
    t.equal(pathOf(coordinator), `/trainings/${training.id}`, "lands on the training's page")
    const enrolForm = coordinator.locator(`form[action="/trainings/${training.id}/enrolments"]`)
    await enrolForm.locator('[name=expertId]').selectOption(String(expert.id))
    t.equal(await clickAndLoad(coordinator, enrolForm.locator('[type=submit]')), 200, 'she is enrolled')
    t.ok(await coordinator.getByRole('heading', { name: her.displayName, level: 3 }).isVisible(), 'she is on the list of enrolments')
    const completionForm = coordinator.locator(`form[action="/trainings/${training.id}/completions"]`).filter({ has: coordinator.locator(`[name=expertId][value="${expert.id}"]`) })
    await completionForm.locator('[name=completedOn]').fill(addDays(day, -10))
    t.equal(await clickAndLoad(coordinator, completionForm.locator('[type=submit]')), 200, 'her completion is recorded')
    t.ok(await coordinator.getByText('Suoritus on kirjattu.').isVisible(), 'the completion is confirmed')
    const enrolment = db.select().from(trainingEnrolments).where(and(eq(trainingEnrolments.trainingId, training.id), eq(trainingEnrolments.expertId, expert.id))).get()
    t.equal(enrolment?.completedOn, addDays(day, -10), 'the completion day is stored')
    await visit(t, coordinator, profile)
    t.ok(await coordinator.getByText(`Peruskoulutus suoritettu, voimassa ${formatDate(addDays(addMonths(addDays(day, -10), 36), -1))} asti`).isVisible(),
      'the profile shows the basic training completed')
    t.ok(await coordinator.locator('#consents ~ p .badge-valid').first().isVisible(), 'the profile shows the consent valid')

    // Finding her in the register.
    await visit(t, coordinator, '/experts')
    const filters = coordinator.locator('form[action="/experts"][method=get]')
    await filters.locator('[name=q]').fill('Tähtisilmä')
    await filters.locator('[name=group]').selectOption(String(youth.id))
    await filters.locator('[name=consent]').selectOption('valid')
    await filters.locator('[name=trained]').selectOption('yes')
    t.equal(await clickAndLoad(coordinator, filters.locator('[type=submit]')), 200, 'the filtered list opens')
    const found = new URL(coordinator.url()).searchParams
    t.same([found.get('q'), found.get('consent'), found.get('trained')], ['Tähtisilmä', 'valid', 'yes'], 'the filters are in the address')
    const rows = coordinator.locator('tbody tr')
    t.equal(await rows.count(), 1, 'one expert matches')
    t.ok(await rows.first().locator(`a[href="${profile}"]`).filter({ hasText: her.displayName }).isVisible(), 'she is in the results')

    // Inviting her.
    await clickAndLoad(coordinator, rows.first().locator(`a[href="${profile}"]`))
    t.equal(pathOf(coordinator), profile, 'her profile opens from the list')
    t.equal(await clickAndLoad(coordinator, coordinator.locator(`form[action="${profile}/invitation"] [type=submit]`)), 200, 'the invitation is sent')
    t.ok(await coordinator.getByText('Kutsu on lähetetty.').isVisible(), 'the invitation is confirmed')
    t.ok(db.select({ userId: experts.userId }).from(experts).where(eq(experts.id, expert.id)).get()?.userId, 'she has a user account')

    const admin = await rig.page(desktop)
    t.teardown(() => admin.context().close())
    await login(admin, email('admin'))
    await visit(t, admin, '/admin/outbox')
    const mail = admin.locator('li').filter({ hasText: her.email })
    t.equal(await mail.count(), 1, 'the admin sees one invitation to her address')
    const link = /\/password\/[\w-]+/.exec((await mail.locator('pre').textContent()) ?? '')?.[0]
    t.ok(link, 'the mail carries a password link')
    if (!link) return

    // On her phone.
    const young = await rig.page(phone)
    t.teardown(() => young.context().close())
    await visit(t, young, link)
    const passwordForm = young.locator(`form[action="${link}"]`)
    await passwordForm.locator('[name=password]').fill('tähtiä taivaalla ja kuu')
    await passwordForm.locator('[name=confirmation]').fill('tähtiä taivaalla ja kuu')
    t.equal(await clickAndLoad(young, passwordForm.locator('[type=submit]')), 200, 'the password is set')
    t.equal(pathOf(young), '/', 'she is on her home page')
    t.equal(await heading(young), `Hei, ${her.displayName}!`, 'signed in as herself')
    await clickAndLoad(young, young.locator('main a[href="/me/availability"]').first())
    t.equal(pathOf(young), '/me/availability', 'her availability page opens')

    const periodForm = young.locator('#period-form')
    await periodForm.locator('[name=startsOn]').fill(periodStart)
    await periodForm.locator('[name=endsOn]').fill(periodEnd)
    await periodForm.locator('[name=note]').fill('Koeviikko')
    t.equal(await clickAndLoad(young, periodForm.locator('[type=submit]')), 200, 'the unavailable period is saved')
    t.equal(pathOf(young), '/me/availability', 'back on the availability page')
    t.ok(await young.getByText('Poissaolo lisätty.').isVisible(), 'the period is confirmed')

    const windowForm = young.locator('#window-form')
    await windowForm.locator('[name=weekday]').selectOption('3')
    await windowForm.locator('[name=startsAt]').fill('15:00')
    await windowForm.locator('[name=endsAt]').fill('18:00')
    t.equal(await clickAndLoad(young, windowForm.locator('[type=submit]')), 200, 'the weekly window is saved')
    t.ok(await young.getByText('Aika lisätty.').isVisible(), 'the window is confirmed')

    for (const when of ['after saving', 'after a reload']) {
      if (when === 'after a reload') await visit(t, young, '/me/availability')
      t.ok(await young.locator('#windows-title ~ ul').getByText(window).isVisible(), `the window is listed ${when}`)
      t.ok(await young.locator('#periods-title ~ ul').getByText(period).isVisible(), `the period is listed ${when}`)
    }

    // The coordinator sees it.
    await visit(t, coordinator, profile)
    const availability = coordinator.locator('#availability ~ ul')
    t.ok(await availability.getByText(window).isVisible(), 'the coordinator sees her window')
    t.ok(await availability.getByText(`${period} – Koeviikko`).isVisible(), 'the coordinator sees her period')
  })
}
