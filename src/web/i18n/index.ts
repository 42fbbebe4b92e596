// Finnish is the default language; Swedish and English are complete translations.
// Each domain keeps its own catalog (fi, sv, en with the same keys: the type system and a test check it)
// and registers it here when its module loads (messages.ts); src/web/ imports no domain module. The
// app loads every module's routes, and each module's code imports its own messages, so a text is
// known wherever it is used.
import { common } from './common.js'

export const languages = ['fi', 'sv', 'en'] as const
export type Lang = (typeof languages)[number]

export interface Catalog { fi: Record<string, string>, sv: Record<string, string>, en: Record<string, string> }

// Every registered catalog by name, for the test that their keys match and do not collide.
export const catalogs: Record<string, Catalog> = {}

const merged: Record<Lang, Map<string, string>> = { fi: new Map(), sv: new Map(), en: new Map() }

export function registerCatalog<C extends Catalog> (name: string, catalog: C): C {
  catalogs[name] = catalog
  for (const lang of languages) {
    for (const [key, text] of Object.entries(catalog[lang])) merged[lang].set(key, text)
  }
  return catalog
}

registerCatalog('common', common)

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
