// What the structure tests share: an admin signed in to a fresh app, and the stored rows of a kind.
import type { Test } from 'tap'
import type { Db } from '../../../src/db.js'
import { build, signedIn, aRegion } from '../../helper.js'

export const from = { from: '/admin/structure' }

// A fresh app with an admin of a new region (named, if a name is given).
export async function asAdmin (t: Test, regionName?: string) {
  const { app, db } = await build(t)
  const region = aRegion(db, regionName)
  const { browser } = await signedIn(app, db, 'admin', { regionId: region.id })
  return { app, db, browser, regionId: region.id }
}

const tables: Record<string, string> = {
  'areas': 'areas',
  'host-organisations': 'host_organisations',
  'ordering-units': 'ordering_units',
  'channels': 'channels',
  'expert-groups': 'expert_groups',
  'experience-areas': 'experience_areas',
}

// The stored rows of a kind in a region, read straight from the database.
export function rowsOf (db: Db, kind: string, regionId: number): Record<string, unknown>[] {
  return db.$client.prepare(`select * from ${tables[kind]} where region_id = ? order by id`).all(regionId) as Record<string, unknown>[]
}
