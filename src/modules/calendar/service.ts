// An expert's calendar feed (design §6: GET /me/calendar.ics?token=): their live assignments as an
// iCalendar (RFC 5545) subscription for a phone's calendar.
// Rules:
// - the feed is authenticated by its token alone (a calendar app has no session). The token is 32
//   random bytes; only its SHA-256 hash is stored, one per expert: a new one replaces the old, and
//   revoking deletes it. The full link is shown once, right after it is made;
// - the feed holds confirmed and completed assignments from 90 days ago on; cancelled ones are left
//   out (a calendar app then removes the event), so the feed never says who cancelled or why;
// - an event carries the topic, the times, the area and address (or "remote"), the channel, the
//   duration and a link to the offers page: no names, nothing about the audience or anyone's background;
// - fetching the feed writes no audit row (calendar apps poll it every few minutes); making and
//   revoking the token do.
import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../../db.js'
import { recordAudit } from '../audit/service.js'
import { isoPlus } from '../../lib/dates.js'
import { translator, type Lang } from '../../web/i18n/index.js'
import { deleteCalendarToken, feedAssignments, feedOwner, saveCalendarToken } from './queries.js'
import './messages.js'

export const feedDays = 90
const tokenPattern = /^[A-Za-z0-9_-]{43}$/

export interface Owner { expertId: number, regionId: number, userId: number }

export function hashCalendarToken (token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

// Makes a new token (replacing any earlier one) and returns it: the only time it exists in full.
export function createCalendarToken (db: Db, owner: Owner, now: string): string {
  const token = randomBytes(32).toString('base64url')
  db.transaction(() => {
    saveCalendarToken(db, owner.expertId, hashCalendarToken(token), now)
    recordAudit(db, { regionId: owner.regionId, actorUserId: owner.userId, action: 'calendar_token_created', subjectType: 'expert', subjectId: owner.expertId })
  })
  return token
}

export function revokeCalendarToken (db: Db, owner: Owner): void {
  db.transaction(() => {
    if (deleteCalendarToken(db, owner.expertId)) {
      recordAudit(db, { regionId: owner.regionId, actorUserId: owner.userId, action: 'calendar_token_revoked', subjectType: 'expert', subjectId: owner.expertId })
    }
  })
}

// The feed of the token's expert, or undefined for a missing, malformed, unknown or revoked token.
export function calendarFeedFor (db: Db, token: unknown, now: string, offersUrl: string): string | undefined {
  if (typeof token !== 'string' || !tokenPattern.test(token)) return undefined
  const owner = feedOwner(db, hashCalendarToken(token))
  if (!owner) return undefined
  const t = translator(owner.language as Lang)
  const events = feedAssignments(db, owner.expertId, isoPlus(now, -feedDays * 24 * 3600 * 1000)).map((a): CalendarEvent => ({
    uid: `assignment-${a.id}@kokemus`,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    summary: a.topic,
    location: a.remote ? t('calendar.feed.remote') : [a.areaName, a.address].filter(Boolean).join(', '),
    description: [
      t('calendar.feed.channel', { channel: a.channelName }),
      t('calendar.feed.duration', { minutes: a.durationMinutes }),
      t('calendar.feed.link', { url: offersUrl }),
    ].join('\n'),
  }))
  return calendarFeed({ name: t('calendar.feed.name'), stamp: now, events })
}

// ——— The iCalendar text (RFC 5545), pure ———

export interface CalendarEvent {
  uid: string
  startsAt: string
  endsAt: string
  summary: string
  location: string
  description: string
}

// TEXT values: backslash, semicolon and comma are escaped, and every line break becomes \n (§3.3.11).
export function escapeText (value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n')
}

// Content lines are folded at 75 octets: a CRLF and one space before the rest (§3.1). A multi-byte
// UTF-8 character is never split; the leading space of a continuation counts toward its 75.
export function foldLine (line: string): string {
  const parts: string[] = []
  let current = ''
  let octets = 0
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8')
    if (octets + size > 75) {
      parts.push(current)
      current = ' '
      octets = 1
    }
    current += char
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n')
}

// '2026-03-29T07:00:00.000Z' → '20260329T070000Z' (UTC, so the times stay right across daylight-saving changes).
export function icsInstant (iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}

export function calendarFeed ({ name, stamp, events }: { name: string, stamp: string, events: CalendarEvent[] }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kokemus//Kokemusasiantuntijarekisteri//FI',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
  ]
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${icsInstant(stamp)}`,
      `DTSTART:${icsInstant(event.startsAt)}`,
      `DTEND:${icsInstant(event.endsAt)}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `LOCATION:${escapeText(event.location)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      'STATUS:CONFIRMED',
      'END:VEVENT',
    )
  }
  lines.push('END:VCALENDAR')
  return lines.map(foldLine).join('\r\n') + '\r\n'
}
