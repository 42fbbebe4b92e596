// Keys and backups: start-up refuses a database its DATA_KEY does not open, files holding personal
// data or secrets are readable by their owner only, and a backup restored with its data-key starts
// and opens its identity codes (the restore drill, against the real entry point).
import t from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, closeDatabase } from '../../src/db.js'
import { dataKeyOpens } from '../../src/data-key.js'
import { loadConfig } from '../../src/config.js'
import { encryptField } from '../../src/lib/crypto.js'
import { databaseFacts } from '../../db/schema.js'
import { backupDatabase } from '../../scripts/lib/backup.js'
import { aRegion, aUser, anExpert, password } from '../helper.js'
import { identityCodeFor } from '../modules/experts/support.js'

const dir = mkdtempSync(join(tmpdir(), 'kokemus-keys-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))

const keyA = Buffer.alloc(32, 1)
const keyB = Buffer.alloc(32, 2)
const modeOf = (path: string) => statSync(path).mode & 0o777

t.test('the first start stores a key check; only the same key opens the database later', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => closeDatabase(db))
  t.ok(dataKeyOpens(db, keyA), 'a new database takes the key it is first started with')
  const check = db.select().from(databaseFacts).all()
  t.equal(check.length, 1)
  t.equal(check[0]!.name, 'data_key_check')
  t.notMatch(check[0]!.value, 'Kokemus', 'stored encrypted')
  t.notOk(dataKeyOpens(db, keyB), 'another key is refused, though no identity code is stored yet')
  t.ok(dataKeyOpens(db, keyA), 'the same key opens it again')
  t.same(db.select().from(databaseFacts).all(), check, 'and the key check is not replaced')
})

t.test('a database from before the key check proves its key on a stored identity code', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => closeDatabase(db))
  const region = aRegion(db)
  anExpert(db, { regionId: region.id, identityCodeEncrypted: encryptField(keyA, identityCodeFor('2004-01-01')) })
  t.notOk(dataKeyOpens(db, keyB), 'a key that does not open the identity code is refused')
  t.equal(db.select().from(databaseFacts).all().length, 0, 'and stores no key check')
  t.ok(dataKeyOpens(db, keyA), 'the key that opens it is accepted')
  t.equal(db.select().from(databaseFacts).all().length, 1, 'and the database now has its key check')
  t.notOk(dataKeyOpens(db, keyB))
})

t.test('a new database, its WAL and shared memory, and the generated secrets are 0600', async (t) => {
  const path = join(dir, 'modes', 'kokemus.db')
  const config = loadConfig({ DATABASE_PATH: path })
  t.equal(modeOf(join(dir, 'modes', 'data-key')), 0o600)
  t.equal(modeOf(join(dir, 'modes', 'session-secret')), 0o600)
  const db = openDatabase(path)
  dataKeyOpens(db, config.dataKey)
  t.ok(existsSync(`${path}-wal`), 'the WAL is there while the database is open')
  t.equal(modeOf(path), 0o600, 'the database')
  t.equal(modeOf(`${path}-wal`), 0o600, 'its WAL')
  t.equal(modeOf(`${path}-shm`), 0o600, 'its shared memory')
  closeDatabase(db)
})

t.test('a backup and the secrets beside it are 0600, also over older files', async (t) => {
  const source = join(dir, 'backup-source.db')
  closeDatabase(openDatabase(source))
  const target = join(dir, 'backups', 'copy.db')
  mkdirSync(join(dir, 'backups'))
  writeFileSync(target, 'an older file', { mode: 0o644 })
  writeFileSync(`${target}.data-key`, 'an older key', { mode: 0o644 })
  const { secretFiles } = await backupDatabase(source, target, { dataKey: keyA, sessionSecret: 's'.repeat(40) })
  t.same(secretFiles, [`${target}.data-key`, `${target}.session-secret`])
  for (const file of [target, ...secretFiles]) t.equal(modeOf(file), 0o600, file)
  t.equal(readFileSync(`${target}.data-key`, 'utf8'), keyA.toString('hex') + '\n')
  t.equal(readFileSync(`${target}.session-secret`, 'utf8'), 's'.repeat(40) + '\n')
})

