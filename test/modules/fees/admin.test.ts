import t from 'tap'
import { build, signedIn, aChannel, aUnit, aRegion, Browser, anExpert, anOrder, anAssignment } from '../../helper.js'
import { feeChannelBases, feePackages, feeRules, feeUnitOverrides, type Role } from '../../../db/schema.js'
import { ruleRowOf, rulesFor } from '../../../src/modules/fees/queries.js'
import { claimAssignment } from '../../../src/modules/fees/claims.js'
import { nowIso } from '../../../src/lib/dates.js'
import { auditRows, linesOfClaim, rowCount, yearRules } from './support.js'

const rules = {
  hourly: '25,00', meetingFee: '60', preparationHourly: '20,00', kilometreRate: '0,55', preparationPaid: 'on', receiptsReimbursed: 'on',
  feeCode: '201', feeText: 'Palkkio', preparationCode: '201', preparationText: 'Valmistautuminen', travelCode: '311', travelText: 'Kilometrikorvaus', receiptsCode: '330', receiptsText: 'Kulukorvaus',
}

t.test('the admin saves a year’s rules, packages, channel bases and a unit’s override, and copies the year to the next', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'admin')
  const channel = aChannel(db, user.regionId, { name: 'Ryhmänohjaus' })
  const unnamed = aChannel(db, user.regionId, { name: 'Työpaja' })
  const unit = aUnit(db, user.regionId, 'Lastensuojelu Itä')
  const empty = await browser.get('/admin/fees?year=2027')
  t.equal(empty.statusCode, 200)
  t.match(empty.body, 'Palkkiosäännöt vuodelle 2027')
  t.match(empty.body, 'Vuodelle 2027 ei ole vielä palkkiosääntöjä.')
  t.match(empty.body, 'name="heavyMonthlyCap"', 'the settings form is still there')

  const saved = await browser.post('/admin/fees/years/2027', { ...rules, receiptsReimbursed: '' }, { from: '/admin/fees' })
  t.equal(saved.statusCode, 303)
  t.equal(saved.headers.location, '/admin/fees?year=2027#fee-rules')
  t.match(ruleRowOf(db, user.regionId, 2027), { hourlyCents: 2500, meetingFeeCents: 6000, preparationPaid: true, preparationHourlyCents: 2000, kilometreCents: 55, receiptsReimbursed: false, travelCode: '311' })
  t.match(auditRows(db, 'fee_rules_changed'), [{ actorUserId: user.id, subjectType: 'region', subjectId: user.regionId, detail: 'year:2027,rules' }])

  t.equal((await browser.post('/admin/fees/years/2027/packages', { packageName: 'Ryhmäpaketti', packageAmount: '150', packageChannelId: String(channel.id) }, { from: '/admin/fees' })).statusCode, 303)
  t.equal((await browser.post('/admin/fees/years/2027/packages', { packageName: 'Puheenvuoro', packageAmount: '200', packageChannelId: '' }, { from: '/admin/fees' })).statusCode, 303)
  t.equal((await browser.post('/admin/fees/years/2027/channels', { [`basis-${channel.id}`]: 'package' }, { from: '/admin/fees' })).statusCode, 303)
  t.equal((await browser.post('/admin/fees/years/2027/units', { orderingUnitId: String(unit.id), basis: 'meeting', amount: '80' }, { from: '/admin/fees' })).statusCode, 303)
  const year = rulesFor(db, user.regionId, 2027)!
  t.same([...year.channelPackages], [[channel.id, 15000]])
  t.same([...year.channelBases], [[channel.id, 'package'], [unnamed.id, 'hour']], 'a channel left out is paid by the hour')
  t.same([...year.unitOverrides], [[unit.id, { basis: 'meeting', amountCents: 8000 }]])
  const page = await browser.get('/admin/fees?year=2027')
  t.match(page.body, 'Vuoden 2027 palkkiosäännöt on tallennettu.')
  t.match(page.body, 'Ryhmäpaketti')
  t.match(page.body, '150,00\u00a0€')
  t.match(page.body, `<option value="package" selected>Pakettina</option>`)
  t.match(page.body, 'Lastensuojelu Itä')

  const copied = await browser.post('/admin/fees/years/2027/copy', {}, { from: '/admin/fees' })
  t.equal(copied.statusCode, 303)
  t.equal(copied.headers.location, '/admin/fees?year=2028#fee-rules')
  const next = rulesFor(db, user.regionId, 2028)!
  t.match(next, { hourlyCents: 2500, receiptsReimbursed: false })
  t.same([...next.channelPackages], [[channel.id, 15000]])
  t.same([...next.channelBases], [[channel.id, 'package'], [unnamed.id, 'hour']])
  t.same([...next.unitOverrides], [[unit.id, { basis: 'meeting', amountCents: 8000 }]])
  t.equal(rowCount(db, feePackages), 4)
  const again = await browser.post('/admin/fees/years/2027/copy', {}, { from: '/admin/fees' })
  t.equal(again.statusCode, 422)
  t.match(again.body, 'Vuodelle 2028 on jo säännöt.')

  const removed = await browser.post(`/admin/fees/years/2028/units/${unit.id}/removal`, {}, { from: '/admin/fees' })
  t.equal(removed.statusCode, 303)
  t.equal(rulesFor(db, user.regionId, 2028)!.unitOverrides.size, 0)
  t.equal((await browser.post(`/admin/fees/years/2028/units/${unit.id}/removal`, {}, { from: '/admin/fees' })).statusCode, 404)
  t.equal((await browser.post('/admin/fees/years/2028/units/x/removal', {}, { from: '/admin/fees' })).statusCode, 404)
  t.equal((await browser.post('/admin/fees/years/1999/copy', {}, { from: '/admin/fees' })).statusCode, 404)
  t.equal((await browser.get('/admin/fees?year=abc')).statusCode, 404)
})

