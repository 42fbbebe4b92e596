// Reading what the consent and training pages leave behind: audit rows and stored rows.
import { and, count, eq } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../../src/db.js'
import { auditLog } from '../../../db/schema.js'

export function auditRows (db: Db, action: string, subjectId?: number) {
  return db.select().from(auditLog)
    .where(and(eq(auditLog.action, action), subjectId === undefined ? undefined : eq(auditLog.subjectId, subjectId))).all()
}

export function rowCount (db: Db, table: SQLiteTable): number {
  return db.select({ n: count() }).from(table).get()!.n
}
