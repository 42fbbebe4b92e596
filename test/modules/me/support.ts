// A signed-in expert linked to their own expert record, and what the pages leave behind.
import { and, asc, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { Db } from '../../../src/db.js'
import { auditLog, availabilityWindows, experts, unavailablePeriods } from '../../../db/schema.js'
import { anExpert, signedIn } from '../../helper.js'

export async function signedInExpert (app: FastifyInstance, db: Db, fields: Omit<Parameters<typeof anExpert>[1], 'regionId' | 'userId'> & { regionId?: number } = {}) {
  const { browser, user } = await signedIn(app, db, 'expert', fields.regionId === undefined ? {} : { regionId: fields.regionId })
  const expert = anExpert(db, { ...fields, regionId: user.regionId, userId: user.id })
  return { browser, user, expert }
}

export function auditRows (db: Db, action: string, subjectId: number) {
  return db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.subjectType, 'expert'), eq(auditLog.subjectId, subjectId))).orderBy(auditLog.id).all()
}

export function expertRow (db: Db, id: number) {
  return db.select().from(experts).where(eq(experts.id, id)).get()!
}

// In the order they were added.
export function windowsOf (db: Db, expertId: number) {
  return db.select().from(availabilityWindows).where(eq(availabilityWindows.expertId, expertId)).orderBy(asc(availabilityWindows.id)).all()
}

export function periodsOf (db: Db, expertId: number) {
  return db.select().from(unavailablePeriods).where(eq(unavailablePeriods.expertId, expertId)).orderBy(asc(unavailablePeriods.id)).all()
}
