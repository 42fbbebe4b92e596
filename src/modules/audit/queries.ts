// Reading the region's audit log, newest first. The filter is generic over subjects (a user today,
// an expert later) and uses the log's indexes: (region_id, at), (subject_type, subject_id), actor.
import { and, asc, desc, eq, gte, lt } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../db.js'
import { auditLog, users } from '../../../db/schema.js'

export const pageSize = 50

export interface AuditFilter {
  subject?: { type: string, id: number }
  actorUserId?: number
  // Instants: since is inclusive, before exclusive.
  since?: string
  before?: string
}

const actor = alias(users, 'actor')
const subjectUser = alias(users, 'subject_user')

// One row more than a page tells whether there is a next page without counting the log.
// Newest first is the order of (region_id, at). Filtered by subject or actor it is the order of id
// (rows are appended as they happen), which those indexes keep too (the rowid ends every index):
// ordering by at there would make SQLite walk the whole region's log to find a rare subject's rows.
export function listAudit (db: Db, regionId: number, filter: AuditFilter, page: number) {
  const byWho = filter.subject !== undefined || filter.actorUserId !== undefined
  const rows = db.select({
    id: auditLog.id,
    at: auditLog.at,
    action: auditLog.action,
    subjectType: auditLog.subjectType,
    subjectId: auditLog.subjectId,
    detail: auditLog.detail,
    actorName: actor.name,
    subjectName: subjectUser.name,
  }).from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorUserId))
    .leftJoin(subjectUser, and(eq(auditLog.subjectType, 'user'), eq(subjectUser.id, auditLog.subjectId)))
    .where(and(
      eq(auditLog.regionId, regionId),
      filter.subject ? and(eq(auditLog.subjectType, filter.subject.type), eq(auditLog.subjectId, filter.subject.id)) : undefined,
      filter.actorUserId === undefined ? undefined : eq(auditLog.actorUserId, filter.actorUserId),
      filter.since ? gte(auditLog.at, filter.since) : undefined,
      filter.before ? lt(auditLog.at, filter.before) : undefined,
    ))
    .orderBy(...(byWho ? [desc(auditLog.id)] : [desc(auditLog.at), desc(auditLog.id)]))
    .limit(pageSize + 1).offset((page - 1) * pageSize).all()
  return { rows: rows.slice(0, pageSize), hasNext: rows.length > pageSize }
}

// The region's users, for the filters' choices.
export function regionUsers (db: Db, regionId: number) {
  return db.select({ id: users.id, name: users.name }).from(users).where(eq(users.regionId, regionId))
    .orderBy(asc(users.name), asc(users.id)).all()
}
