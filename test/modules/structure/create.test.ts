import t from 'tap'
import { eq } from 'drizzle-orm'
import { aRegion, anArea, aUnit, aChannel, aHostOrganisation, aGroup, anExperienceArea } from '../../helper.js'
import { areas } from '../../../db/schema.js'
import { asAdmin, from, rowsOf } from './support.js'

t.test('the structure page shows the region, every kind and an add form for each', async (t) => {
  const { db, browser, regionId } = await asAdmin(t, 'Kanta-Hämeen hyvinvointialue')
  const other = aRegion(db)
  anArea(db, regionId, 'Tampere')
  anArea(db, other.id, 'Vieras alue')
  aChannel(db, regionId, { name: 'Työpaja', defaultLoad: 'heavy', requiresBasicTraining: true })
  const page = await browser.get('/admin/structure')
  t.equal(page.statusCode, 200)
  t.match(page.body, '<h1>Rakenne</h1>')
  t.match(page.body, 'Hyvinvointialue: Kanta-Hämeen hyvinvointialue')
  for (const [kind, title] of [['areas', 'Alueet'], ['host-organisations', 'Taustaorganisaatiot'], ['ordering-units', 'Tilaajayksiköt'],
    ['channels', 'Osallisuuden väylät'], ['expert-groups', 'Kokemusasiantuntijaryhmät'], ['experience-areas', 'Kokemusalueet']]) {
    t.match(page.body, `<h2 id="${kind}-title">${title}</h2>`)
    t.match(page.body, `<form method="post" action="/admin/structure/${kind}" novalidate>`)
  }
  t.equal(page.body.match(/name="_csrf" value="[^"]+"/g)?.length, 7, 'six add forms and the logout form')
  t.match(page.body, '<th scope="row">Tampere</th>')
  t.match(page.body, /<th scope="row">Työpaja<\/th>\s*<td>Raskas<\/td><td>Kyllä<\/td>/)
  t.match(page.body, 'Taustaorganisaatioita ei ole vielä lisätty.')
  t.notMatch(page.body, 'Vieras alue')
  t.match(page.body, '<label for="ordering-units-areaId">Alue</label>')
})

t.test('the page is translated', async (t) => {
  const { browser } = await asAdmin(t)
  t.match((await browser.get('/admin/structure?lang=sv')).body, 'Kanaler för delaktighet')
  t.match((await browser.get('/admin/structure?lang=en')).body, 'Participation channels')
})

t.test('each kind can be added', async (t) => {
  const { db, browser, regionId } = await asAdmin(t)
  const area = anArea(db, regionId, 'Pirkanmaa')
  const cases: [string, Record<string, string>, Record<string, unknown>, RegExp][] = [
    ['areas', { name: '  Etelä-Pohjanmaa ' }, { name: 'Etelä-Pohjanmaa', active: 1 }, /<th scope="row">Etelä-Pohjanmaa<\/th>/],
    ['host-organisations', { name: 'Pesäpuu ry' }, { name: 'Pesäpuu ry', active: 1 }, /<th scope="row">Pesäpuu ry<\/th>/],
    ['ordering-units', { name: 'Lastensuojelun avohuolto', areaId: String(area.id) }, { name: 'Lastensuojelun avohuolto', area_id: area.id, active: 1 },
      /<th scope="row">Lastensuojelun avohuolto<\/th>\s*<td>Pirkanmaa<\/td>/],
    ['channels', { name: 'Ammattilaisten koulutus', defaultLoad: 'heavy', requiresBasicTraining: 'on' },
      { name: 'Ammattilaisten koulutus', default_load: 'heavy', requires_basic_training: 1, active: 1 }, /<th scope="row">Ammattilaisten koulutus<\/th>\s*<td>Raskas<\/td><td>Kyllä<\/td>/],
    ['channels', { name: 'Työpaja', defaultLoad: 'light' }, { name: 'Työpaja', default_load: 'light', requires_basic_training: 0 }, /<th scope="row">Työpaja<\/th>\s*<td>Kevyt<\/td><td>Ei<\/td>/],
    ['expert-groups', { name: 'Nuori 13–17 v' }, { name: 'Nuori 13–17 v' }, /<th scope="row">Nuori 13–17 v<\/th>/],
    ['experience-areas', { name: 'Sijaisperhe' }, { name: 'Sijaisperhe' }, /<th scope="row">Sijaisperhe<\/th>/],
  ]
  for (const [kind, fields, stored, shown] of cases) {
    const response = await browser.post(`/admin/structure/${kind}`, fields, from)
    t.equal(response.statusCode, 303, kind)
    t.equal(response.headers.location, '/admin/structure')
    const rows = rowsOf(db, kind, regionId).filter((row) => row.name === stored.name)
    t.equal(rows.length, 1, `${kind} stored once`)
    t.match(rows[0], stored)
    const next = await browser.get('/admin/structure')
    t.match(next.body, `Lisätty: ${stored.name}.`)
    t.match(next.body, shown)
  }
  const logged = db.$client.prepare('select action, subject_type as subject from audit_log where region_id = ? order by id').all(regionId)
  t.same(logged.map((row) => Object.values(row as object).join(' ')),
    ['create area', 'create host_organisation', 'create ordering_unit', 'create channel', 'create channel', 'create expert_group', 'create experience_area'])
})

t.test('a name is unique within its region and kind only', async (t) => {
  const { db, browser, regionId } = await asAdmin(t)
  const other = aRegion(db)
  anArea(db, other.id, 'Tampere')
  aChannel(db, regionId, { name: 'Tampere' })
  const response = await browser.post('/admin/structure/areas', { name: 'Tampere' }, from)
  t.equal(response.statusCode, 303)
  t.equal(rowsOf(db, 'areas', regionId).length, 1)
})

t.test('bad input comes back with messages and values and stores nothing', async (t) => {
  const { db, browser, regionId } = await asAdmin(t)
  const other = aRegion(db)
  const foreignArea = anArea(db, other.id, 'Vieras')
  const oldArea = anArea(db, regionId, 'Vanha alue')
  db.update(areas).set({ active: false }).where(eq(areas.id, oldArea.id)).run()
  const area = anArea(db, regionId, 'Äänekoski')
  const long = 'x'.repeat(201)
  const existing: Record<string, string> = {
    'areas': area.name,
    'host-organisations': aHostOrganisation(db, regionId, 'Pesäpuu ry').name,
    'ordering-units': aUnit(db, regionId, 'Koulu').name,
    'channels': aChannel(db, regionId, { name: 'Työpaja' }).name,
    'expert-groups': aGroup(db, regionId, 'Vanhempi').name,
    'experience-areas': anExperienceArea(db, regionId, 'Jälkihuolto').name,
  }
  const extra: Record<string, Record<string, string>> = {
    'ordering-units': { areaId: String(area.id) },
    'channels': { defaultLoad: 'light' },
  }
  const cases: [string, Record<string, string>, string, string][] = []
  for (const kind of Object.keys(existing)) {
    cases.push([kind, { name: '', ...extra[kind] }, 'name', 'Tämä tieto on pakollinen.'])
    cases.push([kind, { name: long, ...extra[kind] }, 'name', 'Enintään 200 merkkiä.'])
    cases.push([kind, { name: existing[kind]!.toLocaleUpperCase('fi'), ...extra[kind] }, 'name', 'Tämä nimi on jo käytössä. Anna toinen nimi.'])
  }
  cases.push(['ordering-units', { name: 'Uusi yksikkö' }, 'areaId', 'Tämä tieto on pakollinen.'])
  cases.push(['ordering-units', { name: 'Uusi yksikkö', areaId: 'abc' }, 'areaId', 'Tämä tieto on pakollinen.'])
  cases.push(['ordering-units', { name: 'Uusi yksikkö', areaId: String(foreignArea.id) }, 'areaId', 'Valitse alue luettelosta.'])
  cases.push(['ordering-units', { name: 'Uusi yksikkö', areaId: String(oldArea.id) }, 'areaId', 'Valitse alue luettelosta.'])
  cases.push(['ordering-units', { name: 'Uusi yksikkö', areaId: '999999' }, 'areaId', 'Valitse alue luettelosta.'])
  cases.push(['channels', { name: 'Uusi väylä', requiresBasicTraining: 'on' }, 'defaultLoad', 'Tämä tieto on pakollinen.'])
  cases.push(['channels', { name: 'Uusi väylä', defaultLoad: 'medium', requiresBasicTraining: 'on' }, 'defaultLoad', 'Valitse jokin vaihtoehdoista.'])
  for (const [kind, fields, field, message] of cases) {
    const before = rowsOf(db, kind, regionId).length
    const response = await browser.post(`/admin/structure/${kind}`, fields, from)
    t.equal(response.statusCode, 422, `${kind} ${JSON.stringify(fields).slice(0, 60)}`)
    t.match(response.body, '<h1>Rakenne</h1>')
    t.match(response.body, 'Tarkista lomake')
    t.match(response.body, `<a href="#${kind}-new">`)
    t.match(response.body, `<p class="field-error" id="${kind}-${field}-error">${message}</p>`)
    t.match(response.body, new RegExp(`id="${kind}-${field}"[^>]*aria-invalid="true"`))
    t.match(response.body, `id="${kind}-name" name="name" type="text" value="${fields.name}"`, 'the name is kept')
    t.equal(rowsOf(db, kind, regionId).length, before, 'nothing stored')
  }
  const channel = await browser.post('/admin/structure/channels', { name: 'Uusi väylä', defaultLoad: 'medium', requiresBasicTraining: 'on' }, from)
  t.match(channel.body, /id="channels-requiresBasicTraining" name="requiresBasicTraining" type="checkbox" value="on" checked/)
  const unit = await browser.post('/admin/structure/ordering-units', { name: '', areaId: String(area.id) }, from)
  t.match(unit.body, `<option value="${area.id}" selected>Äänekoski</option>`)
  t.notMatch(unit.body, 'Vanha alue</option>', 'a deactivated area is not offered')
  t.notMatch(unit.body, 'Vieras', 'another region’s area is not offered')
})

t.test('all errors of a form are shown at once', async (t) => {
  const { db, browser, regionId } = await asAdmin(t)
  const other = aRegion(db)
  const response = await browser.post('/admin/structure/ordering-units', { name: '', areaId: String(anArea(db, other.id).id) }, from)
  t.equal(response.statusCode, 422)
  t.match(response.body, 'Tarkista lomake: 2 kohdassa on virhe.')
  t.equal(rowsOf(db, 'ordering-units', regionId).length, 0)
})

t.test('an unknown kind is not found', async (t) => {
  const { browser } = await asAdmin(t)
  t.equal((await browser.post('/admin/structure/regions', { name: 'X' }, from)).statusCode, 404)
  t.equal((await browser.post('/admin/structure/__proto__', { name: 'X' }, from)).statusCode, 404)
})

t.test('a name of control characters is refused at its field and nothing is stored', async (t) => {
  const { db, browser, regionId } = await asAdmin(t)
  for (const name of ['\u0000', 'Työ\u0000paja', 'Työpaja\u001b[31m']) {
    const response = await browser.post('/admin/structure/channels', { name, defaultLoad: 'light' }, from)
    t.equal(response.statusCode, 422, JSON.stringify(name))
    t.match(response.body, 'Kirjoita tämä yhdelle riville')
  }
  t.same(rowsOf(db, 'channels', regionId), [])
})

t.test('an expert group takes an optional age range; a backwards or impossible one is refused', async (t) => {
  const { db, browser, regionId } = await asAdmin(t)
  const ok = await browser.post('/admin/structure/expert-groups', { name: 'Nuori 13–17 v', minAge: '13', maxAge: '17' }, from)
  t.equal(ok.statusCode, 303)
  t.match(rowsOf(db, 'expert-groups', regionId), [{ name: 'Nuori 13–17 v', min_age: 13, max_age: 17 }])
  t.equal((await browser.post('/admin/structure/expert-groups', { name: 'Sisarus' }, from)).statusCode, 303, 'no range is fine')
  t.match(rowsOf(db, 'expert-groups', regionId)[1], { name: 'Sisarus', min_age: null, max_age: null })
  const page = await browser.get('/admin/structure?lang=en')
  t.match(page.body, /<th scope="row">Nuori 13–17 v<\/th>\s*<td>13<\/td><td>17<\/td>/)
  for (const [fields, field, message] of [
    [{ minAge: '18', maxAge: '13' }, 'maxAge', 'The maximum age cannot be below the minimum age.'],
    [{ minAge: '-1' }, 'minAge', 'Give a whole number from 0 to 120.'],
    [{ maxAge: 'paljon' }, 'maxAge', 'Give a whole number from 0 to 120.'],
  ] as const) {
    const refused = await browser.post('/admin/structure/expert-groups', { name: 'Väärä', ...fields }, from)
    t.equal(refused.statusCode, 422, JSON.stringify(fields))
    t.match(refused.body, message)
    t.match(refused.body, `id="expert-groups-${field}-error"`)
  }
  t.equal(rowsOf(db, 'expert-groups', regionId).length, 2, 'nothing stored')
})
