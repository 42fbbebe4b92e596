// The expert's availability: weekly windows and unavailable periods (own tables), the monthly cap
// and the pause (columns of experts). Every write is scoped to the expert the caller owns: a row of
// another expert is never found (0 rows changed), never touched.
import { and, asc, eq, sql } from 'drizzle-orm'
import { preparedOnce, type Db } from '../../db.js'
import { availabilityWindows, experts, unavailablePeriods } from '../../../db/schema.js'

// The expert's availability as they keep it: weekly windows, unavailable periods, monthly cap, pause.
export function availabilityOf (db: Db, expertId: number) {
  const expert = { expertId }
  const windows = preparedOnce(db, 'availability.windows', () => db.select({
    id: availabilityWindows.id, weekday: availabilityWindows.weekday, startsAt: availabilityWindows.startsAt, endsAt: availabilityWindows.endsAt,
  }).from(availabilityWindows).where(eq(availabilityWindows.expertId, sql.placeholder('expertId')))
    .orderBy(asc(availabilityWindows.weekday), asc(availabilityWindows.startsAt), asc(availabilityWindows.id)).prepare()).all(expert)
  const periods = preparedOnce(db, 'availability.periods', () => db.select({
    id: unavailablePeriods.id, startsOn: unavailablePeriods.startsOn, endsOn: unavailablePeriods.endsOn, note: unavailablePeriods.note,
  }).from(unavailablePeriods).where(eq(unavailablePeriods.expertId, sql.placeholder('expertId'))).orderBy(asc(unavailablePeriods.startsOn), asc(unavailablePeriods.id)).prepare()).all(expert)
  const settings = preparedOnce(db, 'availability.settings', () => db.select({ monthlyCap: experts.monthlyCap, pausedUntil: experts.pausedUntil })
    .from(experts).where(eq(experts.id, sql.placeholder('expertId'))).prepare()).get(expert)
  return { windows, periods, monthlyCap: settings?.monthlyCap ?? null, pausedUntil: settings?.pausedUntil ?? null }
}

export type Availability = ReturnType<typeof availabilityOf>

export function insertWindow (db: Db, expertId: number, window: { weekday: number, startsAt: string, endsAt: string }): number {
  return db.insert(availabilityWindows).values({ expertId, ...window }).returning({ id: availabilityWindows.id }).get().id
}

// True when the window was the expert's own and is now gone.
export function deleteWindow (db: Db, expertId: number, windowId: number): boolean {
  return db.delete(availabilityWindows).where(and(eq(availabilityWindows.id, windowId), eq(availabilityWindows.expertId, expertId))).run().changes === 1
}

export function insertPeriod (db: Db, expertId: number, period: { startsOn: string, endsOn: string, note: string | null }): number {
  return db.insert(unavailablePeriods).values({ expertId, ...period }).returning({ id: unavailablePeriods.id }).get().id
}

export function deletePeriod (db: Db, expertId: number, periodId: number): boolean {
  return db.delete(unavailablePeriods).where(and(eq(unavailablePeriods.id, periodId), eq(unavailablePeriods.expertId, expertId))).run().changes === 1
}

export function updateAvailabilitySettings (db: Db, expertId: number, fields: { monthlyCap?: number | null, pausedUntil?: string | null }, updatedAt: string): void {
  db.update(experts).set({ ...fields, updatedAt }).where(eq(experts.id, expertId)).run()
}
