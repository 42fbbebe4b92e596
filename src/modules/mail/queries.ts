import { count, desc, eq } from 'drizzle-orm'
import type { Db } from '../../db.js'
import { outbox } from '../../../db/schema.js'

export const pageSize = 50

export function listOutbox (db: Db, regionId: number, page: number) {
  const rows = db.select().from(outbox).where(eq(outbox.regionId, regionId))
    .orderBy(desc(outbox.id)).limit(pageSize).offset((page - 1) * pageSize).all()
  const total = db.select({ n: count() }).from(outbox).where(eq(outbox.regionId, regionId)).get()!.n
  return { rows, total }
}
