// The forms of an assignment: cancellation (a reason), completion (hours, travel, receipts, whether the
// audience came) and the debrief (done on, by whom, support needed — nothing more). Hours take a
// decimal comma ('2,5'); money is read into cents.
import { calendarDay, choice, id, required, result, text, wholeNumber, type Body, type Errors } from '../../web/forms.js'
import { parseMoney } from '../../lib/money.js'

export const reasonMax = 500
export const yesNo = ['yes', 'no'] as const
const receiptsMaxCents = 1_000_000

export function parseCancellation (body: Body | undefined) {
  const errors: Errors = {}
  const reason = text(body, 'reason')
  required(errors, 'reason', reason, reasonMax)
  return result({ reason }, errors, ['reason'])
}

// Hours between min and max, in minutes; undefined (with the error set unless optional and empty).
function hours (errors: Errors, field: string, value: string, min: number, max: number, optional = false): number | undefined {
  if (value === '') {
    if (!optional) errors[field] = { key: 'form.required' }
    return undefined
  }
  const number = /^\d{1,2}([.,]\d{1,2})?$/.test(value) ? Number(value.replace(',', '.')) : NaN
  if (number >= min && number <= max) return Math.round(number * 60)
  errors[field] = { key: 'assignments.hoursBetween', params: { min: String(min).replace('.', ','), max } }
  return undefined
}

function money (errors: Errors, field: string, value: string): number | undefined {
  if (value === '') return undefined
  const cents = parseMoney(value)
  if (cents !== undefined && cents >= 0 && cents <= receiptsMaxCents) return cents
  errors[field] = { key: 'assignments.invalidMoney' }
  return undefined
}

export function parseCompletion (body: Body | undefined) {
  const errors: Errors = {}
  const values = {
    actualHours: text(body, 'actualHours'),
    preparationHours: text(body, 'preparationHours'),
    kilometres: text(body, 'kilometres'),
    receipts: text(body, 'receipts'),
    audienceCame: text(body, 'audienceCame'),
  }
  const fields = {
    actualMinutes: hours(errors, 'actualHours', values.actualHours, 0.5, 24),
    preparationMinutes: hours(errors, 'preparationHours', values.preparationHours, 0, 24, true) ?? null,
    kilometres: wholeNumber(errors, 'kilometres', values.kilometres, 0, 5000, true) ?? null,
    receiptsCents: money(errors, 'receipts', values.receipts) ?? null,
    audienceCame: choice(errors, 'audienceCame', values.audienceCame, yesNo) === 'yes',
  }
  return { ...result(values, errors), fields }
}

export type ParsedCompletion = ReturnType<typeof parseCompletion>

// `day` is today: a debrief cannot be recorded as done in the future.
export function parseDebrief (body: Body | undefined, day: string) {
  const errors: Errors = {}
  const values = { doneOn: text(body, 'doneOn'), heldByUserId: text(body, 'heldByUserId'), supportNeeded: text(body, 'supportNeeded') }
  const doneOn = calendarDay(errors, 'doneOn', values.doneOn)
  if (!errors.doneOn && doneOn > day) errors.doneOn = { key: 'assignments.debriefInFuture' }
  const heldByUserId = id(values.heldByUserId)
  if (heldByUserId === undefined) errors.heldByUserId = { key: values.heldByUserId === '' ? 'form.required' : 'form.invalidChoice' }
  const supportNeeded = choice(errors, 'supportNeeded', values.supportNeeded, yesNo) === 'yes'
  return { ...result(values, errors), fields: { doneOn, heldByUserId: heldByUserId!, supportNeeded } }
}

export type ParsedDebrief = ReturnType<typeof parseDebrief>
