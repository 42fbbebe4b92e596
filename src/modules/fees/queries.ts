// The region's fee rules by year, and the claims computed from work. Db-first functions, plain rows.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db.js'
import {
  assignments, channels, experts, feeChannelBases, feeClaimEvents, feeClaimLines, feeClaims, feePackages, feeRules,
  feeUnitOverrides, orderingUnits, orders, lineKinds, payrollBatchClaims, payrollBatches, taxCards, users, type FeeBasis, type LineKind,
} from '../../../db/schema.js'
import type { Line, YearRules } from './rules.js'

export type RuleRow = typeof feeRules.$inferSelect
export type RuleFields = Omit<RuleRow, 'regionId' | 'year' | 'updatedAt'>

export function ruleRowOf (db: Db, regionId: number, year: number): RuleRow | undefined {
  return db.select().from(feeRules).where(and(eq(feeRules.regionId, regionId), eq(feeRules.year, year))).get()
}

export function saveRules (db: Db, regionId: number, year: number, fields: RuleFields, updatedAt: string): void {
  db.insert(feeRules).values({ ...fields, regionId, year, updatedAt })
    .onConflictDoUpdate({ target: [feeRules.regionId, feeRules.year], set: { ...fields, updatedAt } }).run()
}

export function ruleYears (db: Db, regionId: number): number[] {
  return db.select({ year: feeRules.year }).from(feeRules).where(eq(feeRules.regionId, regionId)).orderBy(asc(feeRules.year)).all().map((row) => row.year)
}

export function packagesOf (db: Db, regionId: number, year: number) {
  return db.select({ id: feePackages.id, name: feePackages.name, amountCents: feePackages.amountCents, channelId: feePackages.channelId, channelName: channels.name })
    .from(feePackages).leftJoin(channels, eq(channels.id, feePackages.channelId))
    .where(and(eq(feePackages.regionId, regionId), eq(feePackages.year, year))).orderBy(asc(feePackages.id)).all()
}

export function insertPackage (db: Db, row: typeof feePackages.$inferInsert): void {
  db.insert(feePackages).values(row).run()
}

export function channelBasesOf (db: Db, regionId: number, year: number) {
  return db.select({ channelId: feeChannelBases.channelId, basis: feeChannelBases.basis }).from(feeChannelBases)
    .where(and(eq(feeChannelBases.regionId, regionId), eq(feeChannelBases.year, year))).all()
}

export function saveChannelBases (db: Db, regionId: number, year: number, bases: { channelId: number, basis: FeeBasis }[]): void {
  db.delete(feeChannelBases).where(and(eq(feeChannelBases.regionId, regionId), eq(feeChannelBases.year, year))).run()
  if (bases.length > 0) db.insert(feeChannelBases).values(bases.map((row) => ({ ...row, regionId, year }))).run()
}

export function unitOverridesOf (db: Db, regionId: number, year: number) {
  return db.select({ orderingUnitId: feeUnitOverrides.orderingUnitId, unitName: orderingUnits.name, basis: feeUnitOverrides.basis, amountCents: feeUnitOverrides.amountCents })
    .from(feeUnitOverrides).innerJoin(orderingUnits, eq(orderingUnits.id, feeUnitOverrides.orderingUnitId))
    .where(and(eq(feeUnitOverrides.regionId, regionId), eq(feeUnitOverrides.year, year))).orderBy(asc(orderingUnits.name)).all()
}

export function saveUnitOverride (db: Db, row: typeof feeUnitOverrides.$inferInsert): void {
  db.insert(feeUnitOverrides).values(row)
    .onConflictDoUpdate({ target: [feeUnitOverrides.regionId, feeUnitOverrides.year, feeUnitOverrides.orderingUnitId], set: { basis: row.basis, amountCents: row.amountCents } }).run()
}

export function removeUnitOverride (db: Db, regionId: number, year: number, orderingUnitId: number): void {
  db.delete(feeUnitOverrides).where(and(eq(feeUnitOverrides.regionId, regionId), eq(feeUnitOverrides.year, year),
    eq(feeUnitOverrides.orderingUnitId, orderingUnitId))).run()
}

