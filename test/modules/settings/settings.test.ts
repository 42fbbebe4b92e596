import t from 'tap'
import { build, signedIn, aRegion, Browser } from '../../helper.js'
import { regionSettings, type Role } from '../../../db/schema.js'
import { regionSettingsOf, saveRegionSettings, defaultSettings } from '../../../src/modules/settings/queries.js'
import { auditRows, rowCount } from '../consents/support.js'

const good = {
  heavyMonthlyCap: '3', coolOffDays: '10', travelMarginMinutes: '45', offerExpiryHours: '48', freeCancellationHours: '48', debriefDueDays: '14', hourlyFee: '27,50',
}

t.test('the admin sees the region’s settings, the defaults until saved', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedIn(app, db, 'admin')
  const page = await browser.get('/admin/fees')
  t.equal(page.statusCode, 200)
  t.match(page.body, '<h1>Palkkiot ja asetukset</h1>')
  t.match(page.body, /id="f-heavyMonthlyCap" name="heavyMonthlyCap" type="number" value="2"/)
  t.match(page.body, /name="freeCancellationHours" type="number" value="24"/)
  t.match(page.body, /name="hourlyFee" type="text" value="25,00"/)
  t.match(page.body, 'Myöhemmin peruttaessa vahvistetun kokemusasiantuntijan palkkio maksetaan (0–336).')
  t.match(page.body, 'aria-current="page"', 'the navigation marks the page')
})

t.test('the admin changes the settings; the change is audited with the names changed', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'admin')
  const other = aRegion(db).id
  const saved = await browser.post('/admin/fees', good, { from: '/admin/fees' })
  t.equal(saved.statusCode, 303)
  t.equal(saved.headers.location, '/admin/fees')
  t.same(regionSettingsOf(db, user.regionId), {
    regionId: user.regionId, heavyMonthlyCap: 3, coolOffDays: 10, travelMarginMinutes: 45, offerExpiryHours: 48, freeCancellationHours: 48, debriefDueDays: 14, hourlyFeeCents: 2750,
  })
  t.same(regionSettingsOf(db, other), { regionId: other, ...defaultSettings }, 'another region keeps its own')
  const [row, ...more] = auditRows(db, 'settings_changed')
  t.equal(more.length, 0)
  t.match(row, { subjectType: 'region', subjectId: user.regionId, actorUserId: user.id, detail: 'heavyMonthlyCap,coolOffDays,travelMarginMinutes,offerExpiryHours,freeCancellationHours,debriefDueDays,hourlyFeeCents' })
  const page = await browser.get('/admin/fees')
  t.match(page.body, 'Asetukset on tallennettu.')
  t.match(page.body, /name="hourlyFee" type="text" value="27,50"/)

  const again = await browser.post('/admin/fees', { ...good, coolOffDays: '0', hourlyFee: '27.5' }, { from: '/admin/fees' })
  t.equal(again.statusCode, 303)
  t.equal(auditRows(db, 'settings_changed')[1]!.detail, 'coolOffDays', 'only what changed is named')
  t.equal(regionSettingsOf(db, user.regionId).coolOffDays, 0)
  const same = await browser.post('/admin/fees', { ...good, coolOffDays: '0' }, { from: '/admin/fees' })
  t.equal(same.statusCode, 303)
  t.equal(auditRows(db, 'settings_changed').length, 2, 'saving without a change writes nothing')
})

t.test('bad input comes back with messages at the fields and stores nothing', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'admin')
  const cases: [string, Record<string, string>, string, string][] = [
    ['no cap', { heavyMonthlyCap: '' }, 'heavyMonthlyCap', 'Tämä tieto on pakollinen.'],
    ['too big a cap', { heavyMonthlyCap: '32' }, 'heavyMonthlyCap', 'Anna kokonaisluku väliltä 0–31.'],
    ['negative cool-off', { coolOffDays: '-1' }, 'coolOffDays', 'Anna kokonaisluku väliltä 0–60.'],
    ['too long a margin', { travelMarginMinutes: '481' }, 'travelMarginMinutes', 'Anna kokonaisluku väliltä 0–480.'],
    ['an offer open for no time', { offerExpiryHours: '0' }, 'offerExpiryHours', 'Anna kokonaisluku väliltä 1–336.'],
    ['decimals', { freeCancellationHours: '24,5' }, 'freeCancellationHours', 'Anna kokonaisluku väliltä 0–336.'],
    ['a debrief due at once', { debriefDueDays: '0' }, 'debriefDueDays', 'Anna kokonaisluku väliltä 1–60.'],
    ['no fee', { hourlyFee: '' }, 'hourlyFee', 'Tämä tieto on pakollinen.'],
    ['a fee that is no amount', { hourlyFee: 'paljon' }, 'hourlyFee', 'Anna summa euroina väliltä 0–1 000'],
    ['a negative fee', { hourlyFee: '-1' }, 'hourlyFee', 'Anna summa euroina väliltä 0–1 000'],
    ['too big a fee', { hourlyFee: '1000,01' }, 'hourlyFee', 'Anna summa euroina väliltä 0–1 000'],
  ]
  for (const [name, change, field, message] of cases) {
    const response = await browser.post('/admin/fees', { ...good, ...change }, { from: '/admin/fees' })
    t.equal(response.statusCode, 422, name)
    t.match(response.body, message, name)
    t.match(response.body, `id="f-${field}-error"`, `${name}: the message is at the field`)
    t.match(response.body, 'Tarkista lomake', name)
    t.match(response.body, field === 'hourlyFee' ? 'value="45"' : 'value="27,50"', `${name}: values are kept`)
  }
  t.equal(rowCount(db, regionSettings), 0, 'nothing stored')
  t.equal(auditRows(db, 'settings_changed').length, 0)
  t.same(regionSettingsOf(db, user.regionId), { regionId: user.regionId, ...defaultSettings })
})

t.test('saved settings are updated in place', async (t) => {
  const { db } = await build(t)
  const regionId = aRegion(db).id
  saveRegionSettings(db, { regionId, ...defaultSettings, coolOffDays: 3 }, '2026-01-01T00:00:00.000Z')
  saveRegionSettings(db, { regionId, ...defaultSettings, coolOffDays: 5 }, '2026-01-02T00:00:00.000Z')
  t.equal(rowCount(db, regionSettings), 1)
  t.equal(regionSettingsOf(db, regionId).coolOffDays, 5)
})

t.test('only the admin may see or change the settings (a coordinator reads the fee rules only)', async (t) => {
  const { app, db } = await build(t)
  const refused: Role[] = ['coordinator', 'pair_worker', 'expert', 'orderer', 'manager']
  for (const role of refused) {
    const { browser } = await signedIn(app, db, role)
    const page = await browser.get('/admin/fees')
    if (role === 'coordinator') t.notMatch(page.body, 'name="heavyMonthlyCap"', `${role} GET`)
    else t.equal(page.statusCode, 403, `${role} GET`)
    t.equal((await browser.post('/admin/fees', good, { from: '/' })).statusCode, 403, `${role} POST`)
  }
  const anonymous = new Browser(app)
  const page = await anonymous.get('/admin/fees')
  t.equal(page.statusCode, 303)
  t.equal(page.headers.location, '/login?next=%2Fadmin%2Ffees')
  const post = await anonymous.post('/admin/fees', good, { csrf: false })
  t.equal(post.statusCode, 303)
  t.equal(post.headers.location, '/login')
  t.equal(rowCount(db, regionSettings), 0)
})
