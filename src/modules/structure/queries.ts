// The structure tables share id, region_id, name and active; ordering units add area_id, channels
// add default_load and requires_basic_training. Every query takes the region: another region's row
// is never found.
import { and, asc, desc, eq } from 'drizzle-orm'
import type { Db } from '../../db.js'
import { areas, channels, experienceAreas, expertGroups, hostOrganisations, orderingUnits } from '../../../db/schema.js'
import type { ItemValues, Kind } from './forms.js'

const sources = {
  'areas': { table: areas, extra: {} },
  'host-organisations': { table: hostOrganisations, extra: {} },
  'ordering-units': { table: orderingUnits, extra: { areaId: orderingUnits.areaId } },
  'channels': { table: channels, extra: { defaultLoad: channels.defaultLoad, requiresBasicTraining: channels.requiresBasicTraining } },
  'expert-groups': { table: expertGroups, extra: { minAge: expertGroups.minAge, maxAge: expertGroups.maxAge } },
  'experience-areas': { table: experienceAreas, extra: {} },
}

export interface ItemRow extends ItemValues { id: number }

function selectItems (db: Db, kind: Kind) {
  const { table, extra } = sources[kind]
  return db.select({ id: table.id, name: table.name, active: table.active, ...extra }).from(table)
}

// Active rows first, then by name.
export function listItems (db: Db, kind: Kind, regionId: number): ItemRow[] {
  const { table } = sources[kind]
  return selectItems(db, kind).where(eq(table.regionId, regionId)).orderBy(desc(table.active), asc(table.name)).all()
}

export function findItem (db: Db, kind: Kind, regionId: number, id: number): ItemRow | undefined {
  const { table } = sources[kind]
  return selectItems(db, kind).where(and(eq(table.id, id), eq(table.regionId, regionId))).get()
}

// values holds exactly the columns of its kind (see parseItem).
export function insertItem (db: Db, kind: Kind, regionId: number, values: ItemValues): number {
  const { table } = sources[kind]
  const row = { ...values, regionId }
  return db.insert(table).values(row).returning({ id: table.id }).get().id
}

export function updateItem (db: Db, kind: Kind, regionId: number, id: number, values: ItemValues): void {
  const { table } = sources[kind]
  db.update(table).set(values).where(and(eq(table.id, id), eq(table.regionId, regionId))).run()
}
