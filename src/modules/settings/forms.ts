// The region settings form: whole numbers within their bounds, and the hourly fee in euros.
import { result, text, wholeNumber, type Body, type Errors } from '../../web/forms.js'
import { parseMoney } from '../../lib/money.js'
import type { RegionSettings } from './queries.js'

export type SettingFields = Omit<RegionSettings, 'regionId'>

// Each whole-number setting with its bounds, in the order the form shows them.
export const numberSettings = {
  heavyMonthlyCap: [0, 31],
  coolOffDays: [0, 60],
  travelMarginMinutes: [0, 480],
  offerExpiryHours: [1, 336],
  freeCancellationHours: [0, 336],
  debriefDueDays: [1, 60],
} as const

export type NumberSetting = keyof typeof numberSettings

export const maxHourlyFeeCents = 1000_00

// What the form shows: the stored settings, or the answers as typed.
export type SettingValues = Record<NumberSetting | 'hourlyFee', string>

export function valuesOf (settings: SettingFields): SettingValues {
  const values = {} as SettingValues
  for (const name of Object.keys(numberSettings) as NumberSetting[]) values[name] = String(settings[name])
  values.hourlyFee = (settings.hourlyFeeCents / 100).toFixed(2).replace('.', ',')
  return values
}

export function parseSettings (body: Body | undefined) {
  const errors: Errors = {}
  const values = {} as SettingValues
  const fields = {} as SettingFields
  for (const [name, [min, max]] of Object.entries(numberSettings) as [NumberSetting, readonly [number, number]][]) {
    values[name] = text(body, name)
    fields[name] = wholeNumber(errors, name, values[name], min, max) ?? 0
  }
  values.hourlyFee = text(body, 'hourlyFee')
  const cents = parseMoney(values.hourlyFee)
  if (values.hourlyFee === '') errors.hourlyFee = { key: 'form.required' }
  else if (cents === undefined || cents < 0 || cents > maxHourlyFeeCents) errors.hourlyFee = { key: 'settings.error.money' }
  fields.hourlyFeeCents = cents ?? 0
  return { ...result(values, errors), fields }
}

export type ParsedSettings = ReturnType<typeof parseSettings>
