// The facts matching needs, read set-based and narrowed to what the order asks (never one query per
// expert). First a screen of every active expert of the region in SQL (screenExperts): the rules that
// need no assignments, as a bit per rule, two integers a row, so that a region's thousands of experts
// cost no objects. Then, for the experts the caller names (those passing the screen, and those whose
// every reason is shown), the whole facts: one row each with the consent due day kept on it and the
// order's language and unit looked up by primary key; whether they hold a basic training valid on the
// day, when the channel requires it; the windows of the order's weekday and the periods it falls in;
// the live assignments of the range the rules look at (through assignments_expert_starts); and the
// consents of only those whose consent does not cover the day. For the ranking, the same for the eligible
// only: their recent and last assignment, last offer, and the order's experience areas, channel and
// area among theirs. The rules are applied in memory (rules.ts). Every read takes the region: another
// region's order is not found and another region's experts never appear. Raw SQL writes every table
// qualifier out.
import type { Statement } from 'better-sqlite3'
import type { Db } from '../../db.js'
import type { ConsentGiver, ExpertStatus, Load, OfferStatus, OrderStatus, uiLanguages } from '../../../db/schema.js'
import type { RegionSettings } from '../settings/queries.js'
import { fillConsentDue } from '../consents/queries.js'
import { frameOf, offerHolds, type ExpertFacts, type Frame, type OrderFacts, type RankingFacts, type WeeklyWindow } from './rules.js'

export interface MatchOrder extends OrderFacts {
  id: number
  regionId: number
  status: OrderStatus
  topic: string
  startTime: string
  durationMinutes: number
  areaName: string | null
  unitName: string
  channelName: string
  expertsWanted: number
  filled: number
  groups: { id: number, name: string }[]
}

// This order's offer to the expert, if any, and whether they hold a live assignment in it.
export interface CandidateFacts extends ExpertFacts {
  groupName: string
  offer: { status: OfferStatus, expiresAt: string } | null
  assignedHere: boolean
}

export interface OfferedExpert { expertId: number, displayName: string, status: OfferStatus | null, expiresAt: string | null, assigned: boolean }

export interface Contact { id: number, displayName: string, preferredLanguage: (typeof uiLanguages)[number], email: string | null }

type Row = Record<string, unknown>

// The columns of an experts row, read as an array (the region's thousands of rows are read on every
// matching, and arrays cost half of what objects do).
type ExpertRow = [id: number, displayName: string, status: ExpertStatus, birthDate: string, groupId: number, monthlyCap: number | null,
  pausedUntil: string | null, consentDueOn: string, language: string | null, excludedUnitId: number | null]

interface Statements {
  screen: Statement<[Row], [ids: string, screened: string]>
  order: Statement<[number, number], Row>
  orderGroups: Statement<[number], { id: number, name: string }>
  orderExperienceAreas: Statement<[number], number>
  groups: Statement<[number], { id: number, name: string }>
  experts: Statement<[Row], ExpertRow>
  trained: Statement<[Row], number>
  links: Record<LinkKind, Statement<[Row], Row>>
  ranking: Statement<[Row], Row>
  assignments: Statement<[Row], { expertId: number, startsAt: string, endsAt: string, load: Load }>
  orderOffers: Statement<[number], { expertId: number, status: OfferStatus, expiresAt: string }>
  orderAssigned: Statement<[number], number>
  offered: Statement<[{ order: number }], Row>
  upsertOffer: Statement<[Record<string, string | number>]>
  inactive: Statement<[number], number>
  contacts: Statement<[string], Contact>
  week: Statement<[string], { expertId: number } & WeeklyWindow>
  twice: Statement<[Row], number>
}

type LinkKind = 'windows' | 'periods' | 'consents' | 'experienceAreas' | 'recent'

