import t from 'tap'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { count } from 'drizzle-orm'
import { build, signedIn, aUser, aRegion, Browser } from '../../helper.js'
import type { Db } from '../../../src/db.js'
import { auditLog, type Role } from '../../../db/schema.js'
import { audit } from '../../../src/modules/audit/messages.js'

function logRow (db: Db, row: Omit<typeof auditLog.$inferInsert, 'at' | 'subjectType'> & { at?: string, subjectType?: string }) {
  db.insert(auditLog).values({ at: new Date().toISOString(), subjectType: 'user', ...row }).run()
}

const rowCount = (body: string) => (body.match(/<tr>/g) ?? []).length - 1

t.test('the log shows who did what to whom, newest first, and reading it is not logged', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin', { name: 'Anna Admin' })
  const target = await aUser(db, { role: 'coordinator', regionId: admin.regionId, name: 'Kaisa Kohde' })
  const page = `/admin/users/${target.id}`
  await browser.post(page, { name: 'Kaisa Muutettu', email: target.email, role: 'coordinator' }, { from: page })
  await browser.get('/admin/users')
  logRow(db, { regionId: admin.regionId, actorUserId: null, action: 'purge', subjectType: 'thing', subjectId: 7 })
  logRow(db, { regionId: admin.regionId, actorUserId: admin.id, action: 'list', subjectType: 'outbox' })
  logRow(db, { regionId: aRegion(db).id, actorUserId: null, action: 'read', detail: 'another-region' })

  const before = db.select({ n: count() }).from(auditLog).get()!.n
  const log = await browser.get('/admin/audit')
  t.equal(log.statusCode, 200)
  t.equal(db.select({ n: count() }).from(auditLog).get()!.n, before, 'reading the log is not logged')
  t.match(log.body, '<h1>Lokitiedot</h1>')
  t.equal(rowCount(log.body), 5)
  t.notMatch(log.body, 'another-region')
  const subject = `Käyttäjä: <a href="/admin/users/${target.id}">Kaisa Muutettu</a>`
  t.match(log.body, new RegExp([
    '<td>Anna Admin</td>\\s*<td>Selasi luetteloa</td>\\s*<td>Lähtevät viestit</td>',
    '<td>Järjestelmä</td>\\s*<td>purge</td>\\s*<td>thing #7</td>',
    '<td>Anna Admin</td>\\s*<td>Selasi luetteloa</td>\\s*<td>Käyttäjä</td>',
    `<td>Anna Admin</td>\\s*<td>Muutti tietoja</td>\\s*<td>${subject}</td>\\s*<td>name</td>`,
    `<td>Anna Admin</td>\\s*<td>Luki tiedot</td>\\s*<td>${subject}</td>`,
  ].join('[\\s\\S]*')), 'newest first, with actor, action, subject and detail')
  t.match(log.body, /<td>\d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d{2}<\/td>/)

  const english = await browser.get('/admin/audit?lang=en')
  t.match(english.body, '<td>Changed details</td>')
})

