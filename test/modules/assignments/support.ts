// A confirmed assignment from an accepted offer: the order (by an orderer of its unit), the coordinator
// who offered, the expert (with an e-mail address), and what the forms leave behind.
import { eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import type { Db } from '../../../src/db.js'
import { assignments, debriefs, offers } from '../../../db/schema.js'
import { anAssignment, anExpert, aRegion } from '../../helper.js'
import { anOfferedOrder } from '../offers/support.js'

export { assignmentsOf, auditRows, mailsTo, orderRow } from '../offers/support.js'

export async function aConfirmedAssignment (db: Db, options: {
  regionId?: number
  expert?: Partial<Parameters<typeof anExpert>[1]>
  order?: Parameters<typeof anOfferedOrder>[3]
} = {}) {
  const regionId = options.regionId ?? aRegion(db).id
  const expert = anExpert(db, { email: 'expert@example.fi', ...options.expert, regionId })
  const { coordinator, orderer, order, offer } = await anOfferedOrder(db, regionId, expert.id, options.order)
  db.update(offers).set({ status: 'accepted', answeredAt: offer.offeredAt }).where(eq(offers.id, offer.id)).run()
  const assignment = anAssignment(db, order.id, expert.id, { offerId: offer.id })
  return { regionId, expert, coordinator, orderer, order, offer, assignment }
}

export function assignmentRow (db: Db, id: number) {
  return db.select().from(assignments).where(eq(assignments.id, id)).get()!
}

export function debriefOf (db: Db, assignmentId: number) {
  return db.select().from(debriefs).where(eq(debriefs.assignmentId, assignmentId)).get()
}

// The Helsinki day and whole-minute time some milliseconds from now, for an order starting then.
export function helsinkiIn (ms: number) {
  const at = DateTime.now().plus({ milliseconds: ms }).setZone('Europe/Helsinki')
  return { day: at.toISODate()!, startTime: at.toFormat('HH:mm') }
}
