// The coordinator's register of experts (design §4.1–4.4, §5 Privacy).
// Rules:
// - an expert belongs to one region; every group, area, channel, host organisation and ordering unit
//   chosen for them is one of the region's own, active ones (or one they already had);
// - the real identity is for coordinators and pair workers; the coordinator-only fields (excluded
//   units, internal notes, fee preference, income limit, tax card, identity code) are neither shown
//   to nor taken from a pair worker;
// - the identity code is checked by its checksum, must agree with the birth date, and is stored only
//   encrypted (DATA_KEY); it is shown masked to coordinators, in clear only on an audited disclosure;
// - every status change appends to the status history, which starts with the registration;
// - an expert is invited to an account with their own e-mail address: a user of role 'expert' in the
//   same region, named by the display name, and a single-use password link that the mail carries
//   with the display name only;
// - every list, read and change is written to the audit log (field names and ids, never values).
import type { Db } from '../../db.js'
import type { Errors } from '../../web/forms.js'
import type { Role } from '../../../db/schema.js'
import { recordAudit, type AuditAction } from '../audit/service.js'
import { issuePasswordToken } from '../auth/service.js'
import { mailExpertInvitation } from '../mail/mails.js'
import { decryptField, encryptField } from '../../lib/crypto.js'
import { ageOn, formatDate, nowIso, today } from '../../lib/dates.js'
import { identityCodeBirthDate, maskIdentityCode } from '../../lib/identity-code.js'
import {
  fieldsOf, restrictedFieldsOf, type ExpertFields, type ExpertFilter, type ParsedExpert, type ParsedStatusChange, type RestrictedFields,
} from './forms.js'
import {
  accountOf, groupAges, insertExpert, insertExpertUser, insertStatusHistory, linkKinds, linksOf, listExperts, regionChoices, setLinks,
  updateExpert, userEmailTaken, type Choices, type ExpertLinks, type ExpertRow, type LinkKind,
} from './queries.js'

export type Outcome<T> = { ok: true, value: T } | { ok: false, errors: Errors }

export interface Actor { id: number, regionId: number, role: Role }

// Only a coordinator sees and keeps the coordinator-only fields.
export function seesRestricted (actor: Actor): boolean {
  return actor.role === 'coordinator'
}

export function viewExpertList (db: Db, actor: Actor, filter: ExpertFilter, page: number, day: string) {
  const list = listExperts(db, actor.regionId, filter, page, day)
  const used = Object.entries(filter).filter(([key, value]) => key !== 'sort' && value !== undefined).map(([key]) => key)
  audit(db, actor, 'list', undefined, used.join(','))
  return list
}

export function viewExpert (db: Db, actor: Actor, expert: ExpertRow): void {
  audit(db, actor, 'read', expert.id)
}

// What the form offers: the region's active rows, and those the expert already has.
export function formChoices (db: Db, regionId: number, current?: ExpertRow & ExpertLinks): Choices {
  const all = regionChoices(db, regionId)
  const kept: Record<keyof Choices, readonly number[]> = {
    groups: current ? [current.groupId] : [],
    areas: current?.areaIds ?? [],
    experienceAreas: current?.experienceAreaIds ?? [],
    hosts: current?.hostOrganisationId ? [current.hostOrganisationId] : [],
    channels: current?.channelIds ?? [],
    units: current?.excludedUnitIds ?? [],
  }
  const result = {} as Choices
  for (const kind of Object.keys(all) as (keyof Choices)[]) result[kind] = all[kind].filter((row) => row.active || kept[kind].includes(row.id))
  return result
}

