// The decline form: an optional reason, at most 500 characters.
import { optionalMax, result, text, type Body, type Errors } from '../../web/forms.js'

export const reasonMax = 500

export function parseDecline (body: Body | undefined) {
  const errors: Errors = {}
  const reason = text(body, 'reason')
  optionalMax(errors, 'reason', reason, reasonMax)
  return result({ reason }, errors, ['reason'])
}
