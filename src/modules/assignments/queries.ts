// Assignments as each role may reach them: coordinators and pair workers their region's, an orderer
// their own unit's, an expert their own (found by the session's user). Anything else is not found.
import { and, asc, eq, gt, inArray, isNull, lte, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../db.js'
import { areas, assignments, debriefs, experts, offers, orderingUnits, orders, regions, users } from '../../../db/schema.js'
import type { CurrentUser } from '../../web/types.js'

const holder = alias(users, 'holder')

function reachOf (user: CurrentUser): SQL | undefined {
  switch (user.role) {
    case 'coordinator':
    case 'pair_worker':
      return eq(orders.regionId, user.regionId)
    case 'orderer':
      return and(eq(orders.regionId, user.regionId), eq(orders.orderingUnitId, user.orderingUnitId ?? -1))
    default:
      return eq(experts.userId, user.id)
  }
}

export function assignmentFor (db: Db, user: CurrentUser, assignmentId: number) {
  return db.select({
    id: assignments.id, orderId: assignments.orderId, expertId: assignments.expertId, offerId: assignments.offerId,
    startsAt: assignments.startsAt, endsAt: assignments.endsAt, load: assignments.load, status: assignments.status,
    confirmedAt: assignments.confirmedAt, cancelledAt: assignments.cancelledAt, cancelledBy: assignments.cancelledBy,
    cancellationReason: assignments.cancellationReason, feeDue: assignments.feeDue,
    actualMinutes: assignments.actualMinutes, preparationMinutes: assignments.preparationMinutes, kilometres: assignments.kilometres,
    receiptsCents: assignments.receiptsCents, audienceCame: assignments.audienceCame, completedAt: assignments.completedAt,
    regionId: orders.regionId, topic: orders.topic, description: orders.description, day: orders.day,
    durationMinutes: orders.durationMinutes, remote: orders.remote, address: orders.address, areaName: areas.name,
    unitName: orderingUnits.name, orderedByUserId: orders.orderedByUserId,
    displayName: experts.displayName, expertEmail: experts.email, expertLanguage: experts.preferredLanguage,
    offeredByUserId: offers.offeredByUserId,
    debriefDueOn: debriefs.dueOn, debriefDoneOn: debriefs.doneOn, debriefHeldByUserId: debriefs.heldByUserId,
    debriefHeldBy: holder.name, debriefSupportNeeded: debriefs.supportNeeded,
  }).from(assignments)
    .innerJoin(orders, eq(orders.id, assignments.orderId))
    .innerJoin(orderingUnits, eq(orderingUnits.id, orders.orderingUnitId))
    .innerJoin(experts, eq(experts.id, assignments.expertId))
    .leftJoin(areas, eq(areas.id, orders.areaId))
    .leftJoin(offers, eq(offers.id, assignments.offerId))
    .leftJoin(debriefs, eq(debriefs.assignmentId, assignments.id))
    .leftJoin(holder, eq(holder.id, debriefs.heldByUserId))
    .where(and(eq(assignments.id, assignmentId), reachOf(user))).get()
}

export type AssignmentView = NonNullable<ReturnType<typeof assignmentFor>>

// Who may hold a debrief: the region's active coordinators and pair workers.
export function debriefHolders (db: Db, regionId: number) {
  return db.select({ id: users.id, name: users.name }).from(users)
    .where(and(eq(users.regionId, regionId), inArray(users.role, ['coordinator', 'pair_worker']), eq(users.active, true)))
    .orderBy(asc(users.name)).all()
}

export function updateAssignment (db: Db, assignmentId: number, fields: Partial<typeof assignments.$inferInsert>): void {
  db.update(assignments).set(fields).where(eq(assignments.id, assignmentId)).run()
}

export function insertDebrief (db: Db, assignmentId: number, dueOn: string): void {
  db.insert(debriefs).values({ assignmentId, dueOn }).onConflictDoNothing().run()
}

export function updateDebrief (db: Db, assignmentId: number, fields: Partial<typeof debriefs.$inferInsert>): void {
  db.update(debriefs).set(fields).where(eq(debriefs.assignmentId, assignmentId)).run()
}

// ——— The scheduled work ———

// Pending offers past their answer time, found expert by expert (the offers_expert_status index).
export function lapsedOffers (db: Db, now: string) {
  return db.select({ id: offers.id, orderId: offers.orderId }).from(experts)
    .innerJoin(offers, and(eq(offers.expertId, experts.id), eq(offers.status, 'pending')))
    .where(lte(offers.expiresAt, now)).all()
}

export function expireOffers (db: Db, offerIds: number[]): void {
  db.update(offers).set({ status: 'expired' }).where(inArray(offers.id, offerIds)).run()
}

// Orders that have started without any live assignment yet marked as such, region by region (the
// orders_region_status_starts index).
export function startedOpenOrders (db: Db, now: string) {
  return db.select({ id: orders.id }).from(regions)
    .innerJoin(orders, and(eq(orders.regionId, regions.id), inArray(orders.status, ['new', 'matching']), lte(orders.startsAt, now))).all()
    .map((row) => row.id)
}

// Confirmed assignments starting within the window that have had no reminder.
export function assignmentsToRemind (db: Db, now: string, until: string) {
  return db.select({
    id: assignments.id, regionId: orders.regionId, topic: orders.topic, startsAt: assignments.startsAt,
    remote: orders.remote, address: orders.address, areaName: areas.name,
    email: experts.email, language: experts.preferredLanguage, displayName: experts.displayName,
  }).from(assignments)
    .innerJoin(orders, eq(orders.id, assignments.orderId))
    .innerJoin(experts, eq(experts.id, assignments.expertId))
    .leftJoin(areas, eq(areas.id, orders.areaId))
    .where(and(eq(assignments.status, 'confirmed'), gt(assignments.startsAt, now), lte(assignments.startsAt, until), isNull(assignments.reminderSentAt)))
    .orderBy(asc(assignments.startsAt)).all()
}

export function markReminded (db: Db, assignmentIds: number[], now: string): void {
  db.update(assignments).set({ reminderSentAt: now }).where(inArray(assignments.id, assignmentIds)).run()
}
