import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../../db.js'
import { loginAttempts, passwordTokens, users } from '../../../db/schema.js'

export function findUserByEmail (db: Db, email: string) {
  return db.select({ id: users.id, regionId: users.regionId, passwordHash: users.passwordHash, active: users.active })
    .from(users).where(eq(users.email, email)).get()
}

// The times of an account's latest failed sign-ins since an instant, newest first.
export function recentFailures (db: Db, accountKey: string, sinceIso: string, limit: number): string[] {
  return db.select({ at: loginAttempts.at }).from(loginAttempts)
    .where(and(eq(loginAttempts.accountKey, accountKey), eq(loginAttempts.success, false), gt(loginAttempts.at, sinceIso)))
    .orderBy(desc(loginAttempts.at)).limit(limit).all().map((row) => row.at)
}

// The same for several accounts at once (a page of users), newest first within each account.
export function recentFailuresOf (db: Db, accountKeys: string[], sinceIso: string) {
  return db.select({ accountKey: loginAttempts.accountKey, at: loginAttempts.at }).from(loginAttempts)
    .where(and(inArray(loginAttempts.accountKey, accountKeys), eq(loginAttempts.success, false), gt(loginAttempts.at, sinceIso)))
    .orderBy(desc(loginAttempts.at)).all()
}

export function deleteFailures (db: Db, accountKey: string, sinceIso: string): void {
  db.delete(loginAttempts)
    .where(and(eq(loginAttempts.accountKey, accountKey), eq(loginAttempts.success, false), gt(loginAttempts.at, sinceIso))).run()
}

export function insertLoginAttempt (db: Db, attempt: typeof loginAttempts.$inferInsert): void {
  db.insert(loginAttempts).values(attempt).run()
}

export function findUsableToken (db: Db, tokenHash: string, nowIso: string) {
  return db.select({ id: passwordTokens.id, userId: passwordTokens.userId, purpose: passwordTokens.purpose, email: users.email, regionId: users.regionId })
    .from(passwordTokens).innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(and(eq(passwordTokens.tokenHash, tokenHash), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, nowIso), eq(users.active, true))).get()
}
