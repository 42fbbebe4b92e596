// The work lists of the coordinator's and pair worker's home name experts (by display name) with their
// offers, assignments and debriefs: reading them is one 'list' row in the audit log.
import type { Db } from '../../db.js'
import type { CurrentUser } from '../../web/types.js'
import { recordAudit } from '../audit/service.js'
import { openForMatching } from '../orders/status.js'
import { assignmentsOfWeek, offersAwaitingAnswers, ordersToMatch, overdueDebriefs, workToComplete } from './queries.js'

export function viewRegionWork (db: Db, actor: CurrentUser, now: string, day: string) {
  recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action: 'list', subjectType: 'expert', detail: 'home_work' })
  return {
    toMatch: ordersToMatch(db, actor.regionId, now),
    offers: offersAwaitingAnswers(db, actor.regionId, now),
    week: assignmentsOfWeek(db, actor.regionId, day),
    toComplete: workToComplete(db, actor.regionId, now),
    openForMatching,
    debriefs: overdueDebriefs(db, actor.regionId, day),
  }
}
