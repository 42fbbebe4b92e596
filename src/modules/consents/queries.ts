import { asc, eq } from 'drizzle-orm'
import type { Db } from '../../db.js'
import { consents } from '../../../db/schema.js'
import { consentStatus, effectiveEnd, type ConsentStatus } from './rules.js'

export function listConsents (db: Db, expertId: number) {
  return db.select({
    id: consents.id, givenBy: consents.givenBy, giverName: consents.giverName,
    scopeRegister: consents.scopeRegister, scopeContact: consents.scopeContact, scopeMedia: consents.scopeMedia, scopeRealName: consents.scopeRealName,
    givenOn: consents.givenOn, expiresOn: consents.expiresOn,
  }).from(consents).where(eq(consents.expertId, expertId)).orderBy(asc(consents.givenOn), asc(consents.id)).all()
}

export type ConsentRow = ReturnType<typeof listConsents>[number] & { effectiveEnd: string }

// The expert's consents with the state derived for a day (the profile's and /me's consent section).
export function consentSummary (db: Db, expert: { id: number, birthDate: string }, day: string): { status: ConsentStatus, rows: ConsentRow[] } {
  const rows = listConsents(db, expert.id).map((row) => ({ ...row, effectiveEnd: effectiveEnd(row, expert.birthDate) }))
  return { status: consentStatus(rows, expert.birthDate, day), rows }
}
