// The audit log: who did what to whose record, and when. Every read and write of personal data calls
// recordAudit. Rows are never changed or removed (the database refuses it). Details never hold
// personal data themselves: ids and field names only.
import type { Db } from '../../db.js'
import type { Statement } from 'better-sqlite3'
import { nowIso } from '../../lib/dates.js'

export type AuditAction = 'read' | 'list' | 'create' | 'update' | 'disable' | 'enable' | 'password_reset' | 'password_set' | 'sessions_ended' | (string & {})

export interface AuditEntry {
  regionId: number
  actorUserId: number | null
  action: AuditAction
  subjectType: 'user' | 'expert' | 'outbox' | (string & {})
  subjectId?: number | null
  detail?: string
}

const inserts = new WeakMap<Db, Statement>()

// A prepared insert per database: every profile view and list writes a row, so it is on the hot path.
export function recordAudit (db: Db, entry: AuditEntry): void {
  let insert = inserts.get(db)
  if (!insert) {
    insert = db.$client.prepare(`insert into audit_log (at, region_id, actor_user_id, action, subject_type, subject_id, detail)
      values (?, ?, ?, ?, ?, ?, ?)`)
    inserts.set(db, insert)
  }
  insert.run(nowIso(), entry.regionId, entry.actorUserId, entry.action, entry.subjectType, entry.subjectId ?? null, entry.detail ?? null)
}
