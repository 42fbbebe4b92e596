// Payroll batches (design §4.13, §5 "Fees"). A coordinator makes a batch of the region's approved claims
// up to a day, to be paid on a payment day; a claim with a fee line goes in only when the expert's tax
// card of the payment's year is recorded (the others wait, listed on /payments). A batch with no claims
// is refused. The first export writes the batch's rows and fixes it; the database then refuses any
// change of the batch, its claims or its rows, and refuses a claim in a second batch. An exported batch
// is later marked paid with the payment date. Every step is audited on each expert's record; the export,
// the only place the identity code is decrypted, too.
import type { Db } from '../../db.js'
import type { Errors } from '../../web/forms.js'
import { recordAudit } from '../audit/service.js'
import { insertEvent } from '../fees/queries.js'
import { yearOf } from '../fees/rules.js'
import { payrollCsv } from './export.js'
import {
  addToBatch, batchableClaims, claimIdsOf, expertsOfClaims, exportedLines, insertBatch, setClaimsState, snapshotLines, updateBatch, type BatchRow,
} from './queries.js'

export type Outcome<T> = { ok: true, value: T } | { ok: false, errors: Errors }
export interface Actor { id: number, regionId: number }

function auditExperts (db: Db, actor: Actor, claimIds: number[], action: string, batchId: number) {
  for (const expertId of expertsOfClaims(db, claimIds)) {
    recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action, subjectType: 'expert', subjectId: expertId, detail: `batch:${batchId}` })
  }
}

function events (db: Db, actor: Actor, claimIds: number[], action: string, now: string) {
  for (const claimId of claimIds) insertEvent(db, { claimId, at: now, userId: actor.id, action })
}

export function createBatch (db: Db, actor: Actor, fields: { upTo: string, paymentOn: string }, now: string): Outcome<BatchRow> {
  return db.transaction(() => {
    const claims = batchableClaims(db, actor.regionId, fields.upTo, yearOf(fields.paymentOn)).filter((claim) => claim.feeCents === 0 || claim.taxCardOn !== null)
    if (claims.length === 0) return { ok: false, errors: { upTo: { key: 'payments.error.noClaims' } } }
    const ids = claims.map((claim) => claim.id)
    const batch = insertBatch(db, { regionId: actor.regionId, ...fields, totalCents: claims.reduce((sum, claim) => sum + claim.total, 0), createdByUserId: actor.id, createdAt: now })
    addToBatch(db, batch.id, ids)
    setClaimsState(db, ids, 'batched', now)
    events(db, actor, ids, 'batched', now)
    auditExperts(db, actor, ids, 'batch_created', batch.id)
    return { ok: true, value: batch }
  })
}

// The export's bytes; the first export writes the rows and fixes the batch.
export function exportBatch (db: Db, actor: Actor, batch: BatchRow, dataKey: Buffer, now: string): string {
  return db.transaction(() => {
    if (batch.exportedAt === null) {
      snapshotLines(db, batch.id)
      updateBatch(db, batch.id, { exportedAt: now })
    }
    auditExperts(db, actor, claimIdsOf(db, batch.id), 'payroll_exported', batch.id)
    return payrollCsv(batch, exportedLines(db, batch.id), dataKey)
  })
}

export function markPaid (db: Db, actor: Actor, batch: BatchRow, paidOn: string, now: string): Outcome<undefined> {
  if (batch.exportedAt === null) return { ok: false, errors: { paidOn: { key: 'payments.error.notExported' } } }
  if (batch.paidOn !== null) return { ok: false, errors: { paidOn: { key: 'payments.error.alreadyPaid' } } }
  db.transaction(() => {
    const ids = claimIdsOf(db, batch.id)
    updateBatch(db, batch.id, { paidOn })
    setClaimsState(db, ids, 'paid', now)
    events(db, actor, ids, 'paid', now)
    auditExperts(db, actor, ids, 'batch_paid', batch.id)
  })
  return { ok: true, value: undefined }
}
