// The region's users as the admin keeps them.
// Rules:
// - the e-mail address is the login name: unique in the whole installation, kept in lower case;
// - an orderer orders for one of the region's own active ordering units; other roles have no unit;
// - a new user has no password: an invitation link (single use, 7 days) lets them set it, and a
//   password reset clears the password and sends such a link again; mails carry the link only;
// - disabling a user and resetting their password end their sessions at once;
// - an admin cannot disable themself nor change their own role, so nobody locks themself out;
// - an admin may unlock an account locked by failed sign-ins (auth/service.ts), which is audited;
// - every list, read and change of a user is written to the audit log (field names, never values).
import type { Db } from '../../db.js'
import type { Errors } from '../../web/forms.js'
import type { Lang } from '../../web/i18n/index.js'
import { absoluteTimeoutMs, endSessionsOfUser, idleTimeoutMs } from '../../web/session-store.js'
import { issuePasswordToken, lockedAccounts, unlockAccount } from '../auth/service.js'
import { mailPasswordLink } from '../mail/mails.js'
import { recordAudit, type AuditAction } from '../audit/service.js'
import { isoPlus, nowIso } from '../../lib/dates.js'
import type { Role } from '../../../db/schema.js'
import type { ParsedUser, UserValues } from './forms.js'
import {
  countSessions, emailTaken, insertUser, isActiveUnit, listUsers, updateUser,
  type UserDetail, type UserFields, type UserFilter,
} from './queries.js'

export type Outcome<T> = { ok: true, value: T } | { ok: false, errors: Errors }

export interface Actor { id: number, regionId: number }

// What a mail needs: the site's address (SITE_URL) for the link, and the admin's language.
export interface MailContext { siteUrl: string, lang: Lang }

export function viewUserList (db: Db, actor: Actor, filter: UserFilter, page: number) {
  const list = listUsers(db, actor.regionId, filter, page)
  audit(db, actor, 'list')
  return list
}

export function viewUser (db: Db, actor: Actor, target: UserDetail): void {
  audit(db, actor, 'read', target.id)
}

export function liveSessionCount (db: Db, userId: number): number {
  const now = nowIso()
  return countSessions(db, userId, { seen: isoPlus(now, -idleTimeoutMs), created: isoPlus(now, -absoluteTimeoutMs) })
}

export function createUser (db: Db, actor: Actor, form: ParsedUser, mail: MailContext): Outcome<{ id: number }> {
  const errors = check(db, actor, form)
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const fields = toFields(form.values)
  const id = db.transaction(() => {
    const id = insertUser(db, actor.regionId, fields)
    sendPasswordLink(db, { id, regionId: actor.regionId, email: fields.email }, 'invitation', mail)
    audit(db, actor, 'create', id)
    return id
  })
  return { ok: true, value: { id } }
}

export function editUser (db: Db, actor: Actor, target: UserDetail, form: ParsedUser): Outcome<undefined> {
  const errors = check(db, actor, form, target)
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const fields = toFields(form.values)
  const changed = (Object.keys(fields) as (keyof UserFields)[]).filter((field) => fields[field] !== target[field])
  db.transaction(() => {
    updateUser(db, target.id, fields, nowIso())
    audit(db, actor, 'update', target.id, changed.join(','))
  })
  return { ok: true, value: undefined }
}

// The actions on a user's page share one shape, so that routes can list them in a table.
export type UserAction = (db: Db, actor: Actor, target: UserDetail, mail: MailContext) => Outcome<undefined>

export const disableUser: UserAction = (db, actor, target) => {
  if (target.id === actor.id) return { ok: false, errors: { user: { key: 'users.cannotDisableSelf' } } }
  db.transaction(() => {
    updateUser(db, target.id, { active: false }, nowIso())
    endSessionsOfUser(db, target.id)
    audit(db, actor, 'disable', target.id)
  })
  return { ok: true, value: undefined }
}

export const enableUser: UserAction = (db, actor, target) => {
  db.transaction(() => {
    updateUser(db, target.id, { active: true }, nowIso())
    audit(db, actor, 'enable', target.id)
  })
  return { ok: true, value: undefined }
}

export const resetPassword: UserAction = (db, actor, target, mail) => {
  db.transaction(() => {
    updateUser(db, target.id, { passwordHash: null }, nowIso())
    endSessionsOfUser(db, target.id)
    sendPasswordLink(db, target, 'reset', mail)
    audit(db, actor, 'password_reset', target.id)
  })
  return { ok: true, value: undefined }
}

export const endSessions: UserAction = (db, actor, target) => {
  db.transaction(() => {
    endSessionsOfUser(db, target.id)
    audit(db, actor, 'sessions_ended', target.id)
  })
  return { ok: true, value: undefined }
}

// Until when each of these users' accounts is locked by failed sign-ins; unlocked users are left out.
// The accounts are known by a hash keyed with the session secret.
export function lockedUsers (db: Db, secret: string, rows: { id: number, email: string }[]): Map<number, string> {
  const locked = lockedAccounts(db, secret, rows.map((row) => row.email))
  return new Map(rows.flatMap((row) => {
    const until = locked.get(row.email)
    return until ? [[row.id, until] as const] : []
  }))
}

export function unlockUser (db: Db, actor: Actor, target: UserDetail, secret: string): Outcome<undefined> {
  return db.transaction(() => {
    if (!unlockAccount(db, secret, target.email)) return { ok: false, errors: { user: { key: 'users.notLocked' } } }
    audit(db, actor, 'unlock', target.id)
    return { ok: true, value: undefined }
  })
}

function check (db: Db, actor: Actor, form: ParsedUser, target?: UserDetail): Errors {
  const errors = { ...form.errors }
  const { email, role, orderingUnitId } = form.values
  if (!errors.email && emailTaken(db, email, target?.id)) errors.email = { key: 'users.emailTaken' }
  if (!errors.role && target?.id === actor.id && role !== target.role) errors.role = { key: 'users.ownRole' }
  if (role === 'orderer') {
    if (orderingUnitId === undefined) errors.orderingUnitId = { key: 'users.unitRequired' }
    else if (!isActiveUnit(db, actor.regionId, orderingUnitId)) errors.orderingUnitId = { key: 'form.invalidChoice' }
  }
  return errors
}

// Called only once check has passed: the role is then one of the roles.
function toFields (values: UserValues): UserFields {
  const role = values.role as Role
  return { name: values.name, email: values.email, role, orderingUnitId: role === 'orderer' ? values.orderingUnitId! : null }
}

function sendPasswordLink (db: Db, user: { id: number, regionId: number, email: string }, purpose: 'invitation' | 'reset', mail: MailContext): void {
  const token = issuePasswordToken(db, user.id, purpose)
  mailPasswordLink(db, mail.siteUrl, { regionId: user.regionId, to: user.email, lang: mail.lang }, purpose, token)
}

function audit (db: Db, actor: Actor, action: AuditAction, subjectId?: number, detail?: string): void {
  recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action, subjectType: 'user', subjectId, detail })
}
