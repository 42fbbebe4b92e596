// Fee rules, claims and their rows for the fees tests.
import { eq } from 'drizzle-orm'
import type { Db } from '../../../src/db.js'
import { feeClaimEvents, feeClaimLines, feeClaims } from '../../../db/schema.js'
import { saveRules, type RuleFields } from '../../../src/modules/fees/queries.js'
import type { YearRules } from '../../../src/modules/fees/rules.js'

export { auditRows, rowCount } from '../consents/support.js'

export const ruleFields: RuleFields = {
  hourlyCents: 2500, meetingFeeCents: 6000, preparationPaid: true, preparationHourlyCents: 2000, kilometreCents: 55, receiptsReimbursed: true,
  feeCode: '201', feeText: 'Palkkio', preparationCode: '201', preparationText: 'Valmistautuminen', travelCode: '311', travelText: 'Kilometrikorvaus',
  receiptsCode: '330', receiptsText: 'Kulukorvaus',
}

export function someRules (fields: Partial<YearRules> = {}): YearRules {
  return {
    hourlyCents: 2500, meetingFeeCents: 6000, preparationPaid: true, preparationHourlyCents: 2000, kilometreCents: 55, receiptsReimbursed: true,
    codes: { fee: { code: '201', text: 'Palkkio' }, preparation: { code: '201', text: 'Valmistautuminen' }, travel: { code: '311', text: 'Km' }, receipts: { code: '330', text: 'Kulut' } },
    channelPackages: new Map(), channelBases: new Map(), unitOverrides: new Map(), ...fields,
  }
}

export function yearRules (db: Db, regionId: number, year: number, fields: Partial<RuleFields> = {}) {
  saveRules(db, regionId, year, { ...ruleFields, ...fields }, new Date().toISOString())
}

export function claimsOf (db: Db, expertId: number) {
  return db.select().from(feeClaims).where(eq(feeClaims.expertId, expertId)).all()
}

export function linesOfClaim (db: Db, claimId: number) {
  return db.select().from(feeClaimLines).where(eq(feeClaimLines.claimId, claimId)).orderBy(feeClaimLines.id).all()
    .map((line) => [line.kind, line.amountCents] as [string, number])
}

export function eventsOfClaim (db: Db, claimId: number) {
  return db.select().from(feeClaimEvents).where(eq(feeClaimEvents.claimId, claimId)).all()
}
