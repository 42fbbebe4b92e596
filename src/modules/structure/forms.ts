// The six kinds of the region's structure and the one form they share. A kind is named by its URL
// segment; every kind has a name, ordering units also lie in an area, channels also carry a default
// load and say whether basic training is required. Only editing can deactivate a row.
import { checked, choice, id, required, result, text, wholeNumber, type Body, type Errors, type Parsed } from '../../web/forms.js'
import { loads, type Load } from '../../../db/schema.js'

export const kinds = ['areas', 'host-organisations', 'ordering-units', 'channels', 'expert-groups', 'experience-areas'] as const
export type Kind = (typeof kinds)[number]

export type Field = 'name' | 'areaId' | 'defaultLoad' | 'requiresBasicTraining' | 'minAge' | 'maxAge'

export const fieldsOf: Record<Kind, readonly Field[]> = {
  'areas': ['name'],
  'host-organisations': ['name'],
  'ordering-units': ['name', 'areaId'],
  'channels': ['name', 'defaultLoad', 'requiresBasicTraining'],
  'expert-groups': ['name', 'minAge', 'maxAge'],
  'experience-areas': ['name'],
}

export function kindOf (segment: string): Kind | undefined {
  return kinds.find((kind) => kind === segment)
}

export interface ItemValues {
  name: string
  active: boolean
  areaId?: number
  defaultLoad?: Load
  requiresBasicTraining?: boolean
  minAge?: number | null
  maxAge?: number | null
}

export const nameMax = 200

export function parseItem (kind: Kind, body: Body, mode: 'new' | 'edit'): Parsed<ItemValues> {
  const errors: Errors = {}
  const fields = fieldsOf[kind]
  const values: ItemValues = { name: text(body, 'name').replace(/\s+/g, ' '), active: mode === 'new' || checked(body, 'active') }
  required(errors, 'name', values.name, nameMax)
  if (fields.includes('areaId')) {
    values.areaId = id(body.areaId)
    if (values.areaId === undefined) errors.areaId = { key: 'form.required' }
  }
  if (fields.includes('defaultLoad')) values.defaultLoad = choice(errors, 'defaultLoad', text(body, 'defaultLoad'), loads)
  if (fields.includes('requiresBasicTraining')) values.requiresBasicTraining = checked(body, 'requiresBasicTraining')
  if (fields.includes('minAge')) {
    values.minAge = wholeNumber(errors, 'minAge', text(body, 'minAge'), 0, 120, true) ?? null
    values.maxAge = wholeNumber(errors, 'maxAge', text(body, 'maxAge'), 0, 120, true) ?? null
    if (values.minAge !== null && values.maxAge !== null && values.maxAge < values.minAge) errors.maxAge = { key: 'structure.error.ageRange' }
  }
  return result(values, errors)
}

// The empty add form of a kind.
export function blankItem (kind: Kind): ItemValues {
  return parseItem(kind, {}, 'new').values
}
