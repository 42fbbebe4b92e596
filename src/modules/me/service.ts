// The expert's own page (design §2, §6: GET /me, GET /me/data). Rules:
// - an expert sees and edits only their own record, found by their own user (queries.ts);
// - they see what is stored about them except the coordinator-only fields; they edit their contact
//   details, languages, experience areas (voluntary and coarse), fee preference and income limit;
// - they can download everything they may see as JSON;
// - every view, change and download is written to the audit log with field names, never values.
import type { Db } from '../../db.js'
import { recordAudit, type AuditAction } from '../audit/service.js'
import { ageOn, nowIso, today } from '../../lib/dates.js'
import { consentSummary, listConsents } from '../consents/queries.js'
import { enrolmentsOf, trainingSummary } from '../trainings/queries.js'
import { availabilityOf } from '../availability/queries.js'
import type { Outcome, Owner } from '../availability/service.js'
import { moneyField, spokenLanguages, type ParsedOwnDetails } from './forms.js'
import {
  experienceAreaChoices, ownLists, replaceExperienceAreas, replaceLanguages, statusHistoryOf, updateOwnDetails,
  type OwnDetails, type OwnExpert, type OwnLists,
} from './queries.js'

export function ownerOf (expert: OwnExpert, userId: number): Owner {
  return { expertId: expert.id, regionId: expert.regionId, userId }
}

export function recordOwnRead (db: Db, owner: Owner, detail?: string): void {
  audit(db, owner, 'read', detail)
}

// Everything the own page shows, besides the form.
export function ownPage (db: Db, expert: OwnExpert, day = today()) {
  return {
    expert,
    age: ageOn(expert.birthDate, day),
    lists: ownLists(db, expert.id),
    consents: consentSummary(db, expert, day),
    training: trainingSummary(db, expert.id, day),
    choices: experienceAreaChoices(db, expert.regionId, expert.id),
  }
}

// The form's values as stored.
export function detailsValues (expert: OwnExpert, lists: OwnLists) {
  return {
    email: expert.email ?? '',
    phone: expert.phone ?? '',
    preferredLanguage: expert.preferredLanguage,
    languages: lists.languages,
    experienceAreaIds: lists.experienceAreas.map((area) => String(area.id)),
    feePreference: expert.feePreference,
    incomeLimit: moneyField(expert.incomeLimitCents),
  }
}

export function editOwnDetails (db: Db, owner: Owner, expert: OwnExpert, form: ParsedOwnDetails): Outcome<undefined> {
  const errors = { ...form.errors }
  const allowed = new Set(experienceAreaChoices(db, expert.regionId, expert.id).map((area) => area.id))
  if (!errors.experienceAreaIds && form.experienceAreaIds.some((areaId) => !allowed.has(areaId))) errors.experienceAreaIds = { key: 'form.invalidChoice' }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const { values } = form
  const details: OwnDetails = {
    email: values.email || null,
    phone: values.phone || null,
    preferredLanguage: values.preferredLanguage!,
    feePreference: values.feePreference!,
    incomeLimitCents: form.incomeLimitCents,
  }
  const lists = ownLists(db, expert.id)
  const before: OwnDetails = {
    email: expert.email, phone: expert.phone, preferredLanguage: expert.preferredLanguage, feePreference: expert.feePreference, incomeLimitCents: expert.incomeLimitCents,
  }
  const changed = [
    ...(Object.keys(details) as (keyof OwnDetails)[]).filter((field) => details[field] !== before[field]),
    ...(sameSet(lists.languages.filter((code) => (spokenLanguages as readonly string[]).includes(code)), values.languages) ? [] : ['languages']),
    ...(sameSet(lists.experienceAreas.map((area) => area.id), form.experienceAreaIds) ? [] : ['experienceAreas']),
  ]
  db.transaction(() => {
    updateOwnDetails(db, expert.id, details, nowIso())
    replaceLanguages(db, expert.id, spokenLanguages, [...new Set(values.languages)])
    replaceExperienceAreas(db, expert.id, [...new Set(form.experienceAreaIds)])
    audit(db, owner, 'update', changed.join(','))
  })
  return { ok: true, value: undefined }
}

// Everything stored about the expert that they may see, for the download.
export function exportOwnData (db: Db, owner: Owner, expert: OwnExpert, account: { name: string, email: string }) {
  const { id: _id, regionId: _regionId, ...profile } = expert
  const lists = ownLists(db, expert.id)
  const { windows, periods, monthlyCap, pausedUntil } = availabilityOf(db, expert.id)
  const data = {
    exportedAt: nowIso(),
    account,
    profile: { ...profile, ...lists, experienceAreas: lists.experienceAreas.map((area) => area.name) },
    statusHistory: statusHistoryOf(db, expert.id),
    consents: listConsents(db, expert.id),
    trainings: enrolmentsOf(db, expert.id),
    availability: { windows, unavailablePeriods: periods, monthlyCap, pausedUntil },
  }
  audit(db, owner, 'export')
  return data
}

function sameSet<T> (a: readonly T[], b: readonly T[]): boolean {
  const left = new Set(a)
  const right = new Set(b)
  return left.size === right.size && [...left].every((one) => right.has(one))
}

function audit (db: Db, owner: Owner, action: AuditAction, detail?: string): void {
  recordAudit(db, { regionId: owner.regionId, actorUserId: owner.userId, action, subjectType: 'expert', subjectId: owner.expertId, detail })
}