// The year's whole rules as the computation takes them; undefined when the year has none.
export function rulesFor (db: Db, regionId: number, year: number): YearRules | undefined {
  const row = ruleRowOf(db, regionId, year)
  if (!row) return undefined
  const codes = {} as YearRules['codes']
  for (const kind of lineKinds) codes[kind] = { code: row[`${kind}Code`], text: row[`${kind}Text`] }
  const channelPackages = new Map<number, number>()
  for (const one of packagesOf(db, regionId, year)) if (one.channelId !== null && !channelPackages.has(one.channelId)) channelPackages.set(one.channelId, one.amountCents)
  return {
    hourlyCents: row.hourlyCents,
    meetingFeeCents: row.meetingFeeCents,
    preparationPaid: row.preparationPaid,
    preparationHourlyCents: row.preparationHourlyCents,
    kilometreCents: row.kilometreCents,
    receiptsReimbursed: row.receiptsReimbursed,
    codes,
    channelPackages,
    channelBases: new Map(channelBasesOf(db, regionId, year).map((one) => [one.channelId, one.basis])),
    unitOverrides: new Map(unitOverridesOf(db, regionId, year).map((one) => [one.orderingUnitId, { basis: one.basis, amountCents: one.amountCents }])),
  }
}

// ——— Claims ———

// The work behind an assignment's claim.
export function assignmentWork (db: Db, assignmentId: number) {
  return db.select({
    id: assignments.id, status: assignments.status, feeDue: assignments.feeDue, cancelledBy: assignments.cancelledBy,
    actualMinutes: assignments.actualMinutes, preparationMinutes: assignments.preparationMinutes,
    kilometres: assignments.kilometres, receiptsCents: assignments.receiptsCents,
    expertId: assignments.expertId, feePreference: experts.feePreference,
    regionId: orders.regionId, day: orders.day, channelId: orders.channelId, orderingUnitId: orders.orderingUnitId,
    plannedMinutes: orders.durationMinutes,
  }).from(assignments)
    .innerJoin(orders, eq(orders.id, assignments.orderId))
    .innerJoin(experts, eq(experts.id, assignments.expertId))
    .where(eq(assignments.id, assignmentId)).get()
}

export type ClaimRow = typeof feeClaims.$inferSelect

export function claimOfSource (db: Db, sourceType: string, sourceId: number): ClaimRow | undefined {
  return db.select().from(feeClaims).where(and(eq(feeClaims.sourceType, sourceType), eq(feeClaims.sourceId, sourceId))).get()
}

export function claimById (db: Db, claimId: number): ClaimRow | undefined {
  return db.select().from(feeClaims).where(eq(feeClaims.id, claimId)).get()
}

export function insertClaim (db: Db, row: typeof feeClaims.$inferInsert): ClaimRow {
  return db.insert(feeClaims).values(row).returning().get()
}

export function updateClaim (db: Db, claimId: number, fields: Partial<typeof feeClaims.$inferInsert>): void {
  db.update(feeClaims).set(fields).where(eq(feeClaims.id, claimId)).run()
}

export type LineRow = typeof feeClaimLines.$inferSelect

export function linesOf (db: Db, claimIds: number[]): LineRow[] {
  if (claimIds.length === 0) return []
  return db.select().from(feeClaimLines).where(inArray(feeClaimLines.claimId, claimIds)).orderBy(asc(feeClaimLines.claimId), asc(feeClaimLines.id)).all()
}

export function replaceLines (db: Db, claimId: number, lines: Line[]): void {
  db.delete(feeClaimLines).where(eq(feeClaimLines.claimId, claimId)).run()
  if (lines.length > 0) db.insert(feeClaimLines).values(lines.map((line) => ({ ...line, claimId }))).run()
}

export function updateLineAmount (db: Db, claimId: number, kind: LineKind, amountCents: number): void {
  db.update(feeClaimLines).set({ amountCents }).where(and(eq(feeClaimLines.claimId, claimId), eq(feeClaimLines.kind, kind))).run()
}

export function insertEvent (db: Db, row: typeof feeClaimEvents.$inferInsert): void {
  db.insert(feeClaimEvents).values(row).run()
}

