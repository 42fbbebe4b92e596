import t from 'tap'
import { build, aRegion, anOrder, anExpert, anAssignment, anOffer, aTraining, aCompletion, aChannel, aUnit, anExperienceArea, aConsent } from '../../helper.js'
import { candidateFacts, failingTwice, matchOrderOf, rankingFacts, screenExperts, screenedBy } from '../../../src/modules/matching/queries.js'
import { DateTime } from 'luxon'
import { matchOrder } from '../../../src/modules/matching/service.js'
import { frameOf } from '../../../src/modules/matching/rules.js'
import { trainedOn } from '../../../src/modules/trainings/rules.js'
import { regionSettingsOf } from '../../../src/modules/settings/queries.js'
import { availabilityWindows, expertAreas, expertChannels, expertExcludedUnits, expertExperienceAreas, expertLanguages, orderExperienceAreas, unavailablePeriods } from '../../../db/schema.js'
import { addDays, addMonths, nowIso, today } from '../../../src/lib/dates.js'
import { anEligibleExpert } from './support.js'

t.test('a small region: the facts, and who is eligible, excluded and offered', async (t) => {
  const { db } = await build(t)
  const region = aRegion(db)
  const unit = aUnit(db, region.id)
  const channel = aChannel(db, region.id, { requiresBasicTraining: true })
  const experience = anExperienceArea(db, region.id)
  const order = anOrder(db, { regionId: region.id, orderingUnitId: unit.id, areaId: unit.areaId, channelId: channel.id, status: 'new', expertsWanted: 3 })
  db.insert(orderExperienceAreas).values({ orderId: order.id, experienceAreaId: experience.id }).run()
  const training = aTraining(db, region.id, { validityMonths: 24 })
  const trained = (fields: Parameters<typeof anEligibleExpert>[2]) => {
    const expert = anEligibleExpert(db, order, fields)
    aCompletion(db, training.id, expert.id, addDays(today(), -30))
    return expert
  }

  const aino = trained({ displayName: 'Aino', monthlyCap: 4, remoteAllowed: true })
  db.insert(expertExperienceAreas).values({ expertId: aino.id, experienceAreaId: experience.id }).run()
  db.insert(expertAreas).values({ expertId: aino.id, areaId: unit.areaId }).run()
  db.insert(expertChannels).values({ expertId: aino.id, channelId: channel.id }).run()
  // What the order does not ask about is not read: another period, another weekday, another language.
  db.insert(unavailablePeriods).values({ expertId: aino.id, startsOn: addDays(order.day, 5), endsOn: addDays(order.day, 6) }).run()
  db.insert(availabilityWindows).values({ expertId: aino.id, weekday: new Date(`${order.day}T12:00:00Z`).getUTCDay() % 7 + 1, startsAt: '08:00', endsAt: '09:00' }).run()
  db.insert(expertLanguages).values({ expertId: aino.id, language: 'sv' }).run()
  const eetu = trained({ displayName: 'Eetu' })
  db.insert(expertExcludedUnits).values({ expertId: eetu.id, orderingUnitId: unit.id }).run()
  const untrained = anEligibleExpert(db, order, { displayName: 'Saku' })
  const pertti = anEligibleExpert(db, order, { displayName: 'Pertti', status: 'paused' })
  aCompletion(db, training.id, pertti.id, addDays(today(), -30))
  db.insert(expertExperienceAreas).values({ expertId: pertti.id, experienceAreaId: experience.id }).run()
  // Helmi is away on the day; Veera's consent ended yesterday.
  const helmi = trained({ displayName: 'Helmi' })
  db.insert(unavailablePeriods).values({ expertId: helmi.id, startsOn: addDays(order.day, -1), endsOn: order.day }).run()
  const veera = anExpert(db, { regionId: region.id, displayName: 'Veera' })
  aCompletion(db, training.id, veera.id, addDays(today(), -30))
  aConsent(db, veera.id, { givenOn: addDays(today(), -400), expiresOn: addDays(today(), -1) })
  db.insert(expertLanguages).values({ expertId: veera.id, language: 'fi' }).run()
  db.insert(availabilityWindows).values({ expertId: veera.id, weekday: new Date(`${order.day}T12:00:00Z`).getUTCDay() || 7, startsAt: '06:00', endsAt: '22:00' }).run()
  anEligibleExpert(db, order, { displayName: 'Kaisa', status: 'candidate' })

  // Kalle's assignment at the same time was cancelled: it does not count. Liisa's is live.
  const sameTime = anOrder(db, { regionId: region.id, day: order.day, startTime: '11:00', expertsWanted: 3 })
  const kalle = trained({ displayName: 'Kalle' })
  anAssignment(db, sameTime.id, kalle.id, { status: 'cancelled', cancelledAt: nowIso() })
  const liisa = trained({ displayName: 'Liisa' })
  anAssignment(db, sameTime.id, liisa.id)
  // Minna has worked: once 10 days ago (an order of the past), and she was offered it.
  const past = anOrder(db, { regionId: region.id, day: addDays(today(), -10), status: 'done' })
  const minna = trained({ displayName: 'Minna' })
  anOffer(db, past.id, minna.id, { status: 'accepted', offeredAt: `${addDays(today(), -12)}T08:00:00.000Z` })
  anAssignment(db, past.id, minna.id, { status: 'completed' })
  // Offered this order already: Olli's offer is pending, Oona declined hers, Otto holds a place.
  const olli = trained({ displayName: 'Olli' })
  anOffer(db, order.id, olli.id)
  const oona = trained({ displayName: 'Oona' })
  anOffer(db, order.id, oona.id, { status: 'declined' })
  const otto = trained({ displayName: 'Otto' })
  anAssignment(db, order.id, otto.id)
  // Paula and Pirjo paused themselves after their offer and place: listed as offered, not as candidates.
  const paula = anEligibleExpert(db, order, { displayName: 'Paula', status: 'paused' })
  anOffer(db, order.id, paula.id)
  const pirjo = anEligibleExpert(db, order, { displayName: 'Pirjo', status: 'paused' })
  anAssignment(db, order.id, pirjo.id)
  // Another region's expert never appears, however well they would fit.
  const elsewhere = aRegion(db)
  const vieras = anEligibleExpert(db, { regionId: elsewhere.id, day: order.day }, { displayName: 'Vieras' })

  t.equal(matchOrderOf(db, elsewhere.id, order.id), undefined, 'another region’s order is not found')
  const found = matchOrderOf(db, region.id, order.id)!
  t.match(found, { id: order.id, topic: order.topic, requiresBasicTraining: true, remote: false, filled: 2, expertsWanted: 3, groups: [], experienceAreaIds: [experience.id], unitName: unit.name })
  const settings = regionSettingsOf(db, region.id)
  const now = nowIso()
  const facts = candidateFacts(db, found, settings, now)
  t.same(facts.map((f) => f.displayName), ['Aino', 'Eetu', 'Helmi', 'Kalle', 'Liisa', 'Minna', 'Olli', 'Oona', 'Otto', 'Saku', 'Veera'],
    'the active experts of the region, unfiltered, by display name')
  const a = facts[0]!
  t.match(a, {
    languages: ['fi'], excludedUnitIds: [], monthlyCap: 4, trained: true, consents: [], assignments: [], offer: null, assignedHere: false,
  }, 'the order’s language only; consents not read while they cover the day')
  t.equal(a.availability.windows.length, 1, 'the windows of the order’s weekday')
  t.equal(a.availability.periods.length, 0, 'a period away from the day is not read')
  t.ok(a.consentDueOn > addDays(order.day, -30), 'the consent due day is filled in')
  t.equal(facts.find((f) => f.id === helmi.id)!.availability.periods.length, 1)
  t.match(facts.find((f) => f.id === veera.id), { consents: [{ givenBy: 'expert' }], trained: true })
  t.same(facts.find((f) => f.id === untrained.id)!.trained, false)
  t.same(facts.find((f) => f.id === eetu.id)!.excludedUnitIds, [unit.id])
  t.same(facts.find((f) => f.id === kalle.id)!.assignments, [], 'a cancelled assignment is not a fact')
  t.equal(facts.find((f) => f.id === liisa.id)!.assignments.length, 1)
  t.same(facts.find((f) => f.id === minna.id)!.assignments, [], 'ten days ago is outside what the rules look at')
  t.match(facts.find((f) => f.id === olli.id), { offer: { status: 'pending' } })
  t.match(facts.find((f) => f.id === otto.id), { assignedHere: true })

  const frame = frameOf(found, settings, now)
  const ranking = rankingFacts(db, found, frame, [aino.id, minna.id, pertti.id])
  t.same(ranking.get(aino.id), {
    remoteAllowed: true, experienceAreaIds: [experience.id], channelIds: [channel.id], areaIds: [unit.areaId], recentAssignments: [], lastAssignmentAt: null, lastOfferedAt: null,
  })
  const m = ranking.get(minna.id)!
  t.same(m.recentAssignments, [{ startsAt: past.startsAt }])
  t.equal(m.lastAssignmentAt, past.startsAt)
  t.ok(m.lastOfferedAt)
  t.same(rankingFacts(db, found, frame, []), new Map(), 'no one to rank')
  anAssignment(db, anOrder(db, { regionId: elsewhere.id, day: addDays(today(), -5), status: 'done' }).id, vieras.id, { status: 'completed' })
  t.same(rankingFacts(db, found, frame, [vieras.id]), new Map(), 'another region’s expert is not ranked')

  const match = matchOrder(db, found, settings, now)
  t.same(match.eligible.map((c) => c.displayName), ['Aino', 'Kalle', 'Oona', 'Minna'], 'never worked and best fit first; Minna worked 10 days ago')
  t.match(match.eligible[0], { id: aino.id, minor: false, standing: { recent: 0, sharedAreas: 1, reach: 'area', prefersChannel: true, notAsked: true }, previousOffer: null })
  t.match(match.eligible.find((c) => c.id === oona.id), { previousOffer: 'declined' })
  t.match(match.eligible.find((c) => c.id === minna.id), { standing: { recent: 1, notAsked: false } })
  t.same(match.excluded.map((c) => [c.displayName, c.failures.map((f) => f.rule)]),
    [['Eetu', ['excluded_unit']], ['Helmi', ['availability']], ['Liisa', ['overlap']], ['Saku', ['training']], ['Veera', ['consent']]])
  t.match(match.excluded.find((c) => c.id === veera.id)!.failures, [{ rule: 'consent', detail: 'expired' }])
  t.same(match.offered.map((c) => [c.displayName, c.state]), [['Olli', 'pending'], ['Oona', 'declined'], ['Otto', 'assigned'], ['Paula', 'pending'], ['Pirjo', 'assigned']])
  t.equal(match.inactive, 4, 'Pertti, Kaisa, Paula and Pirjo are only counted')
  t.notOk(JSON.stringify(match).includes('Vieras'))
})

