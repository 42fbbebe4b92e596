// One parser per form: the expert form (the same for new and edit), the status change and the list's
// filters. The coordinator-only fields are read only for a coordinator: for a pair worker they are
// not part of the form at all, whatever was posted. Rules that need the database (the region's own
// groups and areas, the stored identity code, the current status) are in service.ts.
import { expertStatuses, feePreferences, uiLanguages, type ExpertStatus, type FeePreference } from '../../../db/schema.js'
import { checked, choice, email, id, optionalMax, readDay, required, result, text, type Body, type Errors } from '../../web/forms.js'
import { ageOn } from '../../lib/dates.js'
import { parseMoney } from '../../lib/money.js'
import { identityCodeBirthDate, normaliseIdentityCode } from '../../lib/identity-code.js'

// The languages an expert can tick (ISO 639-1; 'se' is Northern Sami).
export const spokenLanguages = ['fi', 'sv', 'en', 'se', 'ru', 'et', 'ar', 'so', 'fa', 'uk'] as const
export const initialStatuses = ['candidate', 'active'] as const
export const consentStates = ['valid', 'expiring', 'expired', 'missing', 'missing_guardian'] as const
export type ConsentStateFilter = (typeof consentStates)[number]
export const sorts = ['displayName', 'name', 'status', 'newest'] as const
export type Sort = (typeof sorts)[number]
export const minAge = 13
export const maxAge = 99

export interface ExpertValues {
  realName: string
  displayName: string
  birthDate: string
  groupId: number | undefined
  email: string
  phone: string
  preferredLanguage: string
  languages: string[]
  areaIds: number[]
  remoteAllowed: boolean
  experienceAreaIds: number[]
  hostOrganisationId: number | undefined
  channelIds: number[]
  status: string
}

// Coordinator-only: conflict of interest, notes, fee and tax details, the identity code.
export interface RestrictedValues {
  excludedUnitIds: number[]
  internalNotes: string
  feePreference: string
  incomeLimit: string
  incomeLimitCents: number | null
  taxCardReceivedOn: string
  identityCode: string
  removeIdentityCode: boolean
}

export interface ExpertForm extends ExpertValues { restricted?: RestrictedValues }

export interface ExpertFormOptions { day: string, restricted: boolean, isNew: boolean }

export function parseExpert (body: Body | undefined, { day, restricted, isNew }: ExpertFormOptions) {
  const errors: Errors = {}
  const values: ExpertForm = {
    realName: text(body, 'realName'),
    displayName: text(body, 'displayName'),
    birthDate: birthDate(errors, text(body, 'birthDate'), day),
    groupId: id(text(body, 'groupId')),
    email: optionalEmail(errors, text(body, 'email')),
    phone: text(body, 'phone'),
    preferredLanguage: text(body, 'preferredLanguage'),
    languages: codes(errors, 'languages', body),
    areaIds: ids(errors, 'areaIds', body),
    remoteAllowed: checked(body, 'remoteAllowed'),
    experienceAreaIds: ids(errors, 'experienceAreaIds', body),
    hostOrganisationId: id(text(body, 'hostOrganisationId')),
    channelIds: ids(errors, 'channelIds', body),
    status: isNew ? text(body, 'status') || 'candidate' : '',
  }
  required(errors, 'realName', values.realName)
  required(errors, 'displayName', values.displayName, 100)
  if (values.groupId === undefined) errors.groupId = { key: text(body, 'groupId') === '' ? 'form.required' : 'form.invalidChoice' }
  if (values.phone !== '' && (values.phone.length > 30 || !/^[0-9+ ]+$/.test(values.phone))) errors.phone = { key: 'experts.error.phone' }
  choice(errors, 'preferredLanguage', values.preferredLanguage, uiLanguages)
  if (text(body, 'hostOrganisationId') !== '' && values.hostOrganisationId === undefined) errors.hostOrganisationId = { key: 'form.invalidChoice' }
  if (isNew) choice(errors, 'status', values.status, initialStatuses)
  if (restricted) values.restricted = parseRestricted(body, errors, day, values.birthDate)
  return result(values, errors, ['internalNotes'])
}

export type ParsedExpert = ReturnType<typeof parseExpert>

function parseRestricted (body: Body | undefined, errors: Errors, day: string, birthDay: string): RestrictedValues {
  const incomeLimit = text(body, 'incomeLimit')
  const incomeLimitCents = incomeLimit === '' ? null : parseMoney(incomeLimit) ?? null
  if (incomeLimit !== '' && (incomeLimitCents === null || incomeLimitCents < 0)) errors.incomeLimit = { key: 'experts.error.money' }
  const values: RestrictedValues = {
    excludedUnitIds: ids(errors, 'excludedUnitIds', body),
    internalNotes: text(body, 'internalNotes'),
    feePreference: text(body, 'feePreference'),
    incomeLimit,
    incomeLimitCents,
    taxCardReceivedOn: pastDay(errors, 'taxCardReceivedOn', text(body, 'taxCardReceivedOn'), day),
    identityCode: normaliseIdentityCode(text(body, 'identityCode')),
    removeIdentityCode: checked(body, 'removeIdentityCode'),
  }
  optionalMax(errors, 'internalNotes', values.internalNotes, 2000)
  choice(errors, 'feePreference', values.feePreference, feePreferences)
  if (values.identityCode !== '') {
    const codeDay = identityCodeBirthDate(values.identityCode)
    if (codeDay === undefined) errors.identityCode = { key: 'experts.error.identityCode' }
    else if (!errors.birthDate && codeDay !== birthDay) errors.identityCode = { key: 'experts.error.identityCodeMismatch' }
  }
  return values
}

