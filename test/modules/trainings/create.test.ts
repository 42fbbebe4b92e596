import t from 'tap'
import { eq } from 'drizzle-orm'
import { build, signedIn, aHostOrganisation, aRegion, aTraining, anExpert, aCompletion } from '../../helper.js'
import { hostOrganisations, trainings } from '../../../db/schema.js'
import { auditRows, rowCount } from '../consents/support.js'

t.test('the trainings list shows the region’s trainings with their counts', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'pair_worker')
  const host = aHostOrganisation(db, user.regionId, 'Pesäpuu ry')
  const basic = aTraining(db, user.regionId, { name: 'Peruskoulutus 2026', hostOrganisationId: host.id, hours: 50, startsOn: '2026-01-10', endsOn: '2026-03-20', validityMonths: 36 })
  aTraining(db, user.regionId, { name: 'Mediakoulutus', isBasic: false, hours: 6, startsOn: '2026-09-01', endsOn: '2026-09-01' })
  aTraining(db, aRegion(db).id, { name: 'Toisen alueen koulutus' })
  aCompletion(db, basic.id, anExpert(db, { regionId: user.regionId }).id)
  aCompletion(db, basic.id, anExpert(db, { regionId: user.regionId }).id, null)
  const page = await browser.get('/trainings')
  t.equal(page.statusCode, 200)
  t.match(page.body, '<h1>Koulutukset</h1>')
  t.match(page.body, 'href="/trainings/new"')
  t.match(page.body, /<a href="\/trainings\/\d+">Peruskoulutus 2026<\/a><\/th>\s*<td>Pesäpuu ry<\/td>\s*<td>10.1.2026–20.3.2026<\/td>\s*<td>50 t<\/td>\s*<td>Kyllä<\/td>\s*<td>36 kk<\/td>\s*<td>2<\/td>\s*<td>1<\/td>/)
  t.match(page.body, /Mediakoulutus<\/a><\/th>\s*<td><\/td>\s*<td>1.9.2026–1.9.2026<\/td>\s*<td>6 t<\/td>\s*<td>Ei<\/td>\s*<td>Ei vanhene<\/td>\s*<td>0<\/td>\s*<td>0<\/td>/)
  t.ok(page.body.indexOf('Mediakoulutus') < page.body.indexOf('Peruskoulutus 2026'), 'newest first')
  t.notMatch(page.body, 'Toisen alueen koulutus')
})

t.test('an empty list says there are no trainings', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedIn(app, db, 'coordinator')
  const page = await browser.get('/trainings')
  t.match(page.body, 'Ei koulutuksia.')
})

t.test('a coordinator creates a training', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const host = aHostOrganisation(db, user.regionId, 'Pesäpuu ry')
  const form = await browser.get('/trainings/new')
  t.equal(form.statusCode, 200)
  t.match(form.body, '<h1>Uusi koulutus</h1>')
  t.match(form.body, `<option value="${host.id}">Pesäpuu ry</option>`)
  const created = await browser.post('/trainings', {
    name: '  Kokemusasiantuntijan   peruskoulutus ', hostOrganisationId: String(host.id), hours: '50', startsOn: '2026-02-01', endsOn: '20.5.2026', isBasic: 'on', validityMonths: '24',
  }, { from: '/trainings/new' })
  t.equal(created.statusCode, 303)
  const [row, ...more] = db.select().from(trainings).all()
  t.equal(more.length, 0)
  t.equal(created.headers.location, `/trainings/${row!.id}`)
  t.match(row, { regionId: user.regionId, name: 'Kokemusasiantuntijan peruskoulutus', hostOrganisationId: host.id, hours: 50, startsOn: '2026-02-01', endsOn: '2026-05-20', isBasic: true, validityMonths: 24 })
  t.match(auditRows(db, 'create', row!.id)[0], { subjectType: 'training', actorUserId: user.id })
  const page = await browser.get(created.headers.location!)
  t.match(page.body, 'Koulutus on tallennettu.')
  t.match(page.body, '<h1>Kokemusasiantuntijan peruskoulutus</h1>')
  t.match(page.body, '24 kk')

  const open = await browser.post('/trainings', { name: 'Avoin ilta', hostOrganisationId: String(host.id), hours: '3', startsOn: '2026-02-01', endsOn: '2026-02-01' }, { from: '/trainings/new' })
  t.equal(open.statusCode, 303, 'a one-day training that is not basic and has no validity')
  t.match(db.select().from(trainings).where(eq(trainings.name, 'Avoin ilta')).get(), { isBasic: false, validityMonths: null })
})

