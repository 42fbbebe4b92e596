// The home pages show each role its own work: the coordinator and pair worker what waits for them, the
// orderer their unit's coming orders, the expert their offers and next assignments — never anything
// of another region, unit or expert.
import t from 'tap'
import { build, signedIn, anExpert, anOrder, anOffer, anAssignment, aRegion, aUnit } from '../../helper.js'
import { debriefs } from '../../../db/schema.js'
import type { Role } from '../../../db/schema.js'
import type { Db } from '../../../src/db.js'
import { addDays, formatDate, formatTime, minutesPlus, nowIso, today } from '../../../src/lib/dates.js'
import { weekOf } from '../../../src/modules/home/queries.js'

const when = (iso: string) => `${formatDate(iso)} ${formatTime(iso)}`

function section (body: string, id: string): string {
  const start = body.indexOf(`<section aria-labelledby="${id}">`)
  return start < 0 ? '' : body.slice(start, body.indexOf('</section>', start))
}

// A day of this Helsinki week other than today when there is one, so that the assignment is in the
// week whichever day the test runs.
function dayThisWeek (): string {
  const week = weekOf(today())
  return today() === week.from ? addDays(week.from, 1) : week.from
}

function aDebrief (db: Db, assignmentId: number, dueOn: string, doneOn: string | null = null) {
  return db.insert(debriefs).values({ assignmentId, dueOn, doneOn }).returning().get()
}