const chosen = '(select j.value from json_each(:ids) j)'
// The chosen experts one by one by primary key (the planner would rather scan the region's thousands).
const byChosen = 'json_each(:ids) j cross join experts e on e.id = j.value'
const linkSql: Record<LinkKind, string> = {
  windows: `select x.expert_id as expertId, x.weekday as weekday, x.starts_at as startsAt, x.ends_at as endsAt
    from availability_windows x where x.expert_id in ${chosen} and x.weekday = :weekday`,
  periods: `select x.expert_id as expertId, x.starts_on as startsOn, x.ends_on as endsOn
    from unavailable_periods x where x.expert_id in ${chosen} and x.starts_on <= :lastDay and x.ends_on >= :firstDay`,
  consents: `select x.expert_id as expertId, x.given_by as givenBy, x.given_on as givenOn, x.expires_on as expiresOn
    from consents x where x.expert_id in ${chosen}`,
  // By the primary key: each chosen expert's rows of the order's experience areas.
  experienceAreas: `select x.expert_id as expertId, x.experience_area_id as value from expert_experience_areas x
    where x.expert_id in ${chosen} and x.experience_area_id in (select k.value from json_each(:experienceAreas) k)`,
  recent: `select x.expert_id as expertId, x.starts_at as startsAt from assignments x
    where x.expert_id in ${chosen} and x.starts_at >= :from and x.starts_at < :now and x.status <> 'cancelled'`,
}

// The order's own value in one of the expert's link tables, by its primary key, or null.
const oneOf = (table: string, column: string, param: string) =>
  `(select x.${column} from ${table} x where x.expert_id = e.id and x.${column} = :${param})`

// A completed basic training of the region valid on the day (trainings/rules.ts trainedOn), for the
// expert `e`.
const trainedSql = `exists (select 1 from training_enrolments te join trainings tr on tr.id = te.training_id
  where te.expert_id = e.id and tr.region_id = :region and tr.is_basic = 1 and te.completed_on <= :day
    and (tr.validity_months is null or date(te.completed_on, '+' || tr.validity_months || ' months', 'floor', '-1 day') >= :day))`

// The rules screenExperts checks in SQL, cheapest first; each screens an expert out only when
// failedRules (rules.ts) fails them on that rule (availability when they are paused on the day, the
// work spans days, an unavailable period meets it, or no window of its weekday holds its start: the
// windows that cover the work must begin with one), so a screened-out expert is excluded. The
// first rule that fails is enough (SQLite stops at it); the reasons shown are always failedRules' own.
export const screenedBy = { consent: 1, group: 2, availability: 3, language: 4, excludedUnit: 5, training: 6 } as const

// In the screen's order; availability is asked twice (its cheap part first).
const screenRules: [code: number, failsSql: string][] = [
  [screenedBy.consent, 'e.consent_due_on < :consentDueFrom'],
  [screenedBy.group, ':anyGroup = 0 and e.group_id not in (select g.value from json_each(:groups) g)'],
  [screenedBy.availability, '(e.paused_until is not null and :firstDay < e.paused_until) or :firstDay <> :lastDay'],
  [screenedBy.language, 'not exists (select 1 from expert_languages x where x.expert_id = e.id and x.language = :language)'],
  [screenedBy.excludedUnit, 'exists (select 1 from expert_excluded_units x where x.expert_id = e.id and x.ordering_unit_id = :unit)'],
  [screenedBy.availability, `not exists (select 1 from availability_windows w where w.expert_id = e.id and w.weekday = :weekday
      and w.starts_at <= :fromTime and w.ends_at > :fromTime)
    or exists (select 1 from unavailable_periods p where p.expert_id = e.id and p.starts_on <= :lastDay and p.ends_on >= :firstDay)`],
  [screenedBy.training, `:requiresTraining = 1 and not ${trainedSql}`],
]
const screenSql = `case ${screenRules.map(([code, fails]) => `when ${fails} then ${code}`).join('\n')} else 0 end`
// For the near misses: whether a rule of the screen other than the first that fails also fails
// (looking on from the first failure and stopping at the second), so that one not found here fails
// exactly one of these rules. Asked only of the few the page needs: on every expert of a region it
// would double the screen's cost.
const twiceSql = `case ${screenRules.map(([code, fails], i) => {
  const others = screenRules.slice(i + 1).filter(([other]) => other !== code)
  return `when ${fails} then ${others.length === 0 ? '0' : `case ${others.map(([, more]) => `when ${more} then 1`).join(' ')} else 0 end`}`
}).join('\n')} else 0 end`

