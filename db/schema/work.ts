// Orders, offers, assignments, debriefs and the calendar feed (design §4.6–4.11 and §5).
import { sql } from 'drizzle-orm'
import { sqliteTable, integer, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core'
import { now } from './now.js'
import { areas, channels, experienceAreas, expertGroups, loads, orderingUnits, regions, users } from './structure.js'
import { experts } from './experts.js'

// The region's matching and cancellation settings (design §5: caps, cool-off days and the travel margin
// are region settings). One row per region at most; a region without a row has the defaults below.
export const regionSettings = sqliteTable('region_settings', {
  regionId: integer('region_id').primaryKey().references(() => regions.id),
  // Heavy assignments one expert may have in a calendar month.
  heavyMonthlyCap: integer('heavy_monthly_cap').notNull().default(2),
  // Days after a heavy assignment before the expert may be offered another assignment.
  coolOffDays: integer('cool_off_days').notNull().default(7),
  // Minutes kept free before and after each assignment for travel.
  travelMarginMinutes: integer('travel_margin_minutes').notNull().default(60),
  // Hours an offer stays open (never past the start of the work).
  offerExpiryHours: integer('offer_expiry_hours').notNull().default(72),
  // Cancelling is free until this many hours before the start; later the fee stays due.
  freeCancellationHours: integer('free_cancellation_hours').notNull().default(24),
  // Days after heavy work within which the debrief is due.
  debriefDueDays: integer('debrief_due_days').notNull().default(7),
  // The hourly fee used for the estimate shown with an offer (KoKoA ry 2018: €25/h).
  hourlyFeeCents: integer('hourly_fee_cents').notNull().default(2500),
  updatedAt: text('updated_at').notNull().default(now),
})

export const orderStatuses = ['new', 'matching', 'partly_filled', 'filled', 'done', 'cancelled', 'unfilled'] as const
export type OrderStatus = (typeof orderStatuses)[number]

// An order of N experts by an ordering unit. The day and start are Helsinki wall-clock values as the
// orderer typed them; startsAt/endsAt are the same moments as UTC instants (what overlaps compare).
export const orders = sqliteTable('orders', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  regionId: integer('region_id').notNull().references(() => regions.id),
  orderingUnitId: integer('ordering_unit_id').notNull().references(() => orderingUnits.id),
  orderedByUserId: integer('ordered_by_user_id').references(() => users.id),
  channelId: integer('channel_id').notNull().references(() => channels.id),
  topic: text('topic').notNull(),
  description: text('description'),
  day: text('day').notNull(),
  startTime: text('start_time').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  startsAt: text('starts_at').notNull(),
  endsAt: text('ends_at').notNull(),
  remote: integer('remote', { mode: 'boolean' }).notNull().default(false),
  // Where, when not remote: the area (for matching) and the street address (for those coming).
  areaId: integer('area_id').references(() => areas.id),
  address: text('address'),
  audienceKind: text('audience_kind'),
  audienceSize: integer('audience_size'),
  expertsWanted: integer('experts_wanted').notNull().default(1),
  // ISO 639-1 code of the language of the work.
  language: text('language').notNull().default('fi'),
  preparationWanted: integer('preparation_wanted', { mode: 'boolean' }).notNull().default(false),
  load: text('load', { enum: loads }).notNull(),
  status: text('status', { enum: orderStatuses }).notNull().default('new'),
  cancellationReason: text('cancellation_reason'),
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
}, (t) => [
  index('orders_region_status_starts').on(t.regionId, t.status, t.startsAt),
  index('orders_region_starts').on(t.regionId, t.startsAt),
  index('orders_unit_starts').on(t.orderingUnitId, t.startsAt),
])

// The expert groups an order wants; none means any group.
export const orderGroups = sqliteTable('order_groups', {
  orderId: integer('order_id').notNull().references(() => orders.id),
  groupId: integer('group_id').notNull().references(() => expertGroups.id),
}, (t) => [primaryKey({ columns: [t.orderId, t.groupId] })])

// Experience areas the work is about (optional; matching ranks shared ones higher).
export const orderExperienceAreas = sqliteTable('order_experience_areas', {
  orderId: integer('order_id').notNull().references(() => orders.id),
  experienceAreaId: integer('experience_area_id').notNull().references(() => experienceAreas.id),
}, (t) => [primaryKey({ columns: [t.orderId, t.experienceAreaId] })])

export const offerStatuses = ['pending', 'accepted', 'declined', 'withdrawn', 'expired'] as const
export type OfferStatus = (typeof offerStatuses)[number]

