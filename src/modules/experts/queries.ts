// The expert register's reads and writes. Every lookup takes the region, so another region's expert
// is never found. The list is the hot query (about 4 000 experts a region, 25 regions): it filters by
// region first through the experts_region_* indexes, derives consent state and basic training in SQL
// (the same rules as consents/rules.ts and trainings/rules.ts; a test compares them day by day) and
// runs as prepared statements. Raw SQL here writes every table qualifier out (drizzle 0.45 drops
// them in correlated subqueries).
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Statement } from 'better-sqlite3'
import type { Db } from '../../db.js'
import { expertGroups, experts, expertStatusHistory, hostOrganisations, users, type ExpertStatus } from '../../../db/schema.js'
import { addDays } from '../../lib/dates.js'
import type { ConsentStateFilter, ExpertFields, ExpertFilter, RestrictedFields, Sort } from './forms.js'

export const pageSize = 50

// ——— The list ———

// A consent's level on :day: 0 not valid, 1 valid but ending by :soon (the renewal window),
// 2 valid beyond it. A consent given before the 15th (18th) birthday ends the day before it.
const b15 = `date(e.birth_date, '+15 years', 'floor')`
const b18 = `date(e.birth_date, '+18 years', 'floor')`
const consentLevel = `(case
  when not (c.given_on <= :day and :day <= c.expires_on
    and (c.given_on >= ${b15} or :day < ${b15}) and (c.given_on >= ${b18} or :day < ${b18})) then 0
  when c.expires_on > :soon
    and (c.given_on >= ${b15} or ${b15} > :soonNext) and (c.given_on >= ${b18} or ${b18} > :soonNext) then 2
  else 1 end)`
const own = `max(iif(c.given_by = 'expert', ${consentLevel}, null))`
const guardian = `max(iif(c.given_by <> 'expert', ${consentLevel}, null))`
const consentStateSql = `(select case
    when ${own} is null then 'missing'
    when ${own} = 0 then 'expired'
    when :day < ${b18} and coalesce(${guardian}, 0) = 0 then 'missing_guardian'
    when ${own} = 1 or (:day < ${b18} and ${guardian} = 1) then 'expiring'
    else 'valid' end
  from consents c where c.expert_id = e.id)`

// Trained on :day: a completed basic training within its validity (months, clamped to the month's end).
const trainedSql = `exists (select 1 from training_enrolments te join trainings tr on tr.id = te.training_id
  where te.expert_id = e.id and tr.is_basic = 1 and te.completed_on <= :day
    and (tr.validity_months is null or date(te.completed_on, '+' || tr.validity_months || ' months', 'floor', '-1 day') >= :day))`

const yearsBetween = `(cast(substr(:day, 1, 4) as integer) - cast(substr(e.birth_date, 1, 4) as integer))`
const ageSql = `(${yearsBetween} - (date(e.birth_date, '+' || ${yearsBetween} || ' years', 'floor') > :day))`

const filterSql = `e.region_id = :region
  and (:q is null or instr(kokemus_fold(e.real_name || char(10) || e.display_name), :q) > 0)
  and (:status is null or e.status = :status)
  and (:groupId is null or e.group_id = :groupId)
  and (:host is null or e.host_organisation_id = :host)
  and (:area is null or exists (select 1 from expert_areas ea where ea.expert_id = e.id and ea.area_id = :area))
  and (:experience is null or exists (select 1 from expert_experience_areas ee where ee.expert_id = e.id and ee.experience_area_id = :experience))
  and (:language is null or exists (select 1 from expert_languages el where el.expert_id = e.id and el.language = :language))
  and (:trained is null or ${trainedSql} = :trained)
  and (:consent is null or ${consentStateSql} = :consent)`

const orders: Record<Sort, string> = {
  name: 'e.real_name collate nocase, e.id',
  displayName: 'e.display_name, e.id',
  status: `case e.status when 'candidate' then 1 when 'active' then 2 when 'paused' then 3 else 4 end, e.display_name, e.id`,
  newest: 'e.id desc',
}

export interface ListRow {
  id: number
  displayName: string
  realName: string
  groupName: string
  status: ExpertStatus
  age: number
  consent: ConsentStateFilter
  trained: boolean
}

type RawListRow = Omit<ListRow, 'trained'> & { trained: number }

interface Statements {
  ids: Record<Sort, Statement>
  page: Statement<[Record<string, unknown>], RawListRow>
  choices: Record<ChoiceKind, Statement<[number], { id: number, name: string, active: number }>>
  links: Record<LinkKind, { read: Statement<[number]>, clear: Statement<[number]>, add: Statement<[number, string | number]> }>
}

const statements = new WeakMap<Db, Statements>()