// The SQL that finds who holds a basic training valid on the day says what trainedOn says.
t.test('training valid on the day, derived in SQL as trainedOn has it', async (t) => {
  const { db } = await build(t)
  const region = aRegion(db)
  const channel = aChannel(db, region.id, { requiresBasicTraining: true })
  const order = anOrder(db, { regionId: region.id, channelId: channel.id })
  const day = order.day
  const cases: [string, { completedOn: string | null, validityMonths: number | null, isBasic?: boolean }[]][] = [
    ['valid through the day before', [{ completedOn: addMonths(day, -12), validityMonths: 12 }]],
    ['valid through the day', [{ completedOn: addDays(addMonths(day, -12), 1), validityMonths: 12 }]],
    ['without expiry', [{ completedOn: '2020-01-01', validityMonths: null }]],
    ['completed on the day', [{ completedOn: day, validityMonths: 1 }]],
    ['completed the day after', [{ completedOn: addDays(day, 1), validityMonths: null }]],
    ['enrolled, not completed', [{ completedOn: null, validityMonths: null }]],
    ['not a basic training', [{ completedOn: '2020-01-01', validityMonths: null, isBasic: false }]],
    ['an old one expired, a new one valid', [{ completedOn: '2020-01-01', validityMonths: 12 }, { completedOn: addDays(day, -3), validityMonths: 24 }]],
  ]
  const experts = cases.map(([name, completions]) => {
    const expert = anEligibleExpert(db, order, { displayName: name })
    for (const c of completions) aCompletion(db, aTraining(db, region.id, { validityMonths: c.validityMonths, isBasic: c.isBasic ?? true }).id, expert.id, c.completedOn)
    return { expert, completions }
  })
  const found = matchOrderOf(db, region.id, order.id)!
  const facts = candidateFacts(db, found, regionSettingsOf(db, region.id), nowIso())
  const got = experts.map(({ expert }) => facts.find((f) => f.id === expert.id)!.trained)
  const want = experts.map(({ completions }) => trainedOn(completions.map((c) => ({ ...c, isBasic: c.isBasic ?? true })), day).trained)
  t.same(got, want)
  t.same(want, [false, true, true, true, false, false, false, true])

  // Completed on 29 February with a year's validity: valid through 27 February of the next year.
  const leap = anEligibleExpert(db, order, { displayName: 'Leap' })
  aCompletion(db, aTraining(db, region.id, { validityMonths: 12 }).id, leap.id, '2024-02-29')
  for (const [on, trained] of [['2025-02-27', true], ['2025-02-28', false]] as const) {
    const leapOrder = matchOrderOf(db, region.id, anOrder(db, { regionId: region.id, channelId: channel.id, day: on }).id)!
    const fact = candidateFacts(db, leapOrder, regionSettingsOf(db, region.id), nowIso()).find((f) => f.id === leap.id)!
    t.equal(fact.trained, trained, on)
    t.equal(trainedOn([{ completedOn: '2024-02-29', isBasic: true, validityMonths: 12 }], on).trained, trained)
  }
})

