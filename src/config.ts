// The only reader of process.env. Every setting of design §6 is read, validated and typed here;
// a bad value stops start-up with one line naming the setting (ConfigError), never a stack trace.
import { randomBytes } from 'node:crypto'
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { isIP } from 'node:net'
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
  // The address people reach the app at (scheme, host and port, no trailing slash): every link in a
  // mail and the calendar feed's address are made from it, never from a request's Host.
  siteUrl: string
  // The reverse proxy whose X-Forwarded-* headers are believed: its addresses or CIDR ranges.
  // Undefined: none, and request.ip is the peer's own address.
  trustedProxy: string[] | undefined
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
  const port = parsePort(env.PORT)
  return {
    port,
    host: env.HOST || '127.0.0.1',
    databasePath,
    sessionSecret: secretSetting(env, 'SESSION_SECRET', production, databasePath, 'session-secret'),
    production,
    smtpUrl: parseSmtpUrl(env.SMTP_URL),
    dataKey: parseDataKey(secretSetting(env, 'DATA_KEY', production, databasePath, 'data-key')),
    cookieSecure: production,
    siteUrl: parseSiteUrl(env.SITE_URL, production, port),
    trustedProxy: parseTrustedProxy(env.TRUSTED_PROXY, production),
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

function parseSiteUrl (value: string | undefined, production: boolean, port: number): string {
  if (!value) {
    if (production) throw new ConfigError('SITE_URL', 'is required when NODE_ENV=production (e.g. https://kokemus.alue.fi)')
    return `http://localhost:${port}`
  }
  const refuse = () => new ConfigError('SITE_URL', `must be an http(s) address without a path, such as https://kokemus.alue.fi, not "${value}"`)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw refuse()
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.pathname !== '/' || url.search || url.hash) throw refuse()
  return url.origin
}

// What Fastify's trustProxy accepts that names the proxy: a comma-separated list of addresses, CIDR
// ranges and proxy-addr's names (loopback, linklocal, uniquelocal). Not "trust everyone", and not a
// hop count: Fastify 5.12.1 and later trust no peer for a number (a hop count cannot tell the proxy
// from a client that connects directly), so a count would silently do nothing.
const proxyNames = new Set(['loopback', 'linklocal', 'uniquelocal'])

// In production the app serves plain HTTP behind the region's TLS proxy, and its cookies are Secure:
// only the proxy's X-Forwarded-Proto tells it the visitor's connection is HTTPS, so the proxy must be
// named (without it nobody could sign in). Elsewhere nobody's forwarded headers are believed.
function parseTrustedProxy (value: string | undefined, production: boolean): string[] | undefined {
  const text = value?.trim()
  if (!text && production) throw new ConfigError('TRUSTED_PROXY', 'is required when NODE_ENV=production: give the address of the TLS proxy in front of the app (e.g. 127.0.0.1)')
  if (!text) return undefined
  const entries = text.split(',').map((entry) => entry.trim())
  const bad = entries.find((entry) => !proxyNames.has(entry) && !isAddressOrRange(entry))
  if (bad !== undefined) {
    const why = /^\d+$/.test(bad) ? 'a hop count is not supported; give' : 'must be'
    throw new ConfigError('TRUSTED_PROXY', `${why} the proxy's addresses or CIDR ranges, comma-separated (e.g. 10.0.0.5 or 10.1.0.0/16), not "${bad}"`)
  }
  return entries
}

function isAddressOrRange (entry: string): boolean {
  const parts = entry.split('/')
  const version = isIP(parts[0]!)
  if (version === 0 || parts.length > 2) return false
  return parts.length === 1 || (/^\d{1,3}$/.test(parts[1]!) && Number(parts[1]) <= (version === 4 ? 32 : 128))
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
    siteUrl: 'http://localhost:3000',
    trustedProxy: undefined,
    ...overrides,
  }
}
