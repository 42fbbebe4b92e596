// Fees and payroll (design §4.13 and §5 "Fees"): the region's yearly fee rules, the claims computed
// from work, tax cards per calendar year and payroll batches. Money is integer cents. The database
// itself guarantees (the triggers of the fees migration) that a claim is in at most one batch and that
// an exported batch and its lines never change.
import { sqliteTable, integer, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core'
import { now } from './now.js'
import { channels, orderingUnits, regions, users } from './structure.js'
import { experts } from './experts.js'

export const feeBases = ['hour', 'package', 'meeting'] as const
export type FeeBasis = (typeof feeBases)[number]
export const lineKinds = ['fee', 'preparation', 'travel', 'receipts'] as const
export type LineKind = (typeof lineKinds)[number]

// The region's fee rules of one calendar year; the rules of the year of the work's day apply. For each
// line type, the income type code and text the region's payroll expects.
export const feeRules = sqliteTable('fee_rules', {
  regionId: integer('region_id').notNull().references(() => regions.id),
  year: integer('year').notNull(),
  hourlyCents: integer('hourly_cents').notNull(),
  meetingFeeCents: integer('meeting_fee_cents').notNull(),
  preparationPaid: integer('preparation_paid', { mode: 'boolean' }).notNull(),
  preparationHourlyCents: integer('preparation_hourly_cents').notNull(),
  // The tax authority's kilometre allowance of the year, in cents per kilometre.
  kilometreCents: integer('kilometre_cents').notNull(),
  receiptsReimbursed: integer('receipts_reimbursed', { mode: 'boolean' }).notNull(),
  feeCode: text('fee_code').notNull(),
  feeText: text('fee_text').notNull(),
  preparationCode: text('preparation_code').notNull(),
  preparationText: text('preparation_text').notNull(),
  travelCode: text('travel_code').notNull(),
  travelText: text('travel_text').notNull(),
  receiptsCode: text('receipts_code').notNull(),
  receiptsText: text('receipts_text').notNull(),
  updatedAt: text('updated_at').notNull().default(now),
}, (t) => [primaryKey({ columns: [t.regionId, t.year] })])

// Per-task packages of a year (e.g. a group facilitation package), optionally of one channel: a
// channel paid as a package is paid its package's amount.
export const feePackages = sqliteTable('fee_packages', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  regionId: integer('region_id').notNull().references(() => regions.id),
  year: integer('year').notNull(),
  name: text('name').notNull(),
  amountCents: integer('amount_cents').notNull(),
  channelId: integer('channel_id').references(() => channels.id),
}, (t) => [index('fee_packages_region_year').on(t.regionId, t.year)])

// How each channel's work is paid in a year; a channel without a row is paid by the hour.
export const feeChannelBases = sqliteTable('fee_channel_bases', {
  regionId: integer('region_id').notNull().references(() => regions.id),
  year: integer('year').notNull(),
  channelId: integer('channel_id').notNull().references(() => channels.id),
  basis: text('basis', { enum: feeBases }).notNull(),
}, (t) => [primaryKey({ columns: [t.regionId, t.year, t.channelId] })])

// An ordering unit's own basis and amount for its orders in a year (the hourly rate, the package or
// the meeting fee), over the channel's.
export const feeUnitOverrides = sqliteTable('fee_unit_overrides', {
  regionId: integer('region_id').notNull().references(() => regions.id),
  year: integer('year').notNull(),
  orderingUnitId: integer('ordering_unit_id').notNull().references(() => orderingUnits.id),
  basis: text('basis', { enum: feeBases }).notNull(),
  amountCents: integer('amount_cents').notNull(),
}, (t) => [primaryKey({ columns: [t.regionId, t.year, t.orderingUnitId] })])

export const claimStates = ['draft', 'submitted', 'returned', 'approved', 'batched', 'paid'] as const
export type ClaimState = (typeof claimStates)[number]
export const feeChoices = ['paid', 'declined'] as const
export type FeeChoice = (typeof feeChoices)[number]