t.test('a rule change recomputes the year’s open claims', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'admin')
  yearRules(db, user.regionId, 2026)
  const expert = anExpert(db, { regionId: user.regionId })
  const order = anOrder(db, { regionId: user.regionId, day: '2026-05-05' })
  const claim = claimAssignment(db, anAssignment(db, order.id, expert.id, { status: 'completed', actualMinutes: 60 }).id, null, nowIso())!
  t.same(linesOfClaim(db, claim.id), [['fee', 2500]])
  await browser.post('/admin/fees/years/2026', { ...rules, hourly: '31' }, { from: '/admin/fees' })
  t.same(linesOfClaim(db, claim.id), [['fee', 3100]])
  await browser.post('/admin/fees/years/2026/units', { orderingUnitId: String(order.orderingUnitId), basis: 'package', amount: '100' }, { from: '/admin/fees' })
  t.same(linesOfClaim(db, claim.id), [['fee', 10000]])
})

t.test('bad input comes back with messages at the fields and stores nothing', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'admin')
  const other = aRegion(db)
  const foreignChannel = aChannel(db, other.id)
  const foreignUnit = aUnit(db, other.id)
  const cases: [string, Record<string, string>, string, string][] = [
    ['a rate of letters', { hourly: 'paljon' }, 'hourly', 'Anna summa euroina väliltä 0–10000'],
    ['a negative rate', { meetingFee: '-5' }, 'meetingFee', 'Anna summa euroina väliltä 0–10000'],
    ['no rate', { preparationHourly: '' }, 'preparationHourly', 'Tämä tieto on pakollinen.'],
    ['a negative kilometre rate', { kilometreRate: '-0,55' }, 'kilometreRate', 'Anna summa euroina väliltä 0–10'],
    ['a kilometre rate too big', { kilometreRate: '11' }, 'kilometreRate', 'Anna summa euroina väliltä 0–10'],
    ['no code', { feeCode: '' }, 'feeCode', 'Tämä tieto on pakollinen.'],
    ['a long text', { travelText: 'x'.repeat(101) }, 'travelText', 'Enintään 100 merkkiä.'],
  ]
  for (const [name, change, field, message] of cases) {
    const response = await browser.post('/admin/fees/years/2026', { ...rules, ...change }, { from: '/admin/fees' })
    t.equal(response.statusCode, 422, name)
    t.match(response.body, message, name)
    t.match(response.body, `id="f-${field}-error"`, `${name}: at the field`)
  }
  t.equal(rowCount(db, feeRules), 0, 'nothing stored')
  const beforeRules = await browser.post('/admin/fees/years/2026/packages', { packageName: 'P', packageAmount: '1' }, { from: '/admin/fees' })
  t.equal(beforeRules.statusCode, 422)
  t.match(beforeRules.body, 'Tallenna ensin vuoden perussäännöt.')
  t.equal((await browser.post('/admin/fees/years/2026/copy', {}, { from: '/admin/fees' })).statusCode, 422)
  yearRules(db, user.regionId, 2026)
  const packages: [Record<string, string>, string][] = [
    [{ packageName: '', packageAmount: '1' }, 'packageName'],
    [{ packageName: 'P', packageAmount: 'sata' }, 'packageAmount'],
    [{ packageName: 'P', packageAmount: '1', packageChannelId: String(foreignChannel.id) }, 'packageChannelId'],
    [{ packageName: 'P', packageAmount: '1', packageChannelId: 'x' }, 'packageChannelId'],
  ]
  for (const [body, field] of packages) {
    const response = await browser.post('/admin/fees/years/2026/packages', body, { from: '/admin/fees' })
    t.equal(response.statusCode, 422, field)
    t.match(response.body, `id="f-${field}-error"`)
  }
  const channel = aChannel(db, user.regionId)
  const basis = await browser.post('/admin/fees/years/2026/channels', { [`basis-${channel.id}`]: 'daily' }, { from: '/admin/fees' })
  t.equal(basis.statusCode, 422)
  t.match(basis.body, `id="f-basis-${channel.id}-error"`)
  const units: [Record<string, string>, string][] = [
    [{ orderingUnitId: String(foreignUnit.id), basis: 'hour', amount: '1' }, 'orderingUnitId'],
    [{ orderingUnitId: '', basis: 'weekly', amount: '-1' }, 'basis'],
  ]
  for (const [body, field] of units) {
    const response = await browser.post('/admin/fees/years/2026/units', body, { from: '/admin/fees' })
    t.equal(response.statusCode, 422, field)
    t.match(response.body, `id="f-${field}-error"`)
  }
  t.equal(rowCount(db, feePackages), 0)
  t.equal(rowCount(db, feeChannelBases), 0)
  t.equal(rowCount(db, feeUnitOverrides), 0)
  t.equal(rowCount(db, feeRules), 1)
})

