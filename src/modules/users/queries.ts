// The region's users. Every lookup takes the region, so another region's user is never found.
import { and, asc, count, eq, gt, sql } from 'drizzle-orm'
import type { Db } from '../../db.js'
import { orderingUnits, sessions, users, type Role } from '../../../db/schema.js'

export const pageSize = 50

export interface UserFilter { role?: Role, active?: boolean }

// One row more than a page tells whether there is a next page without counting the region.
export function listUsers (db: Db, regionId: number, filter: UserFilter, page: number) {
  const rows = db.select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active })
    .from(users)
    .where(and(
      eq(users.regionId, regionId),
      filter.role ? eq(users.role, filter.role) : undefined,
      filter.active === undefined ? undefined : eq(users.active, filter.active),
    ))
    .orderBy(asc(users.name), asc(users.id)).limit(pageSize + 1).offset((page - 1) * pageSize).all()
  return { rows: rows.slice(0, pageSize), hasNext: rows.length > pageSize }
}

export function findUser (db: Db, regionId: number, id: number) {
  return db.select({
    id: users.id,
    regionId: users.regionId,
    name: users.name,
    email: users.email,
    role: users.role,
    orderingUnitId: users.orderingUnitId,
    unitName: orderingUnits.name,
    active: users.active,
    hasPassword: sql<boolean>`"users"."password_hash" is not null`.mapWith(Boolean),
  }).from(users).leftJoin(orderingUnits, eq(orderingUnits.id, users.orderingUnitId))
    .where(and(eq(users.id, id), eq(users.regionId, regionId))).get()
}

export type UserDetail = NonNullable<ReturnType<typeof findUser>>

// E-mail addresses are unique in the whole installation: they are the login name.
export function emailTaken (db: Db, email: string, exceptUserId?: number): boolean {
  const row = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()
  return row !== undefined && row.id !== exceptUserId
}

export function activeUnits (db: Db, regionId: number) {
  return db.select({ id: orderingUnits.id, name: orderingUnits.name }).from(orderingUnits)
    .where(and(eq(orderingUnits.regionId, regionId), eq(orderingUnits.active, true)))
    .orderBy(asc(orderingUnits.name)).all()
}

export function isActiveUnit (db: Db, regionId: number, unitId: number): boolean {
  return db.select({ id: orderingUnits.id }).from(orderingUnits)
    .where(and(eq(orderingUnits.id, unitId), eq(orderingUnits.regionId, regionId), eq(orderingUnits.active, true))).get() !== undefined
}

// Sessions past neither timeout (the store removes the others when they are next read).
export function countSessions (db: Db, userId: number, since: { seen: string, created: string }): number {
  return db.select({ n: count() }).from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.lastSeenAt, since.seen), gt(sessions.createdAt, since.created))).get()!.n
}

export interface UserFields { name: string, email: string, role: Role, orderingUnitId: number | null }

export function insertUser (db: Db, regionId: number, fields: UserFields): number {
  return db.insert(users).values({ regionId, ...fields }).returning({ id: users.id }).get().id
}

export function updateUser (db: Db, id: number, fields: Partial<UserFields> & { active?: boolean, passwordHash?: null }, nowIso: string): void {
  db.update(users).set({ ...fields, updatedAt: nowIso }).where(eq(users.id, id)).run()
}