for (const role of ['coordinator', 'pair_worker'] as Role[]) {
  t.test(`the ${role}’s home lists the work waiting, with counts, in the region only`, async (t) => {
    const { app, db } = await build(t)
    const { browser, user } = await signedIn(app, db, role)
    const regionId = user.regionId
    const day = today()
    const kettu = anExpert(db, { regionId, displayName: 'Kettu' })
    const karhu = anExpert(db, { regionId, displayName: 'Karhu' })
    const soon = anOrder(db, { regionId, day: addDays(day, 3), topic: 'Pian alkava työpaja', status: 'new', expertsWanted: 2 })
    const later = anOrder(db, { regionId, day: addDays(day, 20), topic: 'Myöhempi koulutus', status: 'partly_filled', expertsWanted: 3 })
    anAssignment(db, later.id, karhu.id)
    anOrder(db, { regionId, day: addDays(day, 5), topic: 'Täysi tilaisuus', status: 'filled' })
    anOrder(db, { regionId, day: addDays(day, -2), topic: 'Mennyt tilaus', status: 'matching' })
    anOrder(db, { regionId, day: addDays(day, 6), topic: 'Peruttu tilaus', status: 'cancelled' })
    const offered = anOrder(db, { regionId, day: addDays(day, 10), topic: 'Tarjottu tilaisuus', status: 'matching' })
    const pending = anOffer(db, offered.id, kettu.id)
    anOffer(db, offered.id, karhu.id, { status: 'declined' })
    anOffer(db, soon.id, karhu.id, { expiresAt: minutesPlus(nowIso(), -5) })
    const thisWeek = anOrder(db, { regionId, day: dayThisWeek(), startTime: '13:15', topic: 'Viikon ohjausryhmä', status: 'filled' })
    const weekAssignment = anAssignment(db, thisWeek.id, kettu.id)
    const cancelledThisWeek = anOrder(db, { regionId, day: dayThisWeek(), startTime: '17:00', topic: 'Peruttu viikolla', status: 'cancelled' })
    anAssignment(db, cancelledThisWeek.id, karhu.id, { status: 'cancelled' })
    const nextWeek = anOrder(db, { regionId, day: weekOf(day).to, topic: 'Ensi viikon työpaja', status: 'filled' })
    anAssignment(db, nextWeek.id, kettu.id)
    const heavy = anOrder(db, { regionId, day: addDays(day, -20), topic: 'Raskas koulutus', load: 'heavy', status: 'done' })
    const heavyAssignment = anAssignment(db, heavy.id, karhu.id, { status: 'completed' })
    aDebrief(db, heavyAssignment.id, addDays(day, -13))
    const done = anOrder(db, { regionId, day: addDays(day, -30), topic: 'Puitu koulutus', load: 'heavy', status: 'done' })
    aDebrief(db, anAssignment(db, done.id, kettu.id, { status: 'completed' }).id, addDays(day, -23), addDays(day, -25))
    const fresh = anOrder(db, { regionId, day: addDays(day, -2), topic: 'Tuore koulutus', load: 'heavy', status: 'done' })
    aDebrief(db, anAssignment(db, fresh.id, kettu.id, { status: 'completed' }).id, addDays(day, 5))
    // Another region's work of every kind.
    const elsewhere = aRegion(db).id
    const stranger = anExpert(db, { regionId: elsewhere, displayName: 'Vieras' })
    const foreign = anOrder(db, { regionId: elsewhere, day: dayThisWeek(), startTime: '08:00', topic: 'Toisen alueen tilaus', status: 'new', expertsWanted: 2 })
    anOffer(db, foreign.id, stranger.id)
    const foreignAssignment = anAssignment(db, foreign.id, stranger.id)
    aDebrief(db, foreignAssignment.id, addDays(day, -10))

    const home = await browser.get('/')
    t.equal(home.statusCode, 200)
    const toMatch = section(home.body, 'to-match-title')
    t.match(toMatch, 'Yhdistettävät tilaukset (3)')
    t.match(toMatch, `<a href="/orders/${soon.id}/matches">Pian alkava työpaja</a>`)
    t.match(toMatch, when(soon.startsAt))
    t.match(toMatch, '0 / 2')
    t.match(toMatch, `<a href="/orders/${later.id}/matches">Myöhempi koulutus</a>`)
    t.match(toMatch, '1 / 3')
    t.match(toMatch, `<a href="/orders/${offered.id}/matches">Tarjottu tilaisuus</a>`)
    t.ok(toMatch.indexOf('Pian alkava') < toMatch.indexOf('Myöhempi'), 'soonest first')
    for (const hidden of ['Täysi tilaisuus', 'Mennyt tilaus', 'Peruttu tilaus', 'Toisen alueen']) t.notMatch(toMatch, hidden)

    const offers = section(home.body, 'offers-title')
    t.match(offers, 'Vastausta odottavat tarjoukset (1)')
    t.match(offers, '<th scope="row">Kettu</th>')
    t.match(offers, `<a href="/orders/${offered.id}">Tarjottu tilaisuus</a>`)
    t.match(offers, when(pending.expiresAt))
    t.notMatch(offers, 'Karhu', 'declined and expired offers are not waiting')
    t.notMatch(offers, 'Vieras')

    const week = section(home.body, 'week-title')
    t.match(week, 'Tämän viikon tehtävät (1)')
    t.match(week, `<a href="/assignments/${weekAssignment.id}">Viikon ohjausryhmä</a>`)
    t.match(week, when(thisWeek.startsAt))
    t.match(week, 'klo 13.15')
    t.match(week, 'Kettu')
    for (const hidden of ['Peruttu viikolla', 'Ensi viikon', 'Toisen alueen']) t.notMatch(week, hidden)

    const overdue = section(home.body, 'debriefs-title')
    t.match(overdue, 'Myöhässä olevat jälkipuinnit (1)')
    t.match(overdue, '<th scope="row">Karhu</th>')
    t.match(overdue, `<a href="/assignments/${heavyAssignment.id}">Raskas koulutus</a>`)
    t.match(overdue, formatDate(addDays(day, -13)))
    for (const hidden of ['Puitu koulutus', 'Tuore koulutus', 'Toisen alueen']) t.notMatch(overdue, hidden)

    t.match(home.body, 'Uusittavat suostumukset', 'the consents to renew are still there')
    for (const realName of [kettu.realName, karhu.realName]) t.notMatch(home.body, realName, 'display names only')

    const sv = await browser.get('/?lang=sv')
    t.match(sv.body, 'Beställningar att matcha (3)')
    t.match(sv.body, 'Försenade avlastningssamtal (1)')
    const en = await browser.get('/?lang=en')
    t.match(en.body, 'Offers awaiting an answer (1)')
    t.match(en.body, 'This week’s assignments (1)')
  })
}

