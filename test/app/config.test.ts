import t from 'tap'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync, chmodSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig, ConfigError } from '../../src/config.js'

const dir = mkdtempSync(join(tmpdir(), 'kokemus-config-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
const databasePath = join(dir, 'kokemus.db')

t.test('defaults, and secrets generated once beside the database outside production', async (t) => {
  const config = loadConfig({ DATABASE_PATH: databasePath })
  t.equal(config.port, 3000)
  t.equal(config.host, '127.0.0.1')
  t.equal(config.production, false)
  t.equal(config.cookieSecure, false)
  t.equal(config.smtpUrl, undefined)
  t.equal(config.dataKey.length, 32)
  t.equal(config.siteUrl, 'http://localhost:3000', 'the site address defaults to this machine at PORT')
  t.equal(config.trustedProxy, undefined, 'no proxy is trusted by default')
  t.equal(loadConfig({ DATABASE_PATH: databasePath, PORT: '8081' }).siteUrl, 'http://localhost:8081')
  t.equal(readFileSync(join(dir, 'session-secret'), 'utf8').trim(), config.sessionSecret)
  t.equal(loadConfig({ DATABASE_PATH: databasePath }).sessionSecret, config.sessionSecret, 'the same secret on the next start')
})

t.test('settings given in the environment are used', async (t) => {
  const config = loadConfig({
    PORT: '8080', HOST: '0.0.0.0', DATABASE_PATH: databasePath, NODE_ENV: 'production',
    SESSION_SECRET: 's'.repeat(40), DATA_KEY: 'ab'.repeat(32), SMTP_URL: 'smtps://kokemus%40alue.fi:pw@mail.alue.fi:465',
    SITE_URL: 'https://Kokemus.Alue.fi/', TRUSTED_PROXY: ' 10.0.0.5, 10.1.0.0/16 ,fd00::/8, ::1, loopback',
  })
  t.equal(config.port, 8080)
  t.equal(config.host, '0.0.0.0')
  t.equal(config.production, true)
  t.equal(config.cookieSecure, true)
  t.equal(config.sessionSecret, 's'.repeat(40))
  t.equal(config.dataKey.toString('hex'), 'ab'.repeat(32))
  t.equal(config.smtpUrl, 'smtps://kokemus%40alue.fi:pw@mail.alue.fi:465')
  t.equal(config.siteUrl, 'https://kokemus.alue.fi', 'the site address without its trailing slash')
  t.same(config.trustedProxy, ['10.0.0.5', '10.1.0.0/16', 'fd00::/8', '::1', 'loopback'])
})

t.test('SITE_URL keeps a port; a blank TRUSTED_PROXY trusts no proxy', async (t) => {
  const config = loadConfig({ DATABASE_PATH: databasePath, SITE_URL: 'http://10.0.0.7:8080', TRUSTED_PROXY: '  ' })
  t.equal(config.siteUrl, 'http://10.0.0.7:8080')
  t.equal(config.trustedProxy, undefined)
})

const bad: [string, Record<string, string>][] = [
  ['PORT', { PORT: 'abc' }],
  ['PORT', { PORT: '70000' }],
  ['SESSION_SECRET', { NODE_ENV: 'production', DATA_KEY: 'ab'.repeat(32) }],
  ['SESSION_SECRET', { SESSION_SECRET: 'short' }],
  ['DATA_KEY', { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) }],
  ['DATA_KEY', { DATA_KEY: 'z'.repeat(64) }],
  ['SMTP_URL', { SMTP_URL: 'not a url' }],
  ['SMTP_URL', { SMTP_URL: 'http://mail.example.fi' }],
  ['SITE_URL', { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), DATA_KEY: 'ab'.repeat(32), TRUSTED_PROXY: '127.0.0.1' }],
  ['TRUSTED_PROXY', { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), DATA_KEY: 'ab'.repeat(32), SITE_URL: 'https://kokemus.alue.fi' }],
  ['SITE_URL', { SITE_URL: 'kokemus.alue.fi' }],
  ['SITE_URL', { SITE_URL: 'ftp://kokemus.alue.fi' }],
  ['SITE_URL', { SITE_URL: 'https://user@kokemus.alue.fi' }],
  ['SITE_URL', { SITE_URL: 'https://:secret@kokemus.alue.fi' }],
  ['SITE_URL', { SITE_URL: 'https://kokemus.alue.fi/kokemus' }],
  ['SITE_URL', { SITE_URL: 'https://kokemus.alue.fi/?a=1' }],
  ['SITE_URL', { SITE_URL: 'https://kokemus.alue.fi/#top' }],
  ['TRUSTED_PROXY', { TRUSTED_PROXY: 'true' }],
  ['TRUSTED_PROXY', { TRUSTED_PROXY: '1' }],
  ['TRUSTED_PROXY', { TRUSTED_PROXY: '10.0.0.5,' }],
  ['TRUSTED_PROXY', { TRUSTED_PROXY: 'proxy.alue.fi' }],
  ['TRUSTED_PROXY', { TRUSTED_PROXY: '10.0.0.0/33' }],
  ['TRUSTED_PROXY', { TRUSTED_PROXY: 'fd00::/129' }],
  ['TRUSTED_PROXY', { TRUSTED_PROXY: '10.0.0.0/x' }],
  ['TRUSTED_PROXY', { TRUSTED_PROXY: '10.0.0.0/8/8' }],
]
for (const [setting, env] of bad) {
  t.test(`a bad ${setting} is refused by name`, async (t) => {
    let thrown: unknown
    try { loadConfig({ DATABASE_PATH: databasePath, ...env }) } catch (error) { thrown = error }
    t.ok(thrown instanceof ConfigError, 'a ConfigError')
    t.equal((thrown as ConfigError).setting, setting)
    t.notMatch((thrown as ConfigError).message, '\n', 'one line')
  })
}

