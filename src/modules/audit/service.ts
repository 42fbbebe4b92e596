// The audit log: who did what to whose record, and when. Every read and write of personal data calls
// recordAudit. Rows are never changed or removed (the database refuses it). Details never hold
// personal data themselves: ids and field names only.
import type { Db } from '../../db.js'
import { auditLog } from '../../../db/schema.js'
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

export function recordAudit (db: Db, entry: AuditEntry): void {
  db.insert(auditLog).values({
    at: nowIso(),
    regionId: entry.regionId,
    actorUserId: entry.actorUserId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    detail: entry.detail ?? null,
  }).run()
}
