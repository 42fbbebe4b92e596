// Availability (design §4.5 and §5): the expert keeps weekly windows, unavailable periods, a monthly
// cap of their own and a pause. Rules:
// - a window is a weekday 1 (Monday) … 7 (Sunday) with Helsinki wall-clock times; it ends after it
//   starts, within the day, and never overlaps another window of the same weekday (touching is fine);
// - a period is whole calendar days, ends on or after its first day, and is not wholly in the past;
//   its note is optional, short and should hold nothing sensitive;
// - the monthly cap is 1–31 assignments or none; a pause lasts until a resume day in the future;
// - every change is written to the audit log ('availability_changed', the kind and the row id).
// Matching asks isAvailableAt: inside the weekly windows, outside unavailable periods, not paused.
import { DateTime } from 'luxon'
import type { Db } from '../../db.js'
import type { Errors } from '../../web/forms.js'
import { recordAudit } from '../audit/service.js'
import { nowIso, today, zone } from '../../lib/dates.js'
import type { parseCap, parsePause, parsePeriod, parseWindow } from './forms.js'
import { availabilityOf, deletePeriod, deleteWindow, insertPeriod, insertWindow, updateAvailabilitySettings } from './queries.js'

export type Outcome<T> = { ok: true, value: T } | { ok: false, errors: Errors }

// The expert whose availability it is, and the user who acts: in self-service the expert's own user.
export interface Owner { expertId: number, regionId: number, userId: number }

export type AvailabilityChange = 'window_added' | 'window_removed' | 'period_added' | 'period_removed' | 'cap_set' | 'paused' | 'resumed'

export function addWindow (db: Db, owner: Owner, form: ReturnType<typeof parseWindow>): Outcome<AvailabilityChange> {
  const errors = { ...form.errors }
  const { weekday, startsAt, endsAt } = form.values
  if (!errors.startsAt && !errors.endsAt && endsAt <= startsAt) errors.endsAt = { key: 'availability.endBeforeStart' }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const clash = availabilityOf(db, owner.expertId).windows
    .find((w) => w.weekday === Number(weekday) && w.startsAt < endsAt && startsAt < w.endsAt)
  if (clash) return { ok: false, errors: { startsAt: { key: 'availability.overlap', params: { from: dots(clash.startsAt), to: dots(clash.endsAt) } } } }
  return change(db, owner, 'window_added', () => insertWindow(db, owner.expertId, { weekday: Number(weekday), startsAt, endsAt }))
}

