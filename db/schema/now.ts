import { sql } from 'drizzle-orm'

// The moment of an insert, as UTC ISO-8601 text with milliseconds.
export const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`
