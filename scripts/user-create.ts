// npm run user:create -- --email admin@region.fi --name "Anna Admin" --role admin --region "Kanta-Hämeen hyvinvointialue"
// Creates a user (the first admin of a production installation, or of a new region: the region is
// created when it does not exist). The password is read from standard input (asked for on a terminal).
import { parseArgs } from 'node:util'
import { createInterface } from 'node:readline/promises'
import { loadConfig, ConfigError } from '../src/config.js'
import { openDatabase, closeDatabase } from '../src/db.js'
import type { Role } from '../db/schema.js'
import { createUser } from './lib/user-create.js'

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

main().catch((error: Error) => {
  process.stderr.write(error instanceof ConfigError ? `user:create: invalid setting ${error.message}\n` : `user:create: ${error.message}\n`)
  process.exit(1)
})
