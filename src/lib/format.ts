// Dates, times and numbers as each language writes them (design §7): fi "23.11.2026 klo 14.30",
// sv "23.11.2026 kl. 14.30", en "23.11.2026 14:30"; decimals with a comma in Finnish and Swedish, a
// point in English; money "1 234,50 €" (fi, sv) and "€1,234.50" (en). One set of functions per
// language, made once; a request takes its language's set once (web/request.ts), and mail takes the
// recipient's. Views never patch a format.
import { formatDate, helsinkiParts } from './dates.js'
import type { Lang } from '../web/i18n/index.js'

export interface Formats {
  lang: Lang
  // A calendar day as it is, an instant on its Helsinki day.
  date: (value: string | null | undefined) => string
  // The Helsinki wall-clock time of an instant, with the language's word for "at".
  time: (iso: string | null | undefined) => string
  dateTime: (iso: string | null | undefined) => string
  // A wall-clock time 'HH:MM' as written in the language, without the word: '14.30' or '14:30'.
  clock: (hhmm: string) => string
  // The Helsinki wall-clock time of an instant, without the word (the end of a span: 14.30–16.00).
  clockOf: (iso: string | null | undefined) => string
  // A number with at most `decimals` decimals, thousands grouped.
  number: (value: number, decimals?: number) => string
  // Minutes as hours: 150 → '2,5'.
  hours: (minutes: number | null | undefined) => string
  money: (cents: number) => string
  // Cents as a form field shows them, to be read back by parseMoney: '1234,50' or '1234.50'.
  amount: (cents: number) => string
}

const style = {
  fi: { at: 'klo ', separator: '.', decimal: ',', group: '\u00a0' },
  sv: { at: 'kl. ', separator: '.', decimal: ',', group: '\u00a0' },
  en: { at: '', separator: ':', decimal: '.', group: ',' },
} as const

function makeFormats (lang: Lang): Formats {
  const { at, separator, decimal, group } = style[lang]
  const clock = (hhmm: string) => {
    const [hour = '', minute = ''] = hhmm.split(':')
    return `${lang === 'en' ? hour.padStart(2, '0') : Number(hour)}${separator}${minute}`
  }
  const clockOf = (iso: string | null | undefined) => {
    const parts = iso ? helsinkiParts(iso) : undefined
    return parts ? clock(`${parts.hour}:${parts.minute}`) : ''
  }
  const time = (iso: string | null | undefined) => {
    const shown = clockOf(iso)
    return shown ? `${at}${shown}` : ''
  }
  const number = (value: number, decimals = 2) => {
    const sign = value < 0 ? '-' : ''
    const [whole = '0', digits = ''] = Math.abs(value).toFixed(decimals).split('.')
    const fraction = digits.replace(/0+$/, '')
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group)
    return `${sign}${grouped}${fraction ? decimal + fraction : ''}`
  }
  const money = (cents: number) => {
    const sign = cents < 0 ? '-' : ''
    const abs = Math.abs(Math.trunc(cents))
    const amount = `${Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, group)}${decimal}${(abs % 100).toString().padStart(2, '0')}`
    return lang === 'en' ? `${sign}€${amount}` : `${sign}${amount}\u00a0€`
  }
  return {
    lang,
    date: formatDate,
    time,
    dateTime: (iso) => (iso ? `${formatDate(iso)} ${time(iso)}` : ''),
    clock,
    clockOf,
    number,
    hours: (minutes) => (minutes === null || minutes === undefined ? '' : number(minutes / 60)),
    money,
    amount: (cents) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}${decimal}${(Math.abs(cents) % 100).toString().padStart(2, '0')}`,
  }
}

const made = { fi: makeFormats('fi'), sv: makeFormats('sv'), en: makeFormats('en') }

export function formatsFor (lang: Lang): Formats {
  return made[lang]
}
