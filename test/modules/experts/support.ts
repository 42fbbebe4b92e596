// Shared pieces of the expert register's tests: a region with its structure, a valid form, identity
// codes, and reading what the pages leave behind.
import { and, count, eq } from 'drizzle-orm'
import type { Db } from '../../../src/db.js'
import { auditLog, experts, expertStatusHistory, outbox } from '../../../db/schema.js'
import { aChannel, aGroup, aHostOrganisation, anArea, anExperienceArea, aUnit } from '../../helper.js'
import { today } from '../../../src/lib/dates.js'

// The region's structure an expert form chooses from.
export function aStructure (db: Db, regionId: number) {
  return {
    group: aGroup(db, regionId, 'Nuori aikuinen'),
    otherGroup: aGroup(db, regionId, 'Vanhempi'),
    area: anArea(db, regionId, 'Hämeenlinna'),
    otherArea: anArea(db, regionId, 'Forssa'),
    experience: anExperienceArea(db, regionId, 'Sijaisperhe'),
    host: aHostOrganisation(db, regionId, 'Pesäpuu ry'),
    channel: aChannel(db, regionId, { name: 'Työpaja' }),
    unit: aUnit(db, regionId, 'Perhekeskus Forssa'),
  }
}

export type Structure = ReturnType<typeof aStructure>

// A birth date that makes the person `age` years old today (1 January of that year).
export function bornYearsAgo (age: number): string {
  return `${Number(today().slice(0, 4)) - age}-01-01`
}

// A valid Finnish identity code for a birth date.
export function identityCodeFor (birthDate: string, individual = 123): string {
  const [year, month, day] = birthDate.split('-') as [string, string, string]
  const digits = `${day}${month}${year.slice(2)}${String(individual).padStart(3, '0')}`
  const sign = Number(year) >= 2000 ? 'A' : '-'
  return `${digits.slice(0, 6)}${sign}${digits.slice(6)}${'0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(digits) % 31]}`
}

// The fields of a good form for the structure; a test changes what it tests.
export function goodForm (s: Structure, change: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    realName: 'Aino Äijälä',
    displayName: 'Kettu',
    birthDate: bornYearsAgo(22),
    groupId: String(s.group.id),
    email: 'aino@example.fi',
    phone: '+358 40 123 4567',
    preferredLanguage: 'fi',
    languages: ['fi', 'en'],
    areaIds: [String(s.area.id)],
    remoteAllowed: 'on',
    experienceAreaIds: [String(s.experience.id)],
    hostOrganisationId: String(s.host.id),
    channelIds: [String(s.channel.id)],
    status: 'candidate',
    feePreference: 'paid',
    ...change,
  }
}

export function expertRow (db: Db, id: number) {
  return db.select().from(experts).where(eq(experts.id, id)).get()!
}

export function expertByDisplayName (db: Db, displayName: string) {
  return db.select().from(experts).where(eq(experts.displayName, displayName)).get()
}

export function countExperts (db: Db): number {
  return db.select({ n: count() }).from(experts).get()!.n
}

export function historyOf (db: Db, expertId: number) {
  return db.select().from(expertStatusHistory).where(eq(expertStatusHistory.expertId, expertId)).orderBy(expertStatusHistory.id).all()
}

export function auditRows (db: Db, action: string, subjectId?: number) {
  return db.select().from(auditLog)
    .where(and(eq(auditLog.subjectType, 'expert'), eq(auditLog.action, action), subjectId === undefined ? undefined : eq(auditLog.subjectId, subjectId))).all()
}

export function mailsTo (db: Db, address: string) {
  return db.select().from(outbox).where(eq(outbox.toAddress, address)).orderBy(outbox.id).all()
}
