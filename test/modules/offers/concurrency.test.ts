// Design §5: two coordinators can never fill one place twice, nor book one expert twice at the same
// time, even when they click at once. The application picks a slot; the database decides.
import t from 'tap'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build, anAssignment, anExpert, anOffer, anOrder, aRegion } from '../../helper.js'
import { openDatabase, closeDatabase, type Db } from '../../../src/db.js'
import { assignments } from '../../../db/schema.js'
import { nowIso } from '../../../src/lib/dates.js'
import { lowestFreeSlot } from '../../../src/modules/offers/queries.js'
import { refusalOf } from '../../../src/modules/assignments/rules.js'
import { anOfferedOrder, assignmentsOf, offerRow, orderRow, signedInExpert } from './support.js'

t.test('20 experts accept the last place at once: exactly one gets it', async (t) => {
  const { app, db } = await build(t)
  const first = await signedInExpert(app, db)
  const region = first.expert.regionId
  const { order } = await anOfferedOrder(db, region, first.expert.id, { expertsWanted: 3 })
  anAssignment(db, order.id, anExpert(db, { regionId: region }).id)
  anAssignment(db, order.id, anExpert(db, { regionId: region }).id)
  const experts = [first]
  for (let i = 1; i < 20; i++) experts.push(await signedInExpert(app, db, { regionId: region }))
  const offerIds = experts.map((one, i) => i === 0 ? db.$client.prepare('select id from offers where expert_id = ?').pluck().get(one.expert.id) as number : anOffer(db, order.id, one.expert.id).id)
  const tokens = await Promise.all(experts.map((one) => one.browser.csrfToken('/me/offers')))
  const responses = await Promise.all(experts.map((one, i) => one.browser.app.inject({
    method: 'POST', url: `/me/offers/${offerIds[i]}/acceptance`, payload: `_csrf=${encodeURIComponent(tokens[i]!)}`,
    headers: { cookie: one.browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  })))
  const won = responses.filter((r) => r.statusCode === 303)
  const lost = responses.filter((r) => r.statusCode === 422)
  t.equal(won.length, 1, 'one acceptance wins')
  t.equal(lost.length, 19, 'the others are refused')
  for (const response of lost) t.match(response.body, 'Kaikki paikat ehdittiin jo täyttää.')
  const live = assignmentsOf(db, order.id).filter((a) => a.status !== 'cancelled')
  t.equal(live.length, 3)
  t.same(live.map((a) => a.slot).sort(), [1, 2, 3])
  const statuses = offerIds.map((id) => offerRow(db, id).status)
  t.equal(statuses.filter((s) => s === 'accepted').length, 1)
  t.equal(statuses.filter((s) => s === 'withdrawn').length, 19)
  t.equal(orderRow(db, order.id).status, 'filled')
})

t.test('one expert accepts 20 orders at the same hour at once: one assignment', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert } = await signedInExpert(app, db)
  const offerIds: number[] = []
  for (let i = 0; i < 20; i++) offerIds.push((await anOfferedOrder(db, expert.regionId, expert.id, { day: '2031-05-20', startTime: i % 2 === 0 ? '10:00' : '10:30' })).offer.id)
  const token = await browser.csrfToken('/me/offers')
  const responses = await Promise.all(offerIds.map((id) => app.inject({
    method: 'POST', url: `/me/offers/${id}/acceptance`, payload: `_csrf=${encodeURIComponent(token)}`,
    headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  })))
  t.equal(responses.filter((r) => r.statusCode === 303).length, 1)
  const lost = responses.filter((r) => r.statusCode === 422)
  t.equal(lost.length, 19)
  for (const response of lost) t.match(response.body, 'Sinulla on jo toinen tehtävä samaan aikaan.')
  t.equal(db.$client.prepare("select count(*) from assignments where expert_id = ? and status <> 'cancelled'").pluck().get(expert.id), 1)
  t.equal(offerIds.filter((id) => offerRow(db, id).status === 'pending').length, 19, 'the other offers stay unaccepted')
})

