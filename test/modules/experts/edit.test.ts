import t from 'tap'
import { eq } from 'drizzle-orm'
import { build, signedIn, anExpert, aGroup } from '../../helper.js'
import { expertGroups } from '../../../db/schema.js'
import { decryptField, encryptField } from '../../../src/lib/crypto.js'
import { testConfig } from '../../../src/config.js'
import { linksOf, setLinks } from '../../../src/modules/experts/queries.js'
import { aStructure, auditRows, bornYearsAgo, expertRow, goodForm, identityCodeFor, type Structure } from './support.js'
import type { Db } from '../../../src/db.js'

const key = testConfig().dataKey

function anEditableExpert (db: Db, regionId: number, s: Structure) {
  const birthDate = bornYearsAgo(22)
  const code = identityCodeFor(birthDate)
  const expert = anExpert(db, {
    regionId, groupId: s.group.id, birthDate, realName: 'Aino Äijälä', displayName: 'Kettu', email: 'aino@example.fi', phone: '+358 40 123 4567',
    remoteAllowed: true, hostOrganisationId: s.host.id, internalNotes: 'Vanha muistiinpano', feePreference: 'ask', incomeLimitCents: 123450,
    taxCardReceivedOn: '2026-01-02', identityCodeEncrypted: encryptField(key, code),
  })
  setLinks(db, expert.id, 'languages', ['en', 'fi'])
  setLinks(db, expert.id, 'areaIds', [s.area.id])
  setLinks(db, expert.id, 'experienceAreaIds', [s.experience.id])
  setLinks(db, expert.id, 'channelIds', [s.channel.id])
  setLinks(db, expert.id, 'excludedUnitIds', [s.unit.id])
  return { expert, code, birthDate }
}

// The coordinator's form for the expert as stored.
function storedForm (s: Structure, change: Record<string, string | string[]> = {}) {
  const { status: _status, ...form } = goodForm(s, {
    excludedUnitIds: [String(s.unit.id)], internalNotes: 'Vanha muistiinpano', feePreference: 'ask', incomeLimit: '1234,50', taxCardReceivedOn: '2026-01-02', identityCode: '',
  })
  return { ...form, ...change }
}

t.test('the edit form shows the stored values and the code only masked', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const s = aStructure(db, user.regionId)
  const { expert, code } = anEditableExpert(db, user.regionId, s)
  const form = await browser.get(`/experts/${expert.id}/edit`)
  t.equal(form.statusCode, 200)
  t.match(form.body, '<h1>Muokkaa tietoja: Kettu</h1>')
  t.match(form.body, 'value="Aino Äijälä"')
  t.match(form.body, `name="areaIds" value="${s.area.id}" checked`)
  t.match(form.body, `name="excludedUnitIds" value="${s.unit.id}" checked`)
  t.match(form.body, 'name="languages" value="en" checked')
  t.match(form.body, 'value="1234,50"')
  t.match(form.body, '<option value="ask" selected>')
  t.match(form.body, `Tallennettu: ${code.slice(0, 7)}****`)
  t.match(form.body, 'name="identityCode" type="text" value=""')
  t.match(form.body, 'name="removeIdentityCode"')
  t.notMatch(form.body, code)
  t.notMatch(form.body, 'name="status"', 'the status is changed on the profile')
  t.match(auditRows(db, 'read', expert.id), [{ actorUserId: user.id }], 'the edit form is a read')
})

t.test('a coordinator edits an expert; the audit log names the changed fields', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const s = aStructure(db, user.regionId)
  const { expert, code } = anEditableExpert(db, user.regionId, s)
  const saved = await browser.post(`/experts/${expert.id}`, storedForm(s, {
    realName: 'Aino Ääri', areaIds: [String(s.area.id), String(s.otherArea.id)], languages: ['fi', 'en'], incomeLimit: '', excludedUnitIds: [],
  }), { from: `/experts/${expert.id}/edit` })
  t.equal(saved.statusCode, 303)
  t.equal(saved.headers.location, `/experts/${expert.id}`)
  t.match(expertRow(db, expert.id), { realName: 'Aino Ääri', incomeLimitCents: null, displayName: 'Kettu', feePreference: 'ask' })
  t.equal(decryptField(key, expertRow(db, expert.id).identityCodeEncrypted!), code, 'an empty code field keeps the stored code')
  t.same(linksOf(db, expert.id), { languages: ['en', 'fi'], areaIds: [s.area.id, s.otherArea.id], experienceAreaIds: [s.experience.id], channelIds: [s.channel.id], excludedUnitIds: [] })
  t.match(auditRows(db, 'update', expert.id), [{ actorUserId: user.id, detail: 'realName,incomeLimitCents,areaIds,excludedUnitIds' }])
  t.match((await browser.get(saved.headers.location!)).body, 'Tiedot on tallennettu.')

  const unchanged = await browser.post(`/experts/${expert.id}`, storedForm(s, { realName: 'Aino Ääri', areaIds: [String(s.area.id), String(s.otherArea.id)], incomeLimit: '', excludedUnitIds: [] }), { from: `/experts/${expert.id}/edit` })
  t.equal(unchanged.statusCode, 303)
  t.match(auditRows(db, 'update', expert.id)[1], { detail: null }, 'a save without changes names none')
})

