// The national-scale data set, made small: its counts, its spread over regions, every state the app must
// show, region isolation of every link, and determinism. Timings are never asserted.
import t, { type Test } from 'tap'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { openDatabase, closeDatabase, type Db } from '../../src/db.js'
import Database from 'better-sqlite3'
import { coordinatorEmail, generateScaleData, main, regionCount, scaleDataState, scaleDataVersion, scalePassword, scaleTables } from '../../scripts/scale-data.js'
import { orderStatusOf, type OrderStatusFacts } from '../../src/modules/orders/status.js'
import { orderStatuses, offerStatuses, assignmentStatuses } from '../../db/schema.js'
import { consentStatus, type ConsentFacts } from '../../src/modules/consents/rules.js'
import { trainedOn } from '../../src/modules/trainings/rules.js'
import { hashPassword, verifyPassword } from '../../src/modules/auth/passwords.js'

const day = '2026-11-23'

function generated (t: Test, options: Parameters<typeof generateScaleData>[1]) {
  const db = openDatabase(':memory:')
  t.teardown(() => closeDatabase(db))
  return { db, report: generateScaleData(db, options) }
}

function rows<T> (db: Db, sql: string, ...params: unknown[]): T[] {
  return db.$client.prepare(sql).all(...params) as T[]
}
const count = (db: Db, sql: string) => (rows<{ n: number }>(db, sql)[0]!).n

t.test('2 000 experts over 25 regions, each region with its structure and a coordinator who can sign in', async (t) => {
  const passwordHash = await hashPassword(scalePassword)
  const { db, report } = generated(t, { seed: 1, experts: 2000, today: day, passwordHash, assignmentsPerExpert: 0 })
  t.equal(report.regions, regionCount)
  t.equal(report.experts, 2000)
  t.same(Object.keys(report.rows), scaleTables)
  t.equal(report.totalRows, Object.values(report.rows).reduce((a, b) => a + b, 0))
  t.ok(report.totalRows > 2000 * 10, `${report.totalRows} rows`)
  t.ok(report.seconds > 0)
  const perRegion = rows<{ n: number }>(db, 'select count(*) as n from experts group by region_id')
  t.equal(perRegion.length, 25)
  t.ok(perRegion.every((r) => r.n === 80), 'spread evenly')
  for (const table of ['areas', 'host_organisations', 'ordering_units', 'channels', 'expert_groups', 'experience_areas', 'trainings']) {
    t.equal(count(db, `select count(distinct region_id) as n from ${table}`), 25, `${table} in every region`)
  }
  t.ok(count(db, 'select min(n) as n from (select count(*) as n from areas group by region_id)') >= 6, 'at least 6 areas a region')
  const coordinator = rows<{ role: string, passwordHash: string }>(db, 'select role, password_hash as passwordHash from users where email = ?', coordinatorEmail(25))[0]!
  t.equal(coordinator.role, 'coordinator')
  t.ok(await verifyPassword(coordinator.passwordHash, scalePassword))
  t.equal(count(db, `select count(*) as n from users where role = 'coordinator'`), 25)
})

