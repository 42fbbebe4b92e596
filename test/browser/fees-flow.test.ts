// Fees from completed work to a paid payroll batch, in a real browser: the coordinator records the
// 16-year-old's work as done; she sees the claim on /me/fees on her phone (360 px) and sends it; the
// coordinator approves it, makes a batch, downloads the payroll CSV and marks the batch paid; she sees
// it paid and on her yearly statement. Axe finds nothing on any page built for fees, at either width.
import t from 'tap'
import { and, eq } from 'drizzle-orm'
import { experts, feeClaims, payrollBatches, taxCards, users } from '../../db/schema.js'
import { addDays, today } from '../../src/lib/dates.js'
import { anAssignment, anOrder } from '../helper.js'
import { clickAndLoad, demoAccounts, desktop, expectAccessibleAtBothWidths, expectAccessiblePage, login, phone, startRig, visit } from './helper.js'

const rig = await startRig(t)

if (rig) {
  const { db } = rig
  const userOf = (address: string) => db.select().from(users).where(eq(users.email, address)).get()!
  const coordinatorUser = userOf(demoAccounts.find((a) => a.role === 'coordinator')!.email)
  const youngUser = userOf('nuori@demo.kokemus.fi')
  const young = db.select().from(experts).where(eq(experts.userId, youngUser.id)).get()!
  const regionId = young.regionId
  const year = Number(today().slice(0, 4))
  const day = addDays(today(), -1).startsWith(String(year)) ? addDays(today(), -1) : today()
  const topic = 'Selainkoe: nuorten paneeli'
  db.update(experts).set({ feePreference: 'paid', incomeLimitCents: null }).where(eq(experts.id, young.id)).run()
  db.insert(taxCards).values({ expertId: young.id, year, receivedOn: `${year}-01-03` }).onConflictDoNothing().run()
  const order = anOrder(db, { regionId, topic, day, startTime: '05:00', durationMinutes: 60, status: 'filled' })
  const assignment = anAssignment(db, order.id, young.id)

  t.test('completed work becomes a claim, is sent, approved, batched, exported and paid', async (t) => {
    const coordinator = await rig.page(desktop)
    t.teardown(() => coordinator.context().close())
    await login(coordinator, coordinatorUser.email)
    await visit(t, coordinator, `/assignments/${assignment.id}`)
    const completion = coordinator.locator(`form[action="/assignments/${assignment.id}/completion"]`)
    await completion.locator('[name=actualHours]').fill('2')
    await completion.locator('[name=kilometres]').fill('20')
    await completion.locator('[name=audienceCame][value=yes]').check()
    t.equal(await clickAndLoad(coordinator, completion.locator('[type=submit]')), 200)
    const claim = db.select().from(feeClaims).where(and(eq(feeClaims.sourceType, 'assignment'), eq(feeClaims.sourceId, assignment.id))).get()!
    t.equal(claim.state, 'draft')

    const expert = await rig.page(phone)
    t.teardown(() => expert.context().close())
    await login(expert, youngUser.email)
    await visit(t, expert, `/me/fees?year=${year}`)
    const card = expert.locator(`#claim-${claim.id}`)
    t.match(await card.textContent(), topic)
    t.match(await card.textContent(), 'Odottaa, että lähetät sen')
    await expectAccessibleAtBothWidths(t, expert, '/me/fees')
    t.equal(await clickAndLoad(expert, card.locator('form[action$="/submission"] [type=submit]')), 200)
    t.match(await expert.locator(`#claim-${claim.id}`).textContent(), 'Koordinaattori tarkistaa palkkion.')

    await expectAccessiblePage(t, coordinator, '/payments')
    await visit(t, coordinator, `/payments/claims/${claim.id}`)
    await expectAccessibleAtBothWidths(t, coordinator, '/payments/claims/:id')
    await coordinator.setViewportSize(desktop)
    t.equal(await clickAndLoad(coordinator, coordinator.locator('form[action$="/approval"] [type=submit]')), 200)
    await visit(t, coordinator, '/payments')
    const batchForm = coordinator.locator('form[action="/payments/batches"]')
    await batchForm.locator('[name=upTo]').fill(today())
    await batchForm.locator('[name=paymentOn]').fill(today())
    t.equal(await clickAndLoad(coordinator, batchForm.locator('[type=submit]')), 200)
    const batch = db.select().from(payrollBatches).where(eq(payrollBatches.paymentOn, today())).get()!
    t.match(coordinator.url(), `/payments/batches/${batch.id}`)
    await expectAccessibleAtBothWidths(t, coordinator, '/payments/batches/:id')
    await coordinator.setViewportSize(desktop)
    const csv = await coordinator.request.get(`/payments/batches/${batch.id}.csv`)
    t.equal(csv.status(), 200)
    t.match(await csv.text(), young.realName)
    await coordinator.reload()
    const paid = coordinator.locator('form[action$="/payment"]')
    await paid.locator('[name=paidOn]').fill(today())
    t.equal(await clickAndLoad(coordinator, paid.locator('[type=submit]')), 200)
    t.equal(db.select().from(feeClaims).where(eq(feeClaims.id, claim.id)).get()!.state, 'paid')

    await visit(t, expert, `/me/fees?year=${year}`)
    t.match(await expert.locator(`#claim-${claim.id}`).textContent(), 'Maksettu')
    await visit(t, expert, `/me/fees/${year}`)
    t.match(await expert.locator('main').textContent(), topic)
    await expectAccessibleAtBothWidths(t, expert, '/me/fees/:year')
  })

  t.test('the fee rules page is accessible to the admin and the coordinator', async (t) => {
    const admin = await rig.page(desktop)
    t.teardown(() => admin.context().close())
    await login(admin, demoAccounts.find((a) => a.role === 'admin')!.email)
    await expectAccessiblePage(t, admin, '/admin/fees')
    const coordinator = await rig.page(desktop)
    t.teardown(() => coordinator.context().close())
    await login(coordinator, coordinatorUser.email)
    await expectAccessiblePage(t, coordinator, '/admin/fees')
    await expectAccessiblePage(t, coordinator, '/')
  })
}
