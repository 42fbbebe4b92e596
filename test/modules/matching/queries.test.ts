import t from 'tap'
import { build, aRegion, anOrder, anExpert, anAssignment, anOffer, aTraining, aCompletion, aChannel, aUnit, anExperienceArea } from '../../helper.js'
import { candidateFacts, matchOrderOf } from '../../../src/modules/matching/queries.js'
import { matchOrder } from '../../../src/modules/matching/service.js'
import { regionSettingsOf } from '../../../src/modules/settings/queries.js'
import { expertAreas, expertChannels, expertExcludedUnits, expertExperienceAreas, orderExperienceAreas, unavailablePeriods } from '../../../db/schema.js'
import { addDays, nowIso, today } from '../../../src/lib/dates.js'
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
  db.insert(unavailablePeriods).values({ expertId: aino.id, startsOn: addDays(order.day, 5), endsOn: addDays(order.day, 6) }).run()
  const eetu = trained({ displayName: 'Eetu' })
  db.insert(expertExcludedUnits).values({ expertId: eetu.id, orderingUnitId: unit.id }).run()
  const untrained = anEligibleExpert(db, order, { displayName: 'Saku' })
  anEligibleExpert(db, order, { displayName: 'Pertti', status: 'paused' })
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
  anEligibleExpert(db, { regionId: elsewhere.id, day: order.day }, { displayName: 'Vieras' })

  t.equal(matchOrderOf(db, elsewhere.id, order.id), undefined, 'another region’s order is not found')
  const found = matchOrderOf(db, region.id, order.id)!
  t.match(found, { id: order.id, topic: order.topic, requiresBasicTraining: true, remote: false, filled: 2, expertsWanted: 3, groups: [], experienceAreaIds: [experience.id], unitName: unit.name })
  const settings = regionSettingsOf(db, region.id)
  const now = nowIso()
  const facts = candidateFacts(db, found, settings, now)
  t.same(facts.map((f) => f.displayName), ['Aino', 'Eetu', 'Saku', 'Kalle', 'Liisa', 'Minna', 'Olli', 'Oona', 'Otto'], 'the active experts of the region, unfiltered')
  const a = facts[0]!
  t.match(a, {
    languages: ['fi'], experienceAreaIds: [experience.id], areaIds: [unit.areaId], channelIds: [channel.id], excludedUnitIds: [], monthlyCap: 4, remoteAllowed: true,
    completions: [{ isBasic: true, validityMonths: 24 }], consents: [{ givenBy: 'expert' }], assignments: [], lastAssignmentAt: null, lastOfferedAt: null, offer: null, assignedHere: false,
  })
  t.equal(a.availability.windows.length, 1)
  t.equal(a.availability.periods.length, 1)
  t.same(facts.find((f) => f.id === eetu.id)!.excludedUnitIds, [unit.id])
  t.same(facts.find((f) => f.id === kalle.id)!.assignments, [], 'a cancelled assignment is not a fact')
  const m = facts.find((f) => f.id === minna.id)!
  t.equal(m.assignments.length, 1)
  t.equal(m.lastAssignmentAt, past.startsAt)
  t.ok(m.lastOfferedAt)
  t.match(facts.find((f) => f.id === olli.id), { offer: { status: 'pending' } })
  t.match(facts.find((f) => f.id === otto.id), { assignedHere: true })

  const match = matchOrder(db, found, settings, now)
  t.same(match.eligible.map((c) => c.displayName), ['Aino', 'Kalle', 'Oona', 'Minna'], 'never worked and best fit first; Minna worked 10 days ago')
  t.match(match.eligible[0], { id: aino.id, minor: false, standing: { recent: 0, sharedAreas: 1, reach: 'area', prefersChannel: true, notAsked: true }, previousOffer: null })
  t.match(match.eligible.find((c) => c.id === oona.id), { previousOffer: 'declined' })
  t.match(match.eligible.find((c) => c.id === minna.id), { standing: { recent: 1, notAsked: false } })
  t.same(match.excluded.map((c) => [c.displayName, c.failures.map((f) => f.rule)]), [['Eetu', ['excluded_unit']], ['Saku', ['training']], ['Liisa', ['overlap']]])
  t.same(match.offered.map((c) => [c.displayName, c.state]), [['Olli', 'pending'], ['Oona', 'declined'], ['Otto', 'assigned'], ['Paula', 'pending'], ['Pirjo', 'assigned']])
  t.equal(match.inactive, 4, 'Pertti, Kaisa, Paula and Pirjo are only counted')
  t.notOk(JSON.stringify(match).includes('Vieras'))
  t.ok(untrained)
})