t.test('the log is filtered by subject, actor and Helsinki calendar days', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  const regionId = admin.regionId
  const target = await aUser(db, { role: 'expert', regionId, name: 'Kohde' })
  const other = await aUser(db, { role: 'expert', regionId, name: 'Muu' })
  const coordinator = await aUser(db, { role: 'coordinator', regionId, name: 'Koordinaattori' })
  logRow(db, { regionId, at: '2020-03-09T21:59:00.000Z', actorUserId: admin.id, action: 'read', subjectId: target.id, detail: 'd1' })
  logRow(db, { regionId, at: '2020-03-09T22:00:00.000Z', actorUserId: admin.id, action: 'read', subjectId: other.id, detail: 'd2' })
  logRow(db, { regionId, at: '2020-03-10T21:59:59.999Z', actorUserId: coordinator.id, action: 'update', subjectId: target.id, detail: 'd3' })
  logRow(db, { regionId, at: '2020-03-10T22:00:00.000Z', actorUserId: coordinator.id, action: 'read', subjectId: other.id, detail: 'd4' })
  logRow(db, { regionId, at: '2020-03-11T10:00:00.000Z', actorUserId: admin.id, action: 'read', subjectType: 'expert', subjectId: target.id, detail: 'd5' })
  const details = async (query: string) => {
    const response = await browser.get(`/admin/audit?${query}`)
    t.equal(response.statusCode, 200, query)
    return ['d1', 'd2', 'd3', 'd4', 'd5'].filter((d) => response.body.includes(`<td>${d}</td>`))
  }
  t.same(await details(`subject=${target.id}`), ['d1', 'd3'], 'only the user as subject, not another type with the same id')
  t.same(await details(`actor=${coordinator.id}`), ['d3', 'd4'])
  t.same(await details('from=2020-03-10&to=2020-03-10'), ['d2', 'd3'], 'a day is a day in Helsinki')
  t.same(await details('from=10.3.2020&to=2020-03-11'), ['d2', 'd3', 'd4', 'd5'], 'a typed Finnish date is understood')
  t.same(await details('to=2020-03-09'), ['d1'])
  t.same(await details(`subject=${target.id}&actor=${coordinator.id}&from=2020-03-10`), ['d3'])
  t.same(await details('subject=&actor=&from=&to='), ['d1', 'd2', 'd3', 'd4', 'd5'], 'empty filters are no filter')
  const kept = await browser.get(`/admin/audit?subject=${target.id}&actor=${coordinator.id}&from=2020-03-10`)
  t.match(kept.body, new RegExp(`id="f-subject"[\\s\\S]*<option value="${target.id}" selected>Kohde</option>[\\s\\S]*id="f-actor"`))
  t.match(kept.body, new RegExp(`id="f-actor"[\\s\\S]*<option value="${coordinator.id}" selected>Koordinaattori</option>`))
  t.match(kept.body, 'value="2020-03-10"')
  t.match((await browser.get('/admin/audit?to=2019-01-01')).body, 'Ei lokirivejä näillä rajauksilla.')
})

t.test('bad filters give messages at the fields, never an error page', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  logRow(db, { regionId: admin.regionId, at: '2020-03-09T10:00:00.000Z', actorUserId: admin.id, action: 'read', detail: 'early' })
  logRow(db, { regionId: admin.regionId, at: '2020-03-12T10:00:00.000Z', actorUserId: admin.id, action: 'read', detail: 'late' })
  const cases: [string, string, string][] = [
    ['subject=abc', 'subject', 'Valitse jokin vaihtoehdoista.'],
    ['actor=-1', 'actor', 'Valitse jokin vaihtoehdoista.'],
    ['from=2020-02-30', 'from', 'Anna päivämäärä muodossa 23.11.2026.'],
    ['to=yesterday', 'to', 'Anna päivämäärä muodossa 23.11.2026.'],
    ['from=2020-03-10&to=2020-03-09', 'to', 'Päättymispäivä ei voi olla ennen alkamispäivää.'],
  ]
  for (const [query, field, message] of cases) {
    const response = await browser.get(`/admin/audit?${query}`)
    t.equal(response.statusCode, 422, query)
    t.match(response.body, new RegExp(`id="f-${field}-error">${message.replace(/\./g, '\\.')}<`), query)
  }
  const rest = await browser.get('/admin/audit?from=2020-03-10&to=2020-03-09')
  t.match(rest.body, '<td>late</td>', 'the valid filter still applies')
  t.notMatch(rest.body, '<td>early</td>')
})