// "Asked" is any offer of any order in the six months before now, whatever became of it.
t.test('not asked for 6 months: the last offer of any order and any status counts', async (t) => {
  const { db } = await build(t)
  const region = aRegion(db)
  const order = anOrder(db, { regionId: region.id, status: 'new' })
  const past = anOrder(db, { regionId: region.id, day: addDays(today(), -30), status: 'done', expertsWanted: 3 })
  const monthsAgo = (months: number, days = 0) => `${addDays(addMonths(today(), -months), days)}T09:00:00.000Z`
  const never = anEligibleExpert(db, order, { displayName: 'Aino, never asked' })
  const withdrawn = anEligibleExpert(db, order, { displayName: 'Bertta, withdrawn 5 months ago' })
  anOffer(db, past.id, withdrawn.id, { status: 'withdrawn', offeredAt: monthsAgo(5) })
  const declined = anEligibleExpert(db, order, { displayName: 'Cecilia, declined 7 months ago' })
  anOffer(db, past.id, declined.id, { status: 'declined', offeredAt: monthsAgo(7) })
  const latest = anEligibleExpert(db, order, { displayName: 'Daniel, expired 8 and 2 months ago' })
  anOffer(db, past.id, latest.id, { status: 'expired', offeredAt: monthsAgo(2) })
  const older = anOrder(db, { regionId: region.id, day: addDays(today(), -200), status: 'done' })
  anOffer(db, older.id, latest.id, { status: 'expired', offeredAt: monthsAgo(8) })
  const edge = anEligibleExpert(db, order, { displayName: 'Eetu, six months and a day ago' })
  anOffer(db, older.id, edge.id, { status: 'declined', offeredAt: monthsAgo(6, -1) })
  const found = matchOrderOf(db, region.id, order.id)!
  const match = matchOrder(db, found, regionSettingsOf(db, region.id), nowIso())
  const notAsked = new Map(match.eligible.map((c) => [c.id, c.standing.notAsked]))
  t.same([never, withdrawn, declined, latest, edge].map((e) => notAsked.get(e.id)), [true, false, true, false, true])
})

