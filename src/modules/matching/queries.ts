// The facts matching needs, read set-based: one order, then the region's active experts and each of
// their link tables with one prepared statement apiece (never one query per expert), and only the
// assignments of the range the order's frame needs, through assignments_expert_starts. The rules are
// then applied in memory (rules.ts). Every read takes the region: another region's order is not found
// and another region's experts never appear. Raw SQL writes every table qualifier out.
import type { Statement } from 'better-sqlite3'
import type { Db } from '../../db.js'
import type { ConsentGiver, ExpertStatus, Load, OfferStatus, OrderStatus, uiLanguages } from '../../../db/schema.js'
import type { RegionSettings } from '../settings/queries.js'
import { frameOf, type ExpertFacts, type OrderFacts } from './rules.js'

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

interface Statements {
  order: Statement<[number, number], Row>
  orderGroups: Statement<[number], { id: number, name: string }>
  orderExperienceAreas: Statement<[number], number>
  experts: Statement<[Row], Row>
  links: Record<LinkKind, Statement<[Row], Row>>
  assignments: Statement<[Row], { expertId: number, startsAt: string, endsAt: string, load: Load }>
  orderOffers: Statement<[number], { expertId: number, status: OfferStatus, expiresAt: string }>
  orderAssigned: Statement<[number], number>
  offered: Statement<[{ order: number }], Row>
  upsertOffer: Statement<[Record<string, string | number>]>
  inactive: Statement<[number], number>
  contacts: Statement<[string], Contact>
}

type LinkKind = 'languages' | 'consents' | 'completions' | 'windows' | 'periods' | 'excludedUnits' | 'experienceAreas' | 'channels' | 'areas'

const active = `from experts e join %s on x.expert_id = e.id where e.region_id = :region and e.status = 'active'`
const linkSql: Record<LinkKind, string> = {
  languages: `select x.expert_id as expertId, x.language as value ${active.replace('%s', 'expert_languages x')}`,
  consents: `select x.expert_id as expertId, x.given_by as givenBy, x.given_on as givenOn, x.expires_on as expiresOn ${active.replace('%s', 'consents x')}`,
  completions: `select x.expert_id as expertId, x.completed_on as completedOn, tr.is_basic as isBasic, tr.validity_months as validityMonths
    from experts e join training_enrolments x on x.expert_id = e.id join trainings tr on tr.id = x.training_id
    where e.region_id = :region and e.status = 'active' and tr.is_basic = 1 and x.completed_on <= :day`,
  windows: `select x.expert_id as expertId, x.weekday as weekday, x.starts_at as startsAt, x.ends_at as endsAt ${active.replace('%s', 'availability_windows x')}`,
  periods: `select x.expert_id as expertId, x.starts_on as startsOn, x.ends_on as endsOn ${active.replace('%s', 'unavailable_periods x')} and x.ends_on >= :day`,
  excludedUnits: `select x.expert_id as expertId, x.ordering_unit_id as value ${active.replace('%s', 'expert_excluded_units x')}`,
  experienceAreas: `select x.expert_id as expertId, x.experience_area_id as value ${active.replace('%s', 'expert_experience_areas x')}`,
  channels: `select x.expert_id as expertId, x.channel_id as value ${active.replace('%s', 'expert_channels x')}`,
  areas: `select x.expert_id as expertId, x.area_id as value ${active.replace('%s', 'expert_areas x')}`,
}

const statements = new WeakMap<Db, Statements>()

