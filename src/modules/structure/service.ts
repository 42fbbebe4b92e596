// The region's structure: areas, host organisations, ordering units, channels, expert groups and
// experience areas (design §3). Rules: a row belongs to one region and is found only through it; a
// name is unique within its region and kind, whatever its letter case; an ordering unit lies in one
// of the region's own active areas (or stays in the deactivated area it already lies in); nothing is
// deleted: a row that is no longer used is deactivated, so old records and yearly figures keep it.
import type { Db } from '../../db.js'
import type { Errors, FieldError, Parsed } from '../../web/forms.js'
import type { CurrentUser } from '../../web/types.js'
import { recordAudit, type AuditAction } from '../audit/service.js'
import { kinds, fieldsOf, type ItemValues, type Kind } from './forms.js'
import { findItem, insertItem, listItems, updateItem, type ItemRow } from './queries.js'

export type SaveResult = { ok: true, value: { id: number, name: string } } | { ok: false, errors: Errors }

type Actor = Pick<CurrentUser, 'id' | 'regionId'>

const subjectOf: Record<Kind, string> = {
  'areas': 'area',
  'host-organisations': 'host_organisation',
  'ordering-units': 'ordering_unit',
  'channels': 'channel',
  'expert-groups': 'expert_group',
  'experience-areas': 'experience_area',
}

export function structureOverview (db: Db, regionId: number) {
  return kinds.map((kind) => ({ kind, fields: fieldsOf[kind], rows: listItems(db, kind, regionId) }))
}

// Creates a row (without current) or changes one. The form's own errors and the rules' errors are
// reported together. Immediate transaction: the name check and the write see the same rows.
export function saveItem (db: Db, actor: Actor, kind: Kind, form: Parsed<ItemValues>, current?: ItemRow): SaveResult {
  return db.transaction(() => {
    const errors = { ...ruleErrors(db, actor.regionId, kind, form.values, current), ...form.errors }
    if (Object.keys(errors).length > 0) return { ok: false as const, errors }
    const id = write(db, actor.regionId, kind, form.values, current)
    recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action: auditAction(form.values, current), subjectType: subjectOf[kind], subjectId: id })
    return { ok: true as const, value: { id, name: form.values.name } }
  }, { behavior: 'immediate' })
}

function write (db: Db, regionId: number, kind: Kind, values: ItemValues, current: ItemRow | undefined): number {
  if (!current) return insertItem(db, kind, regionId, values)
  updateItem(db, kind, regionId, current.id, values)
  return current.id
}

function auditAction (values: ItemValues, current: ItemRow | undefined): AuditAction {
  if (!current) return 'create'
  if (current.active === values.active) return 'update'
  return values.active ? 'enable' : 'disable'
}

function ruleErrors (db: Db, regionId: number, kind: Kind, values: ItemValues, current: ItemRow | undefined): Errors {
  const errors: Errors = {}
  if (nameTaken(db, regionId, kind, values.name, current)) errors.name = { key: 'structure.nameTaken' }
  const area = areaError(db, regionId, values.areaId, current)
  if (area) errors.areaId = area
  return errors
}

function sameName (a: string, b: string): boolean {
  return a.toLocaleLowerCase('fi') === b.toLocaleLowerCase('fi')
}

function nameTaken (db: Db, regionId: number, kind: Kind, name: string, current: ItemRow | undefined): boolean {
  return listItems(db, kind, regionId).some((row) => row.id !== current?.id && sameName(row.name, name))
}

// A missing area is the form's error; a chosen one must be the region's own and active, unless the
// unit already lies in it.
function areaError (db: Db, regionId: number, areaId: number | undefined, current: ItemRow | undefined): FieldError | undefined {
  if (areaId === undefined) return undefined
  const area = findItem(db, 'areas', regionId, areaId)
  if (!area || !(area.active || area.id === current?.areaId)) return { key: 'structure.areaUnknown' }
  return undefined
}
