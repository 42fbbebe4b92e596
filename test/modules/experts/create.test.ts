import t from 'tap'
import { count, eq } from 'drizzle-orm'
import { build, signedIn, aGroup, anArea, aRegion, aUnit, aChannel, aHostOrganisation, anExperienceArea } from '../../helper.js'
import { auditLog, expertGroups, experts, expertStatusHistory } from '../../../db/schema.js'
import { decryptField } from '../../../src/lib/crypto.js'
import { testConfig } from '../../../src/config.js'
import { today } from '../../../src/lib/dates.js'
import { linksOf } from '../../../src/modules/experts/queries.js'
import { aStructure, auditRows, bornYearsAgo, countExperts, expertByDisplayName, goodForm, historyOf, identityCodeFor } from './support.js'

const key = testConfig().dataKey

t.test('a coordinator registers an expert with every field', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator', { name: 'Kaisa Koordinaattori' })
  const s = aStructure(db, user.regionId)
  const form = await browser.get('/experts/new')
  t.equal(form.statusCode, 200)
  t.match(form.body, '<h1>Uusi kokemusasiantuntija</h1>')
  t.match(form.body, `<option value="${s.group.id}">Nuori aikuinen</option>`)
  t.match(form.body, '<legend>Alueet, joille pääsee</legend>')
  t.match(form.body, 'name="identityCode"', 'a coordinator gets the coordinator-only fields')
  t.match(form.body, '<option value="candidate" selected>Ehdokas</option>', 'a candidate by default')

  const birthDate = bornYearsAgo(22)
  const code = identityCodeFor(birthDate)
  const created = await browser.post('/experts', goodForm(s, {
    email: ' Aino@Example.FI ',
    excludedUnitIds: [String(s.unit.id)],
    internalNotes: 'Haluaa aloittaa työpajoista.',
    feePreference: 'ask',
    incomeLimit: '1 234,50',
    taxCardReceivedOn: '2.1.2026',
    identityCode: code.toLowerCase(),
  }), { from: '/experts/new' })
  t.equal(created.statusCode, 303)
  const row = expertByDisplayName(db, 'Kettu')!
  t.equal(created.headers.location, `/experts/${row.id}`)
  t.match(row, {
    regionId: user.regionId, realName: 'Aino Äijälä', birthDate, groupId: s.group.id, email: 'aino@example.fi', phone: '+358 40 123 4567',
    preferredLanguage: 'fi', remoteAllowed: true, hostOrganisationId: s.host.id, status: 'candidate', statusSince: today(),
    internalNotes: 'Haluaa aloittaa työpajoista.', feePreference: 'ask', incomeLimitCents: 123450, taxCardReceivedOn: '2026-01-02', userId: null,
  })
  t.not(row.identityCodeEncrypted, null)
  t.notMatch(row.identityCodeEncrypted!, code, 'never stored in clear')
  t.equal(decryptField(key, row.identityCodeEncrypted!), code, 'stored encrypted, in upper case')
  t.same(linksOf(db, row.id), {
    languages: ['en', 'fi'], areaIds: [s.area.id], experienceAreaIds: [s.experience.id], channelIds: [s.channel.id], excludedUnitIds: [s.unit.id],
  })
  t.match(historyOf(db, row.id), [{ status: 'candidate', changedOn: today(), reason: 'registered', changedByUserId: user.id }])
  const [audit, ...more] = auditRows(db, 'create', row.id)
  t.equal(more.length, 0)
  t.match(audit, { actorUserId: user.id, regionId: user.regionId, detail: null })

  const page = await browser.get(created.headers.location!)
  t.match(page.body, 'Kokemusasiantuntija on lisätty rekisteriin.')
  t.match(page.body, '<h1>Kettu</h1>')
  t.match(page.body, `${code.slice(0, 7)}****`, 'the code shown masked')
  t.notMatch(page.body, code)
})

