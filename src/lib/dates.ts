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

// 23.11.2026
export function formatDate (value: string | null | undefined): string {
  if (!value) return ''
  const dt = value.length === 10 ? DateTime.fromISO(value, { zone }) : DateTime.fromISO(value).setZone(zone)
  return dt.isValid ? dt.toFormat('d.M.yyyy') : ''
}

// klo 14.30
export function formatTime (iso: string | null | undefined): string {
  if (!iso) return ''
  const dt = DateTime.fromISO(iso).setZone(zone)
  return dt.isValid ? `klo ${dt.toFormat('H.mm')}` : ''
}

// 23.11.2026 klo 14.30
export function formatDateTime (iso: string | null | undefined): string {
  if (!iso) return ''
  return `${formatDate(iso)} ${formatTime(iso)}`
}

// The UTC instant at which a Helsinki calendar day starts; used to filter instants by day.
export function dayStartUtc (day: string): string | undefined {
  const dt = DateTime.fromISO(day, { zone })
  return dt.isValid ? dt.startOf('day').toUTC().toISO() ?? undefined : undefined
}

export function isCalendarDay (value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid
}
