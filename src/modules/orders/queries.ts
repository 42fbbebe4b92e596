// The orders' reads and writes. Every lookup takes the region, so another region's order is never
// found; an orderer's lookups also take their unit. The list is built from the filters actually used,
// so that SQLite sees plain terms and walks orders_region_status_starts, orders_region_starts or
// orders_unit_starts in start order, stopping after one page; the statements are prepared once per
// shape. Raw SQL here writes every table qualifier out (drizzle 0.45 drops them in subqueries).
import { and, eq } from 'drizzle-orm'
import type { Statement } from 'better-sqlite3'
import type { Db } from '../../db.js'
import {
  assignments, channels, orderExperienceAreas, orderGroups, orders, users, type AssignmentStatus, type Load, type OfferStatus, type OrderStatus,
} from '../../../db/schema.js'
import { addDays, dayStartUtc } from '../../lib/dates.js'
import type { OrderFilter } from './forms.js'
import { liveAssignmentSql } from './status.js'

export const pageSize = 50

export interface OrderListRow {
  id: number
  startsAt: string
  durationMinutes: number
  topic: string
  unitName: string
  channelName: string
  expertsWanted: number
  filled: number
  status: OrderStatus
}

// Whose orders a list holds: the region's, or one ordering unit's of it.
export interface ListScope { regionId: number, unitId?: number }

const listStatements = new WeakMap<Db, Map<string, Statement<[Record<string, unknown>], OrderListRow>>>()

export function listOrders (db: Db, scope: ListScope, filter: OrderFilter, page: number, now: string) {
  const unit = scope.unitId ?? filter.unit
  const params: Record<string, unknown> = {
    region: scope.regionId,
    unit,
    status: filter.status,
    from: filter.from && dayStartUtc(filter.from),
    to: filter.to && dayStartUtc(addDays(filter.to, 1)),
    upcoming: filter.sort === 'upcoming' ? now : undefined,
    past: filter.sort === 'past' ? now : undefined,
    q: filter.q,
  }
  const terms = ['o.region_id = :region']
  if (params.unit !== undefined) terms.push('o.ordering_unit_id = :unit')
  if (params.status !== undefined) terms.push('o.status = :status')
  if (params.from !== undefined) terms.push('o.starts_at >= :from')
  if (params.to !== undefined) terms.push('o.starts_at < :to')
  if (params.upcoming !== undefined) terms.push('o.starts_at >= :upcoming')
  if (params.past !== undefined) terms.push('o.starts_at < :past')
  // Words of the topic or the unit's name, in any case (kokemus_fold, db.ts).
  if (params.q !== undefined) terms.push("instr(kokemus_fold(o.topic || char(10) || u.name), :q) > 0")
  const direction = filter.sort === 'upcoming' ? 'asc' : 'desc'
  const sql = `select o.id, o.starts_at as startsAt, o.duration_minutes as durationMinutes, o.topic, u.name as unitName,
      c.name as channelName, o.experts_wanted as expertsWanted, o.status,
      (select count(*) from assignments a where a.order_id = o.id and ${liveAssignmentSql('a')}) as filled
    from orders o join ordering_units u on u.id = o.ordering_unit_id join channels c on c.id = o.channel_id
    where ${terms.join(' and ')}
    order by o.starts_at ${direction}, o.id ${direction} limit :limit offset :offset`
  let cache = listStatements.get(db)
  if (!cache) listStatements.set(db, cache = new Map())
  let statement = cache.get(sql)
  if (!statement) cache.set(sql, statement = db.$client.prepare(sql))
  const used = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined))
  const rows = statement.all({ ...used, limit: pageSize + 1, offset: (page - 1) * pageSize })
  return { rows: rows.slice(0, pageSize), page, hasNext: rows.length > pageSize }
}

export interface OrderDetail {
  id: number
  regionId: number
  orderingUnitId: number
  unitName: string
  channelId: number
  channelName: string
  topic: string
  description: string | null
  day: string
  startTime: string
  durationMinutes: number
  startsAt: string
  endsAt: string
  remote: boolean
  areaName: string | null
  address: string | null
  audienceKind: string | null
  audienceSize: number | null
  expertsWanted: number
  language: string
  preparationWanted: boolean
  load: Load
  status: OrderStatus
  cancellationReason: string | null
  createdAt: string
}

const detailStatements = new WeakMap<Db, Statement<[number, number], Omit<OrderDetail, 'remote' | 'preparationWanted'> & { remote: number, preparationWanted: number }>>()

export function findOrder (db: Db, regionId: number, orderId: number): OrderDetail | undefined {
  let statement = detailStatements.get(db)
  if (!statement) {
    statement = db.$client.prepare(`select o.id, o.region_id as regionId, o.ordering_unit_id as orderingUnitId, u.name as unitName,
        o.channel_id as channelId, c.name as channelName, o.topic, o.description, o.day, o.start_time as startTime,
        o.duration_minutes as durationMinutes, o.starts_at as startsAt, o.ends_at as endsAt, o.remote, ar.name as areaName, o.address,
        o.audience_kind as audienceKind, o.audience_size as audienceSize, o.experts_wanted as expertsWanted, o.language,
        o.preparation_wanted as preparationWanted, o.load, o.status, o.cancellation_reason as cancellationReason, o.created_at as createdAt
      from orders o join ordering_units u on u.id = o.ordering_unit_id join channels c on c.id = o.channel_id
        left join areas ar on ar.id = o.area_id
      where o.id = ? and o.region_id = ?`)
    detailStatements.set(db, statement)
  }
  const row = statement.get(orderId, regionId)
  return row && { ...row, remote: row.remote === 1, preparationWanted: row.preparationWanted === 1 }
}