t.test('the initial status may be active, and a date may be typed the Finnish way', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const s = aStructure(db, user.regionId)
  const year = Number(today().slice(0, 4)) - 30
  const created = await browser.post('/experts', goodForm(s, { status: 'active', birthDate: `5.3.${year}`, email: '', phone: '', hostOrganisationId: '', languages: [], areaIds: [], remoteAllowed: [], experienceAreaIds: [], channelIds: [] }), { from: '/experts/new' })
  t.equal(created.statusCode, 303)
  const row = expertByDisplayName(db, 'Kettu')!
  t.match(row, { status: 'active', birthDate: `${year}-03-05`, email: null, phone: null, hostOrganisationId: null, remoteAllowed: false, identityCodeEncrypted: null, feePreference: 'paid' })
  t.same(linksOf(db, row.id), { languages: [], areaIds: [], experienceAreaIds: [], channelIds: [], excludedUnitIds: [] })
  t.match(historyOf(db, row.id), [{ status: 'active', reason: 'registered' }])
})

t.test('a pair worker registers an expert but never sees nor sets the coordinator-only fields', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'pair_worker')
  const s = aStructure(db, user.regionId)
  const form = await browser.get('/experts/new')
  t.equal(form.statusCode, 200)
  for (const field of ['identityCode', 'internalNotes', 'feePreference', 'incomeLimit', 'taxCardReceivedOn', 'excludedUnitIds']) {
    t.notMatch(form.body, `name="${field}"`, `no ${field} field`)
  }
  const code = identityCodeFor(bornYearsAgo(22))
  const created = await browser.post('/experts', goodForm(s, {
    excludedUnitIds: [String(s.unit.id)], internalNotes: 'x', feePreference: 'declined', incomeLimit: '100', taxCardReceivedOn: '2026-01-02', identityCode: code,
  }), { from: '/experts/new' })
  t.equal(created.statusCode, 303)
  const row = expertByDisplayName(db, 'Kettu')!
  t.match(row, { internalNotes: null, feePreference: 'paid', incomeLimitCents: null, taxCardReceivedOn: null, identityCodeEncrypted: null })
  t.same(linksOf(db, row.id).excludedUnitIds, [])
  t.equal(auditRows(db, 'create', row.id).length, 1)
  const bad = await browser.post('/experts', goodForm(s, { identityCode: 'not a code', incomeLimit: 'abc', feePreference: 'nonsense' }), { from: '/experts/new' })
  t.equal(bad.statusCode, 303, 'the ignored fields are not even checked')
})

