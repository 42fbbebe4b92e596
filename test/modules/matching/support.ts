// A region where an order can be matched: a coordinator's region, an order two weeks ahead, and
// experts who meet every rule unless a test takes something away.
import { and, eq } from 'drizzle-orm'
import type { Db } from '../../../src/db.js'
import { auditLog, availabilityWindows, expertLanguages, offers, orders, outbox } from '../../../db/schema.js'
import { anExpert, aConsent } from '../../helper.js'
import { helsinkiDay } from '../../../src/lib/dates.js'
import { DateTime } from 'luxon'

// An active expert with their own consent, Finnish, and a window around the whole day of the order.
export function anEligibleExpert (db: Db, order: { regionId: number, day: string }, fields: Partial<Parameters<typeof anExpert>[1]> = {}) {
  const expert = anExpert(db, { regionId: order.regionId, ...fields })
  aConsent(db, expert.id)
  db.insert(expertLanguages).values({ expertId: expert.id, language: 'fi' }).run()
  const weekday = DateTime.fromISO(order.day).weekday
  db.insert(availabilityWindows).values({ expertId: expert.id, weekday, startsAt: '06:00', endsAt: '22:00' }).run()
  return expert
}

export function offersOf (db: Db, orderId: number) {
  return db.select().from(offers).where(eq(offers.orderId, orderId)).all()
}

export function orderStatus (db: Db, orderId: number) {
  return db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).get()!.status
}

export function auditOf (db: Db, action: string) {
  return db.select().from(auditLog).where(and(eq(auditLog.action, action))).all()
}

export function mails (db: Db) {
  return db.select().from(outbox).all()
}

export { helsinkiDay }
