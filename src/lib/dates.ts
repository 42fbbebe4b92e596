// Dates have one home: luxon, Europe/Helsinki at the edges; the database keeps UTC instants
// ('2026-11-23T12:30:00.000Z') and calendar days ('2026-11-23').
import { DateTime } from 'luxon'

export const zone = 'Europe/Helsinki'

export function nowIso (): string {
  return new Date().toISOString()
}

export function isoPlus (iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString()
}

// Helsinki wall-clock parts of an instant. One shared Intl formatter: pages format dozens of dates,
// and a luxon DateTime per value cost more than the rest of a page's rendering.
const helsinkiClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit', hourCycle: 'h23',
})

function helsinkiParts (iso: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> | undefined {
  const instant = new Date(iso)
  if (Number.isNaN(instant.getTime())) return undefined
  const parts = { year: '', month: '', day: '', hour: '', minute: '' }
  for (const part of helsinkiClock.formatToParts(instant)) if (part.type in parts) parts[part.type as keyof typeof parts] = part.value
  return parts
}

// 23.11.2026 — of a calendar day as it is, of an instant on its Helsinki day.
export function formatDate (value: string | null | undefined): string {
  if (!value) return ''
  if (value.length === 10) return isCalendarDay(value) ? `${Number(value.slice(8, 10))}.${Number(value.slice(5, 7))}.${value.slice(0, 4)}` : ''
  const parts = helsinkiParts(value)
  return parts ? `${Number(parts.day)}.${Number(parts.month)}.${parts.year}` : ''
}

// klo 14.30
export function formatTime (iso: string | null | undefined): string {
  const parts = iso ? helsinkiParts(iso) : undefined
  return parts ? `klo ${Number(parts.hour)}.${parts.minute}` : ''
}

// 23.11.2026 klo 14.30
export function formatDateTime (iso: string | null | undefined): string {
  if (!iso) return ''
  return `${formatDate(iso)} ${formatTime(iso)}`
}

// The UTC instant at which a Helsinki calendar day starts; used to filter instants by day.
export function dayStartUtc (day: string): string | undefined {
  const dt = DateTime.fromISO(day, { zone })
  return dt.isValid ? dt.startOf('day').toUTC().toISO()! : undefined
}

export function isCalendarDay (value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const month = Number(value.slice(5, 7))
  return month >= 1 && month <= 12 && Number(value.slice(8, 10)) >= 1 && Number(value.slice(8, 10)) <= daysInMonth(Number(value.slice(0, 4)), month)
}

// Today's calendar day in Helsinki.
export function today (now: Date = new Date()): string {
  return DateTime.fromJSDate(now).setZone(zone).toISODate()!
}

// Calendar-day arithmetic on 'YYYY-MM-DD' is plain UTC date math (no time zone is involved, and it is
// on the hot path of the consent and training rules).
function utcDay (day: string): Date {
  return new Date(`${day}T00:00:00Z`)
}

function dayText (date: Date): string {
  return date.toISOString().slice(0, 10)
}

function daysInMonth (year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

// The calendar day a person turns `years` old. Born on 29 February: the 28th in other years, as in
// Finnish law (a month without the day ends the period on its last day).
export function birthday (birthDate: string, years: number): string {
  return addMonths(birthDate, years * 12)
}

// Whole years of age on a calendar day.
export function ageOn (birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return birthday(birthDate, years) <= day ? years : years - 1
}

export function addDays (day: string, days: number): string {
  const date = utcDay(day)
  date.setUTCDate(date.getUTCDate() + days)
  return dayText(date)
}

// Months later, on the same day of the month or the month's last day.
export function addMonths (day: string, months: number): string {
  const year = Number(day.slice(0, 4))
  const month = Number(day.slice(5, 7)) - 1 + months
  const targetYear = year + Math.floor(month / 12)
  const targetMonth = ((month % 12) + 12) % 12
  const date = Math.min(Number(day.slice(8, 10)), daysInMonth(targetYear, targetMonth + 1))
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth + 1).padStart(2, '0')}-${String(date).padStart(2, '0')}`
}

// The UTC instant of a Helsinki wall-clock time on a calendar day ('2026-11-23', '14:30'). A time
// skipped by the spring change (03.30 on the last Sunday of March) is read as the hour after.
export function helsinkiInstant (day: string, time: string): string {
  const dt = DateTime.fromISO(`${day}T${time}`, { zone })
  if (!dt.isValid) throw new RangeError('not a day and time')
  return dt.toUTC().toISO()!
}

// The Helsinki calendar day and weekday (1 = Monday … 7 = Sunday) of a UTC instant.
export function helsinkiDay (iso: string): string {
  return DateTime.fromISO(iso, { zone }).toISODate()!
}

export function minutesPlus (iso: string, minutes: number): string {
  return isoPlus(iso, minutes * 60_000)
}

// The Helsinki hour and minute of an instant ({ hour: '9', minute: '05' }), for a text that writes the
// time in its language's own way (klo 9.05, kl. 9.05, 9:05).
export function clockOf (iso: string): { hour: string, minute: string } {
  const parts = helsinkiParts(iso)!
  return { hour: String(Number(parts.hour)), minute: parts.minute }
}
