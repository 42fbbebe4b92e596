// The database of Kokemus. Every row of the region's data belongs to one region (region isolation).
// Calendar days are 'YYYY-MM-DD' text, instants are UTC ISO-8601 text, money is integer cents.
// Nothing is hard-deleted once in use: rows are deactivated (active = false) instead.
import { sql } from 'drizzle-orm'
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core'

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
  index('audit_subject').on(t.subjectType, t.subjectId),
  index('audit_actor').on(t.actorUserId),
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
