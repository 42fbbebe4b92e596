// Recording and reading an expert's consents (design §4.2).
// Rules:
// - consents are never edited or deleted: a new consent supersedes the old one, and the state is
//   always derived from all of them (rules.ts);
// - a guardian or the custodial official consents only for a minor: for someone 18 or over on the
//   day it was given, only their own consent counts;
// - every read of an expert's consents, the renewal list and every recorded consent is written to the
//   audit log (ids only, never names or dates).
import type { Db } from '../../db.js'
import type { Errors } from '../../web/forms.js'
import { recordAudit } from '../audit/service.js'
import { isMinorOn } from '../experts/rules.js'
import type { ConsentGiver } from '../../../db/schema.js'
import type { ParsedConsent } from './forms.js'
import { consentSummary, consentsToRenew, insertConsent, type ConsentExpert } from './queries.js'

export type Outcome<T> = { ok: true, value: T } | { ok: false, errors: Errors }

export interface Actor { id: number, regionId: number }

export function viewConsents (db: Db, actor: Actor, expert: ConsentExpert, day: string) {
  recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action: 'read', subjectType: 'expert', subjectId: expert.id, detail: 'consents' })
  return consentSummary(db, expert, day)
}

export function recordConsent (db: Db, actor: Actor, expert: ConsentExpert, form: ParsedConsent): Outcome<{ id: number }> {
  const errors = { ...form.errors }
  const { givenBy, givenOn } = form.values
  if (givenBy !== undefined && givenBy !== 'expert' && !errors.givenOn && !isMinorOn(expert.birthDate, givenOn)) {
    errors.givenBy = { key: 'consents.guardianForAdult' }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const { giverName, ...rest } = form.values
  const id = db.transaction(() => {
    const id = insertConsent(db, {
      ...rest,
      givenBy: givenBy as ConsentGiver,
      giverName: givenBy === 'expert' ? null : giverName,
      expertId: expert.id,
      recordedByUserId: actor.id,
    })
    recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action: 'consent_recorded', subjectType: 'expert', subjectId: expert.id, detail: `consent:${id}` })
    return id
  })
  return { ok: true, value: { id } }
}

// The renewal list of the coordinator's and pair worker's home: one 'list' row in the audit log.
// The home shows the most urgent 20, like its other lists; the experts list filters the rest by state.
export function viewConsentsToRenew (db: Db, actor: Actor, day: string, limit = 20) {
  recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action: 'list', subjectType: 'expert', detail: 'consents_to_renew' })
  return consentsToRenew(db, actor.regionId, day, limit)
}
