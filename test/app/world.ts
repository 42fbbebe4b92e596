// One fixture world for the suites that walk the whole route table (access-matrix, form-fuzz): a signed-in
// browser for every role of region A, and the records a route's `:id`, `:token` or query can name, made
// on demand for a party: 1 (expert E1 and ordering unit U1 of region A), 2 (expert E2 and unit U2 of region
// A), 'A' (region A, no owner) or 'B' (region B). The route table is expanded here (`:kind` into every
// structure kind, `*` into a file) and every other parameter is filled from `recordKinds`: a route whose
// parameter or path is not known there throws, so that a new route is added to the map, not skipped.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { aChannel, aCompletion, aGroup, aHostOrganisation, aRegion, aTraining, aUnit, aUser, anArea, anExperienceArea, anExpert, anOffer, anOrder, anAssignment, Browser, password } from '../helper.js'
import type { Db } from '../../src/db.js'
import { addDays, today } from '../../src/lib/dates.js'
import { availabilityWindows, unavailablePeriods, type Role } from '../../db/schema.js'
import { kinds as structureKinds } from '../../src/modules/structure/forms.js'
import { issuePasswordToken } from '../../src/modules/auth/service.js'
import { createCalendarToken } from '../../src/modules/calendar/service.js'
import { insertDebrief } from '../../src/modules/assignments/queries.js'
import { refreshOrderStatus } from '../../src/modules/orders/status.js'
import type { Access } from '../../src/web/access.js'
import { nowIso } from '../../src/lib/dates.js'

export type Party = 1 | 2 | 'A' | 'B'
export type Actor = 'admin' | 'coordinator' | 'pair_worker' | 'orderer1' | 'orderer2' | 'manager' | 'expert1' | 'expert2'
export const actors: readonly Actor[] = ['admin', 'coordinator', 'pair_worker', 'orderer1', 'orderer2', 'manager', 'expert1', 'expert2']

export const roleOf: Record<Actor, Role> = {
  admin: 'admin', coordinator: 'coordinator', pair_worker: 'pair_worker', orderer1: 'orderer', orderer2: 'orderer', manager: 'manager', expert1: 'expert', expert2: 'expert',
}
// Whose records an actor is limited to: an expert to their own, an orderer to their unit's; the others
// work with the whole region.
export const partyOf: Record<Actor, 1 | 2 | null> = {
  admin: null, coordinator: null, pair_worker: null, orderer1: 1, orderer2: 2, manager: null, expert1: 1, expert2: 2,
}

// Words in the names of the parties' records, to find them in a page that must not show them.
export const secretOf = { 1: 'P1secret', 2: 'P2secret', B: 'PBsecret' } as const
export const realNameMark = 'RN-'

// What a route parameter can name. 'owned' kinds belong to an expert and a unit (parties 1, 2, B);
// the others to a region only (parties A, B).
export type RecordKind = 'expert' | 'order' | 'assignment' | 'offer' | 'window' | 'period' | 'training' | 'user' | 'passwordToken' | 'calendarToken' | `structure:${string}`
export const ownedKinds: ReadonlySet<RecordKind> = new Set(['expert', 'order', 'assignment', 'offer', 'window', 'period', 'calendarToken'])

// The record a path parameter names, by the path before it. A route not matched here fails the suites.
export const recordKinds: Record<string, RecordKind> = {
  '/experts/:id': 'expert',
  '/orders/:id': 'order',
  '/assignments/:id': 'assignment',
  '/trainings/:id': 'training',
  '/admin/users/:id': 'user',
  '/me/offers/:id': 'offer',
  '/me/availability/windows/:id': 'window',
  '/me/availability/periods/:id': 'period',
  '/password/:token': 'passwordToken',
  ...Object.fromEntries(structureKinds.map((kind) => [`/admin/structure/${kind}/:id`, `structure:${kind}` as RecordKind])),
}
// Records a route reads from its query string (the route table cannot say so).
export const queryKinds: Record<string, Record<string, RecordKind>> = {
  '/me/calendar.ics': { token: 'calendarToken' },
}
// Wildcard routes and the path they are called with.
export const wildcards: Record<string, string> = { '/static/*': '/static/app.css' }

