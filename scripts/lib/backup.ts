// The backup function of npm run backup: an online, consistent copy of the database (better-sqlite3's
// backup API, never a file copy), checked with integrity_check and foreign_key_check.
import Database from 'better-sqlite3'
import { dirname } from 'node:path'
import { mkdirSync, rmSync } from 'node:fs'
import { openDatabase, closeDatabase } from '../../src/db.js'

export async function backupDatabase (source: string, target: string): Promise<{ pages: number }> {
  mkdirSync(dirname(target), { recursive: true })
  const db = openDatabase(source)
  try {
    const progress = await db.$client.backup(target)
    const copy = new Database(target, { readonly: true })
    const integrity = copy.pragma('integrity_check', { simple: true })
    const foreignKeys = copy.prepare('pragma foreign_key_check').all()
    copy.close()
    if (integrity !== 'ok' || foreignKeys.length > 0) {
      // Not left where a backup is looked for.
      rmSync(target, { force: true })
      throw new Error('the copy failed its integrity check')
    }
    return { pages: progress.totalPages }
  } finally {
    closeDatabase(db)
  }
}

