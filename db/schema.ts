// The database of Kokemus. Every row of the region's data belongs to one region (region isolation).
// Calendar days are 'YYYY-MM-DD' text, instants are UTC ISO-8601 text, money is integer cents.
// Nothing is hard-deleted once in use: rows are deactivated (active = false) instead.
// The tables are written by domain in db/schema/; this file gathers them for the app and drizzle-kit.
export * from './schema/structure.js'
export * from './schema/access.js'
export * from './schema/experts.js'
export * from './schema/work.js'
export * from './schema/database.js'
export * from './schema/fees.js'