t.test('bad input comes back with messages at the fields and stores nothing', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const s = aStructure(db, user.regionId)
  const closedGroup = aGroup(db, user.regionId, 'Suljettu')
  db.update(expertGroups).set({ active: false }).where(eq(expertGroups.id, closedGroup.id)).run()
  const foreign = aRegion(db).id
  const year = Number(today().slice(0, 4))
  const birthDate = bornYearsAgo(22)
  const cases: [string, Record<string, string | string[]>, string, string][] = [
    ['missing real name', { realName: ' ' }, 'realName', 'Tämä tieto on pakollinen.'],
    ['too long a real name', { realName: 'x'.repeat(201) }, 'realName', 'Enintään 200 merkkiä.'],
    ['missing display name', { displayName: '' }, 'displayName', 'Tämä tieto on pakollinen.'],
    ['too long a display name', { displayName: 'x'.repeat(101) }, 'displayName', 'Enintään 100 merkkiä.'],
    ['missing birth date', { birthDate: '' }, 'birthDate', 'Tämä tieto on pakollinen.'],
    ['not a date', { birthDate: '31.2.2004' }, 'birthDate', 'Anna päivämäärä muodossa 23.11.2026.'],
    ['birth date in the future', { birthDate: `${year + 1}-01-01` }, 'birthDate', 'Syntymäaika ei voi olla tulevaisuudessa.'],
    ['too young', { birthDate: bornYearsAgo(12) }, 'birthDate', 'Kokemusasiantuntijan on oltava 13–99-vuotias.'],
    ['too old', { birthDate: bornYearsAgo(100) }, 'birthDate', 'Kokemusasiantuntijan on oltava 13–99-vuotias.'],
    ['missing group', { groupId: '' }, 'groupId', 'Tämä tieto on pakollinen.'],
    ['a group that is not an id', { groupId: 'abc' }, 'groupId', 'Valitse jokin vaihtoehdoista.'],
    ['another region’s group', { groupId: String(aGroup(db, foreign).id) }, 'groupId', 'Valitse jokin vaihtoehdoista.'],
    ['a deactivated group', { groupId: String(closedGroup.id) }, 'groupId', 'Valitse jokin vaihtoehdoista.'],
    ['bad e-mail', { email: 'not-an-address' }, 'email', 'Anna sähköpostiosoite muodossa'],
    ['bad phone', { phone: '040-123 abc' }, 'phone', 'Anna puhelinnumero numeroina'],
    ['too long a phone', { phone: '1'.repeat(31) }, 'phone', 'Anna puhelinnumero numeroina'],
    ['unknown contact language', { preferredLanguage: 'de' }, 'preferredLanguage', 'Valitse jokin vaihtoehdoista.'],
    ['unknown spoken language', { languages: ['fi', 'xx'] }, 'languages', 'Valitse jokin vaihtoehdoista.'],
    ['another region’s area', { areaIds: [String(s.area.id), String(anArea(db, foreign).id)] }, 'areaIds', 'Valitse jokin vaihtoehdoista.'],
    ['an area that is not an id', { areaIds: ['abc'] }, 'areaIds', 'Valitse jokin vaihtoehdoista.'],
    ['another region’s experience area', { experienceAreaIds: [String(anExperienceArea(db, foreign).id)] }, 'experienceAreaIds', 'Valitse jokin vaihtoehdoista.'],
    ['another region’s host', { hostOrganisationId: String(aHostOrganisation(db, foreign).id) }, 'hostOrganisationId', 'Valitse jokin vaihtoehdoista.'],
    ['a host that is not an id', { hostOrganisationId: '-1' }, 'hostOrganisationId', 'Valitse jokin vaihtoehdoista.'],
    ['another region’s channel', { channelIds: [String(aChannel(db, foreign).id)] }, 'channelIds', 'Valitse jokin vaihtoehdoista.'],
    ['another region’s unit', { excludedUnitIds: [String(aUnit(db, foreign).id)] }, 'excludedUnitIds', 'Valitse jokin vaihtoehdoista.'],
    ['an initial status of paused', { status: 'paused' }, 'status', 'Valitse jokin vaihtoehdoista.'],
    ['too long notes', { internalNotes: 'x'.repeat(2001) }, 'internalNotes', 'Enintään 2000 merkkiä.'],
    ['unknown fee preference', { feePreference: 'maybe' }, 'feePreference', 'Valitse jokin vaihtoehdoista.'],
    ['an income limit that is not money', { incomeLimit: '12 tonnia' }, 'incomeLimit', 'Anna summa euroina'],
    ['a negative income limit', { incomeLimit: '-5' }, 'incomeLimit', 'Anna summa euroina'],
    ['a tax card in the future', { taxCardReceivedOn: `${year + 1}-01-01` }, 'taxCardReceivedOn', 'Päivä ei voi olla tulevaisuudessa.'],
    ['a tax card day that is not a day', { taxCardReceivedOn: 'eilen' }, 'taxCardReceivedOn', 'Anna päivämäärä muodossa 23.11.2026.'],
    ['an identity code with a wrong check character', { identityCode: identityCodeFor(birthDate).slice(0, 10) + 'Z' }, 'identityCode', 'Henkilötunnus ei ole oikein.'],
    ['an identity code of another birth date', { identityCode: identityCodeFor(bornYearsAgo(30)) }, 'identityCode', 'Henkilötunnus ei vastaa syntymäaikaa.'],
  ]
  for (const [name, change, field, message] of cases) {
    const response = await browser.post('/experts', goodForm(s, change), { from: '/experts/new' })
    t.equal(response.statusCode, 422, name)
    t.match(response.body, message, name)
    t.match(response.body, `id="f-${field}-error"`, `${name}: the message is at the field`)
    t.match(response.body, 'Tarkista lomake', name)
  }
  t.equal(countExperts(db), 0, 'no expert stored')
  t.equal(db.select({ n: count() }).from(expertStatusHistory).get()!.n, 0)
  t.equal(db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'create')).get()!.n, 0)
})

