// Opens the SQLite database crash-safe (WAL, synchronous=FULL, foreign keys on) and migrates it.
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { fileURLToPath } from 'node:url'
import { closeSync, existsSync, openSync } from 'node:fs'
import * as schema from '../db/schema.js'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

const migrationsFolder = fileURLToPath(new URL('../db/migrations', import.meta.url))

export function openDatabase (path: string): Db {
  // The file holds personal data: a new one is readable by its owner only (0600), and SQLite gives
  // its -wal and -shm the main file's mode.
  if (path !== ':memory:' && !existsSync(path)) closeSync(openSync(path, 'a', 0o600))
  const sqlite = new Database(path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // Case-insensitive search beyond ASCII (Ä, Ö, Å, Cyrillic…), which SQLite's own lower() skips.
  sqlite.function('kokemus_fold', { deterministic: true }, (value: unknown) => String(value).toLowerCase())
  const db = drizzle(sqlite, { schema })
  migrate(db, { migrationsFolder })
  return db
}

const built = new WeakMap<Db, Map<string, unknown>>()

// A query built (and prepared) once per database under its name, then run with its placeholders:
// building a drizzle query costs more than running a point lookup (stack notes), and pages run many.
export function preparedOnce<T> (db: Db, name: string, build: (db: Db) => T): T {
  let queries = built.get(db)
  if (!queries) {
    queries = new Map()
    built.set(db, queries)
  }
  if (!queries.has(name)) queries.set(name, build(db))
  return queries.get(name) as T
}

export function closeDatabase (db: Db): void {
  if (db.$client.open) db.$client.close()
}

export function databaseAnswers (db: Db): boolean {
  try {
    return db.$client.prepare('select 1 as ok').get() !== undefined
  } catch {
    return false
  }
}
