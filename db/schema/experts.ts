// The expert register (design §4: recruitment, consent, training, register, availability).
import { sql } from 'drizzle-orm'
import { sqliteTable, integer, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core'
import { now } from './now.js'
import { areas, channels, experienceAreas, expertGroups, hostOrganisations, orderingUnits, regions, users } from './structure.js'

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
