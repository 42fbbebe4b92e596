// npm run db:check : fails when db/schema.ts and the committed migrations disagree, i.e. when
// `npm run db:generate` would write a new migration. Works on a temporary copy of the migrations.
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

if (import.meta.url === `file://${process.argv[1]}`) {
  if (schemaMatchesMigrations()) {
    process.stdout.write('db:check: db/schema.ts and db/migrations agree.\n')
  } else {
    process.stderr.write('db:check: db/schema.ts has changes without a migration. Run `npm run db:generate` and commit the result.\n')
    process.exit(1)
  }
}
