// The signed-in expert's own record. Every query starts from the session's user id or from the
// expert row found by it, never from an id in the request: an expert reaches only the record linked
// to their own user, in their own region. Coordinator-only fields (excluded units, internal notes,
// identity code, tax card) are never selected here.
import { and, asc, eq, inArray, isNotNull, or } from 'drizzle-orm'
import type { Db } from '../../db.js'
import {
  areas, channels, experienceAreas, expertAreas, expertChannels, expertExperienceAreas, expertGroups, expertLanguages,
  experts, expertStatusHistory, hostOrganisations, users, type FeePreference,
} from '../../../db/schema.js'

export function ownExpert (db: Db, userId: number) {
  return db.select({
    id: experts.id, regionId: experts.regionId, displayName: experts.displayName, realName: experts.realName,
    birthDate: experts.birthDate, groupName: expertGroups.name, email: experts.email, phone: experts.phone,
    preferredLanguage: experts.preferredLanguage, remoteAllowed: experts.remoteAllowed, hostOrganisation: hostOrganisations.name,
    status: experts.status, statusSince: experts.statusSince, feePreference: experts.feePreference, incomeLimitCents: experts.incomeLimitCents,
  }).from(experts)
    .innerJoin(users, and(eq(users.id, experts.userId), eq(users.regionId, experts.regionId)))
    .innerJoin(expertGroups, eq(expertGroups.id, experts.groupId))
    .leftJoin(hostOrganisations, eq(hostOrganisations.id, experts.hostOrganisationId))
    .where(eq(experts.userId, userId)).get()
}

export type OwnExpert = NonNullable<ReturnType<typeof ownExpert>>

// The expert's lists: languages, areas they reach, experience areas, preferred channels.
export function ownLists (db: Db, expertId: number) {
  return {
    languages: db.select({ code: expertLanguages.language }).from(expertLanguages)
      .where(eq(expertLanguages.expertId, expertId)).orderBy(asc(expertLanguages.language)).all().map((row) => row.code),
    areas: db.select({ name: areas.name }).from(expertAreas).innerJoin(areas, eq(areas.id, expertAreas.areaId))
      .where(eq(expertAreas.expertId, expertId)).orderBy(asc(areas.name)).all().map((row) => row.name),
    experienceAreas: db.select({ id: experienceAreas.id, name: experienceAreas.name }).from(expertExperienceAreas)
      .innerJoin(experienceAreas, eq(experienceAreas.id, expertExperienceAreas.experienceAreaId))
      .where(eq(expertExperienceAreas.expertId, expertId)).orderBy(asc(experienceAreas.name)).all(),
    channels: db.select({ name: channels.name }).from(expertChannels).innerJoin(channels, eq(channels.id, expertChannels.channelId))
      .where(eq(expertChannels.expertId, expertId)).orderBy(asc(channels.name)).all().map((row) => row.name),
  }
}

export type OwnLists = ReturnType<typeof ownLists>

// The experience areas the expert may choose: the region's active ones, and any they already have.
export function experienceAreaChoices (db: Db, regionId: number, expertId: number) {
  return db.select({ id: experienceAreas.id, name: experienceAreas.name }).from(experienceAreas)
    .leftJoin(expertExperienceAreas, and(eq(expertExperienceAreas.experienceAreaId, experienceAreas.id), eq(expertExperienceAreas.expertId, expertId)))
    .where(and(eq(experienceAreas.regionId, regionId), or(eq(experienceAreas.active, true), isNotNull(expertExperienceAreas.expertId))))
    .orderBy(asc(experienceAreas.name)).all()
}

export function statusHistoryOf (db: Db, expertId: number) {
  return db.select({ status: expertStatusHistory.status, changedOn: expertStatusHistory.changedOn }).from(expertStatusHistory)
    .where(eq(expertStatusHistory.expertId, expertId)).orderBy(asc(expertStatusHistory.changedOn), asc(expertStatusHistory.id)).all()
}

export interface OwnDetails {
  email: string | null
  phone: string | null
  preferredLanguage: 'fi' | 'sv' | 'en'
  feePreference: FeePreference
  incomeLimitCents: number | null
}

export function updateOwnDetails (db: Db, expertId: number, details: OwnDetails, updatedAt: string): void {
  db.update(experts).set({ ...details, updatedAt }).where(eq(experts.id, expertId)).run()
}

// Replaces the languages the form offers; other codes a coordinator recorded stay.
export function replaceLanguages (db: Db, expertId: number, offered: readonly string[], chosen: readonly string[]): void {
  db.delete(expertLanguages).where(and(eq(expertLanguages.expertId, expertId), inArray(expertLanguages.language, [...offered]))).run()
  if (chosen.length > 0) db.insert(expertLanguages).values(chosen.map((language) => ({ expertId, language }))).run()
}

export function replaceExperienceAreas (db: Db, expertId: number, chosen: readonly number[]): void {
  db.delete(expertExperienceAreas).where(eq(expertExperienceAreas.expertId, expertId)).run()
  if (chosen.length > 0) db.insert(expertExperienceAreas).values(chosen.map((experienceAreaId) => ({ expertId, experienceAreaId }))).run()
}