t.test('the log is paged 50 at a time and the pages keep the filters', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  const actor = await aUser(db, { role: 'coordinator', regionId: admin.regionId })
  for (let i = 0; i < 55; i++) logRow(db, { regionId: admin.regionId, actorUserId: actor.id, action: 'read', at: `2020-01-01T10:00:${String(i).padStart(2, '0')}.000Z`, detail: `row-${i}` })
  logRow(db, { regionId: admin.regionId, actorUserId: admin.id, action: 'read' })
  const first = await browser.get(`/admin/audit?actor=${actor.id}&from=&to=2020-12-31`)
  t.equal(rowCount(first.body), 50)
  t.match(first.body, '<td>row-54</td>')
  t.match(first.body, `href="?actor=${actor.id}&amp;to=2020-12-31&amp;page=2" rel="next"`)
  const second = await browser.get(`/admin/audit?actor=${actor.id}&to=2020-12-31&page=2`)
  t.equal(rowCount(second.body), 5)
  t.match(second.body, '<td>row-0</td>')
  t.match(second.body, `href="?actor=${actor.id}&amp;to=2020-12-31&amp;page=1" rel="prev"`)
  t.notMatch(second.body, 'rel="next"')
})

t.test('only admins read the log', async (t) => {
  const { app, db } = await build(t)
  for (const role of ['coordinator', 'pair_worker', 'expert', 'orderer', 'manager'] as Role[]) {
    const { browser } = await signedIn(app, db, role)
    t.equal((await browser.get('/admin/audit')).statusCode, 403, role)
  }
  const anonymous = await new Browser(app).get('/admin/audit')
  t.equal(anonymous.statusCode, 303)
  t.equal(anonymous.headers.location, '/login?next=%2Fadmin%2Faudit')
})

// Every action and subject type the code writes has a name in every language, so the admin reads
// words, not codes. The literals are read from the modules' sources: recordAudit({ action: '…',
// subjectType: '…' }) and the modules' own audit helpers (audit(db, actor, 'read'), audit('offer_withdrawn', …)).
t.test('every audit action and subject type written by the code has a name in fi, sv and en', async (t) => {
  const modules = join(import.meta.dirname, '../../../src/modules')
  const written = new Set<string>()
  for (const file of readdirSync(modules, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'))) {
    const source = readFileSync(join(modules, file), 'utf8')
    for (const [, action] of source.matchAll(/\baction: '(\w+)'/g)) written.add(`audit.action.${action}`)
    for (const [, type] of source.matchAll(/\bsubjectType: '(\w+)'/g)) written.add(`audit.subjectType.${type}`)
    for (const [, action] of source.matchAll(/\b(?:audit|expertAudit)\((?:[\w.]+, )*'(\w+)'/g)) written.add(`audit.action.${action}`)
    if (file.startsWith('structure')) for (const [, type] of source.matchAll(/^ {2}'[\w-]+': '(\w+)',$/gm)) written.add(`audit.subjectType.${type}`)
  }
  for (const key of ['audit.action.offer_made', 'audit.action.offer_withdrawn', 'audit.action.debrief_recorded', 'audit.subjectType.order', 'audit.subjectType.area']) {
    t.ok(written.has(key), `the sources are read: ${key} is found`)
  }
  for (const lang of ['fi', 'sv', 'en'] as const) {
    const names: Record<string, string> = audit[lang]
    t.same([...written].filter((key) => !names[key]), [], `every written action and subject type has a name in ${lang}`)
  }
})

t.test('the new actions of orders and offers are shown in words', async (t) => {
  const { app, db } = await build(t)
  const { browser, user: admin } = await signedIn(app, db, 'admin')
  logRow(db, { regionId: admin.regionId, actorUserId: admin.id, action: 'offer_accepted', subjectType: 'expert', subjectId: 3 })
  logRow(db, { regionId: admin.regionId, actorUserId: admin.id, action: 'order_cancelled', subjectType: 'order', subjectId: 4 })
  const log = await browser.get('/admin/audit')
  t.match(log.body, /<td>Perui tilauksen<\/td>\s*<td>Tilaus #4<\/td>/)
  t.match(log.body, /<td>Otti tehtävän vastaan<\/td>\s*<td>Kokemusasiantuntija #3<\/td>/)
  t.match((await browser.get('/admin/audit?lang=sv')).body, '<td>Ställde in beställningen</td>')
})