t.test('values are kept on a failed form, but never the identity code', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const s = aStructure(db, user.regionId)
  const code = identityCodeFor(bornYearsAgo(22))
  const kept = await browser.post('/experts', goodForm(s, { email: 'bad', identityCode: code, internalNotes: 'Muistiinpano', excludedUnitIds: [String(s.unit.id)] }), { from: '/experts/new' })
  t.equal(kept.statusCode, 422)
  t.match(kept.body, 'value="Aino Äijälä"')
  t.match(kept.body, 'value="bad"')
  t.match(kept.body, `<option value="${s.group.id}" selected>`)
  t.match(kept.body, `name="areaIds" value="${s.area.id}" checked`)
  t.match(kept.body, `name="excludedUnitIds" value="${s.unit.id}" checked`)
  t.match(kept.body, '>Muistiinpano</textarea>')
  t.match(kept.body, 'name="remoteAllowed" value="on" checked')
  t.notMatch(kept.body, code, 'a valid code is not sent back')
  t.match(kept.body, 'name="identityCode" type="text" value=""')
  const wrong = `${code.slice(0, 10)}Z`
  const invalid = await browser.post('/experts', goodForm(s, { identityCode: wrong }), { from: '/experts/new' })
  t.equal(invalid.statusCode, 422)
  t.notMatch(invalid.body, wrong, 'nor an invalid one')
  t.equal(countExperts(db), 0)
})

t.test('a birth date outside the group’s age range is refused with a message; inside it, or in a group without one, it is fine', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const s = aStructure(db, user.regionId)
  const youth = db.insert(expertGroups).values({ regionId: user.regionId, name: 'Nuori 13–17 v', minAge: 13, maxAge: 17 }).returning().get()
  const refused = await browser.post('/experts', goodForm(s, { birthDate: bornYearsAgo(41), groupId: String(youth.id) }), { from: '/experts/new' })
  t.equal(refused.statusCode, 422)
  t.match(refused.body, 'Syntymäajan mukaan ikä on 41 vuotta, mutta ryhmä Nuori 13–17 v on 13–17-vuotiaille.')
  t.equal(db.select().from(experts).all().length, 0, 'nothing stored')
  const fine = await browser.post('/experts', goodForm(s, { birthDate: bornYearsAgo(41), groupId: String(s.otherGroup.id) }), { from: '/experts/new' })
  t.equal(fine.statusCode, 303, 'a group without a range takes any age')
  const young = await browser.post('/experts', goodForm(s, { displayName: 'Nuppu', email: 'nuppu@example.fi', birthDate: bornYearsAgo(16), groupId: String(youth.id) }), { from: '/experts/new' })
  t.equal(young.statusCode, 303, 'a 16-year-old fits the young people')
  const adults = db.insert(expertGroups).values({ regionId: user.regionId, name: 'Aikuiset', minAge: 18 }).returning().get()
  const child = await browser.post('/experts', goodForm(s, { displayName: 'Pikku', email: 'pikku@example.fi', birthDate: bornYearsAgo(16), groupId: String(adults.id) }), { from: '/experts/new' })
  t.equal(child.statusCode, 422, 'under a minimum age with no maximum')
  t.match(child.body, 'ryhmä Aikuiset on vähintään 18-vuotiaille', 'an open end is said in words')
  const small = db.insert(expertGroups).values({ regionId: user.regionId, name: 'Lapset', maxAge: 12 }).returning().get()
  const big = await browser.post('/experts', goodForm(s, { displayName: 'Iso', email: 'iso@example.fi', birthDate: bornYearsAgo(16), groupId: String(small.id) }), { from: '/experts/new' })
  t.match(big.body, 'ryhmä Lapset on enintään 12-vuotiaille')
})