t.test('a hop count is refused with the reason (Fastify trusts no peer for one)', async (t) => {
  t.throws(() => loadConfig({ DATABASE_PATH: databasePath, TRUSTED_PROXY: '2' }), /TRUSTED_PROXY: a hop count is not supported; give the proxy's addresses/)
  t.throws(() => loadConfig({ DATABASE_PATH: databasePath, TRUSTED_PROXY: 'true' }), /TRUSTED_PROXY: must be the proxy's addresses or CIDR ranges.*not "true"/)
  t.throws(() => loadConfig({ DATABASE_PATH: databasePath, NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), DATA_KEY: 'ab'.repeat(32), TRUSTED_PROXY: '::1' }), /SITE_URL: is required when NODE_ENV=production/)
  t.throws(() => loadConfig({ DATABASE_PATH: databasePath, NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), DATA_KEY: 'ab'.repeat(32), SITE_URL: 'https://k.fi' }), /TRUSTED_PROXY: is required when NODE_ENV=production: give the address of the TLS proxy/)
})

t.test('an unwritable database file is refused', async (t) => {
  const readonlyDir = mkdtempSync(join(tmpdir(), 'kokemus-ro-'))
  t.teardown(() => rmSync(readonlyDir, { recursive: true, force: true }))
  const file = join(readonlyDir, 'k.db')
  writeFileSync(file, '')
  chmodSync(file, 0o400)
  // A folder that cannot be made (its parent is a file) is refused, even for root.
  t.throws(() => loadConfig({ DATABASE_PATH: join(file, 'k.db') }), /DATABASE_PATH/)
  if (process.getuid?.() !== 0) t.throws(() => loadConfig({ DATABASE_PATH: file }), /DATABASE_PATH/)
})

t.test('npm start with a bad setting stops with one clear line and exit code 1', async (t) => {
  for (const [env, setting] of [[{ PORT: 'abc' }, 'PORT'], [{ NODE_ENV: 'production', DATA_KEY: 'ab'.repeat(32) }, 'SESSION_SECRET'], [{ DATABASE_PATH: '/etc/hostname/k.db' }, 'DATABASE_PATH'], [{ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), DATA_KEY: 'ab'.repeat(32) }, 'SITE_URL'], [{ TRUSTED_PROXY: 'true' }, 'TRUSTED_PROXY']] as const) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      // A child's coverage would be mapped through another loader (tsx): keep it out of the report.
      env: { PATH: process.env.PATH, _TAPJS_PROCESSINFO_COVERAGE_: '0', DATABASE_PATH: databasePath, ...env }, encoding: 'utf8', timeout: 60_000,
    })
    t.equal(run.status, 1, `${setting}: exit code 1`)
    const lines = run.stderr.trim().split('\n')
    t.equal(lines.length, 1, `${setting}: one line`)
    t.match(lines[0], `invalid setting ${setting}:`)
    t.notMatch(run.stderr, /\bat .*\.ts:\d+/, `${setting}: no stack trace`)
  }
})

t.test('without DATABASE_PATH the database is data/kokemus.db in the working folder, and an existing file there is accepted', async (t) => {
  const before = process.cwd()
  const work = mkdtempSync(join(tmpdir(), 'kokemus-cwd-'))
  process.chdir(work)
  t.teardown(() => {
    process.chdir(before)
    rmSync(work, { recursive: true, force: true })
  })
  const config = loadConfig({})
  t.equal(config.databasePath, join(realpathSync(work), 'data', 'kokemus.db'))
  writeFileSync(config.databasePath, '')
  t.equal(loadConfig({}).databasePath, config.databasePath, 'the same path, now that the file exists')
})