// Routes whose records the suites cannot make yet: the fees' claims, payroll batches and fee years
// (issue 12, landed in the same change as these suites). Their access and bad input are tested in
// test/modules/fees and test/modules/payments; joining them to the matrix and the fuzz (a claim and a
// batch for each party, the year as a plain value) is the next step. Listed one by one, so that any
// other new route still fails the suites until it is mapped.
export const awaitingSuites: ReadonlySet<string> = new Set([
  'GET /me/fees/:year', 'POST /me/fees/:id/submission', 'POST /me/fees/:id/choice',
  'GET /payments/batches/:id.csv', 'GET /payments/batches/:id', 'POST /payments/batches/:id/payment', 'GET /payments/claims/:id',
])
const awaitingPrefixes = ['POST /admin/fees/years/:year', 'POST /payments/claims/:id/']

export interface Route { method: 'GET' | 'POST', pattern: string, access: Access, kind?: RecordKind }

// The route table as the suites walk it: HEAD left out (Fastify answers it with the GET's handler and
// access), `:kind` expanded, and each route's record kind found. Throws for anything not mapped.
export function expandRoutes (app: FastifyInstance): Route[] {
  const routes: Route[] = []
  for (const entry of app.routeTable) {
    const access = entry.access
    if (!access) throw new Error(`${String(entry.method)} ${entry.url} declares no access`)
    for (const method of [entry.method].flat()) {
      if (method === 'HEAD') continue
      if (method !== 'GET' && method !== 'POST') throw new Error(`the suites do not know method ${method} of ${entry.url}: add it to test/app/world.ts`)
      const patterns = entry.url.includes('/:kind') ? structureKinds.map((kind) => entry.url.replace(':kind', kind)) : [entry.url]
      for (const pattern of patterns) {
        const key = `${method} ${pattern}`
        if (awaitingSuites.has(key) || awaitingPrefixes.some((prefix) => key.startsWith(prefix))) continue
        routes.push({ method, pattern, access, kind: kindOf(pattern) })
      }
    }
  }
  return routes
}

function kindOf (pattern: string): RecordKind | undefined {
  if (pattern in wildcards) return undefined
  const params = pattern.match(/[:*][^/]*/g) ?? []
  if (params.length === 0) return Object.values(queryKinds[pattern] ?? {})[0]
  const last = pattern.lastIndexOf(params.at(-1)!) + params.at(-1)!.length
  const kind = params.length === 1 ? recordKinds[pattern.slice(0, last)] : undefined
  if (!kind) throw new Error(`the suites do not know what ${params.join(', ')} of ${pattern} names: add it to recordKinds in test/app/world.ts`)
  return kind
}

export type Stage = 'upcoming' | 'started' | 'done'
export const stages: readonly Stage[] = ['upcoming', 'started', 'done']

export interface World {
  app: FastifyInstance
  db: Db
  regionA: number
  regionB: number
  browsers: Record<Actor, Browser>
  userIds: Record<Actor, number>
  anonymous: Browser
  // A record of the kind for the party, made now unless it is one that stays (the experts E1, E2, EB).
  // An order or assignment is upcoming, or heavy work that has started (yesterday or before: to be
  // completed), or done (completed, its debrief due).
  make (kind: RecordKind, party: Party, stage?: Stage): Promise<string>
  // The route's path (and query) naming the record.
  urlOf (route: Route, id: string | undefined): string
  signIn (actor: Actor, remoteAddress?: string): Promise<void>
}

let serial = 0

