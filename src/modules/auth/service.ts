// Signing in and setting a password.
// Rules: login attempts are limited per account (5 failures in 15 minutes lock the account for the
// rest of that window, even for the right password) and per address (in routes, by @fastify/rate-limit).
// Every attempt is recorded without the password, and the e-mail only as a keyed hash.
// Password links are single-use, expire after 7 days and are stored only as hashes.
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../db.js'
import { passwordTokens, users } from '../../../db/schema.js'
import { countFailedAttempts, findUsableToken, findUserByEmail, insertLoginAttempt } from './queries.js'
import { hashPassword, verifyPassword } from './passwords.js'
import { recordAudit } from '../audit/service.js'
import { endSessionsOfUser } from '../../web/session-store.js'
import { isoPlus, nowIso } from '../../lib/dates.js'

export const accountWindowMs = 15 * 60 * 1000
export const accountMaxFailures = 5
export const passwordLinkDays = 7

export type LoginResult = { ok: true, userId: number } | { ok: false, error: 'invalid' | 'locked' }

export function accountKeyOf (secret: string, email: string): string {
  return createHmac('sha256', secret).update(email.trim().toLowerCase()).digest('base64url')
}

export async function login (db: Db, secret: string, input: { email: string, password: string, ip: string }): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase()
  const accountKey = accountKeyOf(secret, email)
  const now = nowIso()
  if (countFailedAttempts(db, accountKey, isoPlus(now, -accountWindowMs)) >= accountMaxFailures) {
    insertLoginAttempt(db, { at: now, ip: input.ip, accountKey, success: false })
    return { ok: false, error: 'locked' }
  }
  const user = findUserByEmail(db, email)
  const valid = await verifyPassword(user?.active ? user.passwordHash : null, input.password)
  insertLoginAttempt(db, { at: now, ip: input.ip, accountKey, userId: user?.id ?? null, success: valid })
  if (!valid || !user) return { ok: false, error: 'invalid' }
  return { ok: true, userId: user.id }
}

function hashToken (token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

// Returns the raw token for the link; only its hash is stored. Earlier unused links of the user end.
export function issuePasswordToken (db: Db, userId: number, purpose: 'invitation' | 'reset'): string {
  const token = randomBytes(32).toString('base64url')
  const now = nowIso()
  db.transaction((tx) => {
    tx.update(passwordTokens).set({ usedAt: now }).where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt))).run()
    tx.insert(passwordTokens).values({ tokenHash: hashToken(token), userId, purpose, expiresAt: isoPlus(now, passwordLinkDays * 24 * 3600 * 1000) }).run()
  })
  return token
}

export function findPasswordToken (db: Db, token: string) {
  return findUsableToken(db, hashToken(token), nowIso())
}

export type SetPasswordResult = { ok: true, userId: number } | { ok: false, error: 'invalid_link' }

export async function setPasswordWithToken (db: Db, token: string, password: string): Promise<SetPasswordResult> {
  const found = findPasswordToken(db, token)
  if (!found) return { ok: false, error: 'invalid_link' }
  const passwordHash = await hashPassword(password)
  const now = nowIso()
  const used = db.transaction((tx) => {
    const claimed = tx.update(passwordTokens).set({ usedAt: now })
      .where(and(eq(passwordTokens.id, found.id), isNull(passwordTokens.usedAt))).run()
    if (claimed.changes !== 1) return false
    tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, found.userId)).run()
    return true
  })
  if (!used) return { ok: false, error: 'invalid_link' }
  endSessionsOfUser(db, found.userId)
  recordAudit(db, { regionId: found.regionId, actorUserId: found.userId, action: 'password_set', subjectType: 'user', subjectId: found.userId })
  return { ok: true, userId: found.userId }
}
