// An audit row's detail is written for the database (ids, field names and code words, never personal
// data: 'assignment:179', 'home_work', 'realName,phone', 'actualMinutes:150>180'); the audit page shows
// it in words of the reader's language: "tehtävä #179", "Etusivun työlistat", "Oikea nimi, Puhelin",
// "Toteutuneet minuutit: 150 → 180". A word with no text of its own is shown as it is.
import type { Translate } from '../../web/i18n/index.js'
import './messages.js'
import '../experts/messages.js'
import '../settings/messages.js'

// Where a field's label already lives: the forms that edit it.
const labelKeys = ['audit.word.', 'experts.field.', 'me.field.', 'settings.field.']

function word (t: Translate, code: string): string {
  for (const prefix of labelKeys) {
    const text = t(prefix + code)
    if (text !== prefix + code) return text
  }
  return code
}

function part (t: Translate, piece: string): string {
  const colon = piece.indexOf(':')
  if (colon < 0) return word(t, piece)
  const key = piece.slice(0, colon)
  const value = piece.slice(colon + 1)
  const change = /^(.*)>(.*)$/.exec(value)
  if (change) return t('audit.detail.change', { field: word(t, key), from: word(t, change[1]!), to: word(t, change[2]!) })
  if (/^\d+$/.test(value) && t(`audit.ref.${key}`) !== `audit.ref.${key}`) return t(`audit.ref.${key}`, { id: value })
  return t('audit.detail.pair', { field: word(t, key), value: word(t, value) })
}

export function describeDetail (t: Translate, detail: string | null): string {
  if (!detail) return ''
  return detail.split(',').map((piece) => part(t, piece)).join('; ')
}