export async function buildWorld (app: FastifyInstance, db: Db): Promise<World> {
  await app.ready()
  const regionA = aRegion(db, 'Region A').id
  const regionB = aRegion(db, `Region ${secretOf.B}`).id
  const regionOf = (party: Party) => party === 'B' ? regionB : regionA
  const unit1 = aUnit(db, regionA)
  const unit2 = aUnit(db, regionA)
  const unitB = aUnit(db, regionB, `Unit ${secretOf.B}`)
  const unitOf = (party: Party) => party === 2 ? unit2 : party === 'B' ? unitB : unit1
  const channelA = aChannel(db, regionA).id
  const channelB = aChannel(db, regionB, { name: `Channel ${secretOf.B}` }).id
  const groupA = aGroup(db, regionA).id
  const groupB = aGroup(db, regionB, `Group ${secretOf.B}`).id
  aHostOrganisation(db, regionA)
  anExperienceArea(db, regionA)

  const users = {
    admin: await aUser(db, { role: 'admin', regionId: regionA }),
    coordinator: await aUser(db, { role: 'coordinator', regionId: regionA }),
    pair_worker: await aUser(db, { role: 'pair_worker', regionId: regionA }),
    orderer1: await aUser(db, { role: 'orderer', regionId: regionA, orderingUnitId: unit1.id }),
    orderer2: await aUser(db, { role: 'orderer', regionId: regionA, orderingUnitId: unit2.id }),
    manager: await aUser(db, { role: 'manager', regionId: regionA }),
    expert1: await aUser(db, { role: 'expert', regionId: regionA }),
    expert2: await aUser(db, { role: 'expert', regionId: regionA }),
  }
  const expertOf = (party: 1 | 2 | 'B', userId: number | null) => anExpert(db, {
    regionId: regionOf(party), groupId: party === 'B' ? groupB : groupA, userId,
    realName: `${realNameMark}${secretOf[party]} Real`, displayName: `${secretOf[party]} Shown`, email: `expert.${party}@example.fi`,
  })
  const experts = { 1: expertOf(1, users.expert1.id), 2: expertOf(2, users.expert2.id), B: expertOf('B', (await aUser(db, { role: 'expert', regionId: regionB })).id) }
  const ownerOf = (party: Party) => experts[party === 2 ? 2 : party === 'B' ? 'B' : 1]

  // A new order of the party's unit on a day of its own, so that its expert is never booked twice at once.
  const anOrderOf = (party: Party, past: boolean) => anOrder(db, {
    regionId: regionOf(party), orderingUnitId: unitOf(party).id, channelId: party === 'B' ? channelB : channelA,
    areaId: unitOf(party).areaId, topic: `Topic ${secretOf[party === 'A' ? 1 : party]} ${++serial}`,
    ...(past ? { day: addDays(today(), -serial), load: 'heavy' as const, status: 'filled' as const } : { day: addDays(today(), 20 + serial) }),
  })

  // The order's status as the app derives it from its offers and places, so that showing it writes nothing.
  const settled = (orderId: number) => {
    refreshOrderStatus(db, orderId, nowIso())
    return orderId
  }

  const structure: Record<string, (regionId: number, name: string) => { id: number }> = {
    'areas': (regionId, name) => anArea(db, regionId, name),
    'host-organisations': (regionId, name) => aHostOrganisation(db, regionId, name),
    'ordering-units': (regionId, name) => aUnit(db, regionId, name),
    'channels': (regionId, name) => aChannel(db, regionId, { name }),
    'expert-groups': (regionId, name) => aGroup(db, regionId, name),
    'experience-areas': (regionId, name) => anExperienceArea(db, regionId, name),
  }

  async function make (kind: RecordKind, party: Party, stage: Stage = 'upcoming'): Promise<string> {
    const past = stage !== 'upcoming'
    const regionId = regionOf(party)
    const name = party === 'B' ? `${secretOf.B} ${++serial}` : `Item ${++serial}`
    const expert = ownerOf(party)
    switch (kind) {
      case 'expert': return String(expert.id)
      case 'order': return String(settled(anOrderOf(party, past).id))
      case 'assignment': {
        const order = anOrderOf(party, past)
        const assignment = anAssignment(db, order.id, expert.id, stage === 'done' ? { status: 'completed', completedAt: nowIso() } : {})
        if (stage === 'done') insertDebrief(db, assignment.id, today())
        settled(order.id)
        return String(assignment.id)
      }
      case 'offer': {
        const order = anOrderOf(party, false)
        const offer = anOffer(db, order.id, expert.id)
        settled(order.id)
        return String(offer.id)
      }
      case 'window':
        return String(db.insert(availabilityWindows).values({ expertId: expert.id, weekday: 1, startsAt: '09:00', endsAt: '17:00' }).returning().get().id)
      case 'period':
        return String(db.insert(unavailablePeriods).values({ expertId: expert.id, startsOn: addDays(today(), 100), endsOn: addDays(today(), 101) }).returning().get().id)
      case 'training': {
        const training = aTraining(db, regionId, { name })
        aCompletion(db, training.id, expert.id, null)
        return String(training.id)
      }
      case 'user': return String((await aUser(db, { role: 'coordinator', regionId, name })).id)
      case 'passwordToken': return issuePasswordToken(db, (await aUser(db, { role: 'coordinator', regionId, name })).id, 'reset')
      case 'calendarToken': return createCalendarToken(db, { expertId: expert.id, regionId, userId: expert.userId! }, nowIso())
    }
    const build = kind.startsWith('structure:') ? structure[kind.slice('structure:'.length)] : undefined
    if (!build) throw new Error(`the suites cannot make a record of kind ${kind}: add it to make() in test/app/world.ts`)
    return String(build(regionId, name).id)
  }

  function urlOf (route: Route, id: string | undefined): string {
    if (route.pattern in wildcards) return wildcards[route.pattern]!
    const query = queryKinds[route.pattern]
    if (query) return `${route.pattern}?${Object.keys(query).map((name) => `${name}=${encodeURIComponent(id ?? '')}`).join('&')}`
    return route.pattern.replace(/:[^/]+/, encodeURIComponent(id ?? ''))
  }

  const browsers = Object.fromEntries(actors.map((actor) => [actor, new Browser(app)])) as Record<Actor, Browser>
  async function signIn (actor: Actor, remoteAddress = '127.0.0.1') {
    const browser = browsers[actor] = new Browser(app)
    const token = await browser.csrfToken('/login')
    const response = browser.remember(await app.inject({
      method: 'POST', url: '/login', remoteAddress,
      payload: new URLSearchParams({ _csrf: token, email: users[actor].email, password }).toString(),
      headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    }))
    if (response.statusCode !== 303) throw new Error(`${actor} could not sign in: ${response.statusCode}`)
  }
  for (const actor of actors) await signIn(actor)
  const userIds = Object.fromEntries(actors.map((actor) => [actor, users[actor].id])) as Record<Actor, number>
  return { app, db, regionA, regionB, browsers, userIds, anonymous: new Browser(app), make, urlOf, signIn }
}

