import { and, count, eq, gt, isNull } from 'drizzle-orm'
import type { Db } from '../../db.js'
import { loginAttempts, passwordTokens, users } from '../../../db/schema.js'

export function findUserByEmail (db: Db, email: string) {
  return db.select({ id: users.id, regionId: users.regionId, passwordHash: users.passwordHash, active: users.active })
    .from(users).where(eq(users.email, email)).get()
}

export function countFailedAttempts (db: Db, accountKey: string, sinceIso: string): number {
  return db.select({ n: count() }).from(loginAttempts)
    .where(and(eq(loginAttempts.accountKey, accountKey), eq(loginAttempts.success, false), gt(loginAttempts.at, sinceIso))).get()!.n
}

export function insertLoginAttempt (db: Db, attempt: typeof loginAttempts.$inferInsert): void {
  db.insert(loginAttempts).values(attempt).run()
}

export function findUsableToken (db: Db, tokenHash: string, nowIso: string) {
  return db.select({ id: passwordTokens.id, userId: passwordTokens.userId, purpose: passwordTokens.purpose, email: users.email, regionId: users.regionId })
    .from(passwordTokens).innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(and(eq(passwordTokens.tokenHash, tokenHash), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, nowIso), eq(users.active, true))).get()
}