t.test('bad input comes back with messages at the fields and stores nothing', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const host = aHostOrganisation(db, user.regionId)
  const closed = aHostOrganisation(db, user.regionId)
  db.update(hostOrganisations).set({ active: false }).where(eq(hostOrganisations.id, closed.id)).run()
  const foreign = aHostOrganisation(db, aRegion(db).id)
  const good = { name: 'Koulutus', hostOrganisationId: String(host.id), hours: '50', startsOn: '2026-02-01', endsOn: '2026-05-20', validityMonths: '' }
  const cases: [string, Record<string, string>, string, string][] = [
    ['no name', { name: ' ' }, 'name', 'Tämä tieto on pakollinen.'],
    ['too long a name', { name: 'x'.repeat(201) }, 'name', 'Enintään 200 merkkiä.'],
    ['no provider', { hostOrganisationId: '' }, 'hostOrganisationId', 'Tämä tieto on pakollinen.'],
    ['a provider that is not an id', { hostOrganisationId: 'abc' }, 'hostOrganisationId', 'Valitse jokin vaihtoehdoista.'],
    ['another region’s provider', { hostOrganisationId: String(foreign.id) }, 'hostOrganisationId', 'Valitse jokin vaihtoehdoista.'],
    ['a closed provider', { hostOrganisationId: String(closed.id) }, 'hostOrganisationId', 'Valitse jokin vaihtoehdoista.'],
    ['no hours', { hours: '' }, 'hours', 'Tämä tieto on pakollinen.'],
    ['hours not a number', { hours: 'viisikymmentä' }, 'hours', 'Anna kokonaisluku väliltä 1–1000.'],
    ['hours with decimals', { hours: '2,5' }, 'hours', 'Anna kokonaisluku väliltä 1–1000.'],
    ['zero hours', { hours: '0' }, 'hours', 'Anna kokonaisluku väliltä 1–1000.'],
    ['too many hours', { hours: '1001' }, 'hours', 'Anna kokonaisluku väliltä 1–1000.'],
    ['no start', { startsOn: '' }, 'startsOn', 'Tämä tieto on pakollinen.'],
    ['a start that is no date', { startsOn: '2026-13-01' }, 'startsOn', 'Anna päivämäärä muodossa 23.11.2026.'],
    ['no end', { endsOn: '' }, 'endsOn', 'Tämä tieto on pakollinen.'],
    ['end before start', { endsOn: '2026-01-31' }, 'endsOn', 'Päättymispäivä ei voi olla ennen alkamispäivää.'],
    ['validity not a number', { validityMonths: 'kaksi' }, 'validityMonths', 'Anna kokonaisluku väliltä 1–240.'],
    ['validity too long', { validityMonths: '241' }, 'validityMonths', 'Anna kokonaisluku väliltä 1–240.'],
  ]
  for (const [name, change, field, message] of cases) {
    const response = await browser.post('/trainings', { ...good, ...change }, { from: '/trainings/new' })
    t.equal(response.statusCode, 422, name)
    t.match(response.body, message, name)
    t.match(response.body, `id="f-${field}-error"`, `${name}: the message is at the field`)
    t.match(response.body, 'Tarkista lomake', name)
  }
  const kept = await browser.post('/trainings', { ...good, hours: 'abc', isBasic: 'on', validityMonths: '12' }, { from: '/trainings/new' })
  t.match(kept.body, 'value="Koulutus"', 'values are kept')
  t.match(kept.body, 'value="abc"')
  t.match(kept.body, 'value="12"')
  t.match(kept.body, /id="f-isBasic"[^>]*checked/)
  t.match(kept.body, `<option value="${host.id}" selected>`)
  t.equal(rowCount(db, trainings), 0, 'no training stored')
  t.equal(auditRows(db, 'create').length, 0)
})
