// Sessions, password links, login attempts, the audit log and the outbox: what signing in, auditing
// and mail keep.
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core'
import { now } from './now.js'
import { regions, users } from './structure.js'

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
