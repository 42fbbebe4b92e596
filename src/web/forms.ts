// Small pieces for form parsers: each action has one parser returning { values, errors }, where
// errors maps a field name to a translation key (with parameters). Handlers re-render with 422.
import { isCalendarDay } from '../lib/dates.js'

export interface FieldError { key: string, params?: Record<string, string | number> }
export type Errors = Record<string, FieldError>
export type Body = Record<string, unknown>

export interface Parsed<T> { values: T, errors: Errors, ok: boolean }

// Every parser ends here. A text that carries a control character (C0 or DEL: invisible, and able to
// break the CSV and payroll files made from it) is refused at its field; line breaks and tabs only in
// the fields named `multiline` (the textareas). Nested values (a form's restricted part) are fields too.
export function result<T extends object> (values: T, errors: Errors, multiline: readonly string[] = []): Parsed<T> {
  refuseControlCharacters(values, errors, multiline)
  return { values, errors, ok: Object.keys(errors).length === 0 }
}

const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
const lineBreakOrTab = /[\t\n\r]/

function refuseControlCharacters (values: object, errors: Errors, multiline: readonly string[]): void {
  for (const [field, value] of Object.entries(values)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      refuseControlCharacters(value as object, errors, multiline)
      continue
    }
    const texts = [value].flat().filter((one): one is string => typeof one === 'string')
    const refused = texts.some((one) => controlCharacter.test(one) || (!multiline.includes(field) && lineBreakOrTab.test(one)))
    if (refused && !errors[field]) errors[field] = { key: multiline.includes(field) ? 'form.controlCharacters' : 'form.oneLine' }
  }
}

export function text (body: Body | undefined, field: string): string {
  const value = body?.[field]
  return typeof value === 'string' ? value.trim() : ''
}

export function checked (body: Body | undefined, field: string): boolean {
  const value = body?.[field]
  return value === 'on' || value === 'true' || value === '1'
}

export function required (errors: Errors, field: string, value: string, max = 200): void {
  if (value === '') errors[field] = { key: 'form.required' }
  else if (value.length > max) errors[field] = { key: 'form.tooLong', params: { max } }
}

export function optionalMax (errors: Errors, field: string, value: string, max: number): void {
  if (value.length > max) errors[field] = { key: 'form.tooLong', params: { max } }
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function email (errors: Errors, field: string, value: string): string {
  const normal = value.toLowerCase()
  if (normal === '') errors[field] = { key: 'form.required' }
  else if (normal.length > 254 || !emailPattern.test(normal)) errors[field] = { key: 'form.invalidEmail' }
  return normal
}

export function choice<T extends string> (errors: Errors, field: string, value: string, options: readonly T[]): T | undefined {
  if ((options as readonly string[]).includes(value)) return value as T
  errors[field] = { key: value === '' ? 'form.required' : 'form.invalidChoice' }
  return undefined
}

export function id (value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  const text = String(value)
  if (!/^\d{1,15}$/.test(text)) return undefined
  const n = Number(text)
  return n > 0 ? n : undefined
}

// A calendar day as a date input sends it ('2026-11-23') or as typed in Finland ('23.11.2026');
// undefined when it is neither.
export function readDay (value: string): string | undefined {
  const typed = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value)
  const day = typed ? `${typed[3]}-${typed[2]!.padStart(2, '0')}-${typed[1]!.padStart(2, '0')}` : value
  return isCalendarDay(day) ? day : undefined
}

// A required calendar day: 'YYYY-MM-DD' when it is one, else the text as typed (kept in the form)
// with the field's error set.
export function calendarDay (errors: Errors, field: string, value: string): string {
  const day = readDay(value)
  if (day !== undefined) return day
  errors[field] = { key: value === '' ? 'form.required' : 'form.invalidDate' }
  return value
}

// A required wall-clock time as a time input sends it ('14:30') or typed the Finnish way ('14.30');
// 'HH:MM' when it is one, else the text as typed with the field's error set.
export function clockTime (errors: Errors, field: string, value: string): string {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(value)
  if (match && Number(match[1]) < 24 && Number(match[2]) < 60) return `${match[1]!.padStart(2, '0')}:${match[2]}`
  errors[field] = { key: value === '' ? 'form.required' : 'form.invalidTime' }
  return value
}

// A whole number within bounds; required unless `optional`. Returns the number, or undefined with
// the field's error set (or nothing, when optional and empty).
export function wholeNumber (errors: Errors, field: string, value: string, min: number, max: number, optional = false): number | undefined {
  if (value === '') {
    if (!optional) errors[field] = { key: 'form.required' }
    return undefined
  }
  if (/^\d{1,9}$/.test(value) && Number(value) >= min && Number(value) <= max) return Number(value)
  errors[field] = { key: 'form.numberBetween', params: { min, max } }
  return undefined
}