t.test('with nothing waiting each section says so', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedIn(app, db, 'coordinator')
  const home = await browser.get('/')
  t.match(home.body, 'Yhdistettävät tilaukset (0)')
  t.match(home.body, 'Kaikki tulevat tilaukset on täytetty.')
  t.match(home.body, 'Yksikään tarjous ei odota vastausta.')
  t.match(home.body, 'Tällä viikolla ei ole vahvistettuja tehtäviä.')
  t.match(home.body, 'Yksikään jälkipuinti ei ole myöhässä.')
  t.notMatch(home.body, '<table>')
})

t.test('reading the work lists is one list row in the audit log; the orderer’s and expert’s homes write none', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'pair_worker')
  t.equal((await browser.get('/')).statusCode, 200)
  const rows = () => db.$client.prepare(`select actor_user_id as actorUserId, action, subject_type as subjectType, subject_id as subjectId, detail
    from audit_log where detail = 'home_work'`).all()
  t.same(rows(), [{ actorUserId: user.id, action: 'list', subjectType: 'expert', subjectId: null, detail: 'home_work' }])
  for (const role of ['orderer', 'expert'] as Role[]) {
    const other = await signedIn(app, db, role, { regionId: user.regionId })
    t.equal((await other.browser.get('/')).statusCode, 200)
  }
  t.equal(rows().length, 1)
})

t.test('long lists show 20 rows, say how many there are, and link onwards', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const regionId = user.regionId
  const day = today()
  const week = weekOf(day)
  for (let i = 0; i < 21; i++) {
    const expert = anExpert(db, { regionId })
    const order = anOrder(db, { regionId, day: addDays(day, 2 + i), status: 'matching', expertsWanted: 2 })
    anOffer(db, order.id, expert.id)
    const inWeek = anOrder(db, { regionId, day: week.from, startTime: `${String(i + 1).padStart(2, '0')}:00`, durationMinutes: 30, status: 'filled' })
    anAssignment(db, inWeek.id, expert.id)
    const heavy = anOrder(db, { regionId, day: addDays(day, -30 - i), status: 'done', load: 'heavy' })
    aDebrief(db, anAssignment(db, heavy.id, expert.id, { status: 'completed' }).id, addDays(day, -20 - i))
  }
  const home = await browser.get('/')
  for (const [id, title] of [['to-match-title', 'Yhdistettävät tilaukset (21)'], ['offers-title', 'Vastausta odottavat tarjoukset (21)'],
    ['week-title', 'Tämän viikon tehtävät (21)'], ['debriefs-title', 'Myöhässä olevat jälkipuinnit (21)']]) {
    const part = section(home.body, id!)
    t.match(part, title!)
    t.equal(part.match(/<tr>/g)?.length, 21, `${title}: a header row and 20 rows`)
    t.match(part, 'Näytetään 20 ensimmäistä, yhteensä 21.')
  }
  const toMatch = section(home.body, 'to-match-title')
  for (const status of ['new', 'matching', 'partly_filled']) t.match(toMatch, `href="/orders?status=${status}"`)
})

