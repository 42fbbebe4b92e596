// A claim's life (design §4.13): draft → submitted (the expert confirms it on /me/fees, or a coordinator
// on their behalf) → approved (a coordinator) → in a batch → paid; or, while submitted, returned with a
// reason, corrected and submitted again. An expert asked each time chooses, while the claim is open,
// whether the fee is paid or declined. A coordinator may correct a line of an open claim with a reason.
// Every step is kept in the claim's history and written to the audit log on the expert's record.
import type { Db } from '../../db.js'
import type { Errors } from '../../web/forms.js'
import type { FeeChoice, LineKind } from '../../../db/schema.js'
import { recordAudit } from '../audit/service.js'
import { recomputeClaim } from './claims.js'
import { insertEvent, linesOf, updateClaim, updateLineAmount, type ClaimRow } from './queries.js'

export type Outcome = { ok: true } | { ok: false, errors: Errors }

export const openStates: readonly ClaimRow['state'][] = ['draft', 'submitted', 'returned']

function refused (key: string): Outcome {
  return { ok: false, errors: { claim: { key: `claims.refused.${key}` } } }
}

function record (db: Db, claim: ClaimRow, actorUserId: number, action: string, now: string, event: { reason?: string, lineKind?: LineKind, beforeCents?: number, afterCents?: number } = {}) {
  insertEvent(db, { claimId: claim.id, at: now, userId: actorUserId, action, ...event })
  recordAudit(db, { regionId: claim.regionId, actorUserId, action: `claim_${action}`, subjectType: 'expert', subjectId: claim.expertId, detail: `claim:${claim.id}` })
}

export function submitClaim (db: Db, actorUserId: number, claim: ClaimRow, now: string): Outcome {
  if (claim.state !== 'draft' && claim.state !== 'returned') return refused(claim.state)
  if (claim.rulesMissing) return refused('rulesMissing')
  if (claim.feeChoice === null) return refused('choose')
  db.transaction(() => {
    updateClaim(db, claim.id, { state: 'submitted', submittedAt: now, updatedAt: now })
    record(db, claim, actorUserId, 'submitted', now)
  })
  return { ok: true }
}

export function chooseFee (db: Db, actorUserId: number, claim: ClaimRow, feeChoice: FeeChoice, now: string): Outcome {
  if (claim.state !== 'draft' && claim.state !== 'returned') return refused(claim.state)
  db.transaction(() => {
    updateClaim(db, claim.id, { feeChoice, updatedAt: now })
    recomputeClaim(db, claim, actorUserId, now)
    record(db, claim, actorUserId, `chosen_${feeChoice}`, now)
  })
  return { ok: true }
}

export function approveClaim (db: Db, actorUserId: number, claim: ClaimRow, now: string): Outcome {
  if (claim.state !== 'submitted') return refused(claim.state)
  db.transaction(() => {
    updateClaim(db, claim.id, { state: 'approved', approvedAt: now, approvedByUserId: actorUserId, updatedAt: now })
    record(db, claim, actorUserId, 'approved', now)
  })
  return { ok: true }
}

export function returnClaim (db: Db, actorUserId: number, claim: ClaimRow, reason: string, now: string): Outcome {
  if (claim.state !== 'submitted') return refused(claim.state)
  db.transaction(() => {
    updateClaim(db, claim.id, { state: 'returned', returnReason: reason, updatedAt: now })
    record(db, claim, actorUserId, 'returned', now, { reason })
  })
  return { ok: true }
}

export function correctLine (db: Db, actorUserId: number, claim: ClaimRow, fields: { kind: LineKind, amountCents: number, reason: string }, now: string): Outcome {
  if (!openStates.includes(claim.state)) return refused(claim.state)
  const line = linesOf(db, [claim.id]).find((one) => one.kind === fields.kind)
  if (!line) return { ok: false, errors: { kind: { key: 'claims.error.noLine' } } }
  db.transaction(() => {
    updateLineAmount(db, claim.id, fields.kind, fields.amountCents)
    updateClaim(db, claim.id, { updatedAt: now })
    record(db, claim, actorUserId, 'line_corrected', now, { lineKind: fields.kind, beforeCents: line.amountCents, afterCents: fields.amountCents, reason: fields.reason })
  })
  return { ok: true }
}
