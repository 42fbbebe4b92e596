// Reading what the users pages leave behind: mails in the outbox and rows in the audit log.
import { and, eq } from 'drizzle-orm'
import type { Db } from '../../../src/db.js'
import { auditLog, outbox, users } from '../../../db/schema.js'

export function mailsTo (db: Db, address: string) {
  return db.select().from(outbox).where(eq(outbox.toAddress, address)).orderBy(outbox.id).all()
}

// The path of the password link in a mail's body, from its absolute URL.
export function passwordPath (body: string): string {
  const match = /http:\/\/localhost:3000(\/password\/[\w-]+)/.exec(body)
  if (!match) throw new Error(`no password link in: ${body}`)
  return match[1]!
}

export function auditRows (db: Db, action: string, subjectId?: number) {
  return db.select().from(auditLog)
    .where(and(eq(auditLog.action, action), subjectId === undefined ? undefined : eq(auditLog.subjectId, subjectId))).all()
}

export function userRow (db: Db, id: number) {
  return db.select().from(users).where(eq(users.id, id)).get()!
}

export function userByEmail (db: Db, email: string) {
  return db.select().from(users).where(eq(users.email, email)).get()
}
