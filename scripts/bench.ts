// npm run bench [-- --duration 10 --connections 10 --path /experts …]
// Measures pages of the real app on the national-scale data set (design §7): makes data/scale.db when it
// is missing (scripts/scale-data.ts), starts the app on it as in production (templates cached; cookies
// stay non-Secure so that they work over plain http), signs in as the coordinator of region 1 through
// POST /login, and loads each page with autocannon (10 connections, no pipelining, like browsers). Beside
// each page, in the same run, a plain node:http server answers with the same bytes and headers: the ratio
// of the two is what carries across machines. The handlers are also timed in-process (inject) for
// sub-millisecond percentiles. A page that does not answer 200 is reported, not measured.
// The matching page (an open order of region 1 in the coming weeks) is also set beside its database floor:
// the same eligible-and-ranked work the page does (matchOrder with the first 100 excluded explained:
// the screen in SQL, the whole facts, the rules and the ranking) called directly, without HTTP, sessions
// or views; the page's p50 over the floor's p50 is what the web layer adds. The matching page is a
// coordinator's page, opened one at a time: its target (p99 under 50 ms) is judged on its answers at one
// connection, and its figures at the usual connections are printed beside them.
// Before the pages, the stack's floor: the same app and session on a page that does no work of its own
// (floorPath). What it does is the most any signed-in page of this app can do; its ratio is what the
// stack itself (Fastify with the official session, CSRF and security-header plugins, the session and
// the user read from the database, and the layout view) leaves of node:http before a page runs a query
// of its own or writes an audit row.
// Never part of npm test (only a small smoke run of its pieces is): benches report, they do not assert.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { cpus } from 'node:os'
import { parseArgs } from 'node:util'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { openDatabase, closeDatabase, type Db } from '../src/db.js'
import { helsinkiInstant, isoPlus, minutesPlus, nowIso } from '../src/lib/dates.js'
import { matchOrderOf, screenExperts } from '../src/modules/matching/queries.js'
import { matchOrder } from '../src/modules/matching/service.js'
import { frameOf } from '../src/modules/matching/rules.js'
import { excludedShown } from '../src/modules/matching/routes.js'
import { regionSettingsOf } from '../src/modules/settings/queries.js'
import {
  coordinatorEmail, defaultScalePath, describeReport, removeDatabaseFiles, scaleDataState, scaleDataVersion, scalePassword, writeScaleDatabase,
} from './scale-data.js'

// What the run promises: every page under 10 ms at the 99th percentile with 10 connections, at least a
// fifth of what node:http does with the same bytes; the matching page, which weighs every active expert
// of the region against the order, under 50 ms at the 99th percentile of a coordinator's requests (one
// connection).
export const target = { p99Ms: 10, ratio: 0.2, matching: { p99Ms: 50 } }

// The not-found page of an expert id that cannot exist: a signed-in request through every hook (session,
// user, access, security headers) and the layout view, with no query of its own and no audit row.
export const floorPath = '/experts/0'