function prepared (db: Db): Statements {
  let found = statements.get(db)
  if (!found) {
    const client = db.$client
    // Case-insensitive search beyond ASCII (Ä, Ö, Å, Cyrillic…), which SQLite's own lower() skips.
    client.function('kokemus_fold', { deterministic: true }, (value: unknown) => String(value).toLowerCase())
    const ids = {} as Record<Sort, Statement>
    for (const sort of Object.keys(orders) as Sort[]) {
      ids[sort] = client.prepare(`select e.id from experts e where ${filterSql} order by ${orders[sort]}`).pluck()
    }
    const page = client.prepare<[Record<string, unknown>], RawListRow>(`select e.id, e.display_name as displayName, e.real_name as realName,
        g.name as groupName, e.status, ${ageSql} as age, ${consentStateSql} as consent, ${trainedSql} as trained
      from experts e join expert_groups g on g.id = e.group_id
      where e.region_id = :region and e.id in (select value from json_each(:ids))`)
    const choices = {} as Statements['choices']
    for (const [kind, table] of Object.entries(choiceTables) as [ChoiceKind, string][]) {
      choices[kind] = client.prepare(`select id, name, active from ${table} where region_id = ? order by name collate nocase, id`)
    }
    const links = {} as Statements['links']
    for (const [kind, { table, column }] of Object.entries(linkTables) as [LinkKind, { table: string, column: string }][]) {
      links[kind] = {
        read: client.prepare<[number]>(`select ${column} from ${table} where expert_id = ? order by ${column}`).pluck(),
        clear: client.prepare<[number]>(`delete from ${table} where expert_id = ?`),
        add: client.prepare<[number, string | number]>(`insert into ${table} (expert_id, ${column}) values (?, ?)`),
      }
    }
    found = { ids, page, choices, links }
    statements.set(db, found)
  }
  return found
}

export interface ExpertList { rows: ListRow[], total: number, page: number, pages: number }

// The region's experts that pass the filter, one page of them with their derived state on `day`.
export function listExperts (db: Db, regionId: number, filter: ExpertFilter, page: number, day: string): ExpertList {
  const { ids, page: pageRows } = prepared(db)
  const params = {
    region: regionId,
    day,
    soon: addDays(day, 30),
    soonNext: addDays(day, 31),
    q: filter.q ? filter.q.toLowerCase() : null,
    status: filter.status ?? null,
    groupId: filter.group ?? null,
    host: filter.host ?? null,
    area: filter.area ?? null,
    experience: filter.experience ?? null,
    language: filter.language ?? null,
    trained: filter.trained === undefined ? null : Number(filter.trained),
    consent: filter.consent ?? null,
  }
  const all = ids[filter.sort].all(params) as number[]
  const pages = Math.max(1, Math.ceil(all.length / pageSize))
  const shown = all.slice((page - 1) * pageSize, page * pageSize)
  const byId = new Map<number, ListRow>()
  if (shown.length > 0) {
    for (const row of pageRows.all({ region: regionId, day, soon: params.soon, soonNext: params.soonNext, ids: JSON.stringify(shown) })) {
      byId.set(row.id, { ...row, trained: row.trained === 1 })
    }
  }
  return { rows: shown.map((id) => byId.get(id)!), total: all.length, page, pages }
}

// ——— The region's choices for the form and the filters ———

const choiceTables = {
  groups: 'expert_groups',
  areas: 'areas',
  experienceAreas: 'experience_areas',
  hosts: 'host_organisations',
  channels: 'channels',
  units: 'ordering_units',
} as const

export type ChoiceKind = keyof typeof choiceTables
export interface Choice { id: number, name: string, active: boolean }
export type Choices = Record<ChoiceKind, Choice[]>

export function regionChoices (db: Db, regionId: number): Choices {
  const { choices } = prepared(db)
  const result = {} as Choices
  for (const kind of Object.keys(choiceTables) as ChoiceKind[]) {
    result[kind] = choices[kind].all(regionId).map((row) => ({ id: row.id, name: row.name, active: row.active === 1 }))
  }
  return result
}

// ——— One expert ———

// The expert's own columns, as the register and the expert's own pages read them.
const expertColumns = {
  id: experts.id,
  regionId: experts.regionId,
  userId: experts.userId,
  realName: experts.realName,
  displayName: experts.displayName,
  birthDate: experts.birthDate,
  groupId: experts.groupId,
  email: experts.email,
  phone: experts.phone,
  preferredLanguage: experts.preferredLanguage,
  remoteAllowed: experts.remoteAllowed,
  hostOrganisationId: experts.hostOrganisationId,
  status: experts.status,
  statusSince: experts.statusSince,
  feePreference: experts.feePreference,
  incomeLimitCents: experts.incomeLimitCents,
}

function findExpertStatement (db: Db) {
  return db.select({
    ...expertColumns,
    groupName: expertGroups.name,
    hostName: hostOrganisations.name,
    internalNotes: experts.internalNotes,
    taxCardReceivedOn: experts.taxCardReceivedOn,
    identityCodeEncrypted: experts.identityCodeEncrypted,
  }).from(experts)
    .innerJoin(expertGroups, eq(expertGroups.id, experts.groupId))
    .leftJoin(hostOrganisations, eq(hostOrganisations.id, experts.hostOrganisationId))
    .where(and(eq(experts.id, sql.placeholder('id')), eq(experts.regionId, sql.placeholder('regionId')))).prepare()
}

