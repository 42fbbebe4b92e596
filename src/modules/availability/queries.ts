import { asc, eq } from 'drizzle-orm'
import type { Db } from '../../db.js'
import { availabilityWindows, experts, unavailablePeriods } from '../../../db/schema.js'

// The expert's availability as they keep it: weekly windows, unavailable periods, monthly cap, pause.
export function availabilityOf (db: Db, expertId: number) {
  const windows = db.select({ id: availabilityWindows.id, weekday: availabilityWindows.weekday, startsAt: availabilityWindows.startsAt, endsAt: availabilityWindows.endsAt })
    .from(availabilityWindows).where(eq(availabilityWindows.expertId, expertId))
    .orderBy(asc(availabilityWindows.weekday), asc(availabilityWindows.startsAt)).all()
  const periods = db.select({ id: unavailablePeriods.id, startsOn: unavailablePeriods.startsOn, endsOn: unavailablePeriods.endsOn, note: unavailablePeriods.note })
    .from(unavailablePeriods).where(eq(unavailablePeriods.expertId, expertId)).orderBy(asc(unavailablePeriods.startsOn)).all()
  const settings = db.select({ monthlyCap: experts.monthlyCap, pausedUntil: experts.pausedUntil }).from(experts).where(eq(experts.id, expertId)).get()
  return { windows, periods, monthlyCap: settings?.monthlyCap ?? null, pausedUntil: settings?.pausedUntil ?? null }
}

export type Availability = ReturnType<typeof availabilityOf>
