// The backup function of npm run backup: an online, consistent copy of the database (better-sqlite3's
// backup API, never a file copy), checked with integrity_check and foreign_key_check. The copy is
// readable by its owner only (0600). Its identity codes open only with the database's DATA_KEY: the
// data-key and the session secret are written beside the copy (0600), to be kept with it, secured
// apart from it.
import Database from 'better-sqlite3'
import { dirname } from 'node:path'
import { chmodSync, closeSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { openDatabase, closeDatabase } from '../../src/db.js'

export interface BackupSecrets { dataKey: Buffer, sessionSecret: string }

export async function backupDatabase (source: string, target: string, secrets: BackupSecrets): Promise<{ pages: number, secretFiles: string[] }> {
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 })
  const db = openDatabase(source)
  try {
    private0600(target, '')
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
    const secretFiles = [
      private0600(`${target}.data-key`, secrets.dataKey.toString('hex') + '\n'),
      private0600(`${target}.session-secret`, secrets.sessionSecret + '\n'),
    ]
    return { pages: progress.totalPages, secretFiles }
  } finally {
    closeDatabase(db)
  }
}

// Written readable by the owner only, also when the file was already there.
function private0600 (path: string, text: string): string {
  closeSync(openSync(path, 'w', 0o600))
  chmodSync(path, 0o600)
  writeFileSync(path, text)
  return path
}
