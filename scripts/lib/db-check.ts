// The check behind npm run db:check: does db/schema.ts agree with the committed migrations, i.e.
// would `npm run db:generate` write nothing? Works on a temporary copy of the migrations.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function schemaMatchesMigrations (root = process.cwd()): boolean {
  const temp = mkdtempSync(join(tmpdir(), 'kokemus-migrations-'))
  try {
    cpSync(join(root, 'db/migrations'), temp, { recursive: true })
    const before = readdirSync(temp).length
    execFileSync(join(root, 'node_modules/.bin/drizzle-kit'), ['generate', '--config', join(root, 'drizzle.config.ts')], {
      cwd: root, env: { ...process.env, DRIZZLE_OUT: temp }, stdio: 'pipe',
    })
    return readdirSync(temp).length === before
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}