t.test('the orderer sees their unit’s coming orders and a link to order', async (t) => {
  const { app, db } = await build(t)
  const unit = aUnit(db, aRegion(db).id, 'Perhekeskus Testilä')
  const { browser, user } = await signedIn(app, db, 'orderer', { regionId: unit.regionId, orderingUnitId: unit.id })
  const regionId = user.regionId
  const day = today()
  const expert = anExpert(db, { regionId })
  const coming = anOrder(db, { regionId, orderingUnitId: unit.id, day: addDays(day, 4), topic: 'Yksikön työpaja', status: 'partly_filled', expertsWanted: 2 })
  anAssignment(db, coming.id, expert.id)
  const first = anOrder(db, { regionId, orderingUnitId: unit.id, day: addDays(day, 1), topic: 'Yksikön peruttu', status: 'cancelled' })
  anOrder(db, { regionId, orderingUnitId: unit.id, day: addDays(day, -3), topic: 'Yksikön mennyt', status: 'done' })
  anOrder(db, { regionId, day: addDays(day, 2), topic: 'Toisen yksikön tilaus' })
  anOrder(db, { regionId: aRegion(db).id, day: addDays(day, 2), topic: 'Toisen alueen tilaus' })

  const home = await browser.get('/')
  t.equal(home.statusCode, 200)
  t.match(home.body, 'Yksikkösi: Perhekeskus Testilä')
  t.match(home.body, '<a class="button" href="/orders/new">Tilaa kokemusasiantuntija</a>')
  const orders = section(home.body, 'unit-orders-title')
  t.match(orders, 'Yksikkösi tulevat tilaukset (2)')
  t.match(orders, `<a href="/orders/${coming.id}">Yksikön työpaja</a>`)
  t.match(orders, 'Osittain täytetty')
  t.match(orders, '1 / 2')
  t.match(orders, when(coming.startsAt))
  t.match(orders, `<a href="/orders/${first.id}">Yksikön peruttu</a>`)
  t.match(orders, 'Peruttu')
  t.ok(orders.indexOf('Yksikön peruttu') < orders.indexOf('Yksikön työpaja'), 'soonest first')
  for (const hidden of ['Yksikön mennyt', 'Toisen yksikön', 'Toisen alueen', expert.displayName, expert.realName]) t.notMatch(home.body, hidden)
  t.match((await browser.get('/?lang=en')).body, 'Your unit’s coming orders (2)')
})

t.test('the orderer with no orders, and with more than 20', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'orderer')
  t.match((await browser.get('/')).body, 'Yksiköllesi ei ole tulevia tilauksia.')
  for (let i = 0; i < 21; i++) anOrder(db, { regionId: user.regionId, orderingUnitId: user.orderingUnitId!, day: addDays(today(), 1 + i) })
  const home = await browser.get('/')
  t.match(home.body, 'Näytetään 20 ensimmäistä, yhteensä 21.')
  t.match(home.body, '<a href="/orders">Kaikki yksikkösi tilaukset</a>')
})

t.test('the expert sees their open offers and next assignments, and the links of their own pages', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'expert')
  const regionId = user.regionId
  const day = today()
  const me = anExpert(db, { regionId, userId: user.id })
  const other = anExpert(db, { regionId })
  const empty = await browser.get('/')
  t.match(empty.body, 'Tarjoukset (0)')
  t.match(empty.body, 'Sinulle ei ole nyt avoimia tarjouksia.')
  t.match(empty.body, 'Sinulla ei ole tulevia vahvistettuja tehtäviä.')

  anOffer(db, anOrder(db, { regionId, day: addDays(day, 8) }).id, me.id)
  anOffer(db, anOrder(db, { regionId, day: addDays(day, 9) }).id, me.id)
  anOffer(db, anOrder(db, { regionId, day: addDays(day, 9) }).id, me.id, { status: 'declined' })
  anOffer(db, anOrder(db, { regionId, day: addDays(day, 9) }).id, me.id, { expiresAt: minutesPlus(nowIso(), -1) })
  anOffer(db, anOrder(db, { regionId, day: addDays(day, 9) }).id, other.id)
  const next = anOrder(db, { regionId, day: addDays(day, 6), startTime: '16:30', topic: 'Nuorten ilta' })
  anAssignment(db, next.id, me.id)
  anAssignment(db, anOrder(db, { regionId, day: addDays(day, 7), topic: 'Peruttu ilta' }).id, me.id, { status: 'cancelled' })
  anAssignment(db, anOrder(db, { regionId, day: addDays(day, -7), topic: 'Mennyt ilta' }).id, me.id, { status: 'completed' })
  anAssignment(db, anOrder(db, { regionId, day: addDays(day, 7), topic: 'Toisen ilta' }).id, other.id)

  const home = await browser.get('/')
  t.equal(home.statusCode, 200)
  t.match(home.body, 'Tarjoukset (2)')
  t.match(home.body, 'Sinulle on tarjottu tehtäviä.')
  t.match(home.body, 'href="/me/offers"')
  const upcoming = section(home.body, 'next-title')
  t.match(upcoming, 'Nuorten ilta')
  t.match(upcoming, when(next.startsAt))
  for (const hidden of ['Peruttu ilta', 'Mennyt ilta', 'Toisen ilta']) t.notMatch(upcoming, hidden)
  for (const link of ['/me', '/me/availability', '/me/calendar']) t.match(home.body, `href="${link}"`)
  t.match((await browser.get('/?lang=sv')).body, 'Erbjudanden (2)')
})

