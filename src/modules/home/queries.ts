// What each role's home page lists. Every query is scoped by the user's region (the orderer's by their
// unit too, the expert's by their own record) and driven by an index: open orders by
// orders_region_status_starts, coming work by orders_region_starts / orders_unit_starts, an expert's
// by assignments_expert_starts and offers_expert_status, overdue debriefs by debriefs_due. Each list
// is cut at `homeListLimit` rows and counts the whole with a window function in the same query.
// Only display names are selected: the home shows nobody's real identity.
import { eq } from 'drizzle-orm'
import type { Db } from '../../db.js'
import { orderingUnits } from '../../../db/schema.js'
import type { CurrentUser } from '../../web/types.js'
import { addDays, dayStartUtc } from '../../lib/dates.js'

export const homeListLimit = 20

export interface HomeFacts { unitName?: string }

export function homeFacts (db: Db, user: CurrentUser): HomeFacts {
  if (user.role !== 'orderer' || user.orderingUnitId === null) return {}
  const unit = db.select({ name: orderingUnits.name }).from(orderingUnits).where(eq(orderingUnits.id, user.orderingUnitId)).get()
  return { unitName: unit?.name }
}

export interface Listed<T> { rows: T[], total: number }

function listed<T extends { total: number }> (rows: T[]): Listed<Omit<T, 'total'>> {
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 }
}

// An order with its places filled (live assignments) and the count of the whole list.
const orderColumns = `select o.id, o.starts_at as startsAt, o.topic, o.status, o.experts_wanted as expertsWanted,
           (select count(*) from assignments a where a.order_id = o.id and a.status <> 'cancelled') as filled,
           count(*) over () as total
      from orders o`

export interface OpenOrder { id: number, startsAt: string, topic: string, status: string, expertsWanted: number, filled: number }

// Orders still to match (new, offered, partly filled) that have not started, soonest first.
export function ordersToMatch (db: Db, regionId: number, now: string): Listed<OpenOrder> {
  return listed(db.$client.prepare<[number, string, number], OpenOrder & { total: number }>(`
    ${orderColumns}
     where o.region_id = ? and o.status in ('new', 'matching', 'partly_filled') and o.starts_at > ?
     order by o.starts_at, o.id limit ?`).all(regionId, now, homeListLimit))
}

export interface PendingOffer { id: number, orderId: number, displayName: string, topic: string, expiresAt: string }

// Offers not yet answered and not expired, the soonest to expire first. An offer never outlives the
// start of its order, so only the region's coming orders are looked at.
export function offersAwaitingAnswers (db: Db, regionId: number, now: string): Listed<PendingOffer> {
  return listed(db.$client.prepare<[number, string, string, number], PendingOffer & { total: number }>(`
    select f.id, f.order_id as orderId, e.display_name as displayName, o.topic, f.expires_at as expiresAt, count(*) over () as total
      from orders o
      join offers f on f.order_id = o.id
      join experts e on e.id = f.expert_id
     where o.region_id = ? and o.starts_at > ? and f.status = 'pending' and f.expires_at > ?
     order by f.expires_at, f.id limit ?`).all(regionId, now, now, homeListLimit))
}

export interface WeekAssignment { id: number, startsAt: string, topic: string, displayName: string }

// The Monday and the next Monday of the Helsinki week of `day`.
export function weekOf (day: string): { from: string, to: string } {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7
  const monday = addDays(day, -weekday)
  return { from: monday, to: addDays(monday, 7) }
}

// Confirmed assignments of the Helsinki week (Monday to Sunday) of `day`, in time order.
export function assignmentsOfWeek (db: Db, regionId: number, day: string): Listed<WeekAssignment> {
  const week = weekOf(day)
  return listed(db.$client.prepare<[{ regionId: number, from: string, to: string, limit: number }], WeekAssignment & { total: number }>(`
    select a.id, a.starts_at as startsAt, o.topic, e.display_name as displayName, count(*) over () as total
      from orders o
      join assignments a on a.order_id = o.id
      join experts e on e.id = a.expert_id
     where o.region_id = @regionId and a.status = 'confirmed' and a.starts_at >= @from and a.starts_at < @to
       and o.starts_at >= @from and o.starts_at < @to
     order by a.starts_at, a.id limit @limit`).all({ regionId, from: dayStartUtc(week.from)!, to: dayStartUtc(week.to)!, limit: homeListLimit }))
}

export interface OverdueDebrief { assignmentId: number, dueOn: string, topic: string, displayName: string }

// Debriefs not done whose due day has passed, the longest overdue first.
export function overdueDebriefs (db: Db, regionId: number, day: string): Listed<OverdueDebrief> {
  return listed(db.$client.prepare<[number, string, number], OverdueDebrief & { total: number }>(`
    select d.assignment_id as assignmentId, d.due_on as dueOn, o.topic, e.display_name as displayName, count(*) over () as total
      from debriefs d
      join assignments a on a.id = d.assignment_id
      join orders o on o.id = a.order_id
      join experts e on e.id = a.expert_id
     where d.region_id = ? and d.done_on is null and d.due_on < ? and a.status <> 'cancelled'
     order by d.due_on, d.id limit ?`).all(regionId, day, homeListLimit))
}

// The orderer's unit's orders still to come, soonest first.
export function unitOrders (db: Db, user: CurrentUser, now: string): Listed<OpenOrder> {
  return listed(db.$client.prepare<[number | null, number, string, number], OpenOrder & { total: number }>(`
    ${orderColumns}
     where o.ordering_unit_id = ? and o.region_id = ? and o.starts_at > ?
     order by o.starts_at, o.id limit ?`).all(user.orderingUnitId, user.regionId, now, homeListLimit))
}

export interface ExpertHome { linked: boolean, openOffers: number, next: { id: number, startsAt: string, topic: string }[] }

// The signed-in expert's open offers and next confirmed assignments, found by their own user id.
export function expertHome (db: Db, user: CurrentUser, now: string): ExpertHome {
  const sqlite = db.$client
  const expert = sqlite.prepare<[number, number], { id: number }>('select id from experts where user_id = ? and region_id = ?').get(user.id, user.regionId)
  if (!expert) return { linked: false, openOffers: 0, next: [] }
  const { n } = sqlite.prepare<[number, string], { n: number }>(
    `select count(*) as n from offers where expert_id = ? and status = 'pending' and expires_at > ?`).get(expert.id, now)!
  const next = sqlite.prepare<[number, string], ExpertHome['next'][number]>(`
    select a.id, a.starts_at as startsAt, o.topic
      from assignments a join orders o on o.id = a.order_id
     where a.expert_id = ? and a.starts_at > ? and a.status = 'confirmed'
     order by a.starts_at, a.id limit 5`).all(expert.id, now)
  return { linked: true, openOffers: n, next }
}
