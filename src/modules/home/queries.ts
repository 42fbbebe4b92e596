// What each role's home page lists. Every query is scoped by the user's region (the orderer's by their
// unit too, the expert's by their own record) and driven by an index: open orders by
// orders_region_status_starts, coming work by orders_region_starts / orders_unit_starts, an expert's
// by assignments_expert_starts and offers_expert_status, overdue debriefs by debriefs_region_due. Each
// list is cut at `homeListLimit` rows and counts the whole (homeList).
// Only display names are selected: the home shows nobody's real identity.
import { eq } from 'drizzle-orm'
import { preparedOnce, type Db } from '../../db.js'
import { orderingUnits } from '../../../db/schema.js'
import type { CurrentUser } from '../../web/types.js'
import { addDays, dayStartUtc } from '../../lib/dates.js'
import { liveAssignmentSql, openForMatchingSql } from '../orders/status.js'

export const homeListLimit = 20

export interface HomeFacts { unitName?: string }

export function homeFacts (db: Db, user: CurrentUser): HomeFacts {
  if (user.role !== 'orderer' || user.orderingUnitId === null) return {}
  const unit = db.select({ name: orderingUnits.name }).from(orderingUnits).where(eq(orderingUnits.id, user.orderingUnitId)).get()
  return { unitName: unit?.name }
}

export interface Listed<T> { rows: T[], total: number }

type Params = Record<string, string | number | null>

// A home list: at most `homeListLimit` rows, and the count of the whole. The count and the rows are two
// statements of the same conditions, so that the rows' own columns (names, topics, places filled) are
// worked out for the rows shown, not for every row counted; they are read in one transaction, so that
// they agree. Prepared once per database.
function homeList<T> (db: Db, name: string, columns: string, from: string, order: string): (params: Params) => Listed<T> {
  return preparedOnce(db, `home.${name}`, ({ $client: sqlite }) => {
    const count = sqlite.prepare<[Params], number>(`select count(*) ${from}`).pluck()
    const rows = sqlite.prepare<[Params], T>(`select ${columns} ${from} order by ${order} limit @limit`)
    return sqlite.transaction((params: Params) => ({ rows: rows.all({ ...params, limit: homeListLimit }), total: count.get(params)! }))
  })
}

// An order with its places filled (live assignments).
const orderColumns = `o.id, o.starts_at as startsAt, o.topic, o.status, o.experts_wanted as expertsWanted,
  (select count(*) from assignments a where a.order_id = o.id and ${liveAssignmentSql('a')}) as filled`

export interface OpenOrder { id: number, startsAt: string, topic: string, status: string, expertsWanted: number, filled: number }

// Orders still to match (new, offered, partly filled) that have not started, soonest first.
export function ordersToMatch (db: Db, regionId: number, now: string): Listed<OpenOrder> {
  return homeList<OpenOrder>(db, 'ordersToMatch', orderColumns,
    `from orders o where o.region_id = @regionId and o.status in ${openForMatchingSql} and o.starts_at > @now`,
    'o.starts_at, o.id')({ regionId, now })
}

export interface PendingOffer { id: number, orderId: number, displayName: string, topic: string, expiresAt: string }

// Offers not yet answered and not expired, the soonest to expire first. An offer never outlives the
// start of its order, so only the region's coming orders are looked at.
export function offersAwaitingAnswers (db: Db, regionId: number, now: string): Listed<PendingOffer> {
  return homeList<PendingOffer>(db, 'offersAwaitingAnswers',
    'f.id, f.order_id as orderId, (select e.display_name from experts e where e.id = f.expert_id) as displayName, o.topic, f.expires_at as expiresAt',
    `from orders o join offers f on f.order_id = o.id
      where o.region_id = @regionId and o.starts_at > @now and f.status = 'pending' and f.expires_at > @now`,
    'f.expires_at, f.id')({ regionId, now })
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
  return homeList<WeekAssignment>(db, 'assignmentsOfWeek',
    'a.id, a.starts_at as startsAt, o.topic, (select e.display_name from experts e where e.id = a.expert_id) as displayName',
    `from orders o join assignments a on a.order_id = o.id
      where o.region_id = @regionId and a.status = 'confirmed' and a.starts_at >= @from and a.starts_at < @to
        and o.starts_at >= @from and o.starts_at < @to`,
    'a.starts_at, a.id')({ regionId, from: dayStartUtc(week.from)!, to: dayStartUtc(week.to)! })
}

export interface WorkToComplete { id: number, startsAt: string, topic: string, displayName: string }

// Confirmed assignments that have started and wait for their hours to be recorded, the oldest first:
// completion is what makes the debrief due and, with fees, the claim. Driven by assignments_status_starts.
export function workToComplete (db: Db, regionId: number, now: string): Listed<WorkToComplete> {
  return homeList<WorkToComplete>(db, 'workToComplete',
    'a.id, a.starts_at as startsAt, o.topic, (select e.display_name from experts e where e.id = a.expert_id) as displayName',
    `from assignments a join orders o on o.id = a.order_id
      where a.status = 'confirmed' and a.starts_at <= @now and o.region_id = @regionId`,
    'a.starts_at, a.id')({ regionId, now })
}

export interface OverdueDebrief { assignmentId: number, dueOn: string, topic: string, displayName: string }

// Debriefs not done whose due day has passed, the longest overdue first.
export function overdueDebriefs (db: Db, regionId: number, day: string): Listed<OverdueDebrief> {
  return homeList<OverdueDebrief>(db, 'overdueDebriefs',
    `d.assignment_id as assignmentId, d.due_on as dueOn, (select o.topic from orders o where o.id = a.order_id) as topic,
     (select e.display_name from experts e where e.id = a.expert_id) as displayName`,
    `from debriefs d join assignments a on a.id = d.assignment_id
      where d.region_id = @regionId and d.done_on is null and d.due_on < @day and ${liveAssignmentSql('a')}`,
    'd.due_on, d.id')({ regionId, day })
}

// The orderer's unit's orders still to come, soonest first.
export function unitOrders (db: Db, user: CurrentUser, now: string): Listed<OpenOrder> {
  return homeList<OpenOrder>(db, 'unitOrders', orderColumns,
    'from orders o where o.ordering_unit_id = @unitId and o.region_id = @regionId and o.starts_at > @now',
    'o.starts_at, o.id')({ unitId: user.orderingUnitId, regionId: user.regionId, now })
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
