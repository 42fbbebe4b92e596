// Finnish is the default language; Swedish and English are complete translations.
// Each domain keeps its own catalog (fi, sv, en with the same keys: the type system and a test check it);
// this module merges them and gives the translation function.
import { common } from './common.js'
import { auth } from '../../modules/auth/messages.js'
import { users } from '../../modules/users/messages.js'
import { structure } from '../../modules/structure/messages.js'
import { audit } from '../../modules/audit/messages.js'
import { mail } from '../../modules/mail/messages.js'
import { expertsCatalog } from '../../modules/experts/messages.js'
import { consentsCatalog } from '../../modules/consents/messages.js'
import { trainingsCatalog } from '../../modules/trainings/messages.js'
import { availabilityCatalog } from '../../modules/availability/messages.js'
import { meCatalog } from '../../modules/me/messages.js'
import { ordersCatalog } from '../../modules/orders/messages.js'
import { matchingCatalog } from '../../modules/matching/messages.js'
import { offersCatalog } from '../../modules/offers/messages.js'
import { assignmentsCatalog } from '../../modules/assignments/messages.js'
import { calendarCatalog } from '../../modules/calendar/messages.js'
import { settingsCatalog } from '../../modules/settings/messages.js'
import { homeCatalog } from '../../modules/home/messages.js'
import { feesCatalog } from '../../modules/fees/messages.js'

export const languages = ['fi', 'sv', 'en'] as const
export type Lang = (typeof languages)[number]

export interface Catalog { fi: Record<string, string>, sv: Record<string, string>, en: Record<string, string> }

export const catalogs: Record<string, Catalog> = {
  common, auth, users, structure, audit, mail,
  experts: expertsCatalog, consents: consentsCatalog, trainings: trainingsCatalog, availability: availabilityCatalog, me: meCatalog,
  orders: ordersCatalog, matching: matchingCatalog, offers: offersCatalog, assignments: assignmentsCatalog, calendar: calendarCatalog, settings: settingsCatalog, home: homeCatalog, fees: feesCatalog,
}

const merged: Record<Lang, Map<string, string>> = { fi: new Map(), sv: new Map(), en: new Map() }
for (const catalog of Object.values(catalogs)) {
  for (const lang of languages) {
    for (const [key, text] of Object.entries(catalog[lang])) merged[lang].set(key, text)
  }
}

export type Translate = (key: string, params?: Record<string, string | number>) => string

export function translator (lang: Lang): Translate {
  const texts = merged[lang]
  return (key, params) => {
    const text = texts.get(key) ?? merged.fi.get(key) ?? key
    if (!params) return text
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
  }
}

export function isLang (value: unknown): value is Lang {
  return typeof value === 'string' && (languages as readonly string[]).includes(value)
}
