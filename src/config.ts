// The only reader of process.env. Every setting of design §6 is read, validated and typed here;
// a bad value stops start-up with one line naming the setting (ConfigError), never a stack trace.
import { randomBytes } from 'node:crypto'
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

export interface Config {
  port: number
  host: string
  databasePath: string
  sessionSecret: string
  production: boolean
  smtpUrl: string | undefined
  dataKey: Buffer
  // Cookies are Secure in production, where the app must sit behind TLS.
  cookieSecure: boolean
}

export class ConfigError extends Error {
  constructor (readonly setting: string, message: string) {
    super(`${setting}: ${message}`)
  }
}

type Env = Record<string, string | undefined>

export function loadConfig (env: Env = process.env): Config {
  const production = env.NODE_ENV === 'production'
  const databasePath = resolve(env.DATABASE_PATH || 'data/kokemus.db')
  ensureWritableDirectory(databasePath)
  return {
    port: parsePort(env.PORT),
    host: env.HOST || '127.0.0.1',
    databasePath,
    sessionSecret: secretSetting(env, 'SESSION_SECRET', production, databasePath, 'session-secret'),
    production,
    smtpUrl: parseSmtpUrl(env.SMTP_URL),
    dataKey: parseDataKey(secretSetting(env, 'DATA_KEY', production, databasePath, 'data-key')),
    cookieSecure: production,
  }
}

function parsePort (value: string | undefined): number {
  if (value === undefined || value === '') return 3000
  const port = Number(value)
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new ConfigError('PORT', `must be a whole number from 1 to 65535, not "${value}"`)
  }
  return port
}

function ensureWritableDirectory (databasePath: string): void {
  const dir = dirname(databasePath)
  try {
    mkdirSync(dir, { recursive: true })
    accessSync(dir, constants.W_OK)
    if (existsSync(databasePath)) accessSync(databasePath, constants.R_OK | constants.W_OK)
  } catch {
    throw new ConfigError('DATABASE_PATH', `cannot write the database at ${databasePath}`)
  }
}

// Outside production a missing secret is generated once and kept in a file beside the database,
// so that sessions and encrypted fields survive a restart. Production must be given it.
function secretSetting (env: Env, name: string, production: boolean, databasePath: string, file: string): string {
  const given = env[name]
  if (given) {
    if (given.length < 32) throw new ConfigError(name, 'must be at least 32 characters long')
    return given
  }
  if (production) throw new ConfigError(name, 'is required when NODE_ENV=production')
  const path = join(dirname(databasePath), `${file}`)
  if (existsSync(path)) return readFileSync(path, 'utf8').trim()
  const secret = randomBytes(32).toString('hex')
  writeFileSync(path, secret + '\n', { mode: 0o600 })
  return secret
}

// DATA_KEY is 32 bytes as 64 hex characters (AES-256).
function parseDataKey (value: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(value)) {
    throw new ConfigError('DATA_KEY', 'must be 64 hexadecimal characters (32 bytes)')
  }
  return Buffer.from(value, 'hex')
}

function parseSmtpUrl (value: string | undefined): string | undefined {
  if (!value) return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError('SMTP_URL', 'must be a URL such as smtps://user:password@mail.example.fi:465')
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError('SMTP_URL', 'must start with smtp:// or smtps://')
  }
  return value
}

// The configuration tests and scripts use: an in-memory database and fixed secrets.
export function testConfig (overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databasePath: ':memory:',
    sessionSecret: 'test-session-secret-test-session-secret',
    production: false,
    smtpUrl: undefined,
    dataKey: Buffer.alloc(32, 7),
    cookieSecure: false,
    ...overrides,
  }
}
