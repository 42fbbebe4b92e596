import t from 'tap'
import { count, eq } from 'drizzle-orm'
import { build, signedIn, aUser, aRegion, aUnit, Browser } from '../../helper.js'
import { orderingUnits, outbox, users } from '../../../db/schema.js'
import { auditRows, mailsTo, passwordPath, userByEmail } from './support.js'

t.test('an admin invites a new user, who sets a password through the link', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  const form = await browser.get('/admin/users/new')
  t.equal(form.statusCode, 200)
  t.match(form.body, '<h1>Uusi käyttäjä</h1>')
  t.match(form.body, 'name="orderingUnitId"')
  t.match(form.body, '<option value="pair_worker">työpari</option>')

  const created = await browser.post('/admin/users', { name: 'Kaisa Koordinaattori', email: ' Kaisa.K@Example.FI ', role: 'coordinator', orderingUnitId: '' }, { from: '/admin/users/new' })
  t.equal(created.statusCode, 303)
  const row = userByEmail(db, 'kaisa.k@example.fi')!
  t.ok(row, 'the e-mail is stored in lower case')
  t.equal(created.headers.location, `/admin/users/${row.id}`)
  t.equal(row.regionId, admin.regionId)
  t.equal(row.role, 'coordinator')
  t.equal(row.passwordHash, null, 'no password until the user sets it')
  t.equal(row.orderingUnitId, null)
  t.equal(auditRows(db, 'create', row.id).length, 1)

  const page = await browser.get(created.headers.location!)
  t.match(page.body, 'Käyttäjä on luotu ja kutsu lähetetty.')
  t.match(page.body, 'Ei asetettu')

  const [mail, ...more] = mailsTo(db, 'kaisa.k@example.fi')
  t.equal(more.length, 0)
  t.equal(mail!.regionId, admin.regionId)
  t.equal(mail!.subject, 'Kutsu Kokemus-palveluun')
  t.match(mail!.body, 'voimassa 7 päivää')
  t.notMatch(mail!.body, 'koordinaattori', 'the mail says nothing of the role')

  const invited = new Browser(app)
  const link = passwordPath(mail!.body)
  const setPassword = await invited.get(link)
  t.equal(setPassword.statusCode, 200)
  t.match(setPassword.body, 'kaisa.k@example.fi')
  const saved = await invited.post(link, { password: 'a long and unusual sentence', confirmation: 'a long and unusual sentence' }, { from: link })
  t.equal(saved.statusCode, 303)
  const home = await invited.get('/')
  t.equal(home.statusCode, 200)
  t.match(home.body, 'Hei, Kaisa Koordinaattori!')
})

t.test('an orderer is created with one of the region’s units; other roles get none', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  const unit = aUnit(db, admin.regionId, 'Perhekeskus')
  t.match((await browser.get('/admin/users/new')).body, `<option value="${unit.id}">Perhekeskus</option>`)
  const orderer = await browser.post('/admin/users', { name: 'Olli', email: 'olli@example.fi', role: 'orderer', orderingUnitId: String(unit.id) }, { from: '/admin/users/new' })
  t.equal(orderer.statusCode, 303)
  t.equal(userByEmail(db, 'olli@example.fi')!.orderingUnitId, unit.id)
  const manager = await browser.post('/admin/users', { name: 'Eeva', email: 'eeva@example.fi', role: 'manager', orderingUnitId: String(unit.id) }, { from: '/admin/users/new' })
  t.equal(manager.statusCode, 303)
  t.equal(userByEmail(db, 'eeva@example.fi')!.orderingUnitId, null, 'the unit is ignored for other roles')
})

t.test('bad input comes back with messages at the fields and stores nothing', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  const unit = aUnit(db, admin.regionId)
  const closed = aUnit(db, admin.regionId)
  db.update(orderingUnits).set({ active: false }).where(eq(orderingUnits.id, closed.id)).run()
  const foreignUnit = aUnit(db, aRegion(db).id)
  await aUser(db, { role: 'expert', email: 'taken@example.fi' })
  const good = { name: 'Uusi Ihminen', email: 'uusi@example.fi', role: 'coordinator', orderingUnitId: '' }
  const cases: [string, Record<string, string>, string, string][] = [
    ['missing name', { name: '  ' }, 'name', 'Tämä tieto on pakollinen.'],
    ['too long a name', { name: 'x'.repeat(201) }, 'name', 'Enintään 200 merkkiä.'],
    ['missing e-mail', { email: '' }, 'email', 'Tämä tieto on pakollinen.'],
    ['bad e-mail', { email: 'not-an-address' }, 'email', 'Anna sähköpostiosoite muodossa'],
    ['duplicate e-mail, in another region and case', { email: 'TAKEN@example.fi' }, 'email', 'Tällä sähköpostiosoitteella on jo käyttäjä.'],
    ['missing role', { role: '' }, 'role', 'Tämä tieto on pakollinen.'],
    ['unknown role', { role: 'superuser' }, 'role', 'Valitse jokin vaihtoehdoista.'],
    ['orderer without a unit', { role: 'orderer' }, 'orderingUnitId', 'Valitse tilaajan yksikkö.'],
    ['orderer with a unit of another region', { role: 'orderer', orderingUnitId: String(foreignUnit.id) }, 'orderingUnitId', 'Valitse jokin vaihtoehdoista.'],
    ['orderer with a closed unit', { role: 'orderer', orderingUnitId: String(closed.id) }, 'orderingUnitId', 'Valitse jokin vaihtoehdoista.'],
  ]
  const usersBefore = db.select({ n: count() }).from(users).get()!.n
  for (const [name, change, field, message] of cases) {
    const response = await browser.post('/admin/users', { ...good, ...change }, { from: '/admin/users/new' })
    t.equal(response.statusCode, 422, name)
    t.match(response.body, message, name)
    t.match(response.body, `id="f-${field}-error"`, `${name}: the message is at the field`)
    t.match(response.body, 'Tarkista lomake', name)
  }
  const kept = await browser.post('/admin/users', { ...good, role: 'orderer', orderingUnitId: String(unit.id), email: 'bad' }, { from: '/admin/users/new' })
  t.match(kept.body, 'value="Uusi Ihminen"', 'values are kept')
  t.match(kept.body, `<option value="${unit.id}" selected>`)
  t.match(kept.body, '<option value="orderer" selected>')
  t.equal(db.select({ n: count() }).from(users).get()!.n, usersBefore, 'no user stored')
  t.equal(db.select({ n: count() }).from(outbox).get()!.n, 0, 'no mail queued')
  t.equal(auditRows(db, 'create').length, 0)
})

t.test('the invitation mail is in the admin’s language', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedIn(app, db, 'admin')
  await browser.get('/admin/users/new?lang=en')
  const created = await browser.post('/admin/users', { name: 'Sam', email: 'sam@example.fi', role: 'expert' }, { from: '/admin/users/new' })
  t.equal(created.statusCode, 303)
  const [mail] = mailsTo(db, 'sam@example.fi')
  t.equal(mail!.subject, 'Invitation to Kokemus')
  t.match(mail!.body, 'valid for 7 days')
})
