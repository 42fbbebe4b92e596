// The command-line entry points, run as a user runs them (npm scripts use tsx). Their coverage is
// kept out of the report: tsx maps lines differently from the tests' loader.
import t from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, closeDatabase } from '../../src/db.js'
import { users } from '../../db/schema.js'

const dir = mkdtempSync(join(tmpdir(), 'kokemus-cli-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))

function run (script: string, args: string[], env: Record<string, string>, input?: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { PATH: process.env.PATH, _TAPJS_PROCESSINFO_COVERAGE_: '0', ...env }, encoding: 'utf8', timeout: 120_000, input,
  })
}

t.test('npm run seed refuses without --yes, in production and on a database with data', async (t) => {
  const DATABASE_PATH = join(dir, 'seed.db')
  t.equal(run('scripts/seed.ts', [], { DATABASE_PATH }).status, 1)
  t.match(run('scripts/seed.ts', ['--yes'], { DATABASE_PATH, NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), DATA_KEY: 'ab'.repeat(32), SITE_URL: 'https://kokemus.alue.fi', TRUSTED_PROXY: '127.0.0.1' }).stderr, 'refusing')
  const seeded = run('scripts/seed.ts', ['--yes'], { DATABASE_PATH })
  t.equal(seeded.status, 0)
  t.match(seeded.stdout, 'the demo region was created')
  const again = run('scripts/seed.ts', ['--yes'], { DATABASE_PATH })
  t.equal(again.status, 1)
  t.match(again.stderr, 'already has data')
})

t.test('npm run user:create reads the password from standard input', async (t) => {
  const DATABASE_PATH = join(dir, 'users.db')
  const made = run('scripts/user-create.ts', ['--email', 'eka@alue.fi', '--name', 'Eka Admin', '--region', 'Uusi alue'], { DATABASE_PATH }, 'pitkä ja hyvä lause\n')
  t.equal(made.status, 0, made.stderr)
  t.match(made.stdout, 'Created user')
  const refused = run('scripts/user-create.ts', ['--email', 'eka@alue.fi', '--name', 'Eka', '--region', 'Uusi alue'], { DATABASE_PATH }, 'pitkä ja hyvä lause\n')
  t.equal(refused.status, 1)
  t.match(refused.stderr, 'exists')
  const noPassword = run('scripts/user-create.ts', ['--email', 'toka@alue.fi', '--name', 'Toka', '--region', 'Uusi alue'], { DATABASE_PATH }, '')
  t.equal(noPassword.status, 1)
  const badSetting = run('scripts/user-create.ts', ['--email', 'x@alue.fi'], { DATABASE_PATH, PORT: 'abc' }, '')
  t.equal(badSetting.status, 1)
  t.match(badSetting.stderr, 'invalid setting PORT')
  const db = openDatabase(DATABASE_PATH)
  t.equal(db.select().from(users).all().length, 1)
  closeDatabase(db)
})

t.test('npm run backup writes a checked copy; db:check agrees', async (t) => {
  const DATABASE_PATH = join(dir, 'seed.db')
  const target = join(dir, 'copy.db')
  const backup = run('scripts/backup.ts', [target], { DATABASE_PATH })
  t.equal(backup.status, 0, backup.stderr)
  t.ok(existsSync(target))
  t.match(backup.stdout, `its data-key and session secret are in ${target}.data-key and ${target}.session-secret: keep them with the copy`)
  t.equal(readFileSync(`${target}.data-key`, 'utf8'), readFileSync(join(dir, 'data-key'), 'utf8'), 'the key of the database beside its copy')
  const defaultTarget = run('scripts/backup.ts', [], { DATABASE_PATH })
  t.equal(defaultTarget.status, 0)
  t.match(defaultTarget.stdout, join(dir, 'backups'))
  const broken = run('scripts/backup.ts', [join(dir, 'seed.db', 'x.db')], { DATABASE_PATH })
  t.equal(broken.status, 1)
  const check = run('scripts/db-check.ts', [], {})
  t.equal(check.status, 0, check.stderr)
  t.match(check.stdout, 'agree')
})

t.test('npm start seeds an empty database, serves, and closes cleanly on SIGTERM', async (t) => {
  const port = 20000 + Math.floor(Math.random() * 20000)
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { PATH: process.env.PATH, _TAPJS_PROCESSINFO_COVERAGE_: '0', DATABASE_PATH: join(dir, 'start.db'), PORT: String(port), SMTP_URL: 'smtp://127.0.0.1:1' },
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  for (let i = 0; i < 120 && !output.includes('running at'); i++) await new Promise((resolve) => setTimeout(resolve, 250))
  t.match(output, `Kokemus is running at http://localhost:${port}`)
  t.match(output, 'koordinaattori@demo.kokemus.fi')
  const health = await fetch(`http://127.0.0.1:${port}/healthz`)
  t.equal(health.status, 200)
  const login = await fetch(`http://127.0.0.1:${port}/login`)
  t.match(await login.text(), '<html lang="fi">')
  child.kill('SIGTERM')
  t.equal(await exited, 0, 'exit code 0 after SIGTERM')
})