// What a request wrote. Temporary triggers (on this connection only; the schema is untouched) note
// every row inserted, updated or deleted, in a table of the connection's own. Left out, because they
// change on requests that change nothing: sessions (the CSRF secret of an anonymous visitor, last-seen
// times), login_attempts (every sign-in try is counted, refused or not), and the audit log's reads and
// lists (showing a record again with the form's messages is a read, and is logged). Nor are derived
// values that a read fills in when a change has cleared them: experts.consent_due_on (consents/queries.ts).
const unwatched = new Set(['sessions', 'login_attempts', '__drizzle_migrations'])
const derived: Record<string, readonly string[]> = { experts: ['consent_due_on'] }
const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

export interface Written { table: string, rowid: number }

export class Changes {
  constructor (readonly db: Db) {
    const sqlite = db.$client
    sqlite.exec('create temp table written (id integer primary key, tbl text not null, rid integer not null)')
    const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").pluck().all() as string[]
    for (const table of tables.filter((name) => !unwatched.has(name))) {
      const when = table === 'audit_log' ? " when new.action not in ('read', 'list')" : ''
      const columns = (sqlite.prepare(`select name from pragma_table_info('${table}')`).pluck().all() as string[])
        .filter((column) => !derived[table]?.includes(column)).map((column) => `"${column}"`).join(', ')
      for (const [event, row] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const) {
        const on = event === 'update' ? `update of ${columns}` : event
        sqlite.exec(`create temp trigger "written_${event}_${table}" after ${on} on main."${table}"${event === 'delete' ? '' : when}
          begin insert into temp.written (tbl, rid) values ('${table}', ${row}.rowid); end`)
      }
    }
  }

  // Where the log stands now.
  mark (): number {
    return this.db.$client.prepare('select coalesce(max(id), 0) from temp.written').pluck().get() as number
  }

  since (mark: number): Written[] {
    return (this.db.$client.prepare('select tbl, rid from temp.written where id > ? order by id').raw().all(mark) as [string, number][])
      .map(([table, rowid]) => ({ table, rowid }))
  }

  // The texts of the rows written since the mark that carry a control character (C0 or DEL other than
  // tab and line breaks, which only textareas may keep).
  controlsSince (mark: number): string[] {
    const found: string[] = []
    for (const { table, rowid } of this.since(mark)) {
      const row = this.db.$client.prepare(`select * from main."${table}" where rowid = ?`).get(rowid) as Record<string, unknown> | undefined
      for (const [column, value] of Object.entries(row ?? {})) {
        if (typeof value === 'string' && control.test(value)) found.push(`${table}.${column} = ${JSON.stringify(value.slice(0, 60))}`)
      }
    }
    return found
  }
}

// Sends a request the way a browser would, keeping cookies.
export async function send (browser: Browser, method: 'GET' | 'POST', url: string, options: { payload?: string | Buffer, headers?: Record<string, string>, remoteAddress?: string } = {}): Promise<LightMyRequestResponse> {
  return browser.remember(await browser.app.inject({
    method, url, payload: options.payload, remoteAddress: options.remoteAddress,
    headers: { cookie: browser.cookie, ...(options.payload !== undefined && !options.headers?.['content-type'] ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...options.headers },
  }))
}
