// The national-scale data set, made small: its counts, its spread over regions, every state the app must
// show, region isolation of every link, and determinism. Timings are never asserted.
import t, { type Test } from 'tap'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { openDatabase, closeDatabase, type Db } from '../../src/db.js'
import { coordinatorEmail, generateScaleData, main, regionCount, scalePassword, scaleTables } from '../../scripts/scale-data.js'
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
  const { db, report } = generated(t, { seed: 1, experts: 2000, today: day, passwordHash })
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
  const { db } = generated(t, { seed: 1, experts: 2000, today: day })
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
  const { db } = generated(t, { seed: 3, experts: 1000, today: day })
  const outside = [
    'select count(*) as n from expert_areas l join experts e on e.id = l.expert_id join areas a on a.id = l.area_id where a.region_id != e.region_id',
    'select count(*) as n from expert_experience_areas l join experts e on e.id = l.expert_id join experience_areas a on a.id = l.experience_area_id where a.region_id != e.region_id',
    'select count(*) as n from expert_channels l join experts e on e.id = l.expert_id join channels c on c.id = l.channel_id where c.region_id != e.region_id',
    'select count(*) as n from expert_excluded_units l join experts e on e.id = l.expert_id join ordering_units u on u.id = l.ordering_unit_id where u.region_id != e.region_id',
    'select count(*) as n from training_enrolments l join experts e on e.id = l.expert_id join trainings t on t.id = l.training_id where t.region_id != e.region_id',
    'select count(*) as n from experts e join expert_groups g on g.id = e.group_id where g.region_id != e.region_id',
    'select count(*) as n from experts e join host_organisations h on h.id = e.host_organisation_id where h.region_id != e.region_id',
    'select count(*) as n from consents c join experts e on e.id = c.expert_id join users u on u.id = c.recorded_by_user_id where u.region_id != e.region_id',
  ]
  for (const sql of outside) t.equal(count(db, sql), 0, sql.slice(0, 60))
  t.same(db.$client.pragma('foreign_key_check'), [])
})

t.test('the same seed and day give the same rows; another seed other rows', async (t) => {
  // Compared as one digest per table: a deep comparison of this many rows takes minutes.
  const dump = (db: Db) => Object.fromEntries(scaleTables.map((table) => [table, createHash('sha256').update(JSON.stringify(rows(db, `select * from ${table} order by rowid`))).digest('hex')]))
  const one = dump(generated(t, { seed: 7, experts: 500, today: day }).db)
  const two = dump(generated(t, { seed: 7, experts: 500, today: day }).db)
  t.same(two, one)
  const other = dump(generated(t, { seed: 8, experts: 500, today: day }).db)
  t.not(other.experts, one.experts)
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
  t.match(lines[0], /^scale-data: 25 regions, 300 experts, [\d\s]+ rows in [\d.]+ s → .*scale\.db \(seed 2\)$/)
  t.match(lines.at(-1), `sign in as ${coordinatorEmail(1)}`)
  const db = openDatabase(out)
  t.equal(count(db, 'select count(*) as n from experts'), 300)
  t.equal(db.$client.pragma('integrity_check', { simple: true }), 'ok')
  t.equal(count(db, `select count(*) as n from sqlite_master where type = 'index' and name = 'experts_region_status'`), 1, 'indexes are back')
  t.same(db.$client.pragma('foreign_key_check'), [], 'loaded without foreign-key checks, and still consistent')
  closeDatabase(db)

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
