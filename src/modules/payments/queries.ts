// Payroll batches and the rows exported from them. Db-first functions, plain rows; every query takes
// the region, so another region's batch is never found.
import { and, asc, desc, eq, inArray, lte, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../db.js'
import { feeClaims, payrollBatchClaims, payrollBatches, payrollBatchLines, taxCards } from '../../../db/schema.js'

export type BatchRow = typeof payrollBatches.$inferSelect

export function batchesOf (db: Db, regionId: number, limit = 50) {
  return db.select({
    id: payrollBatches.id, upTo: payrollBatches.upTo, paymentOn: payrollBatches.paymentOn, totalCents: payrollBatches.totalCents,
    createdAt: payrollBatches.createdAt, exportedAt: payrollBatches.exportedAt, paidOn: payrollBatches.paidOn,
    claims: sql<number>`(select count(*) from payroll_batch_claims m where m.batch_id = "payroll_batches"."id")`,
  }).from(payrollBatches).where(eq(payrollBatches.regionId, regionId)).orderBy(desc(payrollBatches.id)).limit(limit).all()
}

export function batchOf (db: Db, regionId: number, batchId: number): BatchRow | undefined {
  return db.select().from(payrollBatches).where(and(eq(payrollBatches.regionId, regionId), eq(payrollBatches.id, batchId))).get()
}

// Approved claims of the region up to a day that are in no batch, with their fee sum and whether the
// expert's tax card of the year is recorded.
export function batchableClaims (db: Db, regionId: number, upTo: string, taxYear: number) {
  return db.select({
    id: feeClaims.id, expertId: feeClaims.expertId,
    total: sql<number>`(select coalesce(sum(l.amount_cents), 0) from fee_claim_lines l where l.claim_id = "fee_claims"."id")`,
    feeCents: sql<number>`(select coalesce(sum(l.amount_cents), 0) from fee_claim_lines l where l.claim_id = "fee_claims"."id" and l.kind in ('fee', 'preparation'))`,
    taxCardOn: taxCards.receivedOn,
  }).from(feeClaims)
    .leftJoin(payrollBatchClaims, eq(payrollBatchClaims.claimId, feeClaims.id))
    .leftJoin(taxCards, and(eq(taxCards.expertId, feeClaims.expertId), eq(taxCards.year, taxYear)))
    .where(and(eq(feeClaims.regionId, regionId), eq(feeClaims.state, 'approved'), lte(feeClaims.workDay, upTo), isNull(payrollBatchClaims.claimId)))
    .orderBy(asc(feeClaims.workDay), asc(feeClaims.id)).all()
}

export function insertBatch (db: Db, row: typeof payrollBatches.$inferInsert): BatchRow {
  return db.insert(payrollBatches).values(row).returning().get()
}

export function addToBatch (db: Db, batchId: number, claimIds: number[]): void {
  db.insert(payrollBatchClaims).values(claimIds.map((claimId) => ({ batchId, claimId }))).run()
}

export function claimIdsOf (db: Db, batchId: number): number[] {
  return db.select({ claimId: payrollBatchClaims.claimId }).from(payrollBatchClaims).where(eq(payrollBatchClaims.batchId, batchId)).orderBy(asc(payrollBatchClaims.claimId)).all().map((row) => row.claimId)
}

export function setClaimsState (db: Db, claimIds: number[], state: 'batched' | 'paid', now: string): void {
  db.update(feeClaims).set({ state, updatedAt: now }).where(inArray(feeClaims.id, claimIds)).run()
}

// The rows of the export as they are at the first export: one per line, in claim and line order.
export function snapshotLines (db: Db, batchId: number): void {
  db.$client.prepare(`insert into payroll_batch_lines (batch_id, claim_id, payee_name, identity_code_encrypted, birth_date, income_type_code, income_type_text, amount_cents, work_day)
    select m.batch_id, c.id, e.real_name, e.identity_code_encrypted, e.birth_date, l.income_type_code, l.income_type_text, l.amount_cents, c.work_day
      from payroll_batch_claims m join fee_claims c on c.id = m.claim_id join experts e on e.id = c.expert_id
      join fee_claim_lines l on l.claim_id = c.id
     where m.batch_id = ? order by c.work_day, c.id, l.id`).run(batchId)
}

export function exportedLines (db: Db, batchId: number) {
  return db.select().from(payrollBatchLines).where(eq(payrollBatchLines.batchId, batchId)).orderBy(asc(payrollBatchLines.id)).all()
}

export function updateBatch (db: Db, batchId: number, fields: Partial<typeof payrollBatches.$inferInsert>): void {
  db.update(payrollBatches).set(fields).where(eq(payrollBatches.id, batchId)).run()
}

// The experts of a batch's claims, for the audit rows.
export function expertsOfClaims (db: Db, claimIds: number[]): number[] {
  return [...new Set(db.select({ expertId: feeClaims.expertId }).from(feeClaims).where(inArray(feeClaims.id, claimIds)).all().map((row) => row.expertId))]
}

