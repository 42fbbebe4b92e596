// A smoke run of the bench's pieces on a tiny data set. Benches report; nothing here asserts a timing.
import t, { type Test } from 'tap'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { openDatabase, closeDatabase } from '../../src/db.js'
import Database from 'better-sqlite3'
import { generateScaleData } from '../../scripts/scale-data.js'
import { matchOrderOf, screenExperts } from '../../src/modules/matching/queries.js'
import { frameOf } from '../../src/modules/matching/rules.js'
import { regionSettingsOf } from '../../src/modules/settings/queries.js'
import { nowIso } from '../../src/lib/dates.js'
import {
  benchOrder, defaultPaths, formatResults, load, main, parseBenchArgs, percentile, serveSameBytes, signIn, target, verdict, type Load,
} from '../../scripts/bench.js'
import { build } from '../helper.js'

function tempDir (t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'kokemus-bench-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

t.test('arguments: defaults, pages given by hand, help, and bad numbers', async (t) => {
  const defaults = parseBenchArgs([])
  t.not(defaults, 'help')
  if (defaults === 'help') return
  t.match(defaults, { dataPath: 'data/scale.db', seed: 1, experts: 100000, duration: 10, amount: undefined, connections: 10, inProcess: 2000 })
  t.equal(defaults.paths, defaultPaths)
  const given = parseBenchArgs(['--path', '/a', '--path', '/b', '--amount', '5', '--duration', '2'])
  t.not(given, 'help')
  if (given === 'help') return
  t.same(given.paths(undefined as never, 1), ['/a', '/b'])
  t.equal(given.amount, 5)
  t.equal(parseBenchArgs(['--help']), 'help')
  t.throws(() => parseBenchArgs(['--connections', '0']), /--connections must be a whole number of at least 1/)
  t.throws(() => parseBenchArgs(['--duration', 'ten']), /--duration/)
})

t.test('the default pages: the filtered list, an active expert of the region, the home page', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => closeDatabase(db))
  generateScaleData(db, { seed: 1, experts: 100, today: '2026-11-23' })
  const { id } = db.$client.prepare(`select min(id) as id from experts where region_id = 2 and status = 'active'`).get() as { id: number }
  const paths = defaultPaths(db, 2)
  t.same(paths.slice(0, 3), ['/', '/experts?status=active&page=2', `/experts/${id}`])
  const now = nowIso()
  t.same(paths.slice(3), [...new Set([`/orders/${benchOrder(db, 2, now)}/matches`, `/orders/${benchOrder(db, 2, now, true)}/matches`])],
    'and the matching pages of the first order and of the widest (once when they are one)')
  t.same(defaultPaths(db, 999), ['/', '/experts?status=active&page=2', '/experts/0', '/orders/0/matches'], 'a region without experts or units gives pages that are not found')
})

t.test('the matching order: the first open order two days ahead or later, or a new one when none is left', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => closeDatabase(db))
  generateScaleData(db, { seed: 1, experts: 500, today: '2026-11-23' })
  const now = '2026-11-23T09:00:00.000Z'
  const first = db.$client.prepare(`select id from orders where region_id = 1 and status in ('new', 'matching', 'partly_filled') and starts_at >= '2026-11-25T09:00:00.000Z'
    order by starts_at, id limit 1`).get() as { id: number }
  t.equal(benchOrder(db, 1, now), first.id)
  const orders = (db.$client.prepare('select count(*) as n from orders').get() as { n: number }).n
  const later = '2027-06-01T09:00:00.000Z'
  const made = benchOrder(db, 1, later)
  t.equal((db.$client.prepare('select count(*) as n from orders').get() as { n: number }).n, orders + 1, 'one order made')
  t.match(db.$client.prepare('select region_id as regionId, day, start_time as startTime, status, experts_wanted as wanted from orders where id = ?').get(made),
    { regionId: 1, day: '2027-06-15', startTime: '10:00', status: 'new', wanted: 2 })
  t.equal(benchOrder(db, 1, later), made, 'and found the next time')
  const widest = benchOrder(db, 1, now, true)
  t.match(db.$client.prepare(`select (select count(*) from order_groups where order_id = o.id) as groups, c.requires_basic_training as training
    from orders o join channels c on c.id = o.channel_id where o.id = ?`).get(widest), { groups: 0, training: 0 }, 'the widest order asks any group, no training')
  t.equal(benchOrder(db, 1, later, true), made, 'the order made is also the widest')
  const order = matchOrderOf(db, 1, made)!
  const settings = regionSettingsOf(db, 1)
  t.ok(screenExperts(db, order, frameOf(order, settings, later)).ids.length > 0, 'the region\'s experts are weighed for it')
})