t.test('two connections to one database: the second conflicting insert is refused by the database itself', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kokemus-guarantee-'))
  const path = join(dir, 'test.db')
  const one = openDatabase(path)
  const two = openDatabase(path)
  t.teardown(() => {
    closeDatabase(one)
    closeDatabase(two)
    rmSync(dir, { recursive: true, force: true })
  })
  t.equal(two.$client.pragma('journal_mode', { simple: true }), 'wal')
  const region = aRegion(one)
  const order = anOrder(one, { regionId: region.id, expertsWanted: 2 })
  const a = anExpert(one, { regionId: region.id })
  const b = anExpert(one, { regionId: region.id })
  const c = anExpert(one, { regionId: region.id })
  const place = (db: Db, expertId: number, slot: number, orderId = order.id, times = { startsAt: order.startsAt, endsAt: order.endsAt }) =>
    () => db.insert(assignments).values({ orderId, expertId, slot, ...times, load: 'light', confirmedAt: nowIso() }).run()
  place(one, a.id, 1)()
  place(one, b.id, 2)()
  t.throws(place(two, c.id, 2), { code: 'SQLITE_CONSTRAINT_UNIQUE' }, 'the same last slot')
  t.throws(place(two, c.id, 3), { code: 'SQLITE_CONSTRAINT_TRIGGER', message: 'order_full' }, 'a slot past the places')
  const other = anOrder(two, { regionId: region.id, day: order.day, startTime: '11:00' })
  t.throws(place(two, a.id, 1, other.id, { startsAt: other.startsAt, endsAt: other.endsAt }), { code: 'SQLITE_CONSTRAINT_TRIGGER', message: 'expert_double_booked' }, 'the same expert at an overlapping time')
  t.throws(place(two, a.id, 3), { code: 'SQLITE_CONSTRAINT_TRIGGER' }, 'the same expert twice in one order')
  // While the first connection holds the write lock, the second waits; then the database refuses it.
  two.$client.pragma('busy_timeout = 50')
  one.$client.exec('BEGIN IMMEDIATE')
  t.throws(place(two, c.id, 1, other.id, { startsAt: other.startsAt, endsAt: other.endsAt }), { code: 'SQLITE_BUSY' })
  place(one, c.id, 1, other.id, { startsAt: other.startsAt, endsAt: other.endsAt })()
  one.$client.exec('COMMIT')
  t.throws(place(two, c.id, 1, other.id, { startsAt: other.startsAt, endsAt: other.endsAt }), { code: 'SQLITE_CONSTRAINT_TRIGGER', message: 'expert_double_booked' })
  t.equal(two.$client.prepare('select count(*) from assignments').pluck().get(), 3)
})

t.test('the database’s refusals are read as expected answers; other errors are bugs', async (t) => {
  const { db } = await build(t)
  const refusal = (sql: string) => { try { db.$client.exec(sql) } catch (error) { return error } }
  db.$client.exec('create table probe (n integer unique check (n > 0))')
  db.$client.exec("create trigger probe_full before insert on probe when new.n = 99 begin select raise(abort, 'order_full'); end")
  db.$client.exec("create trigger probe_busy before insert on probe when new.n = 98 begin select raise(abort, 'expert_double_booked'); end")
  db.$client.exec("create trigger probe_other before insert on probe when new.n = 97 begin select raise(abort, 'something_else'); end")
  db.$client.exec('insert into probe values (1)')
  t.equal(refusalOf(refusal('insert into probe values (99)')), 'already_filled')
  t.equal(refusalOf(refusal('insert into probe values (1)')), 'already_filled')
  t.equal(refusalOf(refusal('insert into probe values (98)')), 'double_booked')
  t.throws(() => refusalOf(refusal('insert into probe values (97)')), { message: 'something_else' })
  t.throws(() => refusalOf(refusal('insert into probe values (0)')), { code: 'SQLITE_CONSTRAINT_CHECK' })
  t.throws(() => refusalOf(new Error('bug')), { message: 'bug' })
})

t.test('the lowest free slot', async (t) => {
  t.equal(lowestFreeSlot([]), 1)
  t.equal(lowestFreeSlot([1, 2]), 3)
  t.equal(lowestFreeSlot([2, 3]), 1)
  t.equal(lowestFreeSlot([1, 3]), 2)
})