const statements = new WeakMap<Db, Statements>()

function prepared (db: Db): Statements {
  const cached = statements.get(db)
  if (cached) return cached
  const client = db.$client
  const links = {} as Statements['links']
  for (const kind of Object.keys(linkSql) as LinkKind[]) links[kind] = client.prepare(linkSql[kind])
  const found: Statements = {
    // One row: the ids and the rule screening each out (0 = none), as JSON arrays in the order of
    // experts_region_status_display_name, which finds them (thousands of rows cost more read one by one).
    screen: client.prepare(`select json_group_array(id), json_group_array(screened) from (select e.id as id, ${screenSql} as screened
      from experts e where e.region_id = :region and e.status = 'active' order by e.display_name, e.id)`).raw() as Statement<[Row], [string, string]>,
    order: client.prepare(`select o.id, o.region_id as regionId, o.status, o.topic, o.day, o.start_time as startTime,
        o.duration_minutes as durationMinutes, o.starts_at as startsAt, o.ends_at as endsAt, o.remote, o.area_id as areaId,
        a.name as areaName, o.ordering_unit_id as orderingUnitId, u.name as unitName, o.channel_id as channelId,
        c.name as channelName, c.requires_basic_training as requiresBasicTraining, o.language, o.load,
        o.experts_wanted as expertsWanted,
        (select count(*) from assignments s where s.order_id = o.id and s.status <> 'cancelled') as filled
      from orders o join channels c on c.id = o.channel_id join ordering_units u on u.id = o.ordering_unit_id
        left join areas a on a.id = o.area_id
      where o.id = ? and o.region_id = ?`),
    orderGroups: client.prepare(`select g.id, g.name from order_groups og join expert_groups g on g.id = og.group_id
      where og.order_id = ? order by g.name`),
    orderExperienceAreas: client.prepare('select oe.experience_area_id from order_experience_areas oe where oe.order_id = ?').pluck() as Statement<[number], number>,
    groups: client.prepare('select g.id, g.name from expert_groups g where g.region_id = ?'),
    // The chosen experts who are active in the region, by display name: from the covering index of the
    // region's active experts (at most a few thousand entries, cheaper than a row each by primary key).
    experts: client.prepare(`select e.id, e.display_name, e.status, e.birth_date, e.group_id, e.monthly_cap, e.paused_until, e.consent_due_on,
        ${oneOf('expert_languages', 'language', 'language')}, ${oneOf('expert_excluded_units', 'ordering_unit_id', 'unit')}
      from experts e where e.id in ${chosen} and e.region_id = :region and e.status = 'active' order by e.display_name, e.id`).raw() as Statement<[Row], ExpertRow>,
    trained: client.prepare(`select e.id from ${byChosen} where e.region_id = :region and e.status = 'active' and ${trainedSql}`).pluck() as Statement<[Row], number>,
    links,
    ranking: client.prepare(`select e.id, e.remote_allowed as remoteAllowed,
        ${oneOf('expert_channels', 'channel_id', 'channel')} as channelId, ${oneOf('expert_areas', 'area_id', 'area')} as areaId,
        (select a.starts_at from assignments a where a.expert_id = e.id and a.starts_at < :now and a.status <> 'cancelled'
          order by a.starts_at desc limit 1) as lastAssignmentAt,
        (select f.offered_at from offers f where f.expert_id = e.id order by f.offered_at desc limit 1) as lastOfferedAt
      from ${byChosen} where e.region_id = :region`),
    assignments: client.prepare(`select a.expert_id as expertId, a.starts_at as startsAt, a.ends_at as endsAt, a.load
      from assignments a where a.expert_id in ${chosen} and a.starts_at >= :from and a.starts_at < :to and a.status <> 'cancelled'`),
    orderOffers: client.prepare('select f.expert_id as expertId, f.status, f.expires_at as expiresAt from offers f where f.order_id = ?'),
    orderAssigned: client.prepare(`select s.expert_id from assignments s where s.order_id = ? and s.status <> 'cancelled'`).pluck() as Statement<[number], number>,
    offered: client.prepare(`select e.id as expertId, e.display_name as displayName, f.status, f.expires_at as expiresAt,
        exists (select 1 from assignments s where s.order_id = :order and s.expert_id = e.id and s.status <> 'cancelled') as assigned
      from experts e left join offers f on f.order_id = :order and f.expert_id = e.id
      where e.id in (select f2.expert_id from offers f2 where f2.order_id = :order
        union select s2.expert_id from assignments s2 where s2.order_id = :order and s2.status <> 'cancelled')
      order by e.display_name, e.id`),
    inactive: client.prepare(`select count(*) from experts e where e.region_id = ? and e.status in ('candidate', 'paused', 'ended')`).pluck() as Statement<[number], number>,
    upsertOffer: client.prepare(`insert into offers (order_id, expert_id, offered_by_user_id, status, offered_at, expires_at)
        values (:orderId, :expertId, :userId, 'pending', :offeredAt, :expiresAt)
      on conflict (order_id, expert_id) do update set offered_by_user_id = excluded.offered_by_user_id, status = 'pending',
        offered_at = excluded.offered_at, expires_at = excluded.expires_at, answered_at = null, decline_reason = null`),
    twice: client.prepare(`select e.id from ${byChosen} where e.region_id = :region and e.status = 'active' and ${twiceSql} = 1`).pluck() as Statement<[Row], number>,
    week: client.prepare(`select x.expert_id as expertId, x.weekday, x.starts_at as startsAt, x.ends_at as endsAt
      from availability_windows x where x.expert_id in (select j.value from json_each(?) j) order by x.expert_id, x.weekday, x.starts_at`),
    contacts: client.prepare(`select e.id, e.display_name as displayName, e.preferred_language as preferredLanguage,
        coalesce(e.email, u.email) as email
      from experts e left join users u on u.id = e.user_id where e.id in (select j.value from json_each(?) j)`),
  }
  statements.set(db, found)
  return found
}