// The form's values as the service takes them, once there are no errors left.
export interface ExpertFields {
  realName: string
  displayName: string
  birthDate: string
  groupId: number
  email: string | null
  phone: string | null
  preferredLanguage: (typeof uiLanguages)[number]
  remoteAllowed: boolean
  hostOrganisationId: number | null
}

export interface RestrictedFields {
  internalNotes: string | null
  feePreference: FeePreference
  incomeLimitCents: number | null
  taxCardReceivedOn: string | null
}

export function fieldsOf (values: ExpertValues): ExpertFields {
  return {
    realName: values.realName,
    displayName: values.displayName,
    birthDate: values.birthDate,
    groupId: values.groupId!,
    email: values.email || null,
    phone: values.phone || null,
    preferredLanguage: values.preferredLanguage as ExpertFields['preferredLanguage'],
    remoteAllowed: values.remoteAllowed,
    hostOrganisationId: values.hostOrganisationId ?? null,
  }
}

export function restrictedFieldsOf (values: RestrictedValues): RestrictedFields {
  return {
    internalNotes: values.internalNotes || null,
    feePreference: values.feePreference as FeePreference,
    incomeLimitCents: values.incomeLimitCents,
    taxCardReceivedOn: values.taxCardReceivedOn || null,
  }
}

export function parseStatusChange (body: Body | undefined, day: string) {
  const errors: Errors = {}
  const values = {
    status: text(body, 'status'),
    changedOn: pastDay(errors, 'changedOn', text(body, 'changedOn'), day) || day,
    reason: text(body, 'reason'),
  }
  choice(errors, 'status', values.status, expertStatuses)
  optionalMax(errors, 'reason', values.reason, 500)
  if (values.reason === '' && (values.status === 'paused' || values.status === 'ended')) errors.reason = { key: 'experts.error.reasonRequired' }
  return result(values as typeof values & { status: ExpertStatus }, errors, ['reason'])
}

export type ParsedStatusChange = ReturnType<typeof parseStatusChange>

export interface ExpertFilter {
  q?: string
  status?: ExpertStatus
  group?: number
  area?: number
  host?: number
  trained?: boolean
  experience?: number
  language?: string
  consent?: ConsentStateFilter
  sort: Sort
}

// Filters come from links and a GET form: an unknown value is no filter rather than an error.
export function parseExpertFilter (query: Body) {
  const pick = <T extends string>(field: string, options: readonly T[]): T | undefined => {
    const value = text(query, field)
    return (options as readonly string[]).includes(value) ? value as T : undefined
  }
  const trained = pick('trained', ['yes', 'no'] as const)
  const filter: ExpertFilter = {
    q: text(query, 'q').slice(0, 100) || undefined,
    status: pick('status', expertStatuses),
    group: id(text(query, 'group')),
    area: id(text(query, 'area')),
    host: id(text(query, 'host')),
    trained: trained && trained === 'yes',
    experience: id(text(query, 'experience')),
    language: pick('language', spokenLanguages),
    consent: pick('consent', consentStates),
    sort: pick('sort', sorts) ?? 'displayName',
  }
  // What the filter form shows again, and what the pager's links keep.
  const values: Record<string, string> = {}
  for (const [key, value] of Object.entries(filter)) values[key] = value === undefined ? '' : String(value)
  values.trained = trained ?? ''
  return { values, filter, page: id(query.page) ?? 1 }
}

// An optional day that cannot be in the future; the text stays as typed when it is not a day.
function pastDay (errors: Errors, field: string, value: string, today: string): string {
  if (value === '') return ''
  const day = readDay(value)
  if (day === undefined) errors[field] = { key: 'form.invalidDate' }
  else if (day > today) errors[field] = { key: 'experts.error.dateFuture' }
  return day ?? value
}

function birthDate (errors: Errors, value: string, today: string): string {
  if (value === '') {
    errors.birthDate = { key: 'form.required' }
    return ''
  }
  const day = readDay(value)
  if (day === undefined) {
    errors.birthDate = { key: 'form.invalidDate' }
    return value
  }
  const age = ageOn(day, today)
  if (day > today) errors.birthDate = { key: 'experts.error.birthDateFuture' }
  else if (age < minAge || age > maxAge) errors.birthDate = { key: 'experts.error.ageRange' }
  return day
}

function optionalEmail (errors: Errors, value: string): string {
  return value === '' ? '' : email(errors, 'email', value)
}

function many (body: Body | undefined, field: string): string[] {
  const value = body?.[field]
  const list = Array.isArray(value) ? value : [value]
  return list.filter((one): one is string => typeof one === 'string' && one !== '')
}

// Ticked ids; anything that is not an id is a tampered form.
function ids (errors: Errors, field: string, body: Body | undefined): number[] {
  const raw = many(body, field)
  const list = raw.map(id).filter((one): one is number => one !== undefined)
  if (list.length !== raw.length) errors[field] = { key: 'form.invalidChoice' }
  return [...new Set(list)]
}

function codes (errors: Errors, field: string, body: Body | undefined): string[] {
  const raw = many(body, field)
  const list = raw.filter((code) => (spokenLanguages as readonly string[]).includes(code))
  if (list.length !== raw.length) errors[field] = { key: 'form.invalidChoice' }
  return [...new Set(list)]
}
