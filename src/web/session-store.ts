// Sessions in the database: they survive a restart and are ended server-side (logout, a disabled
// user, an admin's "end sessions"). Idle timeout 30 min and absolute timeout 12 h are enforced here,
// on every read, so an old cookie is worthless once either has passed.
import { createHash, randomBytes } from 'node:crypto'
import type { Session } from 'fastify'
import type { Db } from '../db.js'

export const idleTimeoutMs = 30 * 60 * 1000
export const absoluteTimeoutMs = 12 * 60 * 60 * 1000
// How stale last_seen_at may get: the idle timeout is kept to within this, and a page view writes
// (an fsync at synchronous=FULL) at most once per this interval instead of on every request.
export const touchIntervalMs = 60 * 1000

type Callback = (err?: Error | null) => void
type GetCallback = (err: unknown, result?: Session | null) => void

export function hashSessionId (id: string): string {
  return createHash('sha256').update(id).digest('base64url')
}

// 128 random bits.
export function newSessionId (): string {
  return randomBytes(16).toString('base64url')
}

export class DatabaseSessionStore {
  private readonly select
  private readonly upsert
  private readonly touch
  private readonly remove
  private readonly removeStale

  constructor (db: Db, private readonly clock: () => number = Date.now) {
    const sqlite = db.$client
    this.select = sqlite.prepare<[string], { data: string, created_at: string, last_seen_at: string }>(
      'select data, created_at, last_seen_at from sessions where id_hash = ?')
    this.upsert = sqlite.prepare(
      `insert into sessions (id_hash, user_id, data, created_at, last_seen_at) values (@idHash, @userId, @data, @now, @now)
       on conflict(id_hash) do update set user_id = excluded.user_id, data = excluded.data, last_seen_at = excluded.last_seen_at`)
    this.touch = sqlite.prepare('update sessions set last_seen_at = ? where id_hash = ?')
    this.remove = sqlite.prepare('delete from sessions where id_hash = ?')
    this.removeStale = sqlite.prepare('delete from sessions where last_seen_at < ? or created_at < ?')
  }

  get (id: string, callback: GetCallback): void {
    const idHash = hashSessionId(id)
    const row = this.select.get(idHash)
    if (!row) return callback(null, null)
    const now = this.clock()
    const idle = now - Date.parse(row.last_seen_at)
    if (idle > idleTimeoutMs || now - Date.parse(row.created_at) > absoluteTimeoutMs) {
      this.remove.run(idHash)
      return callback(null, null)
    }
    if (idle >= touchIntervalMs) this.touch.run(new Date(now).toISOString(), idHash)
    callback(null, JSON.parse(row.data) as Session)
  }

  set (id: string, session: Session, callback: Callback): void {
    const userId = typeof session.userId === 'number' ? session.userId : null
    this.upsert.run({ idHash: hashSessionId(id), userId, data: JSON.stringify(session), now: new Date(this.clock()).toISOString() })
    callback()
  }

  destroy (id: string, callback: Callback): void {
    this.remove.run(hashSessionId(id))
    callback()
  }

  // Removes sessions past either timeout; called at each login so the table stays small.
  prune (): void {
    const now = this.clock()
    this.removeStale.run(new Date(now - idleTimeoutMs).toISOString(), new Date(now - absoluteTimeoutMs).toISOString())
  }
}

export function endSessionsOfUser (db: Db, userId: number): void {
  db.$client.prepare('delete from sessions where user_id = ?').run(userId)
}
