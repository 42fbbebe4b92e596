// The expert's own details form. Shapes only; whether a chosen experience area is the region's is
// checked in service.ts.
import { choice, email, id, result, text, type Body, type Errors } from '../../web/forms.js'
import { feePreferences, uiLanguages } from '../../../db/schema.js'
import { parseMoney } from '../../lib/money.js'

// The languages offered on the form, as ISO 639-1 codes.
export const spokenLanguages = ['fi', 'sv', 'en', 'se', 'ru', 'et', 'ar', 'so', 'fa', 'uk'] as const

// A yearly income limit above this is a typing mistake rather than a limit.
export const incomeLimitMaxCents = 1_000_000_00

export function parseOwnDetails (body: Body | undefined) {
  const errors: Errors = {}
  const emailText = text(body, 'email')
  const values = {
    email: emailText === '' ? '' : email(errors, 'email', emailText),
    phone: text(body, 'phone'),
    preferredLanguage: choice(errors, 'preferredLanguage', text(body, 'preferredLanguage'), uiLanguages),
    languages: list(body, 'languages'),
    experienceAreaIds: list(body, 'experienceAreaIds'),
    feePreference: choice(errors, 'feePreference', text(body, 'feePreference'), feePreferences),
    incomeLimit: text(body, 'incomeLimit'),
  }
  if (values.phone !== '' && !/^\+?[\d ()-]{5,20}$/.test(values.phone)) errors.phone = { key: 'me.invalidPhone' }
  if (values.languages.some((code) => !(spokenLanguages as readonly string[]).includes(code))) errors.languages = { key: 'form.invalidChoice' }
  const experienceAreaIds = values.experienceAreaIds.map(id)
  if (experienceAreaIds.includes(undefined)) errors.experienceAreaIds = { key: 'form.invalidChoice' }
  const incomeLimitCents = values.incomeLimit === '' ? null : parseMoney(values.incomeLimit)
  if (incomeLimitCents === undefined || (incomeLimitCents !== null && (incomeLimitCents < 0 || incomeLimitCents > incomeLimitMaxCents))) {
    errors.incomeLimit = { key: 'me.invalidAmount' }
  }
  return { ...result(values, errors), experienceAreaIds: experienceAreaIds as number[], incomeLimitCents: incomeLimitCents ?? null }
}

export type ParsedOwnDetails = ReturnType<typeof parseOwnDetails>

// An amount in cents as the income limit field shows it: 5000 or 5000,50.
export function moneyField (cents: number | null): string {
  if (cents === null) return ''
  return cents % 100 === 0 ? String(cents / 100) : `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`
}

// Checkboxes send a field once per ticked box, or not at all.
function list (body: Body | undefined, field: string): string[] {
  const value = body?.[field]
  return [value].flat().filter((one): one is string => typeof one === 'string' && one !== '')
}