t.test('coordinators read the rules; only the admin changes them; other roles see nothing; a region sees its own', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  yearRules(db, user.regionId, 2026, { hourlyCents: 2750 })
  aChannel(db, user.regionId, { name: 'Koulutus' })
  const page = await browser.get('/admin/fees?year=2026')
  t.equal(page.statusCode, 200)
  t.match(page.body, '<dd>27,50 €</dd>')
  t.match(page.body, 'Koulutus: Tunneittain')
  t.notMatch(page.body, 'name="heavyMonthlyCap"', 'no settings form')
  t.notMatch(page.body, 'action="/admin/fees/years', 'no fee forms')
  t.equal((await browser.post('/admin/fees/years/2026', rules, { from: '/admin/fees' })).statusCode, 403)
  const other = await signedIn(app, db, 'coordinator')
  t.notMatch((await other.browser.get('/admin/fees?year=2026')).body, '27,50', 'another region’s rules are not shown')
  for (const role of ['pair_worker', 'expert', 'orderer', 'manager'] as Role[]) {
    const { browser } = await signedIn(app, db, role, { regionId: user.regionId })
    t.equal((await browser.get('/admin/fees')).statusCode, 403, role)
    t.equal((await browser.post('/admin/fees/years/2026/copy', {}, { from: '/' })).statusCode, 403, role)
  }
  const anonymous = new Browser(app)
  t.equal((await anonymous.post('/admin/fees/years/2026', rules, { csrf: false })).statusCode, 303)
  t.equal(ruleRowOf(db, user.regionId, 2026)!.hourlyCents, 2750)
})
