// The calendar token of an expert and the assignments of their feed. The feed is found by the token's
// hash only, and lists that one expert's assignments (index assignments_expert_starts).
import { eq } from 'drizzle-orm'
import type { Db } from '../../db.js'
import { calendarTokens } from '../../../db/schema.js'

export function calendarTokenOf (db: Db, expertId: number): { createdAt: string } | undefined {
  return db.select({ createdAt: calendarTokens.createdAt }).from(calendarTokens).where(eq(calendarTokens.expertId, expertId)).get()
}

export function saveCalendarToken (db: Db, expertId: number, tokenHash: string, createdAt: string): void {
  db.insert(calendarTokens).values({ expertId, tokenHash, createdAt })
    .onConflictDoUpdate({ target: calendarTokens.expertId, set: { tokenHash, createdAt } }).run()
}

export function deleteCalendarToken (db: Db, expertId: number): boolean {
  return db.delete(calendarTokens).where(eq(calendarTokens.expertId, expertId)).run().changes > 0
}

export function feedOwner (db: Db, tokenHash: string): { expertId: number, language: string } | undefined {
  return db.$client.prepare<[string], { expertId: number, language: string }>(`
    select e.id as expertId, e.preferred_language as language
      from calendar_tokens c join experts e on e.id = c.expert_id
     where c.token_hash = ?`).get(tokenHash)
}

export interface FeedAssignment {
  id: number, startsAt: string, endsAt: string, topic: string, remote: number, areaName: string | null
  address: string | null, channelName: string, durationMinutes: number
}

// Live (confirmed or completed) assignments starting at `from` or later, in time order.
export function feedAssignments (db: Db, expertId: number, from: string): FeedAssignment[] {
  return db.$client.prepare<[number, string], FeedAssignment>(`
    select a.id, a.starts_at as startsAt, a.ends_at as endsAt, o.topic, o.remote, ar.name as areaName, o.address,
           c.name as channelName, o.duration_minutes as durationMinutes
      from assignments a
      join orders o on o.id = a.order_id
      join channels c on c.id = o.channel_id
      left join areas ar on ar.id = o.area_id
     where a.expert_id = ? and a.starts_at >= ? and a.status in ('confirmed', 'completed')
     order by a.starts_at, a.id`).all(expertId, from)
}
