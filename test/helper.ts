// Tests build the real app on a fresh, migrated in-memory database, with named factories.
import type { Test } from 'tap'
import type { FastifyInstance, FastifyServerOptions, LightMyRequestResponse } from 'fastify'
import { eq } from 'drizzle-orm'
import { buildApp } from '../src/app.js'
import { openDatabase, closeDatabase, type Db } from '../src/db.js'
import { testConfig, type Config } from '../src/config.js'
import { hashPassword } from '../src/modules/auth/passwords.js'
import { areas, assignments, channels, consents, experienceAreas, expertGroups, experts, hostOrganisations, offers, orderGroups, orderingUnits, orders, regions, trainingEnrolments, trainings, users, type Role } from '../db/schema.js'
import { addDays, helsinkiInstant, minutesPlus, nowIso, today } from '../src/lib/dates.js'

export const password = 'correct horse battery staple'
let passwordHash: Promise<string> | undefined

export interface Built { app: FastifyInstance, db: Db, clock: { now: number } }

export async function build (t: Test, options: { config?: Partial<Config>, db?: Db, logger?: FastifyServerOptions['logger'] } = {}): Promise<Built> {
  const db = options.db ?? openDatabase(':memory:')
  const clock = { now: Date.now() }
  const app = await buildApp({ db, config: testConfig(options.config), clock: () => clock.now, logger: options.logger })
  t.teardown(async () => {
    await app.close()
    if (!options.db) closeDatabase(db)
  })
  return { app, db, clock }
}

let counter = 0
const unique = () => `${++counter}`

export function aRegion (db: Db, name = `Region ${unique()}`) {
  return db.insert(regions).values({ name }).returning().get()
}

export function anArea (db: Db, regionId: number, name = `Area ${unique()}`) {
  return db.insert(areas).values({ regionId, name }).returning().get()
}

export function aUnit (db: Db, regionId: number, name = `Unit ${unique()}`) {
  const area = anArea(db, regionId)
  return db.insert(orderingUnits).values({ regionId, areaId: area.id, name }).returning().get()
}

export function aHostOrganisation (db: Db, regionId: number, name = `Host ${unique()}`) {
  return db.insert(hostOrganisations).values({ regionId, name }).returning().get()
}

export function aChannel (db: Db, regionId: number, fields: Partial<typeof channels.$inferInsert> = {}) {
  return db.insert(channels).values({ regionId, name: `Channel ${unique()}`, ...fields }).returning().get()
}

export function aGroup (db: Db, regionId: number, name = `Group ${unique()}`) {
  return db.insert(expertGroups).values({ regionId, name }).returning().get()
}

export function anExperienceArea (db: Db, regionId: number, name = `Experience ${unique()}`) {
  return db.insert(experienceAreas).values({ regionId, name }).returning().get()
}

export async function aUser (db: Db, fields: { role: Role, regionId?: number, email?: string, name?: string, active?: boolean, orderingUnitId?: number | null }) {
  passwordHash ??= hashPassword(password)
  const regionId = fields.regionId ?? aRegion(db).id
  let orderingUnitId = fields.orderingUnitId ?? null
  if (fields.role === 'orderer' && orderingUnitId === null) orderingUnitId = aUnit(db, regionId).id
  return db.insert(users).values({
    regionId,
    role: fields.role,
    email: fields.email ?? `${fields.role}.${unique()}@example.fi`,
    name: fields.name ?? `Test ${fields.role} ${unique()}`,
    active: fields.active ?? true,
    orderingUnitId,
    passwordHash: await passwordHash,
  }).returning().get()
}

// Cookies as a header value, merged from responses.
export class Browser {
  cookies = new Map<string, string>()
  constructor (readonly app: FastifyInstance) {}

  get cookie (): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  remember (response: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of response.cookies as { name: string, value: string, maxAge?: number, expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name)
      else this.cookies.set(c.name, c.value)
    }
    return response
  }

  async get (url: string) {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookie } }))
  }

  // Posts a form the way a browser does: first a page with the form gives the CSRF token.
  async post (url: string, fields: Record<string, string | string[]>, { from = '/login', csrf = true } = {}) {
    const params = new URLSearchParams()
    if (csrf) params.append('_csrf', await this.csrfToken(from))
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) params.append(k, one)
    return this.remember(await this.app.inject({
      method: 'POST', url, payload: params.toString(),
      headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    }))
  }

  async csrfToken (from: string): Promise<string> {
    const page = await this.get(from)
    const match = /name="_csrf" value="([^"]+)"/.exec(page.body)
    if (!match) throw new Error(`no CSRF token on ${from} (status ${page.statusCode})`)
    return match[1]!
  }

  async login (email: string, pw = password) {
    const response = await this.post('/login', { email, password: pw })
    if (response.statusCode !== 303) throw new Error(`login failed for test user: ${response.statusCode}`)
    return response
  }
}

