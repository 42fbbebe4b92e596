import t from 'tap'
import { build, signedIn, aUser, aUnit } from '../../helper.js'
import { auditRows, userRow } from './support.js'

t.test('the user’s page shows the details and the form, and every view is audited', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  const unit = aUnit(db, admin.regionId, 'Nuorisopsykiatria')
  const orderer = await aUser(db, { role: 'orderer', regionId: admin.regionId, name: 'Olli Tilaaja', orderingUnitId: unit.id })
  const page = await browser.get(`/admin/users/${orderer.id}`)
  t.equal(page.statusCode, 200)
  t.match(page.body, '<h1>Olli Tilaaja</h1>')
  t.match(page.body, `<dd>${orderer.email}</dd>`)
  t.match(page.body, '<dd>Nuorisopsykiatria</dd>')
  t.match(page.body, '<dd>Asetettu</dd>')
  t.match(page.body, `value="${orderer.email}"`)
  t.match(page.body, '<option value="orderer" selected>')
  t.match(page.body, `<option value="${unit.id}" selected>`)
  t.match(page.body, `action="/admin/users/${orderer.id}/disabling"`)
  t.match(page.body, `href="/admin/audit?subject=${orderer.id}"`)
  await browser.get(`/admin/users/${orderer.id}`)
  const reads = auditRows(db, 'read', orderer.id)
  t.equal(reads.length, 2, 'each view is a read')
  t.equal(reads[0]!.actorUserId, admin.id)
  t.equal(reads[0]!.subjectType, 'user')
})

t.test('an admin edits a user', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  const unit = aUnit(db, admin.regionId)
  const target = await aUser(db, { role: 'coordinator', regionId: admin.regionId })
  const page = `/admin/users/${target.id}`
  const saved = await browser.post(page, { name: 'Uusi Nimi', email: 'Uusi@Example.fi', role: 'orderer', orderingUnitId: String(unit.id) }, { from: page })
  t.equal(saved.statusCode, 303)
  t.equal(saved.headers.location, page)
  t.match(userRow(db, target.id), { name: 'Uusi Nimi', email: 'uusi@example.fi', role: 'orderer', orderingUnitId: unit.id })
  const [update] = auditRows(db, 'update', target.id)
  t.equal(update!.detail, 'name,email,role,orderingUnitId', 'the audit names the changed fields, not their values')
  t.match((await browser.get(page)).body, 'Tiedot on tallennettu.')

  const back = await browser.post(page, { name: 'Uusi Nimi', email: 'uusi@example.fi', role: 'coordinator', orderingUnitId: String(unit.id) }, { from: page })
  t.equal(back.statusCode, 303, 'the own address is not taken by oneself')
  t.match(userRow(db, target.id), { role: 'coordinator', orderingUnitId: null })
})

t.test('bad edits come back with messages and change nothing', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  const other = await aUser(db, { role: 'manager', regionId: admin.regionId })
  const target = await aUser(db, { role: 'coordinator', regionId: admin.regionId, name: 'Ennallaan' })
  const page = `/admin/users/${target.id}`
  const good = { name: 'Muutettu', email: target.email, role: 'coordinator', orderingUnitId: '' }
  const cases: [string, Record<string, string>, string][] = [
    ['duplicate e-mail', { email: other.email }, 'Tällä sähköpostiosoitteella on jo käyttäjä.'],
    ['bad e-mail', { email: 'x@y' }, 'Anna sähköpostiosoite muodossa'],
    ['missing role', { role: '' }, 'Tämä tieto on pakollinen.'],
    ['orderer without a unit', { role: 'orderer' }, 'Valitse tilaajan yksikkö.'],
  ]
  for (const [name, change, message] of cases) {
    const response = await browser.post(page, { ...good, ...change }, { from: page })
    t.equal(response.statusCode, 422, name)
    t.match(response.body, message, name)
    t.match(response.body, 'value="Muutettu"', `${name}: values kept`)
    t.match(response.body, '<h1>Ennallaan</h1>', `${name}: the page still shows the stored name`)
  }
  t.equal(userRow(db, target.id).name, 'Ennallaan')
  t.equal(auditRows(db, 'update').length, 0)
})

t.test('an admin cannot change their own role, but can edit their own details', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  const page = `/admin/users/${admin.id}`
  const own = await browser.get(page)
  t.match(own.body, 'Tämä on oma tunnuksesi.')
  t.notMatch(own.body, '/disabling"', 'no disabling of oneself offered')
  const demoted = await browser.post(page, { name: admin.name, email: admin.email, role: 'coordinator' }, { from: page })
  t.equal(demoted.statusCode, 422)
  t.match(demoted.body, 'Et voi muuttaa omaa rooliasi.')
  t.equal(userRow(db, admin.id).role, 'admin')
  const renamed = await browser.post(page, { name: 'Uusi Pääkäyttäjä', email: admin.email, role: 'admin' }, { from: page })
  t.equal(renamed.statusCode, 303)
  t.equal(userRow(db, admin.id).name, 'Uusi Pääkäyttäjä')
})