function prepared (db: Db): Statements {
  const cached = statements.get(db)
  if (cached) return cached
  const client = db.$client
  const links = {} as Statements['links']
  for (const kind of Object.keys(linkSql) as LinkKind[]) links[kind] = client.prepare(linkSql[kind])
  const found: Statements = {
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
    experts: client.prepare(`select e.id, e.display_name as displayName, e.status, e.birth_date as birthDate, e.group_id as groupId,
        g.name as groupName, e.monthly_cap as monthlyCap, e.paused_until as pausedUntil, e.remote_allowed as remoteAllowed,
        (select max(a.starts_at) from assignments a where a.expert_id = e.id and a.starts_at < :now and a.status <> 'cancelled') as lastAssignmentAt,
        (select max(f.offered_at) from offers f where f.expert_id = e.id) as lastOfferedAt
      from experts e join expert_groups g on g.id = e.group_id
      where e.region_id = :region and e.status = 'active' order by e.id`),
    links,
    assignments: client.prepare(`select a.expert_id as expertId, a.starts_at as startsAt, a.ends_at as endsAt, a.load
      from experts e join assignments a on a.expert_id = e.id
      where e.region_id = :region and e.status = 'active' and a.starts_at >= :from and a.starts_at < :to and a.status <> 'cancelled'`),
    orderOffers: client.prepare('select f.expert_id as expertId, f.status, f.expires_at as expiresAt from offers f where f.order_id = ?'),
    orderAssigned: client.prepare(`select s.expert_id from assignments s where s.order_id = ? and s.status <> 'cancelled'`).pluck() as Statement<[number], number>,
    offered: client.prepare(`select e.id as expertId, e.display_name as displayName, f.status, f.expires_at as expiresAt,
        exists (select 1 from assignments s where s.order_id = :order and s.expert_id = e.id and s.status <> 'cancelled') as assigned
      from experts e left join offers f on f.order_id = :order and f.expert_id = e.id
      where e.id in (select f2.expert_id from offers f2 where f2.order_id = :order
        union select s2.expert_id from assignments s2 where s2.order_id = :order and s2.status <> 'cancelled')
      order by e.display_name, e.id`),
    inactive: client.prepare(`select count(*) from experts e where e.region_id = ? and e.status <> 'active'`).pluck() as Statement<[number], number>,
    upsertOffer: client.prepare(`insert into offers (order_id, expert_id, offered_by_user_id, status, offered_at, expires_at)
        values (:orderId, :expertId, :userId, 'pending', :offeredAt, :expiresAt)
      on conflict (order_id, expert_id) do update set offered_by_user_id = excluded.offered_by_user_id, status = 'pending',
        offered_at = excluded.offered_at, expires_at = excluded.expires_at, answered_at = null, decline_reason = null`),
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

// The facts of every active expert of the order's region, unfiltered: the rules decide.
export function candidateFacts (db: Db, order: MatchOrder, settings: RegionSettings, now: string): CandidateFacts[] {
  const s = prepared(db)
  const frame = frameOf(order, settings, now)
  const params = { region: order.regionId, now, day: order.day }
  const byId = new Map<number, CandidateFacts>()
  const list: CandidateFacts[] = []
  for (const row of s.experts.all(params)) {
    const expert: CandidateFacts = {
      id: row.id as number,
      displayName: row.displayName as string,
      status: row.status as ExpertStatus,
      birthDate: row.birthDate as string,
      groupId: row.groupId as number,
      groupName: row.groupName as string,
      monthlyCap: row.monthlyCap as number | null,
      remoteAllowed: row.remoteAllowed === 1,
      languages: [],
      consents: [],
      completions: [],
      availability: { windows: [], periods: [], pausedUntil: row.pausedUntil as string | null },
      excludedUnitIds: [],
      experienceAreaIds: [],
      channelIds: [],
      areaIds: [],
      assignments: [],
      lastAssignmentAt: row.lastAssignmentAt as string | null,
      lastOfferedAt: row.lastOfferedAt as string | null,
      offer: null,
      assignedHere: false,
    }
    byId.set(expert.id, expert)
    list.push(expert)
  }
  const each = (kind: LinkKind, add: (expert: CandidateFacts, row: Row) => void) => {
    for (const row of s.links[kind].all(params)) add(byId.get(row.expertId as number)!, row)
  }
  each('languages', (e, r) => e.languages.push(r.value as string))
  each('consents', (e, r) => e.consents.push({ givenBy: r.givenBy as ConsentGiver, givenOn: r.givenOn as string, expiresOn: r.expiresOn as string }))
  each('completions', (e, r) => e.completions.push({ completedOn: r.completedOn as string, isBasic: r.isBasic === 1, validityMonths: r.validityMonths as number | null }))
  each('windows', (e, r) => (e.availability.windows as unknown[]).push({ weekday: r.weekday, startsAt: r.startsAt, endsAt: r.endsAt }))
  each('periods', (e, r) => (e.availability.periods as unknown[]).push({ startsOn: r.startsOn, endsOn: r.endsOn }))
  each('excludedUnits', (e, r) => e.excludedUnitIds.push(r.value as number))
  each('experienceAreas', (e, r) => e.experienceAreaIds.push(r.value as number))
  each('channels', (e, r) => e.channelIds.push(r.value as number))
  each('areas', (e, r) => e.areaIds.push(r.value as number))
  for (const a of s.assignments.all({ region: order.regionId, from: frame.rangeFrom, to: frame.rangeTo })) {
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
  return list
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

// Where to tell each expert of an offer: their own address, else their account's.
export function contactsOf (db: Db, expertIds: readonly number[]): Contact[] {
  return prepared(db).contacts.all(JSON.stringify(expertIds))
}

// Creates the offer, or renews this expert's declined, withdrawn or expired one (one row per expert
// and order): the service has checked that no offer of theirs still holds.
export function upsertOffer (db: Db, offer: { orderId: number, expertId: number, userId: number, offeredAt: string, expiresAt: string }): void {
  prepared(db).upsertOffer.run(offer)
}