export function createExpert (db: Db, actor: Actor, form: ParsedExpert, key: Buffer, day: string): Outcome<{ id: number }> {
  const errors = check(db, actor, form)
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const { values } = form
  const status = values.status as 'candidate' | 'active'
  const restricted = values.restricted
  const id = db.transaction(() => {
    const id = insertExpert(db, actor.regionId, {
      ...fieldsOf(values),
      ...(restricted ? restrictedFieldsOf(restricted) : {}),
      identityCodeEncrypted: restricted?.identityCode ? encryptField(key, restricted.identityCode) : null,
      status,
      statusSince: day,
    })
    for (const kind of linkKinds) setLinks(db, id, kind, linkValues(form, kind) ?? [])
    insertStatusHistory(db, { expertId: id, status, changedOn: day, reason: 'registered', changedByUserId: actor.id })
    audit(db, actor, 'create', id)
    return id
  })
  return { ok: true, value: { id } }
}

export function editExpert (db: Db, actor: Actor, expert: ExpertRow, form: ParsedExpert, key: Buffer): Outcome<{ changed: string[] }> {
  const links = linksOf(db, expert.id)
  const errors = check(db, actor, form, { ...expert, ...links })
  const stored = expert.identityCodeEncrypted === null ? undefined : decryptField(key, expert.identityCodeEncrypted)
  const restricted = form.values.restricted
  const keepsCode = stored !== undefined && !restricted?.identityCode && !restricted?.removeIdentityCode
  if (keepsCode && !errors.birthDate && identityCodeBirthDate(stored!) !== form.values.birthDate) {
    errors.birthDate = { key: 'experts.error.identityCodeMismatch' }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }

  const fields: Partial<ExpertFields & RestrictedFields> & { identityCodeEncrypted?: string | null } = fieldsOf(form.values)
  if (restricted) Object.assign(fields, restrictedFieldsOf(restricted))
  const changed: string[] = (Object.keys(fields) as (keyof typeof fields)[]).filter((field) => fields[field] !== expert[field as keyof ExpertRow])
  if (restricted?.identityCode && restricted.identityCode !== stored) {
    fields.identityCodeEncrypted = encryptField(key, restricted.identityCode)
    changed.push('identityCode')
  } else if (!restricted?.identityCode && restricted?.removeIdentityCode && stored !== undefined) {
    fields.identityCodeEncrypted = null
    changed.push('identityCode')
  }
  const changedLinks = linkKinds.filter((kind) => {
    const next = linkValues(form, kind)
    return next !== undefined && [...next].sort().join(',') !== [...links[kind]].sort().join(',')
  })
  db.transaction(() => {
    updateExpert(db, expert.id, fields, nowIso())
    for (const kind of changedLinks) setLinks(db, expert.id, kind, linkValues(form, kind)!)
    audit(db, actor, 'update', expert.id, [...changed, ...changedLinks].join(','))
  })
  return { ok: true, value: { changed: [...changed, ...changedLinks] } }
}

export function changeStatus (db: Db, actor: Actor, expert: ExpertRow, form: ParsedStatusChange): Outcome<undefined> {
  const errors = { ...form.errors }
  const { status, changedOn, reason } = form.values
  if (!errors.status && status === expert.status) errors.status = { key: 'experts.error.statusSame' }
  if (!errors.changedOn && changedOn < expert.statusSince) errors.changedOn = { key: 'experts.error.beforeSince', params: { date: formatDate(expert.statusSince) } }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  db.transaction(() => {
    updateExpert(db, expert.id, { status, statusSince: changedOn }, nowIso())
    insertStatusHistory(db, { expertId: expert.id, status, changedOn, reason: reason || null, changedByUserId: actor.id })
    audit(db, actor, 'status_change', expert.id, 'status')
  })
  return { ok: true, value: undefined }
}

// The stored code masked (010106A****), for the coordinator's profile and form.
export function maskedIdentityCode (expert: ExpertRow, key: Buffer): string | undefined {
  return expert.identityCodeEncrypted === null ? undefined : maskIdentityCode(decryptField(key, expert.identityCodeEncrypted))
}

