// Tax cards per calendar year (design §5 "Fees"): the coordinator records that the expert's tax card of
// a year was received, and on which day. A fee is paid only when the tax card for the payment's year is
// recorded. Recording is audited on the expert's record.
import type { Db } from '../../db.js'
import { recordAudit } from '../audit/service.js'
import { saveTaxCard } from './queries.js'

export function recordTaxCard (db: Db, actor: { id: number, regionId: number }, expertId: number, fields: { year: number, receivedOn: string }, now: string): void {
  db.transaction(() => {
    saveTaxCard(db, { expertId, year: fields.year, receivedOn: fields.receivedOn, recordedByUserId: actor.id, recordedAt: now })
    recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action: 'tax_card_recorded', subjectType: 'expert', subjectId: expertId, detail: `year:${fields.year}` })
  })
}
