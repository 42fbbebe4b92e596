// The forms of fees: a year's rules, a package, the channels' bases, a unit's override, a claim's line
// correction, return and the expert's choice, a tax card. Money is typed in euros ('25,00') and read
// into cents; a negative amount or one of letters is refused at its field.
import { calendarDay, checked, choice, id, required, result, text, type Body, type Errors } from '../../web/forms.js'
import { parseMoney } from '../../lib/money.js'
import { feeBases, feeChoices, lineKinds, type FeeBasis } from '../../../db/schema.js'
import type { RuleFields } from './queries.js'

export const maxRateCents = 10_000_00
export const codeMax = 20
export const textMax = 100
export const reasonMax = 500

// Euros within 0…maxCents into cents, or the field's error.
export function euros (errors: Errors, field: string, value: string, maxCents = maxRateCents): number {
  const cents = parseMoney(value)
  if (value === '') errors[field] = { key: 'form.required' }
  else if (cents === undefined || cents < 0 || cents > maxCents) errors[field] = { key: 'fees.error.money', params: { max: maxCents / 100 } }
  return cents ?? 0
}

export function centsText (cents: number | null | undefined): string {
  return cents == null ? '' : (cents / 100).toFixed(2).replace('.', ',')
}

const moneyFields = ['hourly', 'meetingFee', 'preparationHourly', 'kilometreRate'] as const
const codeFields = lineKinds.flatMap((kind) => [`${kind}Code`, `${kind}Text`] as const)
export type RuleValues = Record<(typeof moneyFields)[number] | (typeof codeFields)[number], string> & { preparationPaid: boolean, receiptsReimbursed: boolean }

export function ruleValuesOf (row: RuleFields | undefined): RuleValues {
  return {
    hourly: centsText(row?.hourlyCents), meetingFee: centsText(row?.meetingFeeCents),
    preparationHourly: centsText(row?.preparationHourlyCents), kilometreRate: centsText(row?.kilometreCents),
    preparationPaid: row?.preparationPaid ?? true, receiptsReimbursed: row?.receiptsReimbursed ?? true,
    feeCode: row?.feeCode ?? '', feeText: row?.feeText ?? '', preparationCode: row?.preparationCode ?? '', preparationText: row?.preparationText ?? '',
    travelCode: row?.travelCode ?? '', travelText: row?.travelText ?? '', receiptsCode: row?.receiptsCode ?? '', receiptsText: row?.receiptsText ?? '',
  }
}

export function parseRules (body: Body | undefined) {
  const errors: Errors = {}
  const values = { preparationPaid: checked(body, 'preparationPaid'), receiptsReimbursed: checked(body, 'receiptsReimbursed') } as RuleValues
  for (const field of [...moneyFields, ...codeFields]) values[field] = text(body, field)
  const fields: RuleFields = {
    hourlyCents: euros(errors, 'hourly', values.hourly),
    meetingFeeCents: euros(errors, 'meetingFee', values.meetingFee),
    preparationPaid: values.preparationPaid,
    preparationHourlyCents: euros(errors, 'preparationHourly', values.preparationHourly),
    kilometreCents: euros(errors, 'kilometreRate', values.kilometreRate, 10_00),
    receiptsReimbursed: values.receiptsReimbursed,
    feeCode: values.feeCode, feeText: values.feeText, preparationCode: values.preparationCode, preparationText: values.preparationText,
    travelCode: values.travelCode, travelText: values.travelText, receiptsCode: values.receiptsCode, receiptsText: values.receiptsText,
  }
  for (const field of codeFields) required(errors, field, values[field], field.endsWith('Code') ? codeMax : textMax)
  return { ...result(values, errors), fields }
}

export type ParsedRules = ReturnType<typeof parseRules>

export function parsePackage (body: Body | undefined) {
  const errors: Errors = {}
  const values = { packageName: text(body, 'packageName'), packageAmount: text(body, 'packageAmount'), packageChannelId: text(body, 'packageChannelId') }
  required(errors, 'packageName', values.packageName, textMax)
  const amountCents = euros(errors, 'packageAmount', values.packageAmount)
  const channelId = values.packageChannelId === '' ? null : id(values.packageChannelId) ?? -1
  return { ...result(values, errors), fields: { name: values.packageName, amountCents, channelId } }
}

export type ParsedPackage = ReturnType<typeof parsePackage>

// One basis per channel, named basis-<channel id>; a channel left out is paid by the hour.
export function parseChannelBases (body: Body | undefined, channelIds: number[]) {
  const errors: Errors = {}
  const values: Record<string, string> = {}
  const bases: { channelId: number, basis: FeeBasis }[] = []
  for (const channelId of channelIds) {
    const field = `basis-${channelId}`
    values[field] = text(body, field) || 'hour'
    const basis = choice(errors, field, values[field], feeBases)
    if (basis) bases.push({ channelId, basis })
  }
  return { ...result(values, errors), bases }
}

export function parseUnitOverride (body: Body | undefined) {
  const errors: Errors = {}
  const values = { orderingUnitId: text(body, 'orderingUnitId'), basis: text(body, 'basis'), amount: text(body, 'amount') }
  const orderingUnitId = id(values.orderingUnitId) ?? -1
  const basis = choice(errors, 'basis', values.basis, feeBases) ?? 'hour'
  const amountCents = euros(errors, 'amount', values.amount)
  return { ...result(values, errors), fields: { orderingUnitId, basis, amountCents } }
}

export type ParsedUnitOverride = ReturnType<typeof parseUnitOverride>

// ——— Claims ———

export function parseLineCorrection (body: Body | undefined) {
  const errors: Errors = {}
  const values = { kind: text(body, 'kind'), amount: text(body, 'amount'), reason: text(body, 'reason') }
  const kind = choice(errors, 'kind', values.kind, lineKinds) ?? 'fee'
  const amountCents = euros(errors, 'amount', values.amount)
  required(errors, 'reason', values.reason, reasonMax)
  return { ...result(values, errors, ['reason']), fields: { kind, amountCents, reason: values.reason } }
}

export type ParsedLineCorrection = ReturnType<typeof parseLineCorrection>

export function parseReturn (body: Body | undefined) {
  const errors: Errors = {}
  const values = { reason: text(body, 'reason') }
  required(errors, 'reason', values.reason, reasonMax)
  return result(values, errors, ['reason'])
}

export function parseChoice (body: Body | undefined) {
  const errors: Errors = {}
  const values = { feeChoice: text(body, 'feeChoice') }
  const feeChoice = choice(errors, 'feeChoice', values.feeChoice, feeChoices)
  return { ...result(values, errors), feeChoice }
}

// A tax card of a calendar year, received on a day no later than today.
export function parseTaxCard (body: Body | undefined, day: string) {
  const errors: Errors = {}
  const values = { year: text(body, 'year'), receivedOn: text(body, 'receivedOn') }
  const year = /^\d{4}$/.test(values.year) && Number(values.year) >= 2000 && Number(values.year) <= 2100 ? Number(values.year) : 0
  if (year === 0) errors.year = { key: values.year === '' ? 'form.required' : 'fees.error.year' }
  const receivedOn = calendarDay(errors, 'receivedOn', values.receivedOn)
  if (!errors.receivedOn && receivedOn > day) errors.receivedOn = { key: 'fees.error.future' }
  return { ...result(values, errors), fields: { year, receivedOn } }
}