t.test('percentiles, the verdict against the target and the printed table', async (t) => {
  t.equal(percentile([1, 2, 3, 4], 50), 2)
  t.equal(percentile([1, 2, 3, 4], 99), 4)
  t.equal(percentile([5], 1), 5)
  const fast: Load = { requestsPerSecond: 500, p50: 1, p99: 2, failed: 0 }
  const baseline: Load = { requestsPerSecond: 1000, p50: 0, p99: 1, failed: 0 }
  t.equal(verdict(fast, baseline), 'meets the target')
  t.equal(verdict({ requestsPerSecond: 50, p50: 20, p99: 49, failed: 0 }, baseline, true), 'meets the target at 1 connection', 'matching: under 50 ms, whatever node:http does')
  t.equal(verdict({ requestsPerSecond: 50, p50: 20, p99: 50, failed: 0 }, baseline, true), 'MISSES: p99 50 ms ≥ 50 ms at 1 connection')
  t.equal(verdict({ requestsPerSecond: 100, p50: 5, p99: target.p99Ms, failed: 3 }, baseline),
    'MISSES: p99 10 ms ≥ 10 ms, ratio 0.10 < 0.2, 3 failed answers: figures unreliable')
  const lines = formatResults([
    { path: '/experts/0', status: 404, app: { requestsPerSecond: 900, p50: 1, p99: 2, failed: 0 }, baseline, inProcess: { p50: 0.1, p99: 0.5, requests: 300 }, stackFloor: true },
    { path: '/experts?status=active&page=2', status: 200, app: fast, baseline, inProcess: { p50: 0.25, p99: 1.5, requests: 300 } },
    { path: '/experts/1', status: 404 },
    { path: '/orders/7/matches', status: 200, app: { requestsPerSecond: 200, p50: 6, p99: 120, failed: 0 }, baseline, inProcess: { p50: 4, p99: 8, requests: 300 },
      matching: {
        single: { requestsPerSecond: 150, p50: 5, p99: 12, failed: 0 },
        floor: { screen: { p50: 1.5, p99: 3, requests: 300 }, match: { p50: 2, p99: 4, requests: 300 }, candidates: 1234, eligible: 56 },
      } },
  ])
  t.match(lines[0], /^page\s+app req\/s\s+p50 ms\s+p99 ms │ node:http req\/s/)
  t.same(formatResults([{ path: '/experts/0', status: 200, stackFloor: true }]).slice(1), ['/experts/0 (floor)   not measured: answered 200 instead of 404'],
    'a floor that did not answer 404 is not measured, and not explained')
  t.match(lines[1], /^\/experts\/0 \(floor\)\s+900\s+1\s+2 │.* │\s+0\.90 │\s+0\.100\s+0\.500\s+300 │ meets the target$/, 'the stack\'s floor first, held to the same target')
  lines.splice(1, 1)
  t.match(lines[1], /^\/experts\?status=active&page=2\s+500\s+1\s+2 │\s+1[\s\u00a0]000\s+0\s+1 │\s+0\.50 │\s+0\.250\s+1\.500\s+300 │ meets the target$/)
  t.match(lines[2], /^\/experts\/1\s+not measured: answered 404 instead of 200$/)
  t.match(lines[3], /^\/orders\/7\/matches\s+200\s+6\s+120 │.* │\s+0\.20 │\s+4\.000\s+8\.000\s+300 │ meets the target at 1 connection$/, 'held to the matching target at one connection')
  t.same(lines.slice(4), [
    '/experts/0 (floor) is the not-found page, signed in: every hook (session, user, access, security headers) and the layout, ' +
      'with no query of its own and no audit row. No signed-in page of this app can do better than its figures.',
    '/orders/7/matches at 1 connection: 150 req/s, p50 5 ms, p99 12 ms (the matching target\'s figure)',
    'matching floor of /orders/7/matches, without HTTP (1\u00a0234 active experts weighed, 56 eligible):',
    '  screenExperts (the screen in SQL)       p50    1.500 ms  p99    3.000 ms  n 300',
    '  matchOrder (as the page asks it)        p50    2.000 ms  p99    4.000 ms  n 300',
    '  page p50 / floor p50: 2.00 in-process, 3.00 at the connections above',
  ])
})

t.test('signing in fails clearly without a login form or with a wrong password', async (t) => {
  const { app } = await build(t)
  const base = await app.listen({ host: '127.0.0.1', port: 0 })
  await t.rejects(signIn(base, 'nobody@example.fi', 'wrong password'), /signing in as nobody@example\.fi failed \(status 401\)/)
  const page = await fetch(`${base}/healthz`)
  const plain = await serveSameBytes(page, Buffer.from('ok'))
  t.teardown(plain.close)
  await t.rejects(signIn(plain.url, 'a@example.fi', 'x'), /no CSRF token on .*\/login \(status 200\)/)
  const copy = await fetch(plain.url)
  t.equal(await copy.text(), 'ok')
  const missing = await serveSameBytes(new Response('gone', { status: 404 }), Buffer.from('gone'))
  t.teardown(missing.close)
  t.equal((await fetch(missing.url)).status, 404, 'the same status')
  t.match(await load(plain.url, '', { duration: 1, amount: 6, connections: 1 }, 404), { failed: 6 }, 'answers other than the expected 404 are failures')
  t.match(await load(plain.url, '', { duration: 1, amount: 6, connections: 1 }), { failed: 0 })
  t.equal(copy.headers.get('content-type'), page.headers.get('content-type'), 'the same headers')
  t.equal(copy.headers.get('content-security-policy'), page.headers.get('content-security-policy'))
})

