// Signing in and setting a password.
// Rules:
// - only failed sign-ins count: 5 failures of an account within 15 minutes lock it for 15 minutes from
//   the failure that locked it, even for the right password; 20 failures from one address within 15
//   minutes stop that address the same way. Successful sign-ins never count, so an office behind one
//   address is not locked out by its own people.
// - an attempt refused by a lock is not checked and not counted, so hammering does not extend a lock;
//   the refusal says when to try again. An admin can unlock an account (users/service.ts).
// - every checked attempt is recorded without the password, and the e-mail only as a keyed hash.
// Password links are single-use, expire after 7 days and are stored only as hashes.
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../db.js'
import { passwordTokens, users } from '../../../db/schema.js'
import { deleteFailures, findUsableToken, findUserByEmail, insertLoginAttempt, recentFailures, recentFailuresOf } from './queries.js'
import { hashPassword, verifyPassword } from './passwords.js'
import { recordAudit } from '../audit/service.js'
import { endSessionsOfUser } from '../../web/session-store.js'
import { isoPlus, nowIso } from '../../lib/dates.js'

export const accountWindowMs = 15 * 60 * 1000
export const accountMaxFailures = 5
export const addressWindowMs = 15 * 60 * 1000
export const addressMaxFailures = 20
export const passwordLinkDays = 7

// A lock lasts one window from the failure that caused it, and its failures lie within the window
// before that: nothing older than two windows can matter.
const lockHorizonMs = 2 * accountWindowMs

export type LoginResult =
  | { ok: true, userId: number }
  // A wrong e-mail or password, counted; lockedUntil when this failure locked the account.
  | { ok: false, error: 'invalid', lockedUntil: string | null }
  // Refused unchecked: the account is locked.
  | { ok: false, error: 'locked', lockedUntil: string }

export function accountKeyOf (secret: string, email: string): string {
  return createHmac('sha256', secret).update(email.trim().toLowerCase()).digest('base64url')
}

// Until when an account with these failures (newest first) is locked at `now`, or null. Failures are
// recorded only while the account is not locked, so the latest five within one window are the five
// that locked it, and the lock runs one window from the last of them.
export function lockedUntilOf (failures: string[], now: string): string | null {
  if (failures.length < accountMaxFailures) return null
  const latest = failures[0]!
  if (Date.parse(latest) - Date.parse(failures[accountMaxFailures - 1]!) >= accountWindowMs) return null
  const until = isoPlus(latest, accountWindowMs)
  return until > now ? until : null
}

function accountLockedUntil (db: Db, accountKey: string, now: string): string | null {
  return lockedUntilOf(recentFailures(db, accountKey, isoPlus(now, -lockHorizonMs), accountMaxFailures), now)
}

export async function login (db: Db, secret: string, input: { email: string, password: string, ip: string }): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase()
  const accountKey = accountKeyOf(secret, email)
  const now = nowIso()
  const locked = accountLockedUntil(db, accountKey, now)
  if (locked) return { ok: false, error: 'locked', lockedUntil: locked }
  const user = findUserByEmail(db, email)
  const valid = await verifyPassword(user?.active ? user.passwordHash : null, input.password)
  insertLoginAttempt(db, { at: now, ip: input.ip, accountKey, userId: user?.id ?? null, success: valid })
  if (!valid || !user) return { ok: false, error: 'invalid', lockedUntil: accountLockedUntil(db, accountKey, now) }
  return { ok: true, userId: user.id }
}

// Until when each of these e-mail addresses' accounts is locked; the unlocked ones are left out.
export function lockedAccounts (db: Db, secret: string, emails: string[], now = nowIso()): Map<string, string> {
  const emailOf = new Map(emails.map((email) => [accountKeyOf(secret, email), email]))
  const failures = new Map<string, string[]>()
  for (const row of recentFailuresOf(db, [...emailOf.keys()], isoPlus(now, -lockHorizonMs))) {
    failures.set(row.accountKey, [...failures.get(row.accountKey) ?? [], row.at])
  }
  const locked = new Map<string, string>()
  for (const [key, times] of failures) {
    const until = lockedUntilOf(times, now)
    if (until) locked.set(emailOf.get(key)!, until)
  }
  return locked
}

// Lifts an account's lock by removing the failures that could count towards it (the unlock itself is
// audited by the caller). False when the account was not locked: nothing is changed.
export function unlockAccount (db: Db, secret: string, email: string): boolean {
  const accountKey = accountKeyOf(secret, email)
  const now = nowIso()
  if (!accountLockedUntil(db, accountKey, now)) return false
  deleteFailures(db, accountKey, isoPlus(now, -lockHorizonMs))
  return true
}

// Failed sign-ins per address, kept in memory by the running app (a restart forgets them; the
// accounts' locks are in the database). Only failures are recorded, and none while the address is
// stopped, so the stop ends one window after the failure that caused it.
export class AddressFailures {
  private readonly failures = new Map<string, number[]>()

  constructor (private readonly max = addressMaxFailures, private readonly windowMs = addressWindowMs, private readonly sweepAbove = 10_000) {}

  // Until when the address is stopped at `now`, or null.
  stoppedUntil (address: string, now: string): string | null {
    const times = this.recent(address, Date.parse(now))
    return times.length >= this.max ? new Date(times[times.length - this.max]! + this.windowMs).toISOString() : null
  }

  record (address: string, now: string): void {
    const at = Date.parse(now)
    if (this.failures.size >= this.sweepAbove) this.sweep(at)
    this.failures.set(address, [...this.recent(address, at), at])
  }

  get size (): number {
    return this.failures.size
  }

  // Forgets the addresses whose failures have all left the window.
  private sweep (at: number): void {
    for (const [address, times] of this.failures) if (times.at(-1)! <= at - this.windowMs) this.failures.delete(address)
  }

  private recent (address: string, at: number): number[] {
    return (this.failures.get(address) ?? []).filter((time) => time > at - this.windowMs)
  }
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