t.test('every status, group, consent state and training state is present', async (t) => {
  const { db } = generated(t, { seed: 1, experts: 2000, today: day, assignmentsPerExpert: 0 })
  t.same(rows<{ status: string }>(db, 'select distinct status from experts order by status').map((r) => r.status), ['active', 'candidate', 'ended', 'paused'])
  t.equal(count(db, 'select count(distinct group_id) as n from experts'), 125, 'all 5 groups in all 25 regions')
  t.equal(count(db, 'select count(*) as n from users where password_hash is not null'), 0, 'no password without a hash given')
  const experts = rows<{ id: number, birthDate: string }>(db, 'select id, birth_date as birthDate from experts')
  const consents = new Map<number, ConsentFacts[]>()
  for (const c of rows<ConsentFacts & { expertId: number }>(db, 'select expert_id as expertId, given_by as givenBy, given_on as givenOn, expires_on as expiresOn from consents')) {
    consents.set(c.expertId, [...consents.get(c.expertId) ?? [], c])
  }
  const states = new Set(experts.map((e) => consentStatus(consents.get(e.id) ?? [], e.birthDate, day).state))
  t.same(states, new Set(['valid', 'expiring', 'expired', 'missing', 'missing_guardian']))
  t.same(rows<{ givenBy: string }>(db, 'select distinct given_by as givenBy from consents order by 1').map((r) => r.givenBy), ['custodial_official', 'expert', 'guardian'])
  t.equal(count(db, `select count(*) as n from consents where given_by != 'expert' and giver_name is null`), 0, 'guardians are named')
  t.equal(count(db, 'select count(*) as n from consents where given_on > expires_on'), 0)
  const completions = rows<{ expertId: number, completedOn: string | null, isBasic: number, validityMonths: number | null }>(db,
    `select e.expert_id as expertId, e.completed_on as completedOn, t.is_basic as isBasic, t.validity_months as validityMonths
       from training_enrolments e join trainings t on t.id = e.training_id`)
  const trained = new Set(experts.map((e) => trainedOn(completions.filter((c) => c.expertId === e.id).map((c) => ({ ...c, isBasic: c.isBasic === 1 })), day).trained))
  t.same(trained, new Set([true, false]))
  t.ok(count(db, 'select count(*) as n from training_enrolments where completed_on is null') > 0, 'some only enrolled')
  t.ok(count(db, 'select count(*) as n from unavailable_periods') > 0)
  t.ok(count(db, 'select count(*) as n from availability_windows') > 0)
  t.ok(count(db, 'select count(*) as n from expert_excluded_units') > 0)
  t.ok(count(db, `select count(*) as n from expert_languages where language not in ('fi', 'sv', 'en')`) > 0)
})

t.test('every link stays inside its region', async (t) => {
  const { db } = generated(t, { seed: 3, experts: 400, today: day })
  const outside = [
    'select count(*) as n from expert_areas l join experts e on e.id = l.expert_id join areas a on a.id = l.area_id where a.region_id != e.region_id',
    'select count(*) as n from expert_experience_areas l join experts e on e.id = l.expert_id join experience_areas a on a.id = l.experience_area_id where a.region_id != e.region_id',
    'select count(*) as n from expert_channels l join experts e on e.id = l.expert_id join channels c on c.id = l.channel_id where c.region_id != e.region_id',
    'select count(*) as n from expert_excluded_units l join experts e on e.id = l.expert_id join ordering_units u on u.id = l.ordering_unit_id where u.region_id != e.region_id',
    'select count(*) as n from training_enrolments l join experts e on e.id = l.expert_id join trainings t on t.id = l.training_id where t.region_id != e.region_id',
    'select count(*) as n from experts e join expert_groups g on g.id = e.group_id where g.region_id != e.region_id',
    'select count(*) as n from experts e join host_organisations h on h.id = e.host_organisation_id where h.region_id != e.region_id',
    'select count(*) as n from consents c join experts e on e.id = c.expert_id join users u on u.id = c.recorded_by_user_id where u.region_id != e.region_id',
    'select count(*) as n from orders o join ordering_units u on u.id = o.ordering_unit_id where u.region_id != o.region_id',
    'select count(*) as n from orders o join channels c on c.id = o.channel_id where c.region_id != o.region_id',
    'select count(*) as n from orders o join areas a on a.id = o.area_id where a.region_id != o.region_id',
    'select count(*) as n from order_groups l join orders o on o.id = l.order_id join expert_groups g on g.id = l.group_id where g.region_id != o.region_id',
    'select count(*) as n from order_experience_areas l join orders o on o.id = l.order_id join experience_areas a on a.id = l.experience_area_id where a.region_id != o.region_id',
    'select count(*) as n from offers f join orders o on o.id = f.order_id join experts e on e.id = f.expert_id where e.region_id != o.region_id',
    'select count(*) as n from offers f join orders o on o.id = f.order_id join users u on u.id = f.offered_by_user_id where u.region_id != o.region_id',
    'select count(*) as n from assignments a join orders o on o.id = a.order_id join experts e on e.id = a.expert_id where e.region_id != o.region_id',
  ]
  for (const sql of outside) t.equal(count(db, sql), 0, sql.slice(0, 60))
  t.same(db.$client.pragma('foreign_key_check'), [])
})

