// Claims from work (design §4.13, §5 "Fees"). Completing an assignment, or cancelling it late with the
// fee due (by the orderer or a coordinator), makes its claim; a correction of the work recomputes it
// while it is a draft, submitted or returned. Once approved a claim never changes (the database refuses
// a change of its lines), so the work behind it may no longer be corrected either. Every change is in
// the claim's history and in the audit log on the expert's record.
import type { Db } from '../../db.js'
import type { FeeChoice, FeePreference } from '../../../db/schema.js'
import { recordAudit } from '../audit/service.js'
import { claimLines, totalOf, yearOf } from './rules.js'
import {
  assignmentWork, claimOfSource, insertClaim, insertEvent, linesOf, replaceLines, rulesFor, updateClaim, type ClaimRow,
} from './queries.js'

export const lockedStates: readonly ClaimRow['state'][] = ['approved', 'batched', 'paid']

export function isLocked (claim: Pick<ClaimRow, 'state'> | undefined): boolean {
  return claim !== undefined && lockedStates.includes(claim.state)
}

// The choice a fee preference makes; 'ask' leaves it to the expert (null until chosen).
export function choiceOf (preference: FeePreference): FeeChoice | null {
  return preference === 'ask' ? null : preference
}

// Whether an assignment's claim is locked (approved or later): its work may then not be corrected.
export function assignmentClaimLocked (db: Db, assignmentId: number): boolean {
  return isLocked(claimOfSource(db, 'assignment', assignmentId))
}

// Makes or recomputes the claim of an assignment, inside the caller's transaction. Nothing is due for
// work neither done nor cancelled late with its fee due; a locked claim is left as it is.
export function claimAssignment (db: Db, assignmentId: number, actorUserId: number | null, now: string): ClaimRow | undefined {
  const work = assignmentWork(db, assignmentId)!
  const due = work.status === 'completed' || (work.status === 'cancelled' && work.feeDue && work.cancelledBy !== 'expert')
  const existing = claimOfSource(db, 'assignment', assignmentId)
  if (!due || isLocked(existing)) return existing
  const year = yearOf(work.day)
  const feeChoice = existing ? existing.feeChoice : choiceOf(work.feePreference)
  const rules = rulesFor(db, work.regionId, year)
  const cancelled = work.status === 'cancelled'
  const lines = rules
    ? claimLines(rules, {
      channelId: work.channelId, orderingUnitId: work.orderingUnitId, plannedMinutes: work.plannedMinutes,
      actualMinutes: cancelled ? null : work.actualMinutes, preparationMinutes: work.preparationMinutes,
      kilometres: work.kilometres, receiptsCents: work.receiptsCents,
    }, feeChoice ?? 'paid')
    : []
  const claim = existing ?? insertClaim(db, {
    regionId: work.regionId, expertId: work.expertId, sourceType: 'assignment', sourceId: assignmentId, workDay: work.day, year, feeChoice, createdAt: now,
  })
  const before = existing ? totalOf(linesOf(db, [claim.id])) : null
  replaceLines(db, claim.id, lines)
  updateClaim(db, claim.id, { rulesMissing: rules === undefined, updatedAt: now })
  const action = existing ? 'recomputed' : 'created'
  insertEvent(db, { claimId: claim.id, at: now, userId: actorUserId, action, beforeCents: before, afterCents: totalOf(lines) })
  recordAudit(db, { regionId: work.regionId, actorUserId, action: `claim_${action}`, subjectType: 'expert', subjectId: work.expertId, detail: `claim:${claim.id}` })
  return { ...claim, rulesMissing: rules === undefined }
}

// Recomputes a source's claim (after the expert's choice or a change of the year's rules).
// One way to compute a claim per kind of source (a facilitated peer-group session will be the next).
const computers: Record<string, typeof claimAssignment> = { assignment: claimAssignment }

export function recomputeClaim (db: Db, claim: Pick<ClaimRow, 'sourceType' | 'sourceId'>, actorUserId: number | null, now: string): void {
  computers[claim.sourceType]!(db, claim.sourceId, actorUserId, now)
}