export function addPeriod (db: Db, owner: Owner, form: ReturnType<typeof parsePeriod>, day = today()): Outcome<AvailabilityChange> {
  const errors = { ...form.errors }
  const { startsOn, endsOn, note } = form.values
  if (!errors.startsOn && !errors.endsOn) {
    if (endsOn < startsOn) errors.endsOn = { key: 'availability.endsBeforeStarts' }
    else if (endsOn < day) errors.endsOn = { key: 'availability.periodPast' }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return change(db, owner, 'period_added', () => insertPeriod(db, owner.expertId, { startsOn, endsOn, note: note || null }))
}

export function setCap (db: Db, owner: Owner, form: ReturnType<typeof parseCap>): Outcome<AvailabilityChange> {
  if (!form.ok) return { ok: false, errors: form.errors }
  const monthlyCap = form.values.monthlyCap === '' ? null : Number(form.values.monthlyCap)
  return change(db, owner, 'cap_set', () => updateAvailabilitySettings(db, owner.expertId, { monthlyCap }, nowIso()))
}

export function setPause (db: Db, owner: Owner, form: ReturnType<typeof parsePause>, day = today()): Outcome<AvailabilityChange> {
  const { resume, pausedUntil } = form.values
  if (!form.ok) return { ok: false, errors: form.errors }
  if (!resume && pausedUntil <= day) return { ok: false, errors: { pausedUntil: { key: 'availability.pauseFuture' } } }
  return change(db, owner, resume ? 'resumed' : 'paused', () => updateAvailabilitySettings(db, owner.expertId, { pausedUntil: resume ? null : pausedUntil }, nowIso()))
}

const removers = { window: deleteWindow, period: deletePeriod }

// False when the row is not the owner's (another expert's, or none): the caller answers 404.
export function removeRow (db: Db, owner: Owner, kind: keyof typeof removers, rowId: number): boolean {
  return db.transaction(() => {
    if (!removers[kind](db, owner.expertId, rowId)) return false
    audit(db, owner, `${kind}_removed`, rowId)
    return true
  })
}

// Writes and audits in one transaction; an inserted row's id goes into the audit detail.
function change (db: Db, owner: Owner, kind: AvailabilityChange, write: () => unknown): Outcome<AvailabilityChange> {
  db.transaction(() => {
    const rowId = write()
    audit(db, owner, kind, typeof rowId === 'number' ? rowId : undefined)
  })
  return { ok: true, value: kind }
}

function audit (db: Db, owner: Owner, kind: AvailabilityChange, rowId?: number): void {
  recordAudit(db, {
    regionId: owner.regionId, actorUserId: owner.userId, action: 'availability_changed',
    subjectType: 'expert', subjectId: owner.expertId, detail: rowId === undefined ? kind : `${kind}:${rowId}`,
  })
}

function dots (clock: string): string {
  return clock.replace(':', '.')
}

// What matching needs to know; rows loaded in bulk fit it as well as availabilityOf's.
export interface AvailabilityFacts {
  windows: readonly { weekday: number, startsAt: string, endsAt: string }[]
  periods: readonly { startsOn: string, endsOn: string }[]
  pausedUntil: string | null
}

export type Unavailability = 'paused' | 'unavailable_period' | 'outside_windows'

// A pause lasts until the resume day: the expert is paused on the days before it. One definition for
// matching and for the pages that say "paused until …".
export function isPausedOn (pausedUntil: string | null, day: string): boolean {
  return pausedUntil !== null && day < pausedUntil
}

// An expert's availability as the pages show it, with the pause decided here, not in a view.
export function availabilityView (db: Db, expertId: number, day: string) {
  const availability = availabilityOf(db, expertId)
  return { ...availability, paused: isPausedOn(availability.pausedUntil, day) }
}

// Why an expert is not available from one instant to another (UTC ISO), or undefined when they are.
// The instants are read as Helsinki wall-clock time, so a window of 10.00–12.00 means 10–12 local
// time on both sides of a daylight-saving change. The time must lie inside the windows of its weekday
// (windows that touch count as one); one crossing midnight lies in no window, since windows are
// within a day. Any day of it inside an unavailable period, or before the resume day of a pause, is
// a refusal.
export function unavailabilityAt (availability: AvailabilityFacts, startInstant: string, endInstant: string): Unavailability | undefined {
  return unavailabilityIn(availability, spanOf(startInstant, endInstant))
}

// The Helsinki days and minutes of a time span, read once: matching checks one order against
// thousands of experts, and reading instants in a time zone is the costly part.
export interface Span { firstDay: string, lastDay: string, weekday: number, from: number, to: number }

export function spanOf (startInstant: string, endInstant: string): Span {
  const start = DateTime.fromISO(startInstant, { zone })
  const end = DateTime.fromISO(endInstant, { zone })
  if (!start.isValid || !end.isValid || end <= start) throw new RangeError('an assignment ends after it starts')
  const firstDay = start.toISODate()!
  const lastDay = end.minus({ milliseconds: 1 }).toISODate()!
  // Ending at midnight is the end of the same day.
  const to = end.toISODate() === firstDay ? end.hour * 60 + end.minute : 24 * 60
  return { firstDay, lastDay, weekday: start.weekday, from: start.hour * 60 + start.minute, to }
}

export function unavailabilityIn (availability: AvailabilityFacts, span: Span): Unavailability | undefined {
  const { firstDay, lastDay, from, to } = span
  if (isPausedOn(availability.pausedUntil, firstDay)) return 'paused'
  if (availability.periods.some((p) => p.startsOn <= lastDay && firstDay <= p.endsOn)) return 'unavailable_period'
  if (firstDay !== lastDay) return 'outside_windows'
  let reach = from
  const windows = availability.windows.filter((w) => w.weekday === span.weekday).sort((a, b) => a.startsAt.localeCompare(b.startsAt))
  for (const w of windows) {
    if (minutes(w.startsAt) <= reach && minutes(w.endsAt) > reach) reach = minutes(w.endsAt)
  }
  return reach > from && reach >= to ? undefined : 'outside_windows'
}

export function isAvailableAt (availability: AvailabilityFacts, startInstant: string, endInstant: string): boolean {
  return unavailabilityAt(availability, startInstant, endInstant) === undefined
}

function minutes (clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5))
}