t.test('the identity code is replaced, kept or removed', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const s = aStructure(db, user.regionId)
  const { expert, birthDate } = anEditableExpert(db, user.regionId, s)
  const other = identityCodeFor(birthDate, 456)
  const replaced = await browser.post(`/experts/${expert.id}`, storedForm(s, { identityCode: other }), { from: `/experts/${expert.id}/edit` })
  t.equal(replaced.statusCode, 303)
  t.equal(decryptField(key, expertRow(db, expert.id).identityCodeEncrypted!), other)
  t.match(auditRows(db, 'update', expert.id).at(-1), { detail: 'identityCode' })
  await browser.post(`/experts/${expert.id}`, storedForm(s, { identityCode: other }), { from: `/experts/${expert.id}/edit` })
  t.match(auditRows(db, 'update', expert.id).at(-1), { detail: null }, 'the same code again is no change')
  const removed = await browser.post(`/experts/${expert.id}`, storedForm(s, { removeIdentityCode: 'on' }), { from: `/experts/${expert.id}/edit` })
  t.equal(removed.statusCode, 303)
  t.equal(expertRow(db, expert.id).identityCodeEncrypted, null)
  t.match(auditRows(db, 'update', expert.id).at(-1), { detail: 'identityCode' })
  await browser.post(`/experts/${expert.id}`, storedForm(s, { removeIdentityCode: 'on' }), { from: `/experts/${expert.id}/edit` })
  t.match(auditRows(db, 'update', expert.id).at(-1), { detail: null }, 'removing nothing is no change')
  t.notMatch((await browser.get(`/experts/${expert.id}/edit`)).body, 'name="removeIdentityCode"')
})

t.test('a new birth date must agree with the stored identity code', async (t) => {
  const { app, db } = await build(t)
  for (const role of ['coordinator', 'pair_worker'] as const) {
    const { browser, user } = await signedIn(app, db, role)
    const s = aStructure(db, user.regionId)
    const { expert, birthDate } = anEditableExpert(db, user.regionId, s)
    const moved = await browser.post(`/experts/${expert.id}`, storedForm(s, { birthDate: bornYearsAgo(23) }), { from: `/experts/${expert.id}/edit` })
    t.equal(moved.statusCode, 422, role)
    t.match(moved.body, 'id="f-birthDate-error"')
    t.match(moved.body, 'Henkilötunnus ei vastaa syntymäaikaa.')
    t.equal(expertRow(db, expert.id).birthDate, birthDate)
  }
})

t.test('a pair worker edits an expert without touching the coordinator-only fields', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'pair_worker')
  const s = aStructure(db, user.regionId)
  const { expert, code } = anEditableExpert(db, user.regionId, s)
  const saved = await browser.post(`/experts/${expert.id}`, storedForm(s, {
    displayName: 'Susi', excludedUnitIds: [], internalNotes: 'Vallattu', feePreference: 'paid', incomeLimit: '1', taxCardReceivedOn: '', removeIdentityCode: 'on',
  }), { from: `/experts/${expert.id}/edit` })
  t.equal(saved.statusCode, 303)
  t.match(expertRow(db, expert.id), { displayName: 'Susi', internalNotes: 'Vanha muistiinpano', feePreference: 'ask', incomeLimitCents: 123450, taxCardReceivedOn: '2026-01-02' })
  t.equal(decryptField(key, expertRow(db, expert.id).identityCodeEncrypted!), code)
  t.same(linksOf(db, expert.id).excludedUnitIds, [s.unit.id])
  t.match(auditRows(db, 'update', expert.id), [{ detail: 'displayName' }])
})

t.test('bad input on the edit form comes back with messages and changes nothing', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const s = aStructure(db, user.regionId)
  const { expert } = anEditableExpert(db, user.regionId, s)
  const closed = aGroup(db, user.regionId, 'Suljettu')
  db.update(expertGroups).set({ active: false }).where(eq(expertGroups.id, closed.id)).run()
  const cases: [string, Record<string, string | string[]>, string, string][] = [
    ['bad e-mail', { email: 'aino@' }, 'email', 'Anna sähköpostiosoite muodossa'],
    ['missing display name', { displayName: '' }, 'displayName', 'Tämä tieto on pakollinen.'],
    ['a deactivated group', { groupId: String(closed.id) }, 'groupId', 'Valitse jokin vaihtoehdoista.'],
    ['an invalid identity code', { identityCode: '010101-0000' }, 'identityCode', 'Henkilötunnus ei ole oikein.'],
  ]
  for (const [name, change, field, message] of cases) {
    const response = await browser.post(`/experts/${expert.id}`, storedForm(s, { realName: 'Ei Tallennu', ...change }), { from: `/experts/${expert.id}/edit` })
    t.equal(response.statusCode, 422, name)
    t.match(response.body, message, name)
    t.match(response.body, `id="f-${field}-error"`, name)
    t.match(response.body, 'value="Ei Tallennu"', `${name}: values kept`)
  }
  t.equal(expertRow(db, expert.id).realName, 'Aino Äijälä')
  t.equal(auditRows(db, 'update').length, 0)
})

t.test('an expert in a group since deactivated keeps it', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const s = aStructure(db, user.regionId)
  const { expert } = anEditableExpert(db, user.regionId, s)
  db.update(expertGroups).set({ active: false }).where(eq(expertGroups.id, s.group.id)).run()
  const form = await browser.get(`/experts/${expert.id}/edit`)
  t.match(form.body, `<option value="${s.group.id}" selected>Nuori aikuinen (poistettu käytöstä)</option>`)
  const saved = await browser.post(`/experts/${expert.id}`, storedForm(s, { phone: '' }), { from: `/experts/${expert.id}/edit` })
  t.equal(saved.statusCode, 303)
  t.match(expertRow(db, expert.id), { groupId: s.group.id, phone: null })
  t.notMatch((await browser.get('/experts/new')).body, 'Nuori aikuinen', 'not offered to new experts')
})