t.test('an expert user without an expert record sees the links only', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedIn(app, db, 'expert')
  const home = await browser.get('/')
  t.equal(home.statusCode, 200)
  t.notMatch(home.body, 'Tarjoukset (')
  t.match(home.body, 'href="/me/calendar"')
})

t.test('the admin and the manager keep their homes', async (t) => {
  const { app, db } = await build(t)
  for (const role of ['admin', 'manager'] as Role[]) {
    const { browser } = await signedIn(app, db, role)
    const home = await browser.get('/')
    t.equal(home.statusCode, 200)
    t.notMatch(home.body, 'Yhdistettävät tilaukset', role)
  }
})

t.test('the week runs from Monday to Sunday', async (t) => {
  t.same(weekOf('2026-11-23'), { from: '2026-11-23', to: '2026-11-30' }, 'a Monday')
  t.same(weekOf('2026-11-29'), { from: '2026-11-23', to: '2026-11-30' }, 'a Sunday')
  t.same(weekOf('2026-03-04'), { from: '2026-03-02', to: '2026-03-09' }, 'a Wednesday')
})

t.test('the coordinator’s home lists started work not yet recorded, oldest first, in the region only', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const regionId = user.regionId
  const kettu = anExpert(db, { regionId, displayName: 'Kettu' })
  const older = anOrder(db, { regionId, day: addDays(today(), -5), topic: 'Vanhempi työpaja', status: 'filled' })
  const newer = anOrder(db, { regionId, day: addDays(today(), -1), topic: 'Eilinen koulutus', status: 'filled' })
  const recorded = anOrder(db, { regionId, day: addDays(today(), -2), topic: 'Kirjattu jo', status: 'done' })
  const coming = anOrder(db, { regionId, day: addDays(today(), 2), topic: 'Tuleva', status: 'filled' })
  const other = anOrder(db, { regionId: aRegion(db).id, day: addDays(today(), -1), topic: 'Vieras', status: 'filled' })
  const first = anAssignment(db, older.id, kettu.id)
  anAssignment(db, newer.id, anExpert(db, { regionId, displayName: 'Karhu' }).id)
  anAssignment(db, recorded.id, kettu.id, { status: 'completed' })
  anAssignment(db, coming.id, kettu.id)
  anAssignment(db, other.id, anExpert(db, { regionId: other.regionId }).id)
  const list = section((await browser.get('/')).body, 'to-complete-title')
  t.match(list, 'Tehty työ kirjaamatta (2)')
  t.match(list, `<a href="/assignments/${first.id}">Vanhempi työpaja</a>`)
  t.ok(list.indexOf('Vanhempi työpaja') < list.indexOf('Eilinen koulutus'), 'oldest first')
  t.match(list, 'Karhu')
  for (const absent of ['Kirjattu jo', 'Tuleva', 'Vieras']) t.notMatch(list, absent)
  const { browser: fresh, user: alone } = await signedIn(app, db, 'pair_worker')
  t.match(section((await fresh.get('/?lang=en')).body, 'to-complete-title'), 'Every assignment that has started has been recorded.', `region ${alone.regionId} has none`)
})