// Near misses: the excluded who fail one rule only, wherever they stand in the list of the excluded,
// with the week's windows of those outside them.
t.test('near misses: every one found, whichever rule, the screen telling who fails two', async (t) => {
  const { db } = await build(t)
  const region = aRegion(db)
  const unit = aUnit(db, region.id)
  const order = anOrder(db, { regionId: region.id, orderingUnitId: unit.id, areaId: unit.areaId, status: 'new' })
  const weekday = DateTime.fromISO(order.day).weekday
  const others = [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== weekday)
  const windows = (expertId: number, list: [number, string, string][]) => {
    db.$client.prepare('delete from availability_windows where expert_id = ?').run(expertId)
    for (const [day, startsAt, endsAt] of list) db.insert(availabilityWindows).values({ expertId, weekday: day, startsAt, endsAt }).run()
  }
  anEligibleExpert(db, order, { displayName: 'Aino' })
  const ulla = anEligibleExpert(db, order, { displayName: 'Ulla' })
  windows(ulla.id, [[others[2]!, '15:00', '18:00'], [others[0]!, '16:00', '20:00'], [weekday, '12:00', '20:00']])
  const bare = anEligibleExpert(db, order, { displayName: 'Tyhjä' })
  windows(bare.id, [])
  const two = anEligibleExpert(db, order, { displayName: 'Tuplat' })
  windows(two.id, [[others[0]!, '08:00', '20:00']])
  db.$client.prepare(`update expert_languages set language = 'sv' where expert_id = ?`).run(two.id)
  const busy = anEligibleExpert(db, order, { displayName: 'Kiireinen', monthlyCap: 1 })
  anAssignment(db, anOrder(db, { regionId: region.id, day: order.day, startTime: '18:00' }).id, busy.id)
  const busySwede = anEligibleExpert(db, order, { displayName: 'Kiireinen ruotsalainen', monthlyCap: 1 })
  db.$client.prepare(`update expert_languages set language = 'sv' where expert_id = ?`).run(busySwede.id)
  anAssignment(db, anOrder(db, { regionId: region.id, day: order.day, startTime: '19:00' }).id, busySwede.id)
  const lapsing = anExpert(db, { regionId: region.id, displayName: 'Veera' })
  aConsent(db, lapsing.id, { givenOn: addDays(today(), -300), expiresOn: addDays(order.day, -1) })
  db.insert(expertLanguages).values({ expertId: lapsing.id, language: 'fi' }).run()
  db.insert(availabilityWindows).values({ expertId: lapsing.id, weekday, startsAt: '06:00', endsAt: '22:00' }).run()
  const conflict = anEligibleExpert(db, order, { displayName: 'Esteellinen' })
  db.insert(expertExcludedUnits).values({ expertId: conflict.id, orderingUnitId: unit.id }).run()

  const found = matchOrderOf(db, region.id, order.id)!
  const settings = regionSettingsOf(db, region.id)
  const now = nowIso()
  const frame = frameOf(found, settings, now)
  const screen = screenExperts(db, found, frame)
  const twice = failingTwice(db, found, frame, [ulla, bare, two, busySwede, conflict, busy].map((e) => e.id))
  const more = (id: number) => twice.has(id)
  t.same([ulla, two, busySwede, conflict].map((e) => screen.screened[screen.ids.indexOf(e.id)]),
    [screenedBy.availability, screenedBy.language, screenedBy.language, screenedBy.excludedUnit], 'the first rule failed')
  t.same([ulla, bare, two, busySwede, conflict, busy].map((e) => more(e.id)), [false, false, true, false, false, false], 'Tuplat fails two rules of the screen')

  const match = matchOrder(db, found, settings, now, { excluded: 0, nearMisses: Infinity })
  t.same(match.excluded, [], 'none of the excluded asked for')
  t.same(match.nearMisses.map((c) => [c.displayName, c.failures.map((f) => f.rule)]), [
    ['Kiireinen', ['own_cap']], ['Tyhjä', ['availability']], ['Ulla', ['availability']], ['Veera', ['consent']],
  ], 'not Tuplat (two rules), Kiireinen ruotsalainen (a language and her cap) nor Esteellinen (a conflict of interest)')
  const ullasWeek = match.nearMisses.find((c) => c.id === ulla.id)!.failures[0]!
  t.same(ullasWeek, {
    rule: 'availability', detail: 'outside_windows', params: {},
    windows: [[others[0]!, '16:00', '20:00'], [others[2]!, '15:00', '18:00'], [weekday, '12:00', '20:00']]
      .sort((a, b) => (a[0] as number) - (b[0] as number)).map(([day, startsAt, endsAt]) => ({ weekday: day, startsAt, endsAt })),
  }, 'her whole week, in the week’s order')
  t.same(match.nearMisses.find((c) => c.id === bare.id)!.failures[0]!.windows, [], 'no windows at all')
  t.same(match.nearMisses.find((c) => c.id === lapsing.id)!.failures, [{ rule: 'consent', detail: 'expired', params: { day: order.day } }])
  t.equal(match.nearMissesAll, true)
  t.same(matchOrder(db, found, settings, now, { excluded: 0 }).nearMisses, [], 'only when asked for')
  const first = matchOrder(db, found, settings, now, { excluded: 1, nearMisses: 2 })
  t.same(first.nearMisses, match.nearMisses.slice(0, 2), 'the first two by name')
  t.equal(first.nearMissesAll, false, 'not all of them')
  t.same(first.excluded.map((c) => c.displayName), ['Esteellinen'], 'the excluded shown are still the first by name')
  t.same(matchOrder(db, found, settings, now, { excluded: 0, nearMisses: 4 }).nearMissesAll, true, 'exactly as many as there are: all of them')
  t.same(matchOrder(db, found, settings, now, { excluded: 0, nearMisses: 5 }).nearMisses, match.nearMisses, 'more wanted than there are')
  const all = matchOrder(db, found, settings, now)
  t.same(match.nearMisses, all.excluded.filter((c) => c.failures.length === 1 && c.failures[0]!.rule !== 'excluded_unit'), 'as the whole facts have them')
  t.same(all.excluded.find((c) => c.id === two.id)!.failures.map((f) => f.windows), [undefined, [{ weekday: others[0], startsAt: '08:00', endsAt: '20:00' }]],
    'the week is shown to the excluded too')
})
