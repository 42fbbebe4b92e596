import t from 'tap'
import { eq } from 'drizzle-orm'
import { build, anAssignment, anExpert, anOffer, anOrder, aRegion } from '../../helper.js'
import { assignments, offers, orders } from '../../../db/schema.js'
import { isoPlus, nowIso } from '../../../src/lib/dates.js'
import { runScheduledWork } from '../../../src/modules/assignments/schedule.js'
import { helsinkiIn, mailsTo, orderRow } from './support.js'

const hour = 3_600_000
const site = 'https://kokemus.alue.fi'

t.test('pending offers past their time expire and their orders follow; it is idempotent', async (t) => {
  const { db } = await build(t)
  const region = aRegion(db).id
  const expert = anExpert(db, { regionId: region })
  const order = anOrder(db, { regionId: region })
  const lapsed = anOffer(db, order.id, expert.id, { expiresAt: isoPlus(nowIso(), -1000) })
  const open = anOffer(db, order.id, anExpert(db, { regionId: region }).id)
  const started = anOrder(db, { regionId: region, ...helsinkiIn(-2 * hour) })
  const startedOffer = anOffer(db, started.id, expert.id, { expiresAt: isoPlus(nowIso(), -2 * hour) })
  const fresh = anOrder(db, { regionId: region, status: 'new', ...helsinkiIn(-hour) })
  const partly = anOrder(db, { regionId: region, status: 'partly_filled', expertsWanted: 2, ...helsinkiIn(-hour) })
  anAssignment(db, partly.id, anExpert(db, { regionId: region }).id)
  const now = nowIso()
  t.same(runScheduledWork(db, now, site), { expired: 2, reminded: 0, closed: 2 })
  t.equal(db.select().from(offers).where(eq(offers.id, lapsed.id)).get()!.status, 'expired')
  t.equal(db.select().from(offers).where(eq(offers.id, startedOffer.id)).get()!.status, 'expired')
  t.equal(db.select().from(offers).where(eq(offers.id, open.id)).get()!.status, 'pending')
  t.equal(orderRow(db, order.id).status, 'matching', 'an order with offers stays in matching')
  t.equal(orderRow(db, started.id).status, 'unfilled')
  t.equal(orderRow(db, fresh.id).status, 'unfilled')
  t.equal(orderRow(db, partly.id).status, 'partly_filled', 'a started order with someone coming stays partly filled')
  t.same(runScheduledWork(db, nowIso(), site), { expired: 0, reminded: 0, closed: 0 }, 'a second run changes nothing')
})

t.test('experts are reminded once of confirmed work starting within 48 hours', async (t) => {
  const { db } = await build(t)
  const region = aRegion(db).id
  const expert = anExpert(db, { regionId: region, email: 'muistutus@example.fi', displayName: 'Tuuli', realName: 'Aino Virtanen' })
  const soon = anOrder(db, { regionId: region, topic: 'Huomenna', address: 'Kauppakatu 1', ...helsinkiIn(24 * hour) })
  const remote = anOrder(db, { regionId: region, topic: 'Etänä', remote: true, areaId: null, ...helsinkiIn(30 * hour) })
  const nowhere = anOrder(db, { regionId: region, topic: 'Paikka auki', areaId: null, ...helsinkiIn(40 * hour) })
  const later = anOrder(db, { regionId: region, topic: 'Myöhemmin', ...helsinkiIn(72 * hour) })
  const cancelled = anOrder(db, { regionId: region, topic: 'Peruttu', ...helsinkiIn(20 * hour) })
  for (const order of [soon, remote, nowhere, later]) anAssignment(db, order.id, expert.id)
  anAssignment(db, cancelled.id, expert.id, { status: 'cancelled', cancelledAt: nowIso() })
  const silent = anExpert(db, { regionId: region, email: null })
  const silentWork = anAssignment(db, anOrder(db, { regionId: region, ...helsinkiIn(10 * hour) }).id, silent.id)
  const now = nowIso()
  t.same(runScheduledWork(db, now, site), { expired: 0, reminded: 3, closed: 0 })
  const mails = mailsTo(db, expert.email!)
  t.same(mails.map((m) => m.subject.replace(/ \S+$/, '')).sort(), ['Muistutus: Etänä', 'Muistutus: Huomenna', 'Muistutus: Paikka auki'])
  const tomorrow = mails.find((m) => m.subject.startsWith('Muistutus: Huomenna'))!
  t.match(tomorrow.body, 'Hei Tuuli!')
  t.match(tomorrow.body, ', Kauppakatu 1.')
  t.match(tomorrow.body, 'https://kokemus.alue.fi/me/offers', 'the link is absolute, from the site address')
  t.notMatch(tomorrow.body, / \/me\/offers/, 'no relative link')
  t.notMatch(tomorrow.body, 'Aino')
  t.match(mails.find((m) => m.subject.startsWith('Muistutus: Etänä'))!.body, 'Paikka: etänä verkossa.')
  t.match(mails.find((m) => m.subject.startsWith('Muistutus: Paikka auki'))!.body, 'Paikka: Paikka kerrotaan myöhemmin.')
  t.ok(db.select().from(assignments).where(eq(assignments.id, silentWork.id)).get()!.reminderSentAt, 'marked even without an address')
  t.same(runScheduledWork(db, isoPlus(now, 60_000), site), { expired: 0, reminded: 0, closed: 0 })
  t.equal(mailsTo(db, expert.email!).length, 3, 'no second reminder')
  // 30 hours on, the later work is reminded in its turn, and the order whose only place was cancelled
  // has started unfilled.
  t.same(runScheduledWork(db, isoPlus(now, 30 * hour), site), { expired: 0, reminded: 1, closed: 1 }, 'the later work in its turn')
  t.equal(orderRow(db, cancelled.id).status, 'unfilled')
})
