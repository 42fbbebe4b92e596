// Small pieces for form parsers: each action has one parser returning { values, errors }, where
// errors maps a field name to a translation key (with parameters). Handlers re-render with 422.
export interface FieldError { key: string, params?: Record<string, string | number> }
export type Errors = Record<string, FieldError>
export type Body = Record<string, unknown>

export interface Parsed<T> { values: T, errors: Errors, ok: boolean }

export function result<T> (values: T, errors: Errors): Parsed<T> {
  return { values, errors, ok: Object.keys(errors).length === 0 }
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
