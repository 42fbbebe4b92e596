// npm run user:create -- --email admin@region.fi --name "Anna Admin" --role admin --region "Kanta-Hämeen hyvinvointialue"
// Creates a user (the first admin of a production installation, or of a new region: the region is
// created when it does not exist). The password is read from standard input (asked for on a terminal).
import { parseArgs } from 'node:util'
import { createInterface } from 'node:readline/promises'
import { eq } from 'drizzle-orm'
import { loadConfig, ConfigError } from '../src/config.js'
import { openDatabase, closeDatabase, type Db } from '../src/db.js'
import { regions, roles, users, type Role } from '../db/schema.js'
import { hashPassword, passwordProblem } from '../src/modules/auth/passwords.js'
import { recordAudit } from '../src/modules/audit/service.js'

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
    recordAudit(tx as unknown as Db, { regionId: region.id, actorUserId: null, action: 'create', subjectType: 'user', subjectId: user.id, detail: 'user:create' })
    return user.id
  })
  return { ok: true, id }
}

async function readPassword (): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdin.isTTY ? process.stdout : undefined, terminal: false })
  if (process.stdin.isTTY) process.stdout.write('Password (8–128 characters): ')
  for await (const line of rl) { rl.close(); return line }
  return ''
}

async function main () {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'admin' }, region: { type: 'string' } } })
  const config = loadConfig()
  const db = openDatabase(config.databasePath)
  const outcome = await createUser(db, { email: values.email ?? '', name: values.name ?? '', role: values.role as Role, region: values.region ?? '', password: await readPassword() })
  closeDatabase(db)
  if (!outcome.ok) {
    process.stderr.write(`user:create: ${outcome.error}\n`)
    process.exit(1)
  }
  process.stdout.write(`Created user ${outcome.id} (${values.role}).\n`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: Error) => {
    process.stderr.write(error instanceof ConfigError ? `user:create: invalid setting ${error.message}\n` : `user:create: ${error.message}\n`)
    process.exit(1)
  })
}
