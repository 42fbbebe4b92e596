// npm run backup [-- target-file] : an online, consistent copy of the database (better-sqlite3's
// backup API, never a file copy), checked with integrity_check and foreign_key_check.
import Database from 'better-sqlite3'
import { dirname, join } from 'node:path'
import { mkdirSync } from 'node:fs'
import { loadConfig } from '../src/config.js'
import { openDatabase, closeDatabase } from '../src/db.js'

export async function backupDatabase (source: string, target: string): Promise<{ pages: number }> {
  mkdirSync(dirname(target), { recursive: true })
  const db = openDatabase(source)
  try {
    const progress = await db.$client.backup(target)
    const copy = new Database(target, { readonly: true })
    const integrity = copy.pragma('integrity_check', { simple: true })
    const foreignKeys = copy.prepare('pragma foreign_key_check').all()
    copy.close()
    if (integrity !== 'ok' || foreignKeys.length > 0) throw new Error('the copy failed its integrity check')
    return { pages: progress.totalPages }
  } finally {
    closeDatabase(db)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig()
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const target = process.argv[2] ?? join(dirname(config.databasePath), 'backups', `kokemus-${stamp}.db`)
  backupDatabase(config.databasePath, target)
    .then(({ pages }) => process.stdout.write(`backup: ${pages} pages written to ${target} and checked.\n`))
    .catch((error: Error) => { process.stderr.write(`backup: ${error.message}\n`); process.exit(1) })
}
