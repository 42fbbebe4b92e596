// The audit log: who did what to whose record, and when. Every read and write of personal data calls
// recordAudit. Rows are never changed or removed (the database refuses it). Details never hold
// personal data themselves: ids and field names only.
import type { Db } from '../../db.js'
import type { Statement } from 'better-sqlite3'
import { nowIso } from '../../lib/dates.js'

export type AuditAction = 'read' | 'list' | 'create' | 'update' | 'disable' | 'enable' | 'password_reset' | 'password_set' | 'sessions_ended' | 'unlock' | (string & {})

export interface AuditEntry {
  regionId: number
  actorUserId: number | null
  action: AuditAction
  subjectType: 'user' | 'expert' | 'outbox' | (string & {})
  subjectId?: number | null
  detail?: string
}

const inserts = new WeakMap<Db, Statement>()
// Databases with read rows committed since their write-ahead log was last synced.
const unsynced = new WeakSet<Db>()

// What only reads a person's record (not a change, and not the identity code's reveal).
const reads: ReadonlySet<AuditAction> = new Set(['read', 'list'])

function insertOf (db: Db): Statement {
  let insert = inserts.get(db)
  if (!insert) {
    insert = db.$client.prepare(`insert into audit_log (at, region_id, actor_user_id, action, subject_type, subject_id, detail)
      values (?, ?, ?, ?, ?, ?, ?)`)
    inserts.set(db, insert)
  }
  return insert
}

// A prepared insert per database: every profile view and list writes a row, so it is on the hot path.
// A change is audited inside the transaction that makes it, durable with it. A read outside any
// transaction commits its row without waiting for the disk (synchronous=NORMAL, for that commit only):
// the row is in the write-ahead log at once, so a crash of the app loses none, and it reaches the disk
// with the next change or within a second (syncReadAudits); only a power cut within that second could
// lose a read's row, never a change. That wait was most of a page view's time (about 1 ms of fsync).
export function recordAudit (db: Db, entry: AuditEntry): void {
  const insert = insertOf(db)
  const values = [nowIso(), entry.regionId, entry.actorUserId, entry.action, entry.subjectType, entry.subjectId ?? null, entry.detail ?? null]
  const sqlite = db.$client
  if (!reads.has(entry.action) || sqlite.inTransaction) {
    insert.run(values)
    return
  }
  // SQLite applies this pragma when it is prepared, so it is never a prepared statement.
  sqlite.pragma('synchronous = NORMAL')
  try {
    insert.run(values)
  } finally {
    sqlite.pragma('synchronous = FULL')
  }
  unsynced.add(db)
}

// Puts the read rows committed without waiting on the disk (recordAudit), if any; the app calls it
// every second and when it closes. True when it did. A checkpoint syncs the write-ahead log before it
// copies it into the database: once all of the log is copied, every row is on the disk. A reader
// holding an older snapshot (a backup) can keep a passive checkpoint from copying the end of the log,
// and then from syncing it: the rows stay to sync, and the next call tries again.
export function syncReadAudits (db: Db): boolean {
  if (!unsynced.has(db) || !db.$client.open) return false
  const [result] = db.$client.pragma('wal_checkpoint(PASSIVE)') as { busy: number, log: number, checkpointed: number }[]
  if (result!.busy !== 0 || result!.checkpointed !== result!.log) return false
  unsynced.delete(db)
  return true
}

// The app's timer: a failure (a disk error) is logged and tried again a second later, never thrown
// out of the timer, which would end the process.
export function syncReadAuditsOrLog (db: Db, log: { error: (details: object, message: string) => void }): void {
  try {
    syncReadAudits(db)
  } catch (error) {
    log.error({ err: { message: (error as Error).message } }, 'syncing the audit log failed')
  }
}