// Signs in a fresh user of the role; returns the browser and the user.
export async function signedIn (app: FastifyInstance, db: Db, role: Role, fields: Parameters<typeof aUser>[1] extends infer F ? Partial<F> : never = {}) {
  const user = await aUser(db, { role, ...fields })
  const browser = new Browser(app)
  await browser.login(user.email)
  return { browser, user }
}

// An expert of a region; `age` gives a birth date that makes them that old today.
export function anExpert (db: Db, fields: Partial<typeof experts.$inferInsert> & { regionId: number, age?: number }) {
  const { age, ...rest } = fields
  const day = today()
  const birthDate = rest.birthDate ?? `${Number(day.slice(0, 4)) - (age ?? 22)}${day.slice(4, 10) === '02-29' ? '-02-28' : day.slice(4, 10)}`
  const groupId = rest.groupId ?? aGroup(db, rest.regionId).id
  const n = unique()
  return db.insert(experts).values({
    realName: `Real Name ${n}`,
    displayName: `Expert ${n}`,
    status: 'active',
    statusSince: day,
    ...rest,
    birthDate,
    groupId,
  }).returning().get()
}

// A consent valid from a year ago for another year, by default the expert's own.
export function aConsent (db: Db, expertId: number, fields: Partial<typeof consents.$inferInsert> = {}) {
  const day = today()
  return db.insert(consents).values({ expertId, givenBy: 'expert', givenOn: addDays(day, -365), expiresOn: addDays(day, 365), ...fields }).returning().get()
}

export function aTraining (db: Db, regionId: number, fields: Partial<typeof trainings.$inferInsert> = {}) {
  return db.insert(trainings).values({ regionId, name: `Training ${unique()}`, hours: 50, startsOn: '2026-01-10', endsOn: '2026-03-20', isBasic: true, ...fields }).returning().get()
}

export function aCompletion (db: Db, trainingId: number, expertId: number, completedOn: string | null = '2026-03-20') {
  return db.insert(trainingEnrolments).values({ trainingId, expertId, enrolledOn: '2026-01-01', completedOn }).returning().get()
}

// An order of a region, by default a light two-hour workshop for one expert 14 days from today at
// 10.00 Helsinki time, of a new unit and channel; `groupIds` fills the groups wanted.
export function anOrder (db: Db, fields: Partial<typeof orders.$inferInsert> & { regionId: number, groupIds?: number[] }) {
  const { groupIds = [], ...rest } = fields
  const day = rest.day ?? addDays(today(), 14)
  const startTime = rest.startTime ?? '10:00'
  const durationMinutes = rest.durationMinutes ?? 120
  const startsAt = helsinkiInstant(day, startTime)
  const unit = rest.orderingUnitId === undefined ? aUnit(db, rest.regionId) : undefined
  const order = db.insert(orders).values({
    orderingUnitId: unit?.id ?? rest.orderingUnitId!,
    channelId: rest.channelId ?? aChannel(db, rest.regionId).id,
    topic: `Workshop ${unique()}`,
    areaId: unit?.areaId ?? null,
    load: 'light',
    status: 'matching',
    ...rest,
    day,
    startTime,
    durationMinutes,
    startsAt,
    endsAt: minutesPlus(startsAt, durationMinutes),
  }).returning().get()
  for (const groupId of groupIds) db.insert(orderGroups).values({ orderId: order.id, groupId }).run()
  return order
}

// A pending offer of the order to the expert, open for 72 hours from now.
export function anOffer (db: Db, orderId: number, expertId: number, fields: Partial<typeof offers.$inferInsert> = {}) {
  const offeredAt = nowIso()
  return db.insert(offers).values({ orderId, expertId, offeredAt, expiresAt: minutesPlus(offeredAt, 72 * 60), ...fields }).returning().get()
}

// A confirmed assignment of the expert in the order's next free slot, at the order's times.
export function anAssignment (db: Db, orderId: number, expertId: number, fields: Partial<typeof assignments.$inferInsert> = {}) {
  const order = db.select().from(orders).where(eq(orders.id, orderId)).get()!
  const taken = db.select({ slot: assignments.slot }).from(assignments).where(eq(assignments.orderId, orderId)).all().map((a) => a.slot)
  let slot = 1
  while (taken.includes(slot)) slot++
  return db.insert(assignments).values({
    orderId, expertId, slot, startsAt: order.startsAt, endsAt: order.endsAt, load: order.load, confirmedAt: nowIso(), ...fields,
  }).returning().get()
}
