// The calendar feed, read back with Mozilla's iCalendar parser (ical.js): the right events at the
// right UTC times across both daylight-saving changes, text escaped and folded, and nobody else's work.
import t from 'tap'
import ICAL from 'ical.js'
import { eq } from 'drizzle-orm'
import { build, aUser, anExpert, anOrder, anAssignment, aRegion, anArea, aChannel, Browser } from '../../helper.js'
import { auditLog, calendarTokens } from '../../../db/schema.js'
import { addDays, nowIso, today } from '../../../src/lib/dates.js'
import { calendarFeedFor, createCalendarToken, hashCalendarToken } from '../../../src/modules/calendar/service.js'
import type { Db } from '../../../src/db.js'

function events (body: string) {
  const calendar = new ICAL.Component(ICAL.parse(body))
  return calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent))
}

async function anExpertWithToken (db: Db, fields: Partial<Parameters<typeof anExpert>[1]> = {}) {
  const regionId = aRegion(db).id
  const user = await aUser(db, { role: 'expert', regionId })
  const expert = anExpert(db, { regionId, userId: user.id, ...fields })
  const token = createCalendarToken(db, { expertId: expert.id, regionId, userId: user.id }, nowIso())
  return { expert, token, regionId }
}

t.test('the feed lists the expert’s live assignments from 90 days ago on, and nobody else’s', async (t) => {
  const { app, db } = await build(t)
  const { expert, token, regionId } = await anExpertWithToken(db)
  const area = anArea(db, regionId, 'Hämeenlinna')
  const channel = aChannel(db, regionId, { name: 'Työpaja' })
  const day = today()
  const past = anOrder(db, { regionId, channelId: channel.id, day: addDays(day, -80), startTime: '10:00', durationMinutes: 90, topic: 'Kevään koulutus', areaId: area.id, address: 'Raatihuoneenkatu 1' })
  const coming = anOrder(db, { regionId, channelId: channel.id, day: addDays(day, 10), topic: 'Tuleva työpaja', remote: true, areaId: null, expertsWanted: 2 })
  const a1 = anAssignment(db, past.id, expert.id, { status: 'completed' })
  const a2 = anAssignment(db, coming.id, expert.id)
  const cancelled = anOrder(db, { regionId, channelId: channel.id, day: addDays(day, 11), topic: 'Peruttu tilaisuus' })
  anAssignment(db, cancelled.id, expert.id, { status: 'cancelled', cancelledAt: nowIso(), cancelledBy: 'orderer' })
  const old = anOrder(db, { regionId, channelId: channel.id, day: addDays(day, -100), topic: 'Vanha tilaisuus' })
  anAssignment(db, old.id, expert.id, { status: 'completed' })
  // Another expert's assignment in the same order, and an expert of another region.
  const other = anExpert(db, { regionId })
  anAssignment(db, coming.id, other.id)
  const stranger = anExpert(db, { regionId: aRegion(db).id })
  anAssignment(db, anOrder(db, { regionId: stranger.regionId, day: addDays(day, 12), topic: 'Toisen alueen tilaisuus' }).id, stranger.id)

  const response = await new Browser(app).get(`/me/calendar.ics?token=${token}`)
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-type'], 'text/calendar; charset=utf-8')
  t.equal(response.headers['cache-control'], 'no-store')
  t.ok(response.body.endsWith('END:VCALENDAR\r\n'))
  t.ok(response.body.split('\n').slice(0, -1).every((line) => line.endsWith('\r')), 'CRLF line ends')
  const calendar = new ICAL.Component(ICAL.parse(response.body))
  t.equal(calendar.getFirstPropertyValue('version'), '2.0')
  t.equal(calendar.getFirstPropertyValue('method'), 'PUBLISH')
  t.equal(calendar.getFirstPropertyValue('calscale'), 'GREGORIAN')
  t.equal(calendar.getFirstPropertyValue('x-wr-calname'), 'Kokemus – tehtäväni')
  t.ok(calendar.getFirstPropertyValue('prodid'))
  const [first, second, ...more] = events(response.body)
  t.equal(more.length, 0, 'cancelled, old and other experts’ assignments are left out')
  t.equal(first!.uid, `assignment-${a1.id}@kokemus`)
  t.equal(first!.summary, 'Kevään koulutus')
  t.equal(first!.startDate.toJSDate().toISOString(), past.startsAt)
  t.equal(first!.endDate.toJSDate().toISOString(), past.endsAt)
  t.equal(first!.location, 'Hämeenlinna, Raatihuoneenkatu 1')
  t.equal(first!.description, 'Väylä: Työpaja\nKesto: 90 min\nTarjoukset ja tehtävät: http://localhost:3000/me/offers')
  t.equal(second!.uid, `assignment-${a2.id}@kokemus`)
  t.equal(second!.location, 'Etänä')
  t.ok(String(first!.component.getFirstPropertyValue('dtstamp')).endsWith('Z'), 'DTSTAMP in UTC')
  t.notMatch(response.body, expert.realName)
  t.notMatch(response.body, other.displayName)
  t.notMatch(response.body, 'Toisen alueen')
  t.equal(db.select().from(auditLog).where(eq(auditLog.action, 'read')).all().length, 0, 'fetching the feed writes no audit row')
})