t.test('ten years of work: orders, offers, assignments and debriefs as the app would have made them', async (t) => {
  const { db, report } = generated(t, { seed: 5, experts: 400, today: day })
  const now = `${day}T09:00:00.000Z`
  t.ok(Math.abs(report.rows.assignments! - 4000) <= 80, `${report.rows.assignments} assignments: about 10 an expert`)
  t.ok(report.rows.orders! > 2000 && report.rows.offers! > report.rows.assignments!, `${report.rows.orders} orders, ${report.rows.offers} offers`)
  const distinct = (sql: string) => rows<{ v: string }>(db, sql).map((r) => r.v).sort()
  t.same(distinct('select distinct status as v from orders'), [...orderStatuses].sort(), 'orders in every status')
  t.same(distinct('select distinct status as v from offers'), [...offerStatuses].sort(), 'offers in every status')
  t.same(distinct('select distinct status as v from assignments'), [...assignmentStatuses].sort(), 'assignments in every status')
  t.same(distinct('select distinct experts_wanted as v from orders'), [1, 2, 3])
  t.same(distinct('select distinct load as v from orders'), ['heavy', 'light'])
  t.ok(count(db, 'select count(*) as n from orders where remote = 1 and area_id is null and address is null') > 0, 'some remote')
  t.equal(count(db, 'select count(*) as n from orders o join ordering_units u on u.id = o.ordering_unit_id where o.remote = 0 and o.area_id is not u.area_id'), 0, 'on site at the unit\'s area')
  t.ok(count(db, 'select count(distinct order_id) as n from order_groups') > 0, 'some want groups')
  t.equal(count(db, `select count(*) as n from orders o join channels c on c.id = o.channel_id where o.load != c.default_load`), 0, 'light or heavy by channel')
  const span = rows<{ first: string, last: string }>(db, 'select min(day) as first, max(day) as last from orders')[0]!
  t.ok(span.first >= '2016-11-25' && span.last <= '2027-01-04', `from ${span.first} to ${span.last}`)
  t.ok(count(db, `select count(*) as n from orders where day > '${day}' and status in ('new', 'matching', 'partly_filled')`) > 0, 'open orders in the coming weeks')
  t.equal(count(db, `select count(*) as n from orders where day = '${day}'`), 0, 'none on the day itself')

  // The database guarantees (migration 0005), checked over the rows rather than trusted.
  t.equal(count(db, `select count(*) as n from (select order_id, count(*) as live from assignments where status <> 'cancelled' group by order_id) a
    join orders o on o.id = a.order_id where a.live > o.experts_wanted`), 0, 'no order beyond its places')
  t.equal(count(db, 'select count(*) as n from assignments a join orders o on o.id = a.order_id where a.slot < 1 or a.slot > o.experts_wanted'), 0, 'slots within the places')
  t.equal(count(db, `select count(*) as n from assignments a join assignments b on b.expert_id = a.expert_id and b.id > a.id
    where a.status <> 'cancelled' and b.status <> 'cancelled' and a.starts_at < b.ends_at and b.starts_at < a.ends_at`), 0, 'no expert booked twice at once')
  t.equal(count(db, `select count(*) as n from assignments a join orders o on o.id = a.order_id
    where a.starts_at != o.starts_at or a.ends_at != o.ends_at or a.load != o.load`), 0, 'times and load copied from the order')
  t.equal(count(db, `select count(*) as n from assignments a left join offers f on f.id = a.offer_id
    where f.id is null or f.order_id != a.order_id or f.expert_id != a.expert_id or f.status != 'accepted'`), 0, 'an accepted offer behind each assignment')
  t.equal(count(db, `select count(*) as n from offers where status = 'accepted'`), report.rows.assignments)
  t.equal(count(db, `select count(*) as n from offers where status in ('accepted', 'declined')
    and not (offered_at <= answered_at and answered_at <= expires_at)`), 0, 'answered while open')
  t.equal(count(db, `select count(*) as n from offers where status not in ('accepted', 'declined') and answered_at is not null`), 0)
  t.equal(count(db, `select count(*) as n from offers f join orders o on o.id = f.order_id
    where f.status = 'pending' and (o.starts_at <= '${now}' or f.expires_at <= '${now}' or f.expires_at > o.starts_at)`), 0, 'pending only while open')
  t.equal(count(db, `select count(*) as n from assignments where (status = 'completed' and ends_at > '${now}') or (status = 'confirmed' and starts_at <= '${now}')`), 0,
    'completed in the past, confirmed ahead')
  t.equal(count(db, `select count(*) as n from assignments a join experts e on e.id = a.expert_id where a.status = 'confirmed' and e.status != 'active'`), 0,
    'work ahead only for active experts')
  t.equal(count(db, `select count(*) as n from assignments where status = 'cancelled' and (cancelled_at is null or cancelled_by is null or cancelled_at > starts_at)`), 0)
  t.equal(count(db, `select count(*) as n from assignments where status = 'completed' and (actual_minutes is null or completed_at is null or completed_at < ends_at)`), 0, 'hours recorded')

  // The region's rules as matching applies them: caps, cool-off, conflicts of interest, language.
  const live = `select a.expert_id, a.load, o.day, o.ordering_unit_id, o.language from assignments a join orders o on o.id = a.order_id where a.status <> 'cancelled'`
  t.equal(count(db, `select count(*) as n from (select count(*) as c from (${live}) where load = 'heavy' group by expert_id, substr(day, 1, 7)) where c > 2`), 0,
    'at most 2 heavy a month')
  t.equal(count(db, `select count(*) as n from (${live}) a join (${live}) b on b.expert_id = a.expert_id and b.day > a.day
    where a.load = 'heavy' and b.load = 'heavy' and julianday(b.day) - julianday(a.day) <= 7`), 0, 'a week of cool-off after heavy work')
  t.equal(count(db, `select count(*) as n from (select expert_id, count(*) as c from (${live}) group by expert_id, substr(day, 1, 7)) w
    join experts e on e.id = w.expert_id where w.c > e.monthly_cap`), 0, 'under the expert\'s own cap')
  t.equal(count(db, `select count(*) as n from (${live}) a join expert_excluded_units x on x.expert_id = a.expert_id and x.ordering_unit_id = a.ordering_unit_id`), 0,
    'no conflict of interest')
  t.equal(count(db, `select count(*) as n from (${live}) a where a.language = 'sv' and not exists
    (select 1 from expert_languages l where l.expert_id = a.expert_id and l.language = 'sv')`), 0, 'Swedish work for Swedish speakers')

  // The stored status of every order is the order-status rule applied to its rows.
  const facts = rows<OrderStatusFacts & { id: number }>(db, `select o.id, o.status, o.experts_wanted as expertsWanted, o.starts_at as startsAt, o.ends_at as endsAt,
    (select count(*) from assignments a where a.order_id = o.id and a.status <> 'cancelled') as live,
    (select count(*) from assignments a where a.order_id = o.id and a.status = 'completed') as completed,
    (select count(*) from offers f where f.order_id = o.id) as offers from orders o`)
  t.same(facts.filter((f) => orderStatusOf(f, now) !== f.status).map((f) => f.id), [], 'order statuses follow the rule')
  t.equal(count(db, `select count(*) as n from orders o join assignments a on a.order_id = o.id where o.status = 'cancelled' and a.status <> 'cancelled'`), 0)

  // Debriefs: one for each heavy completed assignment, done after the work or still open.
  t.equal(count(db, `select count(*) as n from debriefs`), count(db, `select count(*) as n from assignments where load = 'heavy' and status = 'completed'`))
  t.equal(count(db, `select count(*) as n from debriefs d join assignments a on a.id = d.assignment_id where a.load != 'heavy' or a.status != 'completed'`), 0)
  t.equal(count(db, `select count(*) as n from debriefs d join assignments a on a.id = d.assignment_id join orders o on o.id = a.order_id
    where d.done_on < o.day or d.done_on >= '${day}' or d.due_on != date(o.day, '+7 days')`), 0, 'done after the work, before today')
  t.ok(count(db, 'select count(*) as n from debriefs where done_on is null') > 0, 'some still open')
  t.ok(count(db, 'select count(*) as n from debriefs where support_needed = 1') > 0, 'some needing support')
  t.same(db.$client.pragma('foreign_key_check'), [])
})

