// An order's status follows from its places, offers and time (design §4.6): new → matching (an offer
// was made) → partly filled / filled (live assignments) → done (it has ended and every live assignment
// is completed), or cancelled (by the orderer or coordinator: final) or unfilled (it started with no
// live assignment). Every change of offers or assignments calls refreshOrderStatus in the same
// transaction, so the stored status is always this function of the facts.
import type { Db } from '../../db.js'
import type { OrderStatus } from '../../../db/schema.js'

// Open for matching: no offer yet, offers out, or partly filled. One definition for the matching page,
// the order's page and the coordinator's home (and its SQL form for their queries).
export const openForMatching = ['new', 'matching', 'partly_filled'] as const satisfies readonly OrderStatus[]
export const openForMatchingSql = `(${openForMatching.map((status) => `'${status}'`).join(', ')})`

export function isOpenForMatching (order: { status: OrderStatus }): boolean {
  return (openForMatching as readonly OrderStatus[]).includes(order.status)
}

// A live assignment holds its place (confirmed or completed): every count of places filled, every
// overlap and load counts these. `alias` is the assignments table's alias in the query.
export function liveAssignmentSql (alias: string): string {
  return `${alias}.status <> 'cancelled'`
}

export function isLiveAssignment (assignment: { status: string }): boolean {
  return assignment.status !== 'cancelled'
}

export interface OrderStatusFacts {
  status: OrderStatus
  expertsWanted: number
  startsAt: string
  endsAt: string
  // Live assignments: confirmed or completed, not cancelled.
  live: number
  completed: number
  offers: number
}

export function orderStatusOf (facts: OrderStatusFacts, now: string): OrderStatus {
  if (facts.status === 'cancelled') return 'cancelled'
  if (facts.live === 0) {
    if (facts.startsAt <= now) return 'unfilled'
    return facts.offers > 0 ? 'matching' : 'new'
  }
  if (facts.endsAt <= now && facts.completed === facts.live) return 'done'
  return facts.live >= facts.expertsWanted ? 'filled' : 'partly_filled'
}

// Brings the stored status up to date; returns it. Call inside the transaction that changed the facts.
export function refreshOrderStatus (db: Db, orderId: number, now: string): OrderStatus {
  const sqlite = db.$client
  const facts = sqlite.prepare<[number], OrderStatusFacts>(`
    select o.status as status, o.experts_wanted as expertsWanted, o.starts_at as startsAt, o.ends_at as endsAt,
      (select count(*) from assignments a where a.order_id = o.id and ${liveAssignmentSql('a')}) as live,
      (select count(*) from assignments a where a.order_id = o.id and a.status = 'completed') as completed,
      (select count(*) from offers f where f.order_id = o.id) as offers
    from orders o where o.id = ?`).get(orderId)
  if (!facts) throw new Error(`no order ${orderId}`)
  const status = orderStatusOf(facts, now)
  if (status !== facts.status) sqlite.prepare('update orders set status = ?, updated_at = ? where id = ?').run(status, now, orderId)
  return status
}