export function eventsOf (db: Db, claimId: number) {
  return db.select().from(feeClaimEvents).where(eq(feeClaimEvents.claimId, claimId)).orderBy(asc(feeClaimEvents.id)).all()
}

// Claims of a region and year still open to recomputing (not yet approved).
export function openClaimSources (db: Db, regionId: number, year: number) {
  return db.select({ sourceType: feeClaims.sourceType, sourceId: feeClaims.sourceId }).from(feeClaims)
    .where(and(eq(feeClaims.regionId, regionId), eq(feeClaims.year, year), inArray(feeClaims.state, ['draft', 'submitted', 'returned']))).all()
}

// ——— What the pages show ———

const feeSum = sql<number>`(select coalesce(sum(l.amount_cents), 0) from fee_claim_lines l where l.claim_id = "fee_claims"."id" and l.kind in ('fee', 'preparation'))`
const expenseSum = sql<number>`(select coalesce(sum(l.amount_cents), 0) from fee_claim_lines l where l.claim_id = "fee_claims"."id" and l.kind in ('travel', 'receipts'))`

// Claims with their work, payee, batch and sums; the source's title is the order's topic for an assignment.
export function claimRows (db: Db, where: SQL | undefined, limit = 500) {
  return db.select({
    id: feeClaims.id, regionId: feeClaims.regionId, expertId: feeClaims.expertId, sourceType: feeClaims.sourceType, sourceId: feeClaims.sourceId,
    workDay: feeClaims.workDay, year: feeClaims.year, state: feeClaims.state, feeChoice: feeClaims.feeChoice, returnReason: feeClaims.returnReason,
    rulesMissing: feeClaims.rulesMissing, submittedAt: feeClaims.submittedAt, approvedAt: feeClaims.approvedAt, createdAt: feeClaims.createdAt,
    updatedAt: feeClaims.updatedAt, approvedByUserId: feeClaims.approvedByUserId,
    topic: orders.topic, displayName: experts.displayName, realName: experts.realName, feePreference: experts.feePreference,
    batchId: payrollBatchClaims.batchId, paymentOn: payrollBatches.paymentOn, paidOn: payrollBatches.paidOn,
    feeCents: feeSum, expenseCents: expenseSum,
  }).from(feeClaims)
    .innerJoin(experts, eq(experts.id, feeClaims.expertId))
    .leftJoin(assignments, and(eq(feeClaims.sourceType, 'assignment'), eq(assignments.id, feeClaims.sourceId)))
    .leftJoin(orders, eq(orders.id, assignments.orderId))
    .leftJoin(payrollBatchClaims, eq(payrollBatchClaims.claimId, feeClaims.id))
    .leftJoin(payrollBatches, eq(payrollBatches.id, payrollBatchClaims.batchId))
    .where(where).orderBy(desc(feeClaims.workDay), desc(feeClaims.id)).limit(limit).all()
}

export type ClaimListRow = ReturnType<typeof claimRows>[number]

export function claimOfRegion (db: Db, regionId: number, claimId: number): ClaimListRow | undefined {
  return claimRows(db, and(eq(feeClaims.regionId, regionId), eq(feeClaims.id, claimId)), 1)[0]
}

export function ownClaims (db: Db, expertId: number) {
  return claimRows(db, eq(feeClaims.expertId, expertId))
}

export function taxCardsOf (db: Db, expertId: number) {
  return db.select({ year: taxCards.year, receivedOn: taxCards.receivedOn }).from(taxCards).where(eq(taxCards.expertId, expertId)).orderBy(desc(taxCards.year)).all()
}

export function saveTaxCard (db: Db, row: typeof taxCards.$inferInsert): void {
  db.insert(taxCards).values(row).onConflictDoUpdate({ target: [taxCards.expertId, taxCards.year], set: { receivedOn: row.receivedOn, recordedByUserId: row.recordedByUserId, recordedAt: row.recordedAt } }).run()
}

export function userNames (db: Db, ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map()
  return new Map(db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)).all().map((row) => [row.id, row.name]))
}
