// The expert register's reads and writes. Every lookup takes the region, so another region's expert
// is never found. The list is the hot query (about 4 000 experts a region, 25 regions): it filters by
// region first through the experts_region_* indexes, derives consent state and basic training in SQL
// (the same rules as consents/rules.ts and trainings/rules.ts; a test compares them day by day) and
// runs as prepared statements. Raw SQL here writes every table qualifier out (drizzle 0.45 drops
// them in correlated subqueries).
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Statement } from 'better-sqlite3'
import { preparedOnce, type Db } from '../../db.js'
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

// Each filter's condition; a list query holds only the conditions of the filters in use, so that
// SQLite can take the best index for them (a catch-all "(:x is null or …)" form defeats indexes).
const conditions = {
  q: 'instr(kokemus_fold(e.real_name || char(10) || e.display_name), :q) > 0',
  status: 'e.status = :status',
  groupId: 'e.group_id = :groupId',
  host: 'e.host_organisation_id = :host',
  area: 'exists (select 1 from expert_areas ea where ea.expert_id = e.id and ea.area_id = :area)',
  experience: 'exists (select 1 from expert_experience_areas ee where ee.expert_id = e.id and ee.experience_area_id = :experience)',
  language: 'exists (select 1 from expert_languages el where el.expert_id = e.id and el.language = :language)',
  trained: `${trainedSql} = :trained`,
  consent: `${consentStateSql} = :consent`,
} as const
type FilterKey = keyof typeof conditions
// The parameters a condition reads besides its own.
const dayParams: Partial<Record<FilterKey, string[]>> = { trained: ['day'], consent: ['day', 'soon', 'soonNext'] }

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

interface ListStatements { count: Statement<[Record<string, unknown>], number>, ids: Statement<[Record<string, unknown>], number> }

interface Statements {
  lists: Map<string, ListStatements>
  page: Statement<[Record<string, unknown>], RawListRow>
  choices: Record<ChoiceKind, Statement<[number], { id: number, name: string, active: number }>>
  links: Record<LinkKind, { read: Statement<[number]>, clear: Statement<[number]>, add: Statement<[number, string | number]> }>
}

const statements = new WeakMap<Db, Statements>()

function prepared (db: Db): Statements {
  let found = statements.get(db)
  if (!found) {
    const client = db.$client
    // The page's ids one by one by primary key ("cross join" keeps SQLite from scanning the region).
    const page = client.prepare<[Record<string, unknown>], RawListRow>(`select e.id, e.display_name as displayName, e.real_name as realName,
        g.name as groupName, e.status, ${ageSql} as age, ${consentStateSql} as consent, ${trainedSql} as trained
      from json_each(:ids) j cross join experts e on e.id = j.value join expert_groups g on g.id = e.group_id
      where e.region_id = :region`)
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
    found = { lists: new Map(), page, choices, links }
    statements.set(db, found)
  }
  return found
}

export interface ExpertList { rows: ListRow[], total: number, page: number, pages: number }

// The count and one page of ids for the filters in use and a sort, prepared once.
function listStatements (db: Db, used: FilterKey[], sort: Sort): ListStatements {
  const { lists } = prepared(db)
  const key = `${sort}:${used.join(',')}`
  let found = lists.get(key)
  if (!found) {
    const where = ['e.region_id = :region', ...used.map((name) => conditions[name])].join(' and ')
    found = {
      count: db.$client.prepare<[Record<string, unknown>], number>(`select count(*) from experts e where ${where}`).pluck(),
      ids: db.$client.prepare<[Record<string, unknown>], number>(`select e.id from experts e where ${where} order by ${orders[sort]} limit :limit offset :offset`).pluck(),
    }
    lists.set(key, found)
  }
  return found
}

// The region's experts that pass the filter, one page of them with their derived state on `day`:
// the filters and the sort pick the page's ids through the indexes; the state is derived for those
// 50 only.
export function listExperts (db: Db, regionId: number, filter: ExpertFilter, page: number, day: string): ExpertList {
  const { page: pageRows } = prepared(db)
  const soon = addDays(day, 30)
  const soonNext = addDays(day, 31)
  const values: Record<FilterKey, string | number | undefined> = {
    q: filter.q ? filter.q.toLowerCase() : undefined,
    status: filter.status,
    groupId: filter.group,
    host: filter.host,
    area: filter.area,
    experience: filter.experience,
    language: filter.language,
    trained: filter.trained === undefined ? undefined : Number(filter.trained),
    consent: filter.consent,
  }
  const used = (Object.keys(conditions) as FilterKey[]).filter((name) => values[name] !== undefined)
  const params: Record<string, unknown> = { region: regionId }
  const extra: Record<string, unknown> = { day, soon, soonNext }
  for (const name of used) {
    params[name] = values[name]
    for (const param of dayParams[name] ?? []) params[param] = extra[param]
  }
  const { count, ids } = listStatements(db, used, filter.sort)
  const total = count.get(params)!
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const shown = ids.all({ ...params, limit: pageSize, offset: (page - 1) * pageSize })
  const byId = new Map<number, ListRow>()
  if (shown.length > 0) {
    for (const row of pageRows.all({ region: regionId, day, soon, soonNext, ids: JSON.stringify(shown) })) {
      byId.set(row.id, { ...row, trained: row.trained === 1 })
    }
  }
  return { rows: shown.map((id) => byId.get(id)!), total, page, pages }
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

// A group's age range (either end may be open), for the rule that an expert's age fits their group.
export function groupAges (db: Db, regionId: number, groupId: number): { name: string, minAge: number | null, maxAge: number | null } | undefined {
  return preparedOnce(db, 'experts.groupAges', ({ $client }) => $client.prepare<[number, number], { name: string, minAge: number | null, maxAge: number | null }>(
    'select name, min_age as minAge, max_age as maxAge from expert_groups where id = ? and region_id = ?')).get(groupId, regionId)
}
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
  return preparedOnce(db, 'experts.statusHistory', () => db.select({
    id: expertStatusHistory.id,
    status: expertStatusHistory.status,
    changedOn: expertStatusHistory.changedOn,
    reason: expertStatusHistory.reason,
    byName: users.name,
  }).from(expertStatusHistory).leftJoin(users, eq(users.id, expertStatusHistory.changedByUserId))
    .where(eq(expertStatusHistory.expertId, sql.placeholder('expertId')))
    .orderBy(desc(expertStatusHistory.changedOn), desc(expertStatusHistory.id)).prepare()).all({ expertId })
}

// The user account linked to an expert, if any.
export function accountOf (db: Db, userId: number) {
  const row = preparedOnce(db, 'experts.account', () => db.select({ id: users.id, email: users.email, active: users.active, passwordHash: users.passwordHash })
    .from(users).where(eq(users.id, sql.placeholder('userId'))).prepare()).get({ userId })
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
