import { eq } from 'drizzle-orm'
import type { Db } from '../../db.js'
import { orderingUnits } from '../../../db/schema.js'
import type { CurrentUser } from '../../web/types.js'

export interface HomeFacts { unitName?: string }

export function homeFacts (db: Db, user: CurrentUser): HomeFacts {
  if (user.role !== 'orderer' || user.orderingUnitId === null) return {}
  const unit = db.select({ name: orderingUnits.name }).from(orderingUnits).where(eq(orderingUnits.id, user.orderingUnitId)).get()
  return { unitName: unit?.name }
}