t.test('a smoke run of the command: makes the data set, signs in, measures a page and reports one that does not answer 200', async (t) => {
  const dataPath = join(tempDir(t), 'scale.db')
  const lines: string[] = []
  const code = await main(['--data', dataPath, '--experts', '250', '--duration', '1', '--amount', '60', '--connections', '2',
    '--in-process', '20', '--path', '/healthz', '--path', '/no-such-page'], (line) => { lines.push(line) })
  t.equal(code, 0, lines.join('\n'))
  t.ok(existsSync(dataPath), 'the data set was made')
  const text = lines.join('\n')
  t.match(text, /bench: .* is missing; making it \(250 experts, seed 1\)/)
  t.match(text, /scale-data: 25 regions, 250 experts/)
  t.match(text, /signed in as the coordinator of region 1/)
  t.match(text, /target p99 under 10 ms at 2 connections, app\/node:http ratio at least 0\.2; the matching page p99 under 50 ms/)
  t.match(text, /60 requests per run; 20 requests in-process/)
  const measured = lines.find((line) => line.startsWith('/healthz'))!
  const [appRate, , , baselineRate] = measured.split(/[\s│]+/).slice(1).map((cell) => Number(cell.replace(/\s/g, '')))
  t.ok(appRate! > 0 && baselineRate! > 0, 'requests per second of both servers')
  t.notMatch(measured, /failed answers/, 'every answer was 200')
  t.match(text, /\/no-such-page\s+not measured: answered 404 instead of 200/)
  t.match(lines.find((line) => line.startsWith('/experts/0 (floor)')), /│ (meets the target|MISSES)/, 'the stack\'s floor is measured first')
  t.notMatch(lines.find((line) => line.startsWith('/experts/0 (floor)')), /failed answers/, 'its 404s are its answers, not failures')
  t.match(text, /\/experts\/0 \(floor\) is the not-found page, signed in/)

  // Again on the data set now there, with the matching page: measured beside its floor.
  const db = openDatabase(dataPath)
  const matches = `/orders/${benchOrder(db, 1, new Date().toISOString())}/matches`
  closeDatabase(db)
  lines.length = 0
  t.equal(await main(['--data', dataPath, '--duration', '1', '--amount', '30', '--connections', '2', '--in-process', '10', '--path', matches],
    (line) => { lines.push(line) }), 0, lines.join('\n'))
  t.notMatch(lines.join('\n'), /making it/, 'the data set is reused')
  t.match(lines.find((line) => line.startsWith(matches)), /│ (meets the target|MISSES)/)
  t.match(lines.join('\n'), /matching floor of \/orders\/\d+\/matches, without HTTP \([\d\s]+ active experts weighed, [\d\s]+ eligible\):\n  screenExperts \(the screen in SQL\) +p50 +[\d.]+ ms/)
  t.match(lines.join('\n'), /\/orders\/\d+\/matches at 1 connection: \d+ req\/s, p50 \d+ ms, p99 \d+ ms/)
  t.match(lines.at(-1), /^  page p50 \/ floor p50: [\d.]+ in-process, [\d.]+ at the connections above$/)

  // A scale data set of an older version is made again.
  const older = new Database(dataPath)
  older.pragma('user_version = 1')
  older.close()
  lines.length = 0
  t.equal(await main(['--data', dataPath, '--experts', '50', '--duration', '1', '--amount', '10', '--connections', '1', '--in-process', '5', '--path', '/healthz'],
    (line) => { lines.push(line) }), 0, lines.join('\n'))
  t.match(lines.join('\n'), /is of an older data version than 2; making it \(50 experts, seed 1\)/)
  t.match(lines.join('\n'), /scale-data: 25 regions, 50 experts/)
})

t.test('the command: help, bad arguments, and a database that is not a scale data set', async (t) => {
  const lines: string[] = []
  const print = (line: string) => { lines.push(line) }
  t.equal(await main(['--help'], print), 0)
  t.match(lines.join('\n'), /usage: npm run bench/)
  t.equal(await main(['--experts', 'many'], print), 1)
  t.match(lines.at(-1), /bench: --experts must be a whole number/)
  const dataPath = join(tempDir(t), 'other.db')
  closeDatabase(openDatabase(dataPath))
  t.equal(await main(['--data', dataPath, '--duration', '1'], print), 1)
  t.match(lines.at(-1), /has no koordinaattori\.01@skaala\.kokemus\.fi: not a scale data set/)
  t.match(lines.join('\n'), /10 connections, pipelining 1, 1 s per run; 2000 requests in-process/)
  // Spawned with the test's own loaders, so that its coverage merges with the test's.
  const run = spawnSync(process.execPath, [...process.execArgv, 'scripts/bench.ts', '--help'], { encoding: 'utf8', timeout: 60_000 })
  t.equal(run.status, 0, run.stderr)
  t.match(run.stdout, /^usage: npm run bench/)
})