interface AutocannonResult {
  duration: number, errors: number, statusCodeStats: Record<string, { count: number }>
  latency: { p50: number, p99: number, totalCount: number }
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

export interface BenchOptions {
  dataPath: string
  seed: number
  experts: number
  // Seconds of load per page and server, or a fixed number of requests (the smoke test).
  duration: number
  amount: number | undefined
  connections: number
  // Requests timed in-process per page (at most; also bounded by `duration`).
  inProcess: number
  paths: (db: Db, regionId: number) => string[]
}

// The experts list filtered to a full page of 50 rows (page 2 of the region's active experts), one
// expert's profile, the coordinator's home page, and the matching page of two open orders: the first
// one, and the widest (any group, no training required), for which the most experts stay in the running.
export function defaultPaths (db: Db, regionId: number): string[] {
  const { id } = db.$client.prepare(`select coalesce(min(id), 0) as id from experts where region_id = ? and status = 'active'`).get(regionId) as { id: number }
  const now = nowIso()
  const orders = [...new Set([benchOrder(db, regionId, now), benchOrder(db, regionId, now, true)])]
  return ['/', '/experts?status=active&page=2', `/experts/${id}`, ...orders.map((order) => `/orders/${order}/matches`)]
}

// The first open order of the region starting at least two days after `now` (so that it stays open
// through the run) — when `widest`, the first asking for any group on a channel requiring no training
// (or the least of it) — or, when the data set has none left (it was made weeks ago), a new one two
// weeks ahead: on site at the region's first unit, two places, the first such channel; 0 (a page not
// found) for a region without units.
export function benchOrder (db: Db, regionId: number, now: string, widest = false): number {
  const sqlite = db.$client
  const wide = `and not exists (select 1 from order_groups og where og.order_id = o.id)
    and c.requires_basic_training = (select min(c2.requires_basic_training) from channels c2 where c2.region_id = o.region_id)`
  const open = sqlite.prepare(`select o.id from orders o join channels c on c.id = o.channel_id
    where o.region_id = ? and o.status in ('new', 'matching', 'partly_filled') and o.starts_at >= ? ${widest ? wide : ''}
    order by o.starts_at, o.id limit 1`).get(regionId, isoPlus(now, 2 * 86_400_000)) as { id: number } | undefined
  if (open) return open.id
  const place = sqlite.prepare(`select u.id as unitId, u.area_id as areaId, c.id as channelId, c.default_load as load
    from ordering_units u join channels c on c.region_id = u.region_id where u.region_id = ? order by u.id, c.requires_basic_training, c.id limit 1`)
    .get(regionId) as { unitId: number, areaId: number, channelId: number, load: string } | undefined
  if (!place) return 0
  const day = isoPlus(now, 14 * 86_400_000).slice(0, 10)
  const startsAt = helsinkiInstant(day, '10:00')
  return Number(sqlite.prepare(`insert into orders (region_id, ordering_unit_id, channel_id, topic, day, start_time, duration_minutes, starts_at, ends_at,
      area_id, address, experts_wanted, load, status, created_at, updated_at)
      values (?, ?, ?, 'Kehittämistyöpaja (bench)', ?, '10:00', 120, ?, ?, ?, 'Kauppakatu 1', 2, ?, 'new', ?, ?)`)
    .run(regionId, place.unitId, place.channelId, day, startsAt, minutesPlus(startsAt, 120), place.areaId, place.load, now, now).lastInsertRowid)
}

export const usage = `usage: npm run bench [-- --data ${defaultScalePath}] [--seed 1] [--experts 100000] [--duration 10] [--connections 10]
                       [--in-process 2000] [--path /url …] [--amount N]`

export function parseBenchArgs (argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({ args: argv, options: {
    data: { type: 'string', default: defaultScalePath }, seed: { type: 'string', default: '1' },
    experts: { type: 'string', default: '100000' }, duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' }, 'in-process': { type: 'string', default: '2000' },
    amount: { type: 'string' }, path: { type: 'string', multiple: true, default: [] }, help: { type: 'boolean', default: false },
  } })
  if (values.help) return 'help'
  const number = (name: string, value: string, min: number): number => {
    if (!/^\d+$/.test(value) || Number(value) < min) throw new Error(`--${name} must be a whole number of at least ${min}`)
    return Number(value)
  }
  const paths = values.path
  return {
    dataPath: values.data,
    seed: number('seed', values.seed, 0),
    experts: number('experts', values.experts, 1),
    duration: number('duration', values.duration, 1),
    amount: values.amount === undefined ? undefined : number('amount', values.amount, 1),
    connections: number('connections', values.connections, 1),
    inProcess: number('in-process', values['in-process'], 1),
    paths: paths.length ? () => paths : defaultPaths,
  }
}

// Signs in through the login form as a browser does; returns the Cookie header of the session.
export async function signIn (base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>()
  const keep = (response: Response) => {
    for (const setCookie of response.headers.getSetCookie()) {
      const pair = setCookie.split(';')[0]!
      jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1))
    }
  }
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
  const form = await fetch(`${base}/login`)
  keep(form)
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())
  if (!token) throw new Error(`no CSRF token on ${base}/login (status ${form.status})`)
  const response = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams({ _csrf: token[1]!, email, password }),
    headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
  })
  keep(response)
  if (response.status !== 303) throw new Error(`signing in as ${email} failed (status ${response.status})`)
  return cookie()
}