// The code in clear, once, written to the audit log.
export function revealIdentityCode (db: Db, actor: Actor, expert: ExpertRow, key: Buffer): Outcome<string> {
  if (expert.identityCodeEncrypted === null) return { ok: false, errors: { identityCode: { key: 'experts.identityCode.missing' } } }
  const code = decryptField(key, expert.identityCodeEncrypted)
  audit(db, actor, 'identity_code_revealed', expert.id)
  return { ok: true, value: code }
}

// Invites the expert to an account, or sends a new link while the account has no password yet.
export function inviteExpert (db: Db, actor: Actor, expert: ExpertRow, siteUrl: string): Outcome<undefined> {
  const fail = (key: string): Outcome<undefined> => ({ ok: false, errors: { invitation: { key } } })
  const account = expert.userId === null ? undefined : accountOf(db, expert.userId)
  if (account && !account.active) return fail('experts.invite.accountDisabled')
  if (account?.hasPassword) return fail('experts.invite.accountExists')
  if (!account && !expert.email) return fail('experts.invite.needEmail')
  if (!account && userEmailTaken(db, expert.email!)) return fail('experts.invite.emailTaken')
  db.transaction(() => {
    const userId = account?.id ?? insertExpertUser(db, actor.regionId, { email: expert.email!, name: expert.displayName })
    if (!account) updateExpert(db, expert.id, { userId }, nowIso())
    const token = issuePasswordToken(db, userId, 'invitation')
    mailExpertInvitation(db, siteUrl, { regionId: actor.regionId, to: account?.email ?? expert.email!, lang: expert.preferredLanguage }, expert.displayName, token)
    audit(db, actor, 'invite', expert.id, `user:${userId}`)
  })
  return { ok: true, value: undefined }
}

// The form's errors and the rules that need the database: the region's own rows, nothing foreign.
function check (db: Db, actor: Actor, form: ParsedExpert, current?: ExpertRow & ExpertLinks): Errors {
  const errors = { ...form.errors }
  const choices = formChoices(db, actor.regionId, current)
  const allowed = (kind: keyof Choices, ids: readonly number[]) => ids.every((id) => choices[kind].some((row) => row.id === id))
  const { values } = form
  if (!errors.groupId && !allowed('groups', [values.groupId!])) errors.groupId = { key: 'form.invalidChoice' }
  if (!errors.groupId && !errors.birthDate) {
    const group = groupAges(db, actor.regionId, values.groupId!)!
    const age = ageOn(values.birthDate, today())
    if ((group.minAge !== null && age < group.minAge) || (group.maxAge !== null && age > group.maxAge)) {
      const range = group.minAge === null ? 'Max' : group.maxAge === null ? 'Min' : ''
      errors.birthDate = { key: `experts.error.ageOutsideGroup${range}`, params: { age, group: group.name, min: group.minAge ?? 0, max: group.maxAge ?? 0 } }
    }
  }
  if (!errors.hostOrganisationId && values.hostOrganisationId !== undefined && !allowed('hosts', [values.hostOrganisationId])) {
    errors.hostOrganisationId = { key: 'form.invalidChoice' }
  }
  const lists: [LinkKind, keyof Choices][] = [['areaIds', 'areas'], ['experienceAreaIds', 'experienceAreas'], ['channelIds', 'channels'], ['excludedUnitIds', 'units']]
  for (const [field, kind] of lists) {
    const ids = linkValues(form, field) as number[] | undefined
    if (!errors[field] && ids && !allowed(kind, ids)) errors[field] = { key: 'form.invalidChoice' }
  }
  return errors
}

// A list as the form gave it; undefined for the excluded units when the form had no such field.
function linkValues (form: ParsedExpert, kind: LinkKind): readonly (string | number)[] | undefined {
  return kind === 'excludedUnitIds' ? form.values.restricted?.excludedUnitIds : form.values[kind]
}

function audit (db: Db, actor: Actor, action: AuditAction, subjectId?: number, detail?: string): void {
  recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action, subjectType: 'expert', subjectId, detail: detail || undefined })
}
