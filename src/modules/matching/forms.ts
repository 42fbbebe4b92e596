// The offer form: one or many experts chosen by id (checkboxes named expertIds).
import { id, result, type Body, type Errors } from '../../web/forms.js'

export function parseOffer (body: Body | undefined) {
  const errors: Errors = {}
  const raw = [body?.expertIds ?? []].flat()
  const expertIds = [...new Set(raw.map(id))]
  if (raw.length === 0) errors.expertIds = { key: 'matching.error.none' }
  else if (expertIds.includes(undefined)) errors.expertIds = { key: 'form.invalidChoice' }
  return result({ expertIds: expertIds.filter((n): n is number => n !== undefined) }, errors)
}
