// The region's yearly fee rules (design §5 "Fees"): the admin keeps them, coordinators read them. A
// change recomputes the year's claims not yet approved; an approved claim never changes. A year's rules
// may be copied to the next year when that year has none. Every change is in the audit log.
import type { Db } from '../../db.js'
import type { Errors } from '../../web/forms.js'
import { recordAudit } from '../audit/service.js'
import { listItems } from '../structure/queries.js'
import type { ParsedPackage, ParsedRules, ParsedUnitOverride } from './forms.js'
import { recomputeClaim } from './claims.js'
import {
  channelBasesOf, insertPackage, openClaimSources, packagesOf, removeUnitOverride, ruleRowOf, saveChannelBases, saveRules,
  saveUnitOverride, unitOverridesOf,
} from './queries.js'
import type { FeeBasis } from '../../../db/schema.js'
import './messages.js'

export type Outcome<T> = { ok: true, value: T } | { ok: false, errors: Errors }

export interface Actor { id: number, regionId: number }

// Saves a change of a year's rules, audits it and recomputes the year's open claims, in one transaction.
function change (db: Db, actor: Actor, year: number, what: string, now: string, write: () => void): Outcome<undefined> {
  db.transaction(() => {
    write()
    recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action: 'fee_rules_changed', subjectType: 'region', subjectId: actor.regionId, detail: `year:${year},${what}` })
    for (const claim of openClaimSources(db, actor.regionId, year)) recomputeClaim(db, claim, actor.id, now)
  })
  return { ok: true, value: undefined }
}

export function changeRules (db: Db, actor: Actor, year: number, form: ParsedRules, now: string): Outcome<undefined> {
  if (!form.ok) return { ok: false, errors: form.errors }
  return change(db, actor, year, 'rules', now, () => saveRules(db, actor.regionId, year, form.fields, now))
}

function hasRules (db: Db, actor: Actor, year: number): Errors {
  return ruleRowOf(db, actor.regionId, year) ? {} : { year: { key: 'fees.error.rulesFirst' } }
}

export function addPackage (db: Db, actor: Actor, year: number, form: ParsedPackage, now: string): Outcome<undefined> {
  const errors: Errors = { ...hasRules(db, actor, year), ...form.errors }
  const { channelId } = form.fields
  if (channelId !== null && !listItems(db, 'channels', actor.regionId).some((one) => one.id === channelId)) errors.packageChannelId = { key: 'form.invalidChoice' }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return change(db, actor, year, 'package', now, () => insertPackage(db, { ...form.fields, regionId: actor.regionId, year }))
}

export function setChannelBases (db: Db, actor: Actor, year: number, form: { ok: boolean, errors: Errors, bases: { channelId: number, basis: FeeBasis }[] }, now: string): Outcome<undefined> {
  const errors: Errors = { ...hasRules(db, actor, year), ...form.errors }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return change(db, actor, year, 'channels', now, () => saveChannelBases(db, actor.regionId, year, form.bases))
}

export function setUnitOverride (db: Db, actor: Actor, year: number, form: ParsedUnitOverride, now: string): Outcome<undefined> {
  const errors: Errors = { ...hasRules(db, actor, year), ...form.errors }
  if (!listItems(db, 'ordering-units', actor.regionId).some((unit) => unit.id === form.fields.orderingUnitId)) errors.orderingUnitId = { key: 'form.invalidChoice' }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return change(db, actor, year, `unit:${form.fields.orderingUnitId}`, now, () => saveUnitOverride(db, { ...form.fields, regionId: actor.regionId, year }))
}

export function dropUnitOverride (db: Db, actor: Actor, year: number, orderingUnitId: number, now: string): boolean {
  if (!unitOverridesOf(db, actor.regionId, year).some((one) => one.orderingUnitId === orderingUnitId)) return false
  change(db, actor, year, `unit:${orderingUnitId},removed`, now, () => removeUnitOverride(db, actor.regionId, year, orderingUnitId))
  return true
}

// Copies the year's rules, packages, channel bases and unit overrides to the next year, which must
// have no rules yet.
export function copyToNextYear (db: Db, actor: Actor, year: number, now: string): Outcome<undefined> {
  const row = ruleRowOf(db, actor.regionId, year)
  if (!row) return { ok: false, errors: hasRules(db, actor, year) }
  if (ruleRowOf(db, actor.regionId, year + 1)) return { ok: false, errors: { year: { key: 'fees.error.nextYearExists', params: { year: year + 1 } } } }
  const { regionId: _regionId, year: _year, updatedAt: _updatedAt, ...fields } = row
  return change(db, actor, year + 1, `copiedFrom:${year}`, now, () => {
    saveRules(db, actor.regionId, year + 1, fields, now)
    for (const one of packagesOf(db, actor.regionId, year)) insertPackage(db, { regionId: actor.regionId, year: year + 1, name: one.name, amountCents: one.amountCents, channelId: one.channelId })
    saveChannelBases(db, actor.regionId, year + 1, channelBasesOf(db, actor.regionId, year))
    for (const one of unitOverridesOf(db, actor.regionId, year)) saveUnitOverride(db, { regionId: actor.regionId, year: year + 1, orderingUnitId: one.orderingUnitId, basis: one.basis, amountCents: one.amountCents })
  })
}