// A fee claim of one piece of work. Its source is general: an assignment now ('assignment', its id),
// a facilitated peer-group session later. feeChoice is null while an expert who is asked each time
// has not chosen. The year is the year of the work's day.
export const feeClaims = sqliteTable('fee_claims', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  regionId: integer('region_id').notNull().references(() => regions.id),
  expertId: integer('expert_id').notNull().references(() => experts.id),
  sourceType: text('source_type').notNull(),
  sourceId: integer('source_id').notNull(),
  workDay: text('work_day').notNull(),
  year: integer('year').notNull(),
  state: text('state', { enum: claimStates }).notNull().default('draft'),
  feeChoice: text('fee_choice', { enum: feeChoices }),
  returnReason: text('return_reason'),
  // Set when the claim's year has no fee rules: it has no lines until the admin saves them.
  rulesMissing: integer('rules_missing', { mode: 'boolean' }).notNull().default(false),
  submittedAt: text('submitted_at'),
  approvedAt: text('approved_at'),
  approvedByUserId: integer('approved_by_user_id').references(() => users.id),
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
}, (t) => [
  uniqueIndex('fee_claims_source').on(t.sourceType, t.sourceId),
  index('fee_claims_region_state').on(t.regionId, t.state, t.workDay),
  index('fee_claims_expert_year').on(t.expertId, t.year),
])

// One line per type: quantity is minutes (fee by the hour, preparation), kilometres (travel) or null.
export const feeClaimLines = sqliteTable('fee_claim_lines', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  claimId: integer('claim_id').notNull().references(() => feeClaims.id),
  kind: text('kind', { enum: lineKinds }).notNull(),
  basis: text('basis', { enum: feeBases }),
  quantity: integer('quantity'),
  rateCents: integer('rate_cents'),
  amountCents: integer('amount_cents').notNull(),
  incomeTypeCode: text('income_type_code').notNull(),
  incomeTypeText: text('income_type_text').notNull(),
}, (t) => [uniqueIndex('fee_claim_lines_claim_kind').on(t.claimId, t.kind)])

// Every change of a claim, with who, when, the line's amounts before and after and the reason.
export const feeClaimEvents = sqliteTable('fee_claim_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  claimId: integer('claim_id').notNull().references(() => feeClaims.id),
  at: text('at').notNull(),
  userId: integer('user_id').references(() => users.id),
  action: text('action').notNull(),
  lineKind: text('line_kind', { enum: lineKinds }),
  beforeCents: integer('before_cents'),
  afterCents: integer('after_cents'),
  reason: text('reason'),
}, (t) => [index('fee_claim_events_claim').on(t.claimId)])

// The expert's tax card of a calendar year, as the coordinator recorded it.
export const taxCards = sqliteTable('tax_cards', {
  expertId: integer('expert_id').notNull().references(() => experts.id),
  year: integer('year').notNull(),
  receivedOn: text('received_on').notNull(),
  recordedByUserId: integer('recorded_by_user_id').references(() => users.id),
  recordedAt: text('recorded_at').notNull().default(now),
}, (t) => [primaryKey({ columns: [t.expertId, t.year] })])

// A payroll batch: approved claims up to a day, paid on paymentOn (the day the export names). Once
// exported, its rows (payroll_batch_lines, written at the first export) never change; paidOn is set
// once when it is marked paid.
export const payrollBatches = sqliteTable('payroll_batches', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  regionId: integer('region_id').notNull().references(() => regions.id),
  upTo: text('up_to').notNull(),
  paymentOn: text('payment_on').notNull(),
  totalCents: integer('total_cents').notNull(),
  createdByUserId: integer('created_by_user_id').references(() => users.id),
  createdAt: text('created_at').notNull().default(now),
  exportedAt: text('exported_at'),
  paidOn: text('paid_on'),
}, (t) => [index('payroll_batches_region_created').on(t.regionId, t.createdAt)])

// The claims of a batch: a claim is in at most one batch (the unique claim id).
export const payrollBatchClaims = sqliteTable('payroll_batch_claims', {
  batchId: integer('batch_id').notNull().references(() => payrollBatches.id),
  claimId: integer('claim_id').notNull().references(() => feeClaims.id),
}, (t) => [uniqueIndex('payroll_batch_claims_claim').on(t.claimId), index('payroll_batch_claims_batch').on(t.batchId)])

// The rows of an exported batch as exported: the payee's name, encrypted identity code and birth date
// copied at the first export, so a second download is byte-identical.
export const payrollBatchLines = sqliteTable('payroll_batch_lines', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  batchId: integer('batch_id').notNull().references(() => payrollBatches.id),
  claimId: integer('claim_id').notNull().references(() => feeClaims.id),
  payeeName: text('payee_name').notNull(),
  identityCodeEncrypted: text('identity_code_encrypted'),
  birthDate: text('birth_date').notNull(),
  incomeTypeCode: text('income_type_code').notNull(),
  incomeTypeText: text('income_type_text').notNull(),
  amountCents: integer('amount_cents').notNull(),
  workDay: text('work_day').notNull(),
}, (t) => [index('payroll_batch_lines_batch').on(t.batchId, t.id)])
