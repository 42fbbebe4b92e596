// An order offered to signed-in experts, and what answers leave behind.
import { and, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { Db } from '../../../src/db.js'
import { assignments, auditLog, offers, orders, outbox } from '../../../db/schema.js'
import { anExpert, anOffer, anOrder, aUser, signedIn } from '../../helper.js'

export async function signedInExpert (app: FastifyInstance, db: Db, fields: Omit<Parameters<typeof anExpert>[1], 'regionId' | 'userId'> & { regionId?: number } = {}) {
  const { browser, user } = await signedIn(app, db, 'expert', fields.regionId === undefined ? {} : { regionId: fields.regionId })
  const expert = anExpert(db, { email: `${user.email}`, ...fields, regionId: user.regionId, userId: user.id })
  return { browser, user, expert }
}

// An order of the region made by an orderer and offered by a coordinator to the expert.
export async function anOfferedOrder (db: Db, regionId: number, expertId: number, orderFields: Partial<Parameters<typeof anOrder>[1]> = {}) {
  const coordinator = await aUser(db, { role: 'coordinator', regionId })
  const order = anOrder(db, { regionId, ...orderFields })
  const orderer = await aUser(db, { role: 'orderer', regionId, orderingUnitId: order.orderingUnitId })
  db.update(orders).set({ orderedByUserId: orderer.id }).where(eq(orders.id, order.id)).run()
  const offer = anOffer(db, order.id, expertId, { offeredByUserId: coordinator.id })
  return { coordinator, orderer, order, offer }
}

export function offerRow (db: Db, id: number) {
  return db.select().from(offers).where(eq(offers.id, id)).get()!
}

export function orderRow (db: Db, id: number) {
  return db.select().from(orders).where(eq(orders.id, id)).get()!
}

export function assignmentsOf (db: Db, orderId: number) {
  return db.select().from(assignments).where(eq(assignments.orderId, orderId)).all()
}

export function mailsTo (db: Db, to: string) {
  return db.select().from(outbox).where(eq(outbox.toAddress, to)).all()
}

export function auditRows (db: Db, action: string, subjectId: number) {
  return db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.subjectType, 'expert'), eq(auditLog.subjectId, subjectId))).orderBy(auditLog.id).all()
}
