// The region and its structure (design §3) and the users who work in it.
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { now } from './now.js'

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

// A group may have an age range (whole years, both ends included; e.g. young people 13–17): an
// expert whose age on the day of registering or editing is outside it cannot be put in the group.
export const expertGroups = sqliteTable('expert_groups', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  regionId: integer('region_id').notNull().references(() => regions.id),
  name: text('name').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  minAge: integer('min_age'),
  maxAge: integer('max_age'),
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