t.test('the same seed and day give the same rows; another seed other rows', async (t) => {
  // Compared as one digest per table: a deep comparison of this many rows takes minutes.
  const dump = (db: Db) => Object.fromEntries(scaleTables.map((table) => [table, createHash('sha256').update(JSON.stringify(rows(db, `select * from ${table} order by rowid`))).digest('hex')]))
  const first = generated(t, { seed: 7, experts: 300, today: day }).db
  const one = dump(first)
  const two = dump(generated(t, { seed: 7, experts: 300, today: day }).db)
  t.same(two, one)
  t.ok(count(first, 'select count(*) as n from assignments') > 2000, 'with a few thousand assignments')
  const other = dump(generated(t, { seed: 8, experts: 300, today: day }).db)
  t.not(other.experts, one.experts)
  t.not(other.assignments, one.assignments)
  const now = generated(t, { seed: 7, experts: 50 })
  t.equal(now.report.experts, 50, 'today by default')
})

t.test('the command makes a file, refuses to overwrite it unless --force, and refuses bad arguments', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kokemus-scale-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const out = join(dir, 'nested', 'scale.db')
  const lines: string[] = []
  const print = (line: string) => { lines.push(line) }
  t.equal(await main(['--experts', '300', '--seed', '2', '--out', out], print), 0)
  t.ok(existsSync(out))
  t.notOk(existsSync(`${out}.partial`), 'the temporary file is gone')
  t.match(lines[0], /^scale-data: region 1\/25: 12 experts, \d+ assignments \([\d.]+ s\)$/, 'progress after each region')
  t.match(lines.find((line) => line.startsWith('scale-data: building')), /^scale-data: building \d+ indexes…$/)
  t.match(lines.find((line) => line.startsWith('scale-data: 25 regions')),
    /^scale-data: 25 regions, 300 experts, [\d\s]+ orders, [\d\s]+ offers, [\d\s]+ assignments, [\d\s]+ rows in [\d.]+ s → .*scale\.db \(seed 2, data version 2\)$/)
  t.match(lines.join('\n'), /  assignments +[\d\s]+\n  debriefs/)
  t.match(lines.at(-1), `sign in as ${coordinatorEmail(1)}`)
  const db = openDatabase(out)
  t.equal(count(db, 'select count(*) as n from experts'), 300)
  t.equal(db.$client.pragma('integrity_check', { simple: true }), 'ok')
  const indexes = (of: Db) => rows<{ name: string }>(of, `select name from sqlite_master where type = 'index' order by name`).map((r) => r.name)
  const fresh = openDatabase(':memory:')
  t.same(indexes(db), indexes(fresh), 'every index is back')
  closeDatabase(fresh)
  t.same(db.$client.pragma('foreign_key_check'), [], 'loaded without foreign-key checks, and still consistent')
  t.ok(count(db, 'select count(*) as n from assignments') > 2000)
  t.equal(db.$client.pragma('user_version', { simple: true }), scaleDataVersion, 'the data version is kept in the file')
  closeDatabase(db)
  t.equal(scaleDataState(out), 'current')
  const older = new Database(out)
  older.pragma('user_version = 1')
  older.close()
  t.equal(scaleDataState(out), 'outdated', 'a scale data set of another version')
  t.equal(scaleDataState(join(dir, 'none.db')), 'missing')
  const foreign = join(dir, 'foreign.db')
  closeDatabase(openDatabase(foreign))
  t.equal(scaleDataState(foreign), 'other', 'a database without the scale coordinators')
  new Database(join(dir, 'empty.db')).close()
  t.equal(scaleDataState(join(dir, 'empty.db')), 'other', 'an empty file')

  lines.length = 0
  t.equal(await main(['--experts', '10', '--out', out], print), 1)
  t.match(lines.join('\n'), /exists; nothing was changed \(add --force/)
  t.equal(await main(['--experts', '20', '--out', out, '--force'], print), 0)
  const again = openDatabase(out)
  t.equal(count(again, 'select count(*) as n from experts'), 20)
  closeDatabase(again)

  for (const args of [['--experts', '0'], ['--seed', 'x'], ['--nope']]) {
    lines.length = 0
    t.equal(await main([...args, '--out', join(dir, 'other.db')], print), 1, args.join(' '))
    t.match(lines.join('\n'), /usage: tsx scripts\/scale-data\.ts/)
  }
  t.notOk(existsSync(join(dir, 'other.db')))
})

// Spawned with the test's own loaders, so that its coverage merges with the test's.
t.test('run as a script', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kokemus-scale-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const run = spawnSync(process.execPath, [...process.execArgv, 'scripts/scale-data.ts', '--experts', '25', '--out', join(dir, 's.db')], { encoding: 'utf8', timeout: 60_000 })
  t.equal(run.status, 0, run.stderr)
  t.match(run.stdout, 'scale-data: 25 regions, 25 experts')
})