const findStatements = new WeakMap<Db, ReturnType<typeof findExpertStatement>>()

// Every page of one expert starts here: prepared once per database.
export function findExpert (db: Db, regionId: number, id: number) {
  let statement = findStatements.get(db)
  if (!statement) {
    statement = findExpertStatement(db)
    findStatements.set(db, statement)
  }
  return statement.get({ id, regionId })
}

export type ExpertRow = NonNullable<ReturnType<typeof findExpert>>

// The expert linked to a user account (the expert's own pages): no coordinator-only notes,
// tax card or identity code.
export function expertOfUser (db: Db, userId: number) {
  return db.select({ ...expertColumns, monthlyCap: experts.monthlyCap, pausedUntil: experts.pausedUntil })
    .from(experts).where(eq(experts.userId, userId)).get()
}

// The expert's ticked lists. Languages are ISO codes; the rest are ids of the region's rows.
export interface ExpertLinks {
  languages: string[]
  areaIds: number[]
  experienceAreaIds: number[]
  channelIds: number[]
  excludedUnitIds: number[]
}

export type LinkKind = keyof ExpertLinks

const linkTables: Record<LinkKind, { table: string, column: string }> = {
  languages: { table: 'expert_languages', column: 'language' },
  areaIds: { table: 'expert_areas', column: 'area_id' },
  experienceAreaIds: { table: 'expert_experience_areas', column: 'experience_area_id' },
  channelIds: { table: 'expert_channels', column: 'channel_id' },
  excludedUnitIds: { table: 'expert_excluded_units', column: 'ordering_unit_id' },
}

export const linkKinds = Object.keys(linkTables) as LinkKind[]

export function linksOf (db: Db, expertId: number): ExpertLinks {
  const { links } = prepared(db)
  const result = {} as Record<LinkKind, unknown[]>
  for (const kind of linkKinds) result[kind] = links[kind].read.all(expertId)
  return result as unknown as ExpertLinks
}

// Replaces one list: called inside the service's transaction (the same connection).
export function setLinks (db: Db, expertId: number, kind: LinkKind, values: readonly (string | number)[]): void {
  const { links } = prepared(db)
  links[kind].clear.run(expertId)
  for (const value of values) links[kind].add.run(expertId, value)
}

export function statusHistoryOf (db: Db, expertId: number) {
  return db.select({
    id: expertStatusHistory.id,
    status: expertStatusHistory.status,
    changedOn: expertStatusHistory.changedOn,
    reason: expertStatusHistory.reason,
    byName: users.name,
  }).from(expertStatusHistory).leftJoin(users, eq(users.id, expertStatusHistory.changedByUserId))
    .where(eq(expertStatusHistory.expertId, expertId))
    .orderBy(desc(expertStatusHistory.changedOn), desc(expertStatusHistory.id)).all()
}

// The user account linked to an expert, if any.
export function accountOf (db: Db, userId: number) {
  const row = db.select({ id: users.id, email: users.email, active: users.active, passwordHash: users.passwordHash })
    .from(users).where(eq(users.id, userId)).get()
  return row && { id: row.id, email: row.email, active: row.active, hasPassword: row.passwordHash !== null }
}

export type Account = NonNullable<ReturnType<typeof accountOf>>

// E-mail addresses are unique among users in the whole installation: they are the login name.
export function userEmailTaken (db: Db, email: string): boolean {
  return db.select({ id: users.id }).from(users).where(eq(users.email, email)).get() !== undefined
}

// ——— Writes (called inside the service's transactions) ———

export function insertExpert (db: Db, regionId: number, fields: ExpertFields & Partial<RestrictedFields> & {
  status: ExpertStatus, statusSince: string, identityCodeEncrypted: string | null
}): number {
  return db.insert(experts).values({ regionId, ...fields }).returning({ id: experts.id }).get().id
}

export function updateExpert (db: Db, id: number, fields: Partial<ExpertFields & RestrictedFields> & {
  status?: ExpertStatus, statusSince?: string, identityCodeEncrypted?: string | null, userId?: number
}, nowIso: string): void {
  db.update(experts).set({ ...fields, updatedAt: nowIso }).where(eq(experts.id, id)).run()
}

export function insertStatusHistory (db: Db, row: { expertId: number, status: ExpertStatus, changedOn: string, reason: string | null, changedByUserId: number }): void {
  db.insert(expertStatusHistory).values(row).run()
}

export function insertExpertUser (db: Db, regionId: number, fields: { email: string, name: string }): number {
  return db.insert(users).values({ regionId, role: 'expert', ...fields }).returning({ id: users.id }).get().id
}
