import t from 'tap'
import { eq } from 'drizzle-orm'
import { aRegion, anArea, aUnit, aChannel, aHostOrganisation, aGroup, anExperienceArea } from '../../helper.js'
import { areas } from '../../../db/schema.js'
import { asAdmin, from, rowsOf } from './support.js'

t.test('each kind can be edited and deactivated, and activated again', async (t) => {
  const { db, browser, regionId } = await asAdmin(t)
  const area = anArea(db, regionId, 'Hämeenlinna')
  const unit = aUnit(db, regionId, 'Koulu')
  const cases: [string, number, Record<string, string>, Record<string, unknown>][] = [
    ['areas', anArea(db, regionId, 'Riihimäki').id, { name: 'Riihimäen seutu' }, { name: 'Riihimäen seutu' }],
    ['host-organisations', aHostOrganisation(db, regionId, 'Pesäpuu').id, { name: 'Pesäpuu ry' }, { name: 'Pesäpuu ry' }],
    ['ordering-units', unit.id, { name: 'Koulukuraattorit', areaId: String(area.id) }, { name: 'Koulukuraattorit', area_id: area.id }],
    ['channels', aChannel(db, regionId, { name: 'Työpaja' }).id, { name: 'Työpajat', defaultLoad: 'heavy', requiresBasicTraining: 'on' },
      { name: 'Työpajat', default_load: 'heavy', requires_basic_training: 1 }],
    ['expert-groups', aGroup(db, regionId, 'Nuoret').id, { name: 'Nuori 13–17 v' }, { name: 'Nuori 13–17 v' }],
    ['experience-areas', anExperienceArea(db, regionId, 'Sijaishuolto').id, { name: 'Sijaisperhe' }, { name: 'Sijaisperhe' }],
  ]
  for (const [kind, id, fields, stored] of cases) {
    const url = `/admin/structure/${kind}/${id}`
    const form = await browser.get(url)
    t.equal(form.statusCode, 200, kind)
    t.match(form.body, `<form method="post" action="${url}" novalidate>`)
    t.match(form.body, '<label for="item-active">Käytössä</label>')
    t.match(form.body, /id="item-active" name="active" type="checkbox" value="on" checked/)

    const saved = await browser.post(url, fields, { from: url })
    t.equal(saved.statusCode, 303)
    t.equal(saved.headers.location, '/admin/structure')
    const row = rowsOf(db, kind, regionId).find((r) => r.id === id)
    t.match(row, { ...stored, active: 0 }, `${kind} renamed and deactivated`)
    const list = await browser.get('/admin/structure')
    t.match(list.body, `Tallennettu: ${stored.name}.`)
    t.match(list.body, new RegExp(`<th scope="row">${stored.name}</th>[\\s\\S]*?Poistettu käytöstä[\\s\\S]*?href="${url}"`))

    const again = await browser.post(url, { ...fields, active: 'on' }, { from: url })
    t.equal(again.statusCode, 303)
    t.match(rowsOf(db, kind, regionId).find((r) => r.id === id), { active: 1 }, `${kind} active again`)
  }
  const logged = db.$client.prepare('select action, subject_type as subject from audit_log where region_id = ? order by id').all(regionId)
  t.equal(logged.length, 12, 'every change is in the audit log')
  t.same(logged.slice(0, 2), [{ action: 'disable', subject: 'area' }, { action: 'enable', subject: 'area' }])
})

t.test('the edit form shows the stored values', async (t) => {
  const { db, browser, regionId } = await asAdmin(t)
  const channel = aChannel(db, regionId, { name: 'Ohjausryhmä', defaultLoad: 'heavy', requiresBasicTraining: true })
  const form = await browser.get(`/admin/structure/channels/${channel.id}`)
  t.match(form.body, '<h1>Muokkaa väylää: Ohjausryhmä</h1>')
  t.match(form.body, 'value="Ohjausryhmä"')
  t.match(form.body, '<option value="heavy" selected>Raskas</option>')
  t.match(form.body, /id="item-requiresBasicTraining" name="requiresBasicTraining" type="checkbox" value="on" checked/)
  t.match(form.body, '<a href="/admin/structure#channels">Peruuta</a>')
})