t.test('times are UTC instants, right on both sides of the daylight-saving changes', async (t) => {
  const { db } = await build(t)
  const { expert, token, regionId } = await anExpertWithToken(db)
  // The spring change is on 2026-03-29 at 03.00 and the autumn change on 2026-10-25 at 04.00 (Helsinki).
  const before = anOrder(db, { regionId, day: '2026-03-28', startTime: '10:00', durationMinutes: 90, topic: 'Ennen kevään siirtoa' })
  const spring = anOrder(db, { regionId, day: '2026-03-29', startTime: '10:00', durationMinutes: 90, topic: 'Kevään koulutus' })
  const autumn = anOrder(db, { regionId, day: '2026-10-25', startTime: '10:00', topic: 'Syksyn työpaja' })
  for (const order of [before, spring, autumn]) anAssignment(db, order.id, expert.id)
  const feed = calendarFeedFor(db, token, '2026-03-01T00:00:00.000Z', 'https://kokemus.example/me/offers')!
  const times = events(feed).map((event) => [event.summary, event.startDate.toString(), event.endDate.toString()])
  t.same(times, [
    ['Ennen kevään siirtoa', '2026-03-28T08:00:00Z', '2026-03-28T09:30:00Z'],
    ['Kevään koulutus', '2026-03-29T07:00:00Z', '2026-03-29T08:30:00Z'],
    ['Syksyn työpaja', '2026-10-25T08:00:00Z', '2026-10-25T10:00:00Z'],
  ])
  t.match(feed, 'DTSTART:20260329T070000Z\r\n')
  t.match(feed, 'DTSTAMP:20260301T000000Z\r\n')
})

t.test('the feed speaks the expert’s language and escapes and folds its text', async (t) => {
  const { app, db } = await build(t)
  const { expert, token, regionId } = await anExpertWithToken(db, { preferredLanguage: 'sv' })
  const topic = 'Lastensuojelun jälkihuollon kehittämispäivä; nuorten äänet, kokemukset ja ehdotukset\nosa 2 \\ iltapäivä – Hämeenlinnan pääkirjaston Ötökkä-sali'
  const order = anOrder(db, { regionId, topic, remote: true, areaId: null })
  anAssignment(db, order.id, expert.id)
  const response = await new Browser(app).get(`/me/calendar.ics?token=${token}`)
  const lines = response.body.split('\r\n')
  t.ok(lines.every((line) => Buffer.byteLength(line, 'utf8') <= 75), 'no line is over 75 octets')
  t.ok(lines.some((line) => line.startsWith(' ')), 'the long topic is folded')
  t.notMatch(response.body, '\uFFFD')
  t.match(response.body.replace(/\r\n /g, ''), 'SUMMARY:Lastensuojelun jälkihuollon kehittämispäivä\\; nuorten äänet\\, kokemukset')
  const [event] = events(response.body)
  t.equal(event!.summary, topic, 'the topic comes back whole')
  t.equal(event!.location, 'På distans')
  t.match(event!.description, 'Kanal: ')
  t.equal(new ICAL.Component(ICAL.parse(response.body)).getFirstPropertyValue('x-wr-calname'), 'Kokemus – mina uppdrag')
})

t.test('a missing, malformed, unknown or revoked token gives a plain 404', async (t) => {
  const { app, db } = await build(t)
  const { expert, token } = await anExpertWithToken(db)
  const anonymous = new Browser(app)
  for (const url of ['/me/calendar.ics', '/me/calendar.ics?token=', '/me/calendar.ics?token=short', `/me/calendar.ics?token=${token}x`,
    `/me/calendar.ics?token=${'A'.repeat(43)}`, `/me/calendar.ics?token=${token}&token=${token}`]) {
    const response = await anonymous.get(url)
    t.equal(response.statusCode, 404, url)
    t.notMatch(response.body, 'BEGIN:VCALENDAR')
  }
  t.equal((await anonymous.get(`/me/calendar.ics?token=${token}`)).statusCode, 200)
  db.delete(calendarTokens).where(eq(calendarTokens.expertId, expert.id)).run()
  t.equal((await anonymous.get(`/me/calendar.ics?token=${token}`)).statusCode, 404, 'revoked')
  t.equal(db.select().from(calendarTokens).where(eq(calendarTokens.tokenHash, hashCalendarToken(token))).all().length, 0)
})
