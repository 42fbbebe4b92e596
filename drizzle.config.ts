import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: process.env.DRIZZLE_OUT ?? './db/migrations',
  dbCredentials: { url: process.env.DATABASE_PATH ?? 'data/kokemus.db' },
})
