// The database of Kokemus. Every row of the region's data belongs to one region (region isolation).
// Calendar days are 'YYYY-MM-DD' text, instants are UTC ISO-8601 text, money is integer cents.
// Nothing is hard-deleted once in use: rows are deactivated (active = false) instead.
import { sql } from 'drizzle-orm'
import { sqliteTable, integer, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core'

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`

export const roles = ['admin', 'coordinator', 'pair_worker', 'expert', 'orderer', 'manager'] as const
export type Role = (typeof roles)[number]

export const regions = sqliteTable('regions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull().default(now),
})

export const areas = sqliteTable('areas', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  regionId: integer('region_id').notNull().references(() => regions.id),
  name: text('name').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
}, (t) => [uniqueIndex('areas_region_name').on(t.regionId, t.name)])

export const hostOrganisations = sqliteTable('host_organisations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  regionId: integer('region_id').notNull().references(() => regions.id),
  name: text('name').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
}, (t) => [uniqueIndex('host_organisations_region_name').on(t.regionId, t.name)])

export const orderingUnits = sqliteTable('ordering_units', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  regionId: integer('region_id').notNull().references(() => regions.id),
  areaId: integer('area_id').notNull().references(() => areas.id),
  name: text('name').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
}, (t) => [uniqueIndex('ordering_units_region_name').on(t.regionId, t.name)])

export const loads = ['light', 'heavy'] as const
export type Load = (typeof loads)[number]

export const channels = sqliteTable('channels', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  regionId: integer('region_id').notNull().references(() => regions.id),
  name: text('name').notNull(),
  defaultLoad: text('default_load', { enum: loads }).notNull().default('light'),
  requiresBasicTraining: integer('requires_basic_training', { mode: 'boolean' }).notNull().default(false),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
}, (t) => [uniqueIndex('channels_region_name').on(t.regionId, t.name)])

export const expertGroups = sqliteTable('expert_groups', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  regionId: integer('region_id').notNull().references(() => regions.id),
  name: text('name').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
}, (t) => [uniqueIndex('expert_groups_region_name').on(t.regionId, t.name)])

export const experienceAreas = sqliteTable('experience_areas', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  regionId: integer('region_id').notNull().references(() => regions.id),
  name: text('name').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
}, (t) => [uniqueIndex('experience_areas_region_name').on(t.regionId, t.name)])

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  regionId: integer('region_id').notNull().references(() => regions.id),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: roles }).notNull(),
  // Orderers order for one ordering unit.
  orderingUnitId: integer('ordering_unit_id').references(() => orderingUnits.id),
  passwordHash: text('password_hash'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
}, (t) => [index('users_region_role').on(t.regionId, t.role)])

// Sessions live in the database so that they survive a restart and can be ended server-side.
// The id is stored only as its SHA-256 hash: a copy of the database gives no live session.
export const sessions = sqliteTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: integer('user_id').references(() => users.id),
  data: text('data').notNull(),
  createdAt: text('created_at').notNull(),
  lastSeenAt: text('last_seen_at').notNull(),
}, (t) => [index('sessions_user').on(t.userId), index('sessions_last_seen').on(t.lastSeenAt)])

// Single-use links to set a password: invitations of new users and resets by an admin.
export const passwordTokens = sqliteTable('password_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tokenHash: text('token_hash').notNull().unique(),
  userId: integer('user_id').notNull().references(() => users.id),
  purpose: text('purpose', { enum: ['invitation', 'reset'] }).notNull(),
  expiresAt: text('expires_at').notNull(),
  usedAt: text('used_at'),
  createdAt: text('created_at').notNull().default(now),
}, (t) => [index('password_tokens_user').on(t.userId)])

// Every login attempt, without the password; the e-mail only as a keyed hash (accountKey).
export const loginAttempts = sqliteTable('login_attempts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  ip: text('ip').notNull(),
  accountKey: text('account_key').notNull(),
  userId: integer('user_id').references(() => users.id),
  success: integer('success', { mode: 'boolean' }).notNull(),
}, (t) => [index('login_attempts_account_at').on(t.accountKey, t.at)])

// Who did what to whose record, and when. Append-only: triggers in the migration refuse UPDATE and DELETE.
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  regionId: integer('region_id').notNull().references(() => regions.id),
  actorUserId: integer('actor_user_id').references(() => users.id),
  action: text('action').notNull(),
  subjectType: text('subject_type').notNull(),
  subjectId: integer('subject_id'),
  detail: text('detail'),
}, (t) => [
  index('audit_region_at').on(t.regionId, t.at),
  index('audit_subject_at').on(t.subjectType, t.subjectId, t.at),
  index('audit_actor_at').on(t.actorUserId, t.at),
])

// Mail is stored first; with SMTP_URL set it is then sent. Without it the outbox is where admins read it.
export const outbox = sqliteTable('outbox', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  regionId: integer('region_id').notNull().references(() => regions.id),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  createdAt: text('created_at').notNull().default(now),
  sentAt: text('sent_at'),
  lastError: text('last_error'),
  attempts: integer('attempts').notNull().default(0),
}, (t) => [index('outbox_region_created').on(t.regionId, t.createdAt)])

// ——— The expert register (design §4: recruitment, consent, training, register, availability) ———

export const expertStatuses = ['candidate', 'active', 'paused', 'ended'] as const
export type ExpertStatus = (typeof expertStatuses)[number]
export const feePreferences = ['paid', 'declined', 'ask'] as const
export type FeePreference = (typeof feePreferences)[number]
export const uiLanguages = ['fi', 'sv', 'en'] as const

// The real identity (real name, birth date, contact details, identity code) is for coordinators and
// payroll; orderers and audiences only ever see the display name. The identity code is stored
// encrypted (AES-256-GCM with DATA_KEY). Coordinator-only fields: excluded units, internal notes,
// fee preference details, tax card, identity code.
export const experts = sqliteTable('experts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  regionId: integer('region_id').notNull().references(() => regions.id),
  userId: integer('user_id').unique().references(() => users.id),
  realName: text('real_name').notNull(),
  displayName: text('display_name').notNull(),
  birthDate: text('birth_date').notNull(),
  groupId: integer('group_id').notNull().references(() => expertGroups.id),
  email: text('email'),
  phone: text('phone'),
  preferredLanguage: text('preferred_language', { enum: uiLanguages }).notNull().default('fi'),
  remoteAllowed: integer('remote_allowed', { mode: 'boolean' }).notNull().default(false),
  hostOrganisationId: integer('host_organisation_id').references(() => hostOrganisations.id),
  status: text('status', { enum: expertStatuses }).notNull().default('candidate'),
  statusSince: text('status_since').notNull(),
  internalNotes: text('internal_notes'),
  feePreference: text('fee_preference', { enum: feePreferences }).notNull().default('paid'),
  incomeLimitCents: integer('income_limit_cents'),
  taxCardReceivedOn: text('tax_card_received_on'),
  identityCodeEncrypted: text('identity_code_encrypted'),
  monthlyCap: integer('monthly_cap'),
  pausedUntil: text('paused_until'),
  // When a consent needs renewing (consentDue in src/modules/consents/rules.ts), derived from the
  // consents and the birth date for the home page's renewal list. Null means not yet computed: the
  // triggers of migration 0007 set it null whenever a consent or the birth date changes.
  consentDueOn: text('consent_due_on'),
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
}, (t) => [
  // The list's pages: by status, then in display-name order; by real name (the 'name' sort). The
  // status index also covers what matching reads of the region's active experts, so that read is
  // index-only (the wide rows themselves cost several times more).
  index('experts_region_status_display_name').on(t.regionId, t.status, t.displayName, t.id, t.birthDate, t.groupId,
    t.monthlyCap, t.pausedUntil, t.consentDueOn),
  index('experts_region_real_name').on(t.regionId, sql`real_name collate nocase`, t.id),
  index('experts_region_consent_due').on(t.regionId, t.consentDueOn, t.status),
  index('experts_region_group').on(t.regionId, t.groupId),
  index('experts_region_display_name').on(t.regionId, t.displayName),
  index('experts_region_host').on(t.regionId, t.hostOrganisationId),
])

export const expertStatusHistory = sqliteTable('expert_status_history', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  expertId: integer('expert_id').notNull().references(() => experts.id),
  status: text('status', { enum: expertStatuses }).notNull(),
  changedOn: text('changed_on').notNull(),
  reason: text('reason'),
  changedByUserId: integer('changed_by_user_id').references(() => users.id),
  createdAt: text('created_at').notNull().default(now),
}, (t) => [index('expert_status_history_expert').on(t.expertId)])

// Areas the expert can reach.
export const expertAreas = sqliteTable('expert_areas', {
  expertId: integer('expert_id').notNull().references(() => experts.id),
  areaId: integer('area_id').notNull().references(() => areas.id),
}, (t) => [primaryKey({ columns: [t.expertId, t.areaId] }), index('expert_areas_area').on(t.areaId)])

export const expertExperienceAreas = sqliteTable('expert_experience_areas', {
  expertId: integer('expert_id').notNull().references(() => experts.id),
  experienceAreaId: integer('experience_area_id').notNull().references(() => experienceAreas.id),
}, (t) => [primaryKey({ columns: [t.expertId, t.experienceAreaId] }), index('expert_experience_areas_area').on(t.experienceAreaId)])

// Channels the expert prefers.
export const expertChannels = sqliteTable('expert_channels', {
  expertId: integer('expert_id').notNull().references(() => experts.id),
  channelId: integer('channel_id').notNull().references(() => channels.id),
}, (t) => [primaryKey({ columns: [t.expertId, t.channelId] })])

// Conflict of interest: units where the expert is or recently was a client. Coordinator-only.
export const expertExcludedUnits = sqliteTable('expert_excluded_units', {
  expertId: integer('expert_id').notNull().references(() => experts.id),
  orderingUnitId: integer('ordering_unit_id').notNull().references(() => orderingUnits.id),
}, (t) => [primaryKey({ columns: [t.expertId, t.orderingUnitId] })])

// Languages spoken, as ISO 639-1 codes ('fi', 'sv', 'en', 'ar', …).
export const expertLanguages = sqliteTable('expert_languages', {
  expertId: integer('expert_id').notNull().references(() => experts.id),
  language: text('language').notNull(),
}, (t) => [primaryKey({ columns: [t.expertId, t.language] }), index('expert_languages_language').on(t.language)])

export const consentGivers = ['expert', 'guardian', 'custodial_official'] as const
export type ConsentGiver = (typeof consentGivers)[number]

// A consent: who gave it (for a guardian or the custodial official, that person's name), its scope,
// the day it was given and the day it expires.
export const consents = sqliteTable('consents', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  expertId: integer('expert_id').notNull().references(() => experts.id),
  givenBy: text('given_by', { enum: consentGivers }).notNull(),
  giverName: text('giver_name'),
  scopeRegister: integer('scope_register', { mode: 'boolean' }).notNull().default(true),
  scopeContact: integer('scope_contact', { mode: 'boolean' }).notNull().default(false),
  scopeMedia: integer('scope_media', { mode: 'boolean' }).notNull().default(false),
  scopeRealName: integer('scope_real_name', { mode: 'boolean' }).notNull().default(false),
  givenOn: text('given_on').notNull(),
  expiresOn: text('expires_on').notNull(),
  recordedByUserId: integer('recorded_by_user_id').references(() => users.id),
  createdAt: text('created_at').notNull().default(now),
}, (t) => [index('consents_expert').on(t.expertId)])

export const trainings = sqliteTable('trainings', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  regionId: integer('region_id').notNull().references(() => regions.id),
  name: text('name').notNull(),
  hostOrganisationId: integer('host_organisation_id').references(() => hostOrganisations.id),
  hours: integer('hours').notNull(),
  startsOn: text('starts_on').notNull(),
  endsOn: text('ends_on').notNull(),
  isBasic: integer('is_basic', { mode: 'boolean' }).notNull().default(false),
  validityMonths: integer('validity_months'),
  createdAt: text('created_at').notNull().default(now),
}, (t) => [index('trainings_region_starts').on(t.regionId, t.startsOn)])

export const trainingEnrolments = sqliteTable('training_enrolments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  trainingId: integer('training_id').notNull().references(() => trainings.id),
  expertId: integer('expert_id').notNull().references(() => experts.id),
  enrolledOn: text('enrolled_on').notNull(),
  completedOn: text('completed_on'),
}, (t) => [uniqueIndex('training_enrolments_unique').on(t.trainingId, t.expertId), // Covering for matching's question: a completion of the expert by a day.
  index('training_enrolments_expert_completed').on(t.expertId, t.completedOn, t.trainingId)])

// Weekly windows: weekday 1 (Monday) … 7 (Sunday), local Helsinki times 'HH:MM'.
export const availabilityWindows = sqliteTable('availability_windows', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  expertId: integer('expert_id').notNull().references(() => experts.id),
  weekday: integer('weekday').notNull(),
  startsAt: text('starts_at').notNull(),
  endsAt: text('ends_at').notNull(),
// Covering for matching, which asks for an expert's windows of one weekday.
}, (t) => [index('availability_windows_expert_weekday').on(t.expertId, t.weekday, t.startsAt, t.endsAt)])

export const unavailablePeriods = sqliteTable('unavailable_periods', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  expertId: integer('expert_id').notNull().references(() => experts.id),
  startsOn: text('starts_on').notNull(),
  endsOn: text('ends_on').notNull(),
  note: text('note'),
}, (t) => [index('unavailable_periods_expert_days').on(t.expertId, t.startsOn, t.endsOn)])

// Single-use invitations of an expert to an account are password tokens (purpose 'invitation')
// of the user linked to the expert.

// ——— Orders, offers and assignments (design §4.6–4.11 and §5) ———

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