// The order of the region, with what matching compares and what its page shows; undefined when the
// region has no such order.
export function matchOrderOf (db: Db, regionId: number, orderId: number): MatchOrder | undefined {
  const s = prepared(db)
  const row = s.order.get(orderId, regionId)
  if (!row) return undefined
  const groups = s.orderGroups.all(orderId)
  return {
    ...(row as Omit<MatchOrder, 'remote' | 'requiresBasicTraining' | 'groups' | 'groupIds' | 'experienceAreaIds'>),
    remote: row.remote === 1,
    requiresBasicTraining: row.requiresBasicTraining === 1,
    groups,
    groupIds: groups.map((g) => g.id),
    experienceAreaIds: s.orderExperienceAreas.all(orderId),
  }
}

// Every active expert of the order's region by display name, each with the first rule (`screenedBy`)
// that fails them without looking at assignments: 0 when only the whole facts can tell.
export interface Screen { ids: number[], screened: number[] }

// Minutes of the day as the windows keep them ('HH:MM').
function clock (minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

export function screenExperts (db: Db, order: MatchOrder, frame: Frame): Screen {
  fillConsentDue(db, order.regionId)
  const [ids, screened] = prepared(db).screen.get(screenParams(order, frame))!
  return { ids: JSON.parse(ids) as number[], screened: JSON.parse(screened) as number[] }
}

function screenParams (order: MatchOrder, frame: Frame): Row {
  const { span } = frame
  return {
    region: order.regionId, consentDueFrom: frame.consentDueFrom, requiresTraining: order.requiresBasicTraining ? 1 : 0, day: order.day,
    anyGroup: order.groupIds.length === 0 ? 1 : 0, groups: JSON.stringify(order.groupIds), language: order.language, unit: order.orderingUnitId,
    firstDay: span.firstDay, lastDay: span.lastDay, weekday: span.weekday, fromTime: clock(span.from),
  }
}

// Those of the experts (active, of the order's region, whom the screen fails) whom a second rule of
// the screen also fails: they fail two rules at least. The others fail exactly one of the screen's.
export function failingTwice (db: Db, order: MatchOrder, frame: Frame, expertIds: readonly number[]): Set<number> {
  return new Set(prepared(db).twice.all({ ...screenParams(order, frame), ids: JSON.stringify(expertIds) }))
}

// The whole facts of the chosen experts who are active in the order's region (all of them when none
// are chosen), by display name, unfiltered: the rules decide. The frame, when the caller has it,
// saves working it out again.
export function candidateFacts (db: Db, order: MatchOrder, settings: RegionSettings, now: string, frame: Frame = frameOf(order, settings, now),
  chosenIds: readonly number[] = screenExperts(db, order, frame).ids): CandidateFacts[] {
  fillConsentDue(db, order.regionId)
  const s = prepared(db)
  const { span } = frame
  const params = {
    ids: JSON.stringify(chosenIds), region: order.regionId, day: order.day, language: order.language, unit: order.orderingUnitId,
    weekday: span.weekday, firstDay: span.firstDay, lastDay: span.lastDay,
  }
  const groupNames = new Map(s.groups.all(order.regionId).map((g) => [g.id, g.name]))
  const byId = new Map<number, CandidateFacts>()
  const lapsed: number[] = []
  for (const [id, displayName, status, birthDate, groupId, monthlyCap, pausedUntil, consentDueOn, language, excludedUnitId] of s.experts.all(params)) {
    byId.set(id, {
      id, displayName, status, birthDate, groupId, groupName: groupNames.get(groupId)!, monthlyCap, consentDueOn, consents: [],
      trained: order.requiresBasicTraining ? false : null,
      languages: listOf(language),
      availability: { windows: [], periods: [], pausedUntil },
      excludedUnitIds: listOf(excludedUnitId),
      assignments: [],
      offer: null,
      assignedHere: false,
    })
    if (consentDueOn < frame.consentDueFrom) lapsed.push(id)
  }
  // The rest is read for the experts found (the chosen may name someone of another region).
  params.ids = JSON.stringify([...byId.keys()])
  if (order.requiresBasicTraining) {
    for (const id of s.trained.all(params)) byId.get(id)!.trained = true
  }
  const each = linkReader(s, byId)
  each('windows', params, (e, r) => (e.availability.windows as unknown[]).push({ weekday: r.weekday, startsAt: r.startsAt, endsAt: r.endsAt }))
  each('periods', params, (e, r) => (e.availability.periods as unknown[]).push({ startsOn: r.startsOn, endsOn: r.endsOn }))
  if (lapsed.length > 0) {
    each('consents', { ids: JSON.stringify(lapsed) }, (e, r) => e.consents.push({ givenBy: r.givenBy as ConsentGiver, givenOn: r.givenOn as string, expiresOn: r.expiresOn as string }))
  }
  for (const a of s.assignments.all({ ids: params.ids, from: frame.rangeFrom, to: frame.rangeTo })) {
    byId.get(a.expertId)!.assignments.push({ startsAt: a.startsAt, endsAt: a.endsAt, load: a.load })
  }
  for (const offer of s.orderOffers.all(order.id)) {
    const expert = byId.get(offer.expertId)
    if (expert) expert.offer = { status: offer.status, expiresAt: offer.expiresAt }
  }
  for (const expertId of s.orderAssigned.all(order.id)) {
    const expert = byId.get(expertId)
    if (expert) expert.assignedHere = true
  }
  return [...byId.values()]
}

// Who this order no longer asks for: experts holding a place in it or an offer of it that holds.
export function heldOf (db: Db, orderId: number, now: string): Set<number> {
  const s = prepared(db)
  const held = new Set(s.orderAssigned.all(orderId))
  for (const offer of s.orderOffers.all(orderId)) if (offerHolds(offer, now)) held.add(offer.expertId)
  return held
}

// What ranks the chosen experts of the order's region (the eligible), by id.
export function rankingFacts (db: Db, order: MatchOrder, frame: Frame, expertIds: readonly number[]): Map<number, RankingFacts> {
  const s = prepared(db)
  const byId = new Map<number, RankingFacts>()
  if (expertIds.length === 0) return byId
  const ids = JSON.stringify(expertIds)
  for (const row of s.ranking.all({ ids, region: order.regionId, now: frame.now, channel: order.channelId, area: order.areaId })) {
    byId.set(row.id as number, {
      remoteAllowed: row.remoteAllowed === 1,
      experienceAreaIds: [],
      channelIds: listOf(row.channelId as number | null),
      areaIds: listOf(row.areaId as number | null),
      recentAssignments: [],
      lastAssignmentAt: row.lastAssignmentAt as string | null,
      lastOfferedAt: row.lastOfferedAt as string | null,
    })
  }
  const each = linkReader(s, byId)
  each('recent', { ids, from: frame.recentFrom, now: frame.now }, (e, r) => e.recentAssignments.push({ startsAt: r.startsAt as string }))
  if (order.experienceAreaIds.length > 0) {
    each('experienceAreas', { ids, experienceAreas: JSON.stringify(order.experienceAreaIds) }, (e, r) => e.experienceAreaIds.push(r.value as number))
  }
  return byId
}

// Adds each row of a link statement to its expert; rows of anyone else are passed over.
function linkReader<T> (s: Statements, byId: Map<number, T>) {
  return (kind: LinkKind, bound: Row, add: (expert: T, row: Row) => void) => {
    for (const row of s.links[kind].all(bound)) {
      const expert = byId.get(row.expertId as number)
      if (expert) add(expert, row)
    }
  }
}

function listOf<T> (value: T | null): T[] {
  return value === null ? [] : [value]
}

// Everyone this order has been offered to or who holds a place in it, whatever their status now.
export function offeredOf (db: Db, orderId: number): OfferedExpert[] {
  return prepared(db).offered.all({ order: orderId }).map((row) => ({
    expertId: row.expertId as number,
    displayName: row.displayName as string,
    status: row.status as OfferStatus | null,
    expiresAt: row.expiresAt as string | null,
    assigned: row.assigned === 1,
  }))
}

export function inactiveCount (db: Db, regionId: number): number {
  return prepared(db).inactive.get(regionId)!
}

// The weekly windows of each of the experts (all weekdays, in the week's order), by id; an expert
// without windows has none in the map.
export function weeklyWindowsOf (db: Db, expertIds: readonly number[]): Map<number, WeeklyWindow[]> {
  const byId = new Map<number, WeeklyWindow[]>()
  for (const { expertId, ...window } of prepared(db).week.all(JSON.stringify(expertIds))) {
    const list = byId.get(expertId)
    if (list) list.push(window)
    else byId.set(expertId, [window])
  }
  return byId
}

// Where to tell each expert of an offer: their own address, else their account's.
export function contactsOf (db: Db, expertIds: readonly number[]): Contact[] {
  return prepared(db).contacts.all(JSON.stringify(expertIds))
}

// Creates the offer, or renews this expert's declined, withdrawn or expired one (one row per expert
// and order): the service has checked that no offer of theirs still holds.
export function upsertOffer (db: Db, offer: { orderId: number, expertId: number, userId: number, offeredAt: string, expiresAt: string }): void {
  prepared(db).upsertOffer.run(offer)
}
