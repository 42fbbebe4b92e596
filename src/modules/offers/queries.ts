// What the signed-in expert sees of their offers and assignments. Every query starts from the expert
// row found by the session's user (me/queries ownExpert), never from an expert id in the request;
// an offer id from the request is always paired with that expert's id.
import { and, asc, desc, eq, gt, inArray, lte, ne, or, sql } from 'drizzle-orm'
import type { Db } from '../../db.js'
import { areas, assignments, experts, offers, orderingUnits, orders, users } from '../../../db/schema.js'

// What an offer card and an assignment row show of the order: what, when, where, for whom.
const orderFacts = {
  orderId: orders.id, topic: orders.topic, description: orders.description, day: orders.day,
  startsAt: orders.startsAt, endsAt: orders.endsAt, durationMinutes: orders.durationMinutes,
  remote: orders.remote, address: orders.address, areaName: areas.name, unitName: orderingUnits.name,
  audienceKind: orders.audienceKind, audienceSize: orders.audienceSize, preparationWanted: orders.preparationWanted, load: orders.load,
}

// Pending offers still open: not past their answer time, of an order neither cancelled nor started.
export function openOffersOf (db: Db, expertId: number, now: string) {
  return db.select({ id: offers.id, expiresAt: offers.expiresAt, ...orderFacts }).from(offers)
    .innerJoin(orders, eq(orders.id, offers.orderId))
    .innerJoin(orderingUnits, eq(orderingUnits.id, orders.orderingUnitId))
    .leftJoin(areas, eq(areas.id, orders.areaId))
    .where(and(eq(offers.expertId, expertId), eq(offers.status, 'pending'), gt(offers.expiresAt, now),
      ne(orders.status, 'cancelled'), gt(orders.startsAt, now)))
    .orderBy(asc(offers.expiresAt), asc(offers.id)).all()
}

export type OpenOffer = ReturnType<typeof openOffersOf>[number]

// Confirmed assignments that have not yet ended, soonest first.
export function upcomingAssignmentsOf (db: Db, expertId: number, now: string) {
  return db.select({ id: assignments.id, ...orderFacts }).from(assignments)
    .innerJoin(orders, eq(orders.id, assignments.orderId))
    .innerJoin(orderingUnits, eq(orderingUnits.id, orders.orderingUnitId))
    .leftJoin(areas, eq(areas.id, orders.areaId))
    .where(and(eq(assignments.expertId, expertId), eq(assignments.status, 'confirmed'), gt(assignments.endsAt, now)))
    .orderBy(asc(assignments.startsAt)).all()
}

// The latest answered or closed offers (a pending offer past its time counts as expired).
export function pastAnswersOf (db: Db, expertId: number, now: string, limit = 10) {
  return db.select({
    id: offers.id, topic: orders.topic, startsAt: orders.startsAt, answeredAt: offers.answeredAt,
    status: sql<string>`case when ${offers.status} = 'pending' then 'expired' else ${offers.status} end`,
  }).from(offers).innerJoin(orders, eq(orders.id, offers.orderId))
    .where(and(eq(offers.expertId, expertId), or(ne(offers.status, 'pending'), lte(offers.expiresAt, now), lte(orders.startsAt, now), eq(orders.status, 'cancelled'))))
    .orderBy(desc(offers.offeredAt), desc(offers.id)).limit(limit).all()
}

// One offer of the expert with what answering it needs; another expert's offer is not found.
export function offerToAnswer (db: Db, expertId: number, offerId: number) {
  return db.select({
    id: offers.id, status: offers.status, expiresAt: offers.expiresAt, offeredByUserId: offers.offeredByUserId,
    orderId: orders.id, regionId: orders.regionId, orderStatus: orders.status, topic: orders.topic,
    startsAt: orders.startsAt, endsAt: orders.endsAt, load: orders.load, expertsWanted: orders.expertsWanted,
    orderedByUserId: orders.orderedByUserId,
  }).from(offers).innerJoin(orders, eq(orders.id, offers.orderId))
    .where(and(eq(offers.id, offerId), eq(offers.expertId, expertId))).get()
}

export type OfferToAnswer = NonNullable<ReturnType<typeof offerToAnswer>>

// The slots of an order's live assignments, lowest first.
export function liveSlotsOf (db: Db, orderId: number): number[] {
  return db.select({ slot: assignments.slot }).from(assignments)
    .where(and(eq(assignments.orderId, orderId), ne(assignments.status, 'cancelled'))).orderBy(asc(assignments.slot)).all().map((row) => row.slot)
}

// The lowest slot 1… not held by a live assignment. When every place is taken this is one past the
// last place, which the database refuses ('order_full'): the database, not this read, decides.
export function lowestFreeSlot (taken: number[]): number {
  let slot = 1
  for (const held of taken) {
    if (held !== slot) break
    slot++
  }
  return slot
}

export function insertAssignment (db: Db, row: typeof assignments.$inferInsert): number {
  return db.insert(assignments).values(row).returning({ id: assignments.id }).get().id
}

export function answerOffer (db: Db, offerId: number, fields: { status: 'accepted' | 'declined', answeredAt: string, declineReason?: string | null }): void {
  db.update(offers).set(fields).where(eq(offers.id, offerId)).run()
}

// Withdraws the order's other pending offers; returns whose they were, for the mails.
export function withdrawPendingOffers (db: Db, orderId: number) {
  const pending = db.select({ id: offers.id, expertId: offers.expertId }).from(offers)
    .where(and(eq(offers.orderId, orderId), eq(offers.status, 'pending'))).all()
  if (pending.length === 0) return []
  db.update(offers).set({ status: 'withdrawn' }).where(inArray(offers.id, pending.map((row) => row.id))).run()
  return pending.map((row) => row.expertId)
}

// Where an expert's mail goes, in their language; experts without an e-mail address are left out.
export function expertRecipients (db: Db, expertIds: number[]) {
  if (expertIds.length === 0) return []
  return db.select({ id: experts.id, email: experts.email, language: experts.preferredLanguage, displayName: experts.displayName })
    .from(experts).where(inArray(experts.id, expertIds)).all()
    .filter((row): row is typeof row & { email: string } => row.email !== null)
}

// A staff user's e-mail address (the coordinator who offered, the orderer), when there is one.
export function userEmail (db: Db, userId: number | null): string | undefined {
  if (userId === null) return undefined
  return db.select({ email: users.email }).from(users).where(and(eq(users.id, userId), eq(users.active, true))).get()?.email
}