// An offer of an order to one expert. A pending offer past expiresAt is expired, whether or not a
// sweep has yet written 'expired'. One offer per expert and order (a renewed offer reuses the row).
export const offers = sqliteTable('offers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  orderId: integer('order_id').notNull().references(() => orders.id),
  expertId: integer('expert_id').notNull().references(() => experts.id),
  offeredByUserId: integer('offered_by_user_id').references(() => users.id),
  status: text('status', { enum: offerStatuses }).notNull().default('pending'),
  offeredAt: text('offered_at').notNull(),
  expiresAt: text('expires_at').notNull(),
  answeredAt: text('answered_at'),
  declineReason: text('decline_reason'),
}, (t) => [
  uniqueIndex('offers_order_expert').on(t.orderId, t.expertId),
  index('offers_expert_status').on(t.expertId, t.status),
  index('offers_expert_offered').on(t.expertId, t.offeredAt),
  // The home's offers awaiting answers: only the pending few of each coming order, by their expiry.
  index('offers_pending_order_expires').on(t.orderId, t.expiresAt, t.expertId).where(sql`status = 'pending'`),
])

export const assignmentStatuses = ['confirmed', 'cancelled', 'completed'] as const
export type AssignmentStatus = (typeof assignmentStatuses)[number]
export const cancellers = ['orderer', 'coordinator', 'expert'] as const
export type Canceller = (typeof cancellers)[number]

// A confirmed place of an expert in an order. The database itself guarantees (the triggers of migration 0005
// and the partial unique indexes below) that an order never has more live assignments than places
// (each holds a slot 1…expertsWanted, one live assignment per slot) and that an expert never has two
// live assignments overlapping in time. startsAt/endsAt are copied from the order for that check.
export const assignments = sqliteTable('assignments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  orderId: integer('order_id').notNull().references(() => orders.id),
  expertId: integer('expert_id').notNull().references(() => experts.id),
  offerId: integer('offer_id').references(() => offers.id),
  slot: integer('slot').notNull(),
  startsAt: text('starts_at').notNull(),
  endsAt: text('ends_at').notNull(),
  load: text('load', { enum: loads }).notNull(),
  status: text('status', { enum: assignmentStatuses }).notNull().default('confirmed'),
  confirmedAt: text('confirmed_at').notNull(),
  cancelledAt: text('cancelled_at'),
  cancelledBy: text('cancelled_by', { enum: cancellers }),
  cancelledByUserId: integer('cancelled_by_user_id').references(() => users.id),
  cancellationReason: text('cancellation_reason'),
  // A cancellation later than the region's free-cancellation hours keeps the fee due.
  feeDue: integer('fee_due', { mode: 'boolean' }).notNull().default(true),
  actualMinutes: integer('actual_minutes'),
  preparationMinutes: integer('preparation_minutes'),
  kilometres: integer('kilometres'),
  receiptsCents: integer('receipts_cents'),
  audienceCame: integer('audience_came', { mode: 'boolean' }),
  completedAt: text('completed_at'),
  completedByUserId: integer('completed_by_user_id').references(() => users.id),
  reminderSentAt: text('reminder_sent_at'),
}, (t) => [
  uniqueIndex('assignments_live_slot').on(t.orderId, t.slot).where(sql`status <> 'cancelled'`),
  uniqueIndex('assignments_live_expert').on(t.orderId, t.expertId).where(sql`status <> 'cancelled'`),
  index('assignments_expert_starts').on(t.expertId, t.startsAt),
  index('assignments_status_starts').on(t.status, t.startsAt),
])

// After heavy work a debrief is due; it records only that it was done, by whom and whether the expert
// needs support (design §4.11) — nothing more.
export const debriefs = sqliteTable('debriefs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  assignmentId: integer('assignment_id').notNull().unique().references(() => assignments.id),
  // The order's region, filled by the database itself (migration 0009) so the home page's overdue
  // debriefs are one index range of the region.
  regionId: integer('region_id').references(() => regions.id),
  dueOn: text('due_on').notNull(),
  doneOn: text('done_on'),
  heldByUserId: integer('held_by_user_id').references(() => users.id),
  supportNeeded: integer('support_needed', { mode: 'boolean' }),
  recordedAt: text('recorded_at'),
}, (t) => [index('debriefs_region_due').on(t.regionId, t.doneOn, t.dueOn)])

// The secret of an expert's calendar feed (/me/calendar.ics?token=), stored only as its SHA-256
// hash; revoking deletes the row, renewing replaces it.
export const calendarTokens = sqliteTable('calendar_tokens', {
  expertId: integer('expert_id').primaryKey().references(() => experts.id),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: text('created_at').notNull().default(now),
})