t.test('bad input on the edit form comes back with messages and values and changes nothing', async (t) => {
  const { db, browser, regionId } = await asAdmin(t)
  const other = aRegion(db)
  const unit = aUnit(db, regionId, 'Koulu')
  aUnit(db, regionId, 'Osasto 5')
  const channel = aChannel(db, regionId, { name: 'Työpaja' })
  aChannel(db, regionId, { name: 'Media' })
  const area = anArea(db, regionId, 'Tampere')
  anArea(db, regionId, 'Nokia')
  const cases: [string, number, Record<string, string>, string, string][] = [
    ['areas', area.id, { name: '' }, 'name', 'Tämä tieto on pakollinen.'],
    ['areas', area.id, { name: 'y'.repeat(201) }, 'name', 'Enintään 200 merkkiä.'],
    ['areas', area.id, { name: 'nokia' }, 'name', 'Tämä nimi on jo käytössä. Anna toinen nimi.'],
    ['ordering-units', unit.id, { name: 'osasto  5', areaId: String(area.id) }, 'name', 'Tämä nimi on jo käytössä. Anna toinen nimi.'],
    ['ordering-units', unit.id, { name: 'Koulu', areaId: '' }, 'areaId', 'Tämä tieto on pakollinen.'],
    ['ordering-units', unit.id, { name: 'Koulu', areaId: String(anArea(db, other.id).id) }, 'areaId', 'Valitse alue luettelosta.'],
    ['channels', channel.id, { name: 'MEDIA', defaultLoad: 'light' }, 'name', 'Tämä nimi on jo käytössä. Anna toinen nimi.'],
    ['channels', channel.id, { name: 'Työpaja', defaultLoad: 'extreme' }, 'defaultLoad', 'Valitse jokin vaihtoehdoista.'],
    ['channels', channel.id, { name: 'Työpaja', defaultLoad: '' }, 'defaultLoad', 'Tämä tieto on pakollinen.'],
  ]
  for (const [kind, id, fields, field, message] of cases) {
    const url = `/admin/structure/${kind}/${id}`
    const before = rowsOf(db, kind, regionId)
    const response = await browser.post(url, fields, { from: url })
    t.equal(response.statusCode, 422, `${kind} ${JSON.stringify(fields).slice(0, 60)}`)
    t.match(response.body, 'Tarkista lomake')
    t.match(response.body, `<p class="field-error" id="item-${field}-error">${message}</p>`)
    t.match(response.body, new RegExp(`id="item-${field}"[^>]*aria-invalid="true"`))
    t.match(response.body, `id="item-name" name="name" type="text" value="${fields.name!.replace(/\s+/g, ' ')}"`, 'the name is kept')
    t.notMatch(response.body, /id="item-active" name="active" type="checkbox" value="on" checked/, 'the unchecked box is kept')
    t.same(rowsOf(db, kind, regionId), before, 'nothing changed')
  }
})

t.test('a unit may stay in its deactivated area, but no unit moves into one', async (t) => {
  const { db, browser, regionId } = await asAdmin(t)
  const unit = aUnit(db, regionId, 'Koulu')
  const otherUnit = aUnit(db, regionId, 'Osasto')
  db.update(areas).set({ active: false }).where(eq(areas.id, unit.areaId)).run()
  const oldArea = rowsOf(db, 'areas', regionId).find((a) => a.id === unit.areaId)!

  const form = await browser.get(`/admin/structure/ordering-units/${unit.id}`)
  t.match(form.body, `<option value="${unit.areaId}" selected>${oldArea.name} (poistettu käytöstä)</option>`)
  const kept = await browser.post(`/admin/structure/ordering-units/${unit.id}`, { name: 'Koulu', areaId: String(unit.areaId), active: 'on' }, from)
  t.equal(kept.statusCode, 303)
  t.match(db.$client.prepare('select action, subject_type as subject, subject_id as id from audit_log').all(), [{ action: 'update', subject: 'ordering_unit', id: unit.id }])

  const otherForm = await browser.get(`/admin/structure/ordering-units/${otherUnit.id}`)
  t.notMatch(otherForm.body, `${oldArea.name} (poistettu käytöstä)`)
  const moved = await browser.post(`/admin/structure/ordering-units/${otherUnit.id}`, { name: 'Osasto', areaId: String(unit.areaId), active: 'on' }, from)
  t.equal(moved.statusCode, 422)
  t.match(moved.body, 'Valitse alue luettelosta.')
  t.equal(rowsOf(db, 'ordering-units', regionId).find((u) => u.id === otherUnit.id)!.area_id, otherUnit.areaId)
})

t.test('an unknown kind or row is not found', async (t) => {
  const { db, browser, regionId } = await asAdmin(t)
  const area = anArea(db, regionId)
  for (const url of ['/admin/structure/regions/1', '/admin/structure/areas/abc', '/admin/structure/areas/0', '/admin/structure/areas/999999',
    `/admin/structure/channels/${area.id}`]) {
    t.equal((await browser.get(url)).statusCode, 404, url)
    t.equal((await browser.post(url, { name: 'X' }, from)).statusCode, 404, url)
  }
  t.match(rowsOf(db, 'areas', regionId), [{ name: area.name }])
})
