// The region's settings for matching, offers, cancellations and debriefs (design §5). A region that
// has never saved them has the defaults of the schema.
import { eq } from 'drizzle-orm'
import type { Db } from '../../db.js'
import { regionSettings } from '../../../db/schema.js'

export type RegionSettings = Omit<typeof regionSettings.$inferSelect, 'updatedAt'>

export const defaultSettings: Omit<RegionSettings, 'regionId'> = {
  heavyMonthlyCap: 2,
  coolOffDays: 7,
  travelMarginMinutes: 60,
  offerExpiryHours: 72,
  freeCancellationHours: 24,
  debriefDueDays: 7,
  hourlyFeeCents: 2500,
}

export function regionSettingsOf (db: Db, regionId: number): RegionSettings {
  const row = db.select().from(regionSettings).where(eq(regionSettings.regionId, regionId)).get()
  if (!row) return { regionId, ...defaultSettings }
  const { updatedAt: _updatedAt, ...settings } = row
  return settings
}

export function saveRegionSettings (db: Db, settings: RegionSettings, updatedAt: string): void {
  db.insert(regionSettings).values({ ...settings, updatedAt })
    .onConflictDoUpdate({ target: regionSettings.regionId, set: { ...settings, updatedAt } }).run()
}
