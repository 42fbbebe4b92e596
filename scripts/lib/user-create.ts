// Creates a user from the command line (npm run user:create): the first admin of a production
// installation, or of a new region (the region is created when it does not exist).
import { eq } from 'drizzle-orm'
import type { Db } from '../../src/db.js'
import { regions, roles, users, type Role } from '../../db/schema.js'
import { hashPassword, passwordProblem } from '../../src/modules/auth/passwords.js'
import { recordAudit } from '../../src/modules/audit/service.js'

export interface NewUser { email: string, name: string, role: Role, region: string, password: string }

export async function createUser (db: Db, input: NewUser): Promise<{ ok: true, id: number } | { ok: false, error: string }> {
  const email = input.email.trim().toLowerCase()
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { ok: false, error: '--email is not an e-mail address' }
  if (!input.name.trim()) return { ok: false, error: '--name is required' }
  if (!roles.includes(input.role)) return { ok: false, error: `--role must be one of ${roles.join(', ')}` }
  if (input.role === 'orderer') return { ok: false, error: 'orderers belong to an ordering unit: create them at /admin/users' }
  if (!input.region.trim()) return { ok: false, error: '--region is required' }
  const problem = passwordProblem(input.password)
  if (problem) return { ok: false, error: `the password is not acceptable (${problem})` }
  if (db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) return { ok: false, error: `a user with the e-mail ${email} exists` }
  const passwordHash = await hashPassword(input.password)
  const id = db.transaction((tx) => {
    const region = tx.select({ id: regions.id }).from(regions).where(eq(regions.name, input.region.trim())).get() ??
      tx.insert(regions).values({ name: input.region.trim() }).returning({ id: regions.id }).get()
    const user = tx.insert(users).values({ regionId: region.id, email, name: input.name.trim(), role: input.role, passwordHash }).returning({ id: users.id }).get()
    // The same connection, so inside this transaction.
    recordAudit(db, { regionId: region.id, actorUserId: null, action: 'create', subjectType: 'user', subjectId: user.id, detail: 'user:create' })
    return user.id
  })
  return { ok: true, id }
}