// The real entry point, as `npm start` runs it (its coverage is kept out: another loader).
// Started until it says it runs; stop() ends it with SIGTERM and gives its exit code.
async function start (databasePath: string, port: number, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { PATH: process.env.PATH, _TAPJS_PROCESSINFO_COVERAGE_: '0', DATABASE_PATH: databasePath, PORT: String(port), ...env },
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  for (let i = 0; i < 120 && !output.includes('running at'); i++) await new Promise((resolve) => setTimeout(resolve, 250))
  return { output, stop: () => { child.kill('SIGTERM'); return exited } }
}

// A signed-in coordinator over HTTP: the login page's CSRF token and cookies, then the form.
async function signIn (base: string, email: string): Promise<string> {
  const jar = new Map<string, string>()
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const at = pair!.indexOf('=')
      jar.set(pair!.slice(0, at), pair!.slice(at + 1))
    }
  }
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const page = await fetch(`${base}/login`)
  keep(page)
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!
  const login = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual', headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, email, password }).toString(),
  })
  if (login.status !== 303) throw new Error(`sign-in answered ${login.status}`)
  keep(login)
  return cookie()
}

t.test('the restore drill: a backup starts with its data-key beside it, and is refused without it', async (t) => {
  // The live installation: secrets generated beside its database, an expert with an identity code.
  const live = join(dir, 'live', 'kokemus.db')
  const config = loadConfig({ DATABASE_PATH: live })
  const db = openDatabase(live)
  t.ok(dataKeyOpens(db, config.dataKey))
  const region = aRegion(db)
  const coordinator = await aUser(db, { role: 'coordinator', regionId: region.id })
  const code = identityCodeFor('2004-01-01')
  const expert = anExpert(db, { regionId: region.id, birthDate: '2004-01-01', identityCodeEncrypted: encryptField(config.dataKey, code) })
  closeDatabase(db)

  const backup = join(dir, 'offsite', 'kokemus-copy.db')
  await backupDatabase(live, backup, config)

  // Restored as the README says: the copy at DATABASE_PATH, its data-key and session secret beside it.
  const restored = join(dir, 'restored', 'kokemus.db')
  mkdirSync(join(dir, 'restored'))
  copyFileSync(backup, restored)
  copyFileSync(`${backup}.data-key`, join(dir, 'restored', 'data-key'))
  copyFileSync(`${backup}.session-secret`, join(dir, 'restored', 'session-secret'))
  const port = 20000 + Math.floor(Math.random() * 20000)
  const server = await start(restored, port)
  t.match(server.output, 'Kokemus is running at', 'it starts')
  const base = `http://127.0.0.1:${port}`
  const cookie = await signIn(base, coordinator.email)
  const profile = await fetch(`${base}/experts/${expert.id}`, { headers: { cookie } })
  t.equal(profile.status, 200, 'the profile opens')
  t.match(await profile.text(), `${code.slice(0, 7)}****`, 'with its identity code, masked')
  t.equal(await server.stop(), 0)

  // Restored without its data-key: a new key is generated, and start-up refuses with one line.
  const bare = join(dir, 'bare', 'kokemus.db')
  mkdirSync(join(dir, 'bare'))
  copyFileSync(backup, bare)
  const refused = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { PATH: process.env.PATH, _TAPJS_PROCESSINFO_COVERAGE_: '0', DATABASE_PATH: bare, PORT: String(port + 1) }, encoding: 'utf8', timeout: 60_000,
  })
  t.equal(refused.status, 1, 'exit code 1')
  t.same(refused.stderr.trim().split('\n'), [
    `Kokemus cannot start: DATA_KEY does not open the identity codes in ${bare}; restore the data-key that belongs with this database (the file data-key beside it, or the DATA_KEY setting)`,
  ], 'one clear line')
  t.equal(refused.stdout, '', 'and it never listened')
  t.ok(existsSync(join(dir, 'bare', 'data-key')), 'the key it generated is there to be replaced')

  // The right key given as DATA_KEY opens it.
  const keyed = await start(bare, port + 2, { DATA_KEY: config.dataKey.toString('hex') })
  t.match(keyed.output, 'Kokemus is running at', 'with its key as DATA_KEY it starts')
  t.equal(await keyed.stop(), 0)
})