// The names of the groups and experience areas the order wants.
export function orderWishes (db: Db, orderId: number) {
  const client = db.$client
  const names = (sql: string) => client.prepare<[number], string>(sql).pluck().all(orderId)
  return {
    groups: names(`select g.name from order_groups og join expert_groups g on g.id = og.group_id where og.order_id = ? order by g.name`),
    experienceAreas: names(`select x.name from order_experience_areas ox join experience_areas x on x.id = ox.experience_area_id
      where ox.order_id = ? order by x.name`),
  }
}

export interface OfferRow {
  id: number
  expertId: number
  displayName: string
  status: OfferStatus
  offeredAt: string
  expiresAt: string
  answeredAt: string | null
  declineReason: string | null
}

export function offersOfOrder (db: Db, orderId: number): OfferRow[] {
  return db.$client.prepare<[number], OfferRow>(`select f.id, f.expert_id as expertId, e.display_name as displayName, f.status,
      f.offered_at as offeredAt, f.expires_at as expiresAt, f.answered_at as answeredAt, f.decline_reason as declineReason
    from offers f join experts e on e.id = f.expert_id where f.order_id = ? order by f.offered_at, f.id`).all(orderId)
}

export interface AssignmentRow { id: number, expertId: number, displayName: string, status: AssignmentStatus }

// Every assignment of the order, or only the live ones (confirmed or completed).
export function assignmentsOfOrder (db: Db, orderId: number, liveOnly = false): AssignmentRow[] {
  return db.$client.prepare<[number], AssignmentRow>(`select a.id, a.expert_id as expertId, e.display_name as displayName, a.status
    from assignments a join experts e on e.id = a.expert_id
    where a.order_id = ?${liveOnly ? ` and ${liveAssignmentSql('a')}` : ''} order by a.slot, a.id`).all(orderId)
}

// The region's active channels with their default load, for the form's hint and the default.
export function activeChannels (db: Db, regionId: number) {
  return db.select({ id: channels.id, name: channels.name, defaultLoad: channels.defaultLoad }).from(channels)
    .where(and(eq(channels.regionId, regionId), eq(channels.active, true))).orderBy(channels.name).all()
}

export type NewOrder = typeof orders.$inferInsert

export function insertOrder (db: Db, order: NewOrder, groupIds: number[], experienceAreaIds: number[]): number {
  const orderId = db.insert(orders).values(order).returning({ id: orders.id }).get().id
  for (const groupId of groupIds) db.insert(orderGroups).values({ orderId, groupId }).run()
  for (const experienceAreaId of experienceAreaIds) db.insert(orderExperienceAreas).values({ orderId, experienceAreaId }).run()
  return orderId
}

// The e-mail addresses of the region's active coordinators.
export function coordinatorAddresses (db: Db, regionId: number): string[] {
  return db.select({ email: users.email }).from(users)
    .where(and(eq(users.regionId, regionId), eq(users.role, 'coordinator'), eq(users.active, true))).all().map((row) => row.email)
}

// Who a cancellation touches: the open offers and the confirmed assignments, with where to tell them
// (the expert's own address, else their account's) and in which language.
export interface Touched { id: number, expertId: number, email: string | null, language: 'fi' | 'sv' | 'en' }

export function openOffersOf (db: Db, orderId: number, now: string): Touched[] {
  return db.$client.prepare<[number, string], Touched>(`select f.id, f.expert_id as expertId, coalesce(e.email, u.email) as email,
      e.preferred_language as language
    from offers f join experts e on e.id = f.expert_id left join users u on u.id = e.user_id
    where f.order_id = ? and f.status = 'pending' and f.expires_at > ? order by f.id`).all(orderId, now)
}

export function confirmedAssignmentsOf (db: Db, orderId: number): Touched[] {
  return db.$client.prepare<[number], Touched>(`select a.id, a.expert_id as expertId, coalesce(e.email, u.email) as email,
      e.preferred_language as language
    from assignments a join experts e on e.id = a.expert_id left join users u on u.id = e.user_id
    where a.order_id = ? and a.status = 'confirmed' order by a.id`).all(orderId)
}

export function cancelOrderRow (db: Db, orderId: number, reason: string, now: string): void {
  db.update(orders).set({ status: 'cancelled', cancellationReason: reason, updatedAt: now }).where(eq(orders.id, orderId)).run()
}

export function withdrawOffers (db: Db, offerIds: number[]): void {
  db.$client.prepare(`update offers set status = 'withdrawn' where id in (select value from json_each(?))`).run(JSON.stringify(offerIds))
}

export function cancelAssignment (db: Db, assignmentId: number, fields: Pick<typeof assignments.$inferInsert, 'cancelledAt' | 'cancelledBy' | 'cancelledByUserId' | 'cancellationReason' | 'feeDue'>): void {
  db.update(assignments).set({ status: 'cancelled', ...fields }).where(eq(assignments.id, assignmentId)).run()
}
