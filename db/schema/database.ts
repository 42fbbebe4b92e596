// Facts about the database itself, by name.
import { sqliteTable, text } from 'drizzle-orm/sqlite-core'

// 'data_key_check' is a known text encrypted with the DATA_KEY the database was first started with:
// start-up refuses a key that does not open it (a backup restored without its data-key), instead of
// failing later on every identity code.
export const databaseFacts = sqliteTable('database_facts', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
})
