// The iCalendar text itself (RFC 5545): escaping, folding at 75 octets without splitting a character,
// UTC instants and the calendar's frame.
import t from 'tap'
import { calendarFeed, escapeText, foldLine, icsInstant } from '../../../src/modules/calendar/service.js'

t.test('text values escape backslash, semicolon, comma and every kind of line break', async (t) => {
  t.equal(escapeText('a\\b;c,d'), 'a\\\\b\\;c\\,d')
  t.equal(escapeText('yksi\ntwo\r\nthree\rfour'), 'yksi\\ntwo\\nthree\\nfour')
  t.equal(escapeText('Tavallinen teksti: ok'), 'Tavallinen teksti: ok', 'a colon needs no escape')
})

t.test('long lines are folded at 75 octets, never inside a multi-byte character', async (t) => {
  t.equal(foldLine('SHORT:line'), 'SHORT:line')
  const exact = `X:${'a'.repeat(73)}`
  t.equal(foldLine(exact), exact, 'exactly 75 octets stays on one line')
  t.equal(foldLine(`${exact}b`), `${exact}\r\n b`)
  const finnish = `SUMMARY:${'ä'.repeat(100)}`
  const folded = foldLine(finnish)
  const lines = folded.split('\r\n')
  t.ok(lines.every((line) => Buffer.byteLength(line, 'utf8') <= 75), 'every line at most 75 octets')
  t.ok(lines.slice(1).every((line) => line.startsWith(' ')), 'continuations start with a space')
  t.equal(lines.map((line, i) => (i === 0 ? line : line.slice(1))).join(''), finnish, 'unfolding gives the line back')
  t.notMatch(folded, '\uFFFD')
  t.equal(Buffer.byteLength(lines[0]!, 'utf8'), 74, '"SUMMARY:" and 33 two-octet letters: the 34th would not fit')
  const emoji = foldLine(`X:${'🙂'.repeat(40)}`).split('\r\n')
  t.ok(emoji.every((line) => Buffer.byteLength(line, 'utf8') <= 75 && !line.includes('\uFFFD')), 'four-octet characters too')
})

t.test('instants are written in UTC with a Z', async (t) => {
  t.equal(icsInstant('2026-03-29T07:00:00.000Z'), '20260329T070000Z')
  t.equal(icsInstant('2026-10-25T08:05:09.000Z'), '20261025T080509Z')
})

t.test('the calendar frame, empty and with an event', async (t) => {
  const empty = calendarFeed({ name: 'Kokemus, testi', stamp: '2026-01-01T00:00:00.000Z', events: [] })
  t.equal(empty, ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kokemus//Kokemusasiantuntijarekisteri//FI', 'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH', 'X-WR-CALNAME:Kokemus\\, testi', 'END:VCALENDAR', ''].join('\r\n'))
  const one = calendarFeed({
    name: 'K', stamp: '2026-01-01T00:00:00.000Z',
    events: [{ uid: 'assignment-7@kokemus', startsAt: '2026-01-02T08:00:00.000Z', endsAt: '2026-01-02T10:00:00.000Z', summary: 'Aihe', location: 'Etänä', description: 'Rivi 1\nRivi 2' }],
  })
  t.match(one, 'BEGIN:VEVENT\r\nUID:assignment-7@kokemus\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260102T080000Z\r\nDTEND:20260102T100000Z\r\nSUMMARY:Aihe\r\nLOCATION:Etänä\r\nDESCRIPTION:Rivi 1\\nRivi 2\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\n')
})