// A node:http server that answers every request with the given page: the same status, body and headers.
const notCopied = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length', 'set-cookie'])

export async function serveSameBytes (page: Response, body: Buffer): Promise<{ url: string, close: () => Promise<void> }> {
  const headers: Record<string, string | string[]> = { 'set-cookie': page.headers.getSetCookie() }
  page.headers.forEach((value, name) => { if (!notCopied.has(name)) headers[name] = value })
  const server = createServer((request, response) => {
    response.writeHead(page.status, headers)
    response.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

export interface Load { requestsPerSecond: number, p50: number, p99: number, failed: number }

// autocannon runs in a worker thread, so that the load does not share the event loop of the server.
// An answer other than `expected` (200, or the floor's 404) counts as failed, and so does a request that
// got no answer (autocannon counts a timeout among its errors).
export async function load (url: string, cookie: string, options: Pick<BenchOptions, 'duration' | 'amount' | 'connections'>, expected: 200 | 404 = 200): Promise<Load> {
  const result = await autocannon({
    url, connections: options.connections, pipelining: 1, duration: options.duration, amount: options.amount,
    headers: { cookie }, workers: 1,
  })
  return {
    requestsPerSecond: result.latency.totalCount / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: Object.entries(result.statusCodeStats).reduce((n, [code, { count }]) => Number(code) === expected ? n : n + count, 0) + result.errors,
  }
}

// Nearest rank.
export function percentile (sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!
}

// Times `run` after a warm-up: `requests` runs or as many as fit in `seconds`, whichever comes first.
export async function timeRuns (run: () => unknown, requests: number, seconds: number): Promise<InProcess> {
  const until = (share: number) => process.hrtime.bigint() + BigInt(Math.round(seconds * share * 1e9))
  const warm = until(0.2)
  for (let i = 0; i < 200 && process.hrtime.bigint() < warm; i++) await run()
  const end = until(1)
  const ms: number[] = []
  while (ms.length < requests && process.hrtime.bigint() < end) {
    const start = process.hrtime.bigint()
    await run()
    ms.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  ms.sort((a, b) => a - b)
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), requests: ms.length }
}

// Each request's time through the whole app (hooks, session, handler, view) without the network.
export async function timeInProcess (app: FastifyInstance, url: string, cookie: string, requests: number, seconds: number): Promise<InProcess> {
  return timeRuns(() => app.inject({ method: 'GET', url, headers: { cookie } }), requests, seconds)
}

export interface InProcess { p50: number, p99: number, requests: number }

// The matching page's database floor: the screen of the region's active experts alone (screenExperts),
// and the whole match as the page asks it (matchOrder), called directly on the same order.
export interface Floor { screen: InProcess, match: InProcess, candidates: number, eligible: number }
export const matchingPath = /^\/orders\/(\d+)\/matches$/

// Only for an order the page showed (answered 200), so the order is there.
export async function timeMatchingFloor (db: Db, regionId: number, orderId: number, requests: number, seconds: number): Promise<Floor> {
  const order = matchOrderOf(db, regionId, orderId)!
  const settings = regionSettingsOf(db, regionId)
  const now = nowIso()
  const frame = frameOf(order, settings, now)
  const detail = { excluded: excludedShown, nearMisses: excludedShown }
  const screen = await timeRuns(() => screenExperts(db, order, frame), requests, seconds)
  const match = await timeRuns(() => matchOrder(db, order, settings, now, detail), requests, seconds)
  return { screen, match, candidates: screenExperts(db, order, frame).ids.length, eligible: matchOrder(db, order, settings, now, detail).eligible.length }
}

// The matching page adds its load at one connection (`single`) and its floor; the stack's floor (floorPath)
// is marked `stackFloor` and answers 404.
export type PageResult = { path: string, status: number, stackFloor?: true }
  | { path: string, status: 200 | 404, app: Load, baseline: Load, inProcess: InProcess, matching?: { single: Load, floor: Floor }, stackFloor?: true }

// The matching page is held to its own p99 (of its answers at one connection) rather than to node:http.
export function verdict (app: Load, baseline: Load, matching = false): string {
  const ratio = app.requestsPerSecond / baseline.requestsPerSecond
  const p99Ms = matching ? target.matching.p99Ms : target.p99Ms
  const misses = [
    ...(app.p99 < p99Ms ? [] : [`p99 ${app.p99} ms ≥ ${p99Ms} ms${matching ? ' at 1 connection' : ''}`]),
    ...(matching || ratio >= target.ratio ? [] : [`ratio ${ratio.toFixed(2)} < ${target.ratio}`]),
    ...(app.failed + baseline.failed === 0 ? [] : [`${app.failed + baseline.failed} failed answers: figures unreliable`]),
  ]
  return misses.length ? `MISSES: ${misses.join(', ')}` : `meets the target${matching ? ' at 1 connection' : ''}`
}

export function formatResults (results: PageResult[]): string[] {
  const n = (value: number) => Math.round(value).toLocaleString('fi-FI').padStart(8)
  const ms = (value: number, digits = 0) => value.toFixed(digits).padStart(7)
  const label = (r: PageResult) => r.stackFloor ? `${r.path} (floor)` : r.path
  const width = Math.max(...results.map((r) => label(r).length), 4)
  const floors = results.flatMap((r) => 'matching' in r && r.matching ? [floorLines(r.path, r.app, r.inProcess, r.matching.floor, r.matching.single)] : []).flat()
  const stackFloor = results.find((r) => r.stackFloor && 'app' in r)
  return [
    `${'page'.padEnd(width)}   app req/s  p50 ms  p99 ms │ node:http req/s  p50 ms  p99 ms │ ratio │ in-process p50 ms  p99 ms      n │ target`,
    ...results.map((r) => {
      if (!('app' in r)) return `${label(r).padEnd(width)}   not measured: answered ${r.status} instead of ${r.stackFloor ? 404 : 200}`
      return `${label(r).padEnd(width)}    ${n(r.app.requestsPerSecond)} ${ms(r.app.p50)} ${ms(r.app.p99)} │        ${n(r.baseline.requestsPerSecond)} ${ms(r.baseline.p50)} ${ms(r.baseline.p99)} │ ` +
        `${(r.app.requestsPerSecond / r.baseline.requestsPerSecond).toFixed(2).padStart(5)} │           ${ms(r.inProcess.p50, 3)} ${ms(r.inProcess.p99, 3)} ${String(r.inProcess.requests).padStart(6)} │ ` +
        verdict(r.matching?.single ?? r.app, r.baseline, r.matching !== undefined)
    }),
    ...(stackFloor ? [`${stackFloor.path} (floor) is the not-found page, signed in: every hook (session, user, access, security headers) and the layout, ` +
      'with no query of its own and no audit row. No signed-in page of this app can do better than its figures.'] : []),
    ...floors,
  ]
}

function floorLines (path: string, app: Load, inProcess: InProcess, floor: Floor, single: Load): string[] {
  const ms = (value: number) => value.toFixed(3).padStart(8)
  const n = (value: number) => value.toLocaleString('fi-FI')
  return [
    `${path} at 1 connection: ${Math.round(single.requestsPerSecond)} req/s, p50 ${single.p50} ms, p99 ${single.p99} ms (the matching target's figure)`,
    `matching floor of ${path}, without HTTP (${n(floor.candidates)} active experts weighed, ${n(floor.eligible)} eligible):`,
    `  screenExperts (the screen in SQL)       p50 ${ms(floor.screen.p50)} ms  p99 ${ms(floor.screen.p99)} ms  n ${floor.screen.requests}`,
    `  matchOrder (as the page asks it)        p50 ${ms(floor.match.p50)} ms  p99 ${ms(floor.match.p99)} ms  n ${floor.match.requests}`,
    `  page p50 / floor p50: ${(inProcess.p50 / floor.match.p50).toFixed(2)} in-process, ${(app.p50 / floor.match.p50).toFixed(2)} at the connections above`,
  ]
}

export async function runBench (options: BenchOptions, print: (line: string) => void): Promise<PageResult[]> {
  const state = scaleDataState(options.dataPath)
  if (state === 'missing' || state === 'outdated') {
    print(`bench: ${options.dataPath} is ${state === 'missing' ? 'missing' : `of an older data version than ${scaleDataVersion}`}; ` +
      `making it (${options.experts} experts, seed ${options.seed})…`)
    removeDatabaseFiles(options.dataPath)
    for (const line of describeReport(await writeScaleDatabase(options.dataPath, { ...options, progress: print }), options.dataPath, options.seed)) print(line)
  }
  print(`bench: Node ${process.version}, ${cpus().length} cores; ${options.connections} connections, pipelining 1, ` +
    `${options.amount === undefined ? `${options.duration} s` : `${options.amount} requests`} per run; ${options.inProcess} requests in-process; templates cached (production: true)`)
  const db = openDatabase(options.dataPath)
  const app = await buildApp({ db, config: testConfig({ databasePath: options.dataPath, production: true }) })
  try {
    const coordinator = db.$client.prepare('select region_id as regionId from users where email = ?').get(coordinatorEmail(1)) as { regionId: number } | undefined
    if (!coordinator) throw new Error(`${options.dataPath} has no ${coordinatorEmail(1)}: not a scale data set (remove it to have it made again)`)
    const facts = db.$client.prepare(`select (select count(*) from experts) as experts, (select count(*) from experts where region_id = ? and status = 'active') as active`)
      .get(coordinator.regionId) as { experts: number, active: number }
    const base = await app.listen({ host: '127.0.0.1', port: 0 })
    const cookie = await signIn(base, coordinatorEmail(1), scalePassword)
    print(`bench: ${facts.experts.toLocaleString('fi-FI')} experts; signed in as the coordinator of region 1 (${facts.active.toLocaleString('fi-FI')} active experts: the filtered list's page 2 is full from 100)`)
    print(`bench: target p99 under ${target.p99Ms} ms at ${options.connections} connections, app/node:http ratio at least ${target.ratio}; ` +
      `the matching page p99 under ${target.matching.p99Ms} ms at 1 connection`)
    const results: PageResult[] = []
    const pages = [{ path: floorPath, expected: 404 as const }, ...options.paths(db, coordinator.regionId).map((path) => ({ path, expected: 200 as const }))]
    for (const { path, expected } of pages) {
      const stackFloor = expected === 404 ? { stackFloor: true as const } : {}
      const page = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' })
      const body = Buffer.from(await page.arrayBuffer())
      if (page.status !== expected) {
        results.push({ path, status: page.status, ...stackFloor })
        continue
      }
      const inProcess = await timeInProcess(app, path, cookie, options.inProcess, options.duration)
      const appLoad = await load(`${base}${path}`, cookie, options, expected)
      const baseline = await serveSameBytes(page, body)
      const baselineLoad = await load(baseline.url, cookie, options, expected)
      await baseline.close()
      const matching = matchingPath.exec(path)
      const figures = matching
        ? { single: await load(`${base}${path}`, cookie, { ...options, connections: 1 }), floor: await timeMatchingFloor(db, coordinator.regionId, Number(matching[1]), options.inProcess, options.duration) }
        : undefined
      results.push({ path, status: expected, app: appLoad, baseline: baselineLoad, inProcess, matching: figures, ...stackFloor })
    }
    for (const line of formatResults(results)) print(line)
    return results
  } finally {
    await app.close()
    closeDatabase(db)
  }
}

export async function main (argv: string[], print: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  try {
    const options = parseBenchArgs(argv)
    if (options === 'help') {
      print(usage)
      return 0
    }
    await runBench(options, print)
    return 0
  } catch (error) {
    print(`bench: ${(error as Error).message}`)
    return 1
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2))
