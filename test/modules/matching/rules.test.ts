import t from 'tap'
import {
  compareCandidates, failedRules, frameOf, isNearMiss, offerHolds, offerStateOf, rankCandidates, standingOf,
  type AssignmentFact, type ExpertFacts, type OrderFacts, type RankingFacts,
} from '../../../src/modules/matching/rules.js'
import { consentDueOn, consentStatus, type ConsentFacts } from '../../../src/modules/consents/rules.js'
import { addDays } from '../../../src/lib/dates.js'

// The order: Monday 7.12.2026 at 10.00–12.00 Helsinki time (08.00–10.00 UTC, winter time), light,
// in Finnish, of unit 1 in area 1, channel 1. Now is Monday 23.11.2026 at 12.00 Helsinki time.
const order: OrderFacts = {
  day: '2026-12-07', startsAt: '2026-12-07T08:00:00.000Z', endsAt: '2026-12-07T10:00:00.000Z', load: 'light', language: 'fi',
  groupIds: [], orderingUnitId: 1, channelId: 1, requiresBasicTraining: false, remote: false, areaId: 1, experienceAreaIds: [],
}
const heavyOrder: OrderFacts = { ...order, load: 'heavy' }
const settings = { heavyMonthlyCap: 2, coolOffDays: 7, travelMarginMinutes: 60 }
const now = '2026-11-23T10:00:00.000Z'
const frame = frameOf(order, settings, now)

let ids = 0
// An expert's facts; the consent due day is worked out from the consents, as the database keeps it.
function expert (displayName: string, fields: Partial<ExpertFacts & RankingFacts> = {}): ExpertFacts & RankingFacts {
  const facts = {
    id: ++ids, displayName, status: 'active' as const, birthDate: '2000-05-05', groupId: 1, monthlyCap: null, remoteAllowed: false,
    languages: ['fi'], consents: [{ givenBy: 'expert' as const, givenOn: '2026-01-01', expiresOn: '2027-12-31' }], trained: null,
    availability: { windows: [{ weekday: 1, startsAt: '08:00', endsAt: '18:00' }], periods: [], pausedUntil: null },
    excludedUnitIds: [], experienceAreaIds: [], channelIds: [], areaIds: [], assignments: [], recentAssignments: [], lastAssignmentAt: null, lastOfferedAt: null,
    ...fields,
  }
  return { consentDueOn: consentDueOn(facts.consents, facts.birthDate), ...facts }
}
const rules = (e: ExpertFacts, o: OrderFacts = order, s = settings) => failedRules(e, o, s, frameOf(o, s, now)).map((f) => f.rule)
const work = (startsAt: string, endsAt: string, load: AssignmentFact['load'] = 'light'): AssignmentFact => ({ startsAt, endsAt, load })

t.test('Aino, who meets every rule, fails none', async (t) => {
  t.same(failedRules(expert('Aino'), order, settings, frame), [])
})

t.test('status: only active experts', async (t) => {
  t.same(failedRules(expert('Pertti, paused', { status: 'paused' }), order, settings, frame), [{ rule: 'status', params: { status: 'paused' } }])
  t.same(rules(expert('Kaisa, candidate', { status: 'candidate' })), ['status'])
})

t.test('consent: own consent valid on the day; a minor also needs a guardian’s on that day', async (t) => {
  t.same(failedRules(expert('Ville, no consent', { consents: [] }), order, settings, frame), [{ rule: 'consent', detail: 'missing', params: { day: '2026-12-07' } }])
  const expired = expert('Veera, consent ended the day before', { consents: [{ givenBy: 'expert', givenOn: '2025-12-07', expiresOn: '2026-12-06' }] })
  t.same(failedRules(expired, order, settings, frame)[0], { rule: 'consent', detail: 'expired', params: { day: '2026-12-07' } })
  t.same(rules(expert('Veikko, consent ends that day', { consents: [{ givenBy: 'expert', givenOn: '2025-12-07', expiresOn: '2026-12-07' }] })), [])
  const minor = { birthDate: '2010-03-01', consents: [{ givenBy: 'expert' as const, givenOn: '2026-03-01', expiresOn: '2027-03-01' }] }
  t.same(failedRules(expert('Iida, 16, only her own consent', minor), order, settings, frame), [{ rule: 'guardian_consent', params: { day: '2026-12-07' } }])
  const guardianUntil = (expiresOn: string) => ({ ...minor, consents: [...minor.consents, { givenBy: 'guardian' as const, givenOn: '2026-03-01', expiresOn }] })
  t.same(rules(expert('Iida, guardian’s consent ends the day before', guardianUntil('2026-12-06'))), ['guardian_consent'])
  t.same(rules(expert('Ilona, guardian’s consent on the day', guardianUntil('2026-12-07'))), [])
  t.same(rules(expert('Kalle, turns 18 the day before, own consent only', { birthDate: '2008-12-06', consents: [{ givenBy: 'expert', givenOn: '2026-12-06', expiresOn: '2027-12-06' }] })), [],
    'an adult needs no guardian')
  t.same(rules(expert('Veikko, consents not read', { consentDueOn: '2026-11-07', consents: [] })), [], 'due 30 days before the day: still valid')
  t.same(rules(expert('Veikko, consents not read', { consentDueOn: '2026-11-06', consents: [{ givenBy: 'expert', givenOn: '2025-12-07', expiresOn: '2026-12-06' }] })), ['consent'],
    'due 31 days before the day: lapsed')
})

// The due day decides, the consents only tell which is missing: the same answer as consentStatus on the
// order's day, for days on or after the latest consent (an order's day is never in the past).
t.test('consent: the due day agrees with consentStatus on generated experts', async (t) => {
  let seed = 11
  // mulberry32: a small seeded generator, so that a failure can be repeated.
  const random = (n: number) => {
    seed = (seed + 0x6D2B79F5) | 0
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return (((x ^ (x >>> 14)) >>> 0) % n)
  }
  const givers = ['expert', 'guardian', 'custodial_official'] as const
  const expected = (list: ConsentFacts[], birthDate: string, day: string) => {
    const state = consentStatus(list, birthDate, day).state
    if (state === 'missing_guardian') return ['guardian_consent']
    return state === 'missing' || state === 'expired' ? [`consent.${state}`] : []
  }
  const seen: Record<string, number> = {}
  for (let i = 0; i < 600; i++) {
    const birthDate = addDays('2006-01-01', random(365 * 14))
    const consents = Array.from({ length: random(4) }, () => {
      const givenOn = addDays('2024-01-01', random(900))
      return { givenBy: givers[random(3)]!, givenOn, expiresOn: addDays(givenOn, 1 + random(900)) }
    })
    const e = expert('Generated', { birthDate, consents })
    const latestGiven = consents.map((c) => c.givenOn).sort().at(-1) ?? '2024-01-01'
    for (let d = 0; d < 600; d += 1 + random(20)) {
      const day = addDays(latestGiven, d)
      const got = failedRules(e, { ...order, day }, settings, { ...frame, consentDueFrom: addDays(day, -30) }).filter((f) => f.rule.endsWith('consent')).map((f) => f.detail ? `${f.rule}.${f.detail}` : f.rule)
      const want = expected(consents, birthDate, day)
      if (got.join() !== want.join()) {
        t.fail(`differs on ${day} for ${birthDate} ${JSON.stringify(consents)}: ${got} / ${want}`)
        return
      }
      const outcome = want[0] ?? 'valid'
      seen[outcome] = (seen[outcome] ?? 0) + 1
    }
  }
  t.ok(['valid', 'consent.missing', 'consent.expired', 'guardian_consent'].every((o) => seen[o]! > 300), `days agree: ${JSON.stringify(seen)}`)
})

t.test('training: a valid basic training on the day, only when the channel requires it', async (t) => {
  // Which completion is valid on the day is derived in SQL (queries.test.ts checks it against trainedOn).
  const needs = { ...order, requiresBasicTraining: true }
  t.same(rules(expert('Saku, untrained', { trained: null }), order), [], 'not required, not read')
  t.same(rules(expert('Saku, untrained', { trained: false }), order), [], 'not required')
  t.same(failedRules(expert('Saku, untrained', { trained: false }), needs, settings, frame), [{ rule: 'training', params: { day: '2026-12-07' } }])
  t.same(rules(expert('Otto, trained', { trained: true }), needs), [])
})

t.test('group: one the order wants, or any when it wants none', async (t) => {
  t.same(rules(expert('Pauli, parent', { groupId: 3 }), { ...order, groupIds: [1, 2] }), ['group'])
  t.same(rules(expert('Nelli, young adult', { groupId: 2 }), { ...order, groupIds: [1, 2] }), [])
  t.same(rules(expert('Pauli, parent', { groupId: 3 })), [], 'no groups wanted')
})

t.test('language: the order’s language is one the expert speaks', async (t) => {
  t.same(failedRules(expert('Sanni, Finnish only'), { ...order, language: 'sv' }, settings, frame), [{ rule: 'language', params: { language: 'sv' } }])
  t.same(rules(expert('Stina, both', { languages: ['sv', 'fi'] }), { ...order, language: 'sv' }), [])
})

t.test('availability: inside a weekly window, outside periods, not paused', async (t) => {
  const away = (fields: Partial<ExpertFacts['availability']>) => ({ availability: { windows: [{ weekday: 1, startsAt: '08:00', endsAt: '18:00' }], periods: [], pausedUntil: null, ...fields } })
  t.same(failedRules(expert('Aino, paused until 10.12.2026', away({ pausedUntil: '2026-12-10' })), order, settings, frame),
    [{ rule: 'availability', detail: 'paused', params: { day: '2026-12-10' } }])
  t.same(rules(expert('Aapo, back on the day', away({ pausedUntil: '2026-12-07' }))), [])
  t.same(failedRules(expert('Helmi, on holiday', away({ periods: [{ startsOn: '2026-12-05', endsOn: '2026-12-07' }] })), order, settings, frame),
    [{ rule: 'availability', detail: 'unavailable_period', params: {} }])
  t.same(failedRules(expert('Toivo, Tuesdays only', away({ windows: [{ weekday: 2, startsAt: '08:00', endsAt: '18:00' }] })), order, settings, frame),
    [{ rule: 'availability', detail: 'outside_windows', params: {} }])
  t.same(rules(expert('Tuure, exactly the time', away({ windows: [{ weekday: 1, startsAt: '10:00', endsAt: '12:00' }] }))), [])
})

t.test('overlap: no live assignment within the travel margin; touching it is fine', async (t) => {
  // The margin is 07.00–11.00 UTC.
  t.same(rules(expert('Leo, ends as the margin begins', { assignments: [work('2026-12-07T05:00:00.000Z', '2026-12-07T07:00:00.000Z')] })), [])
  t.same(rules(expert('Lauri, starts as the margin ends', { assignments: [work('2026-12-07T11:00:00.000Z', '2026-12-07T12:00:00.000Z')] })), [])
  const late = expert('Lotta, ends a minute into the margin', { assignments: [work('2026-12-07T05:00:00.000Z', '2026-12-07T07:01:00.000Z')] })
  t.same(failedRules(late, order, settings, frame), [{ rule: 'overlap', params: { at: '2026-12-07T05:00:00.000Z', minutes: 60 } }])
  t.same(rules(expert('Liisa, starts a minute before it ends', { assignments: [work('2026-12-07T10:59:00.000Z', '2026-12-07T12:00:00.000Z')] })), ['overlap'])
  t.same(rules(expert('Leo', { assignments: [work('2026-12-07T05:00:00.000Z', '2026-12-07T07:30:00.000Z')] }), order, { ...settings, travelMarginMinutes: 30 }), [],
    'a shorter margin')
})

t.test('own cap: fewer live assignments starting in the order’s Helsinki month than the cap', async (t) => {
  const december = [work('2026-12-01T08:00:00.000Z', '2026-12-01T10:00:00.000Z'), work('2026-12-20T08:00:00.000Z', '2026-12-20T10:00:00.000Z')]
  t.same(failedRules(expert('Elli, cap reached', { monthlyCap: 2, assignments: december }), order, settings, frame),
    [{ rule: 'own_cap', params: { count: 2, cap: 2, month: 12 } }])
  t.same(rules(expert('Emil, one below the cap', { monthlyCap: 3, assignments: december })), [])
  t.same(rules(expert('Eemeli, no cap', { assignments: december })), [])
  // 30.11. 22.30 UTC is 1.12. 00.30 in Helsinki; 21.59 UTC is still November there.
  t.same(rules(expert('Erkki, just after midnight', { monthlyCap: 1, assignments: [work('2026-11-30T22:30:00.000Z', '2026-11-30T23:00:00.000Z')] })), ['own_cap'])
  t.same(rules(expert('Essi, just before midnight', { monthlyCap: 1, assignments: [work('2026-11-30T20:00:00.000Z', '2026-11-30T21:59:00.000Z')] })), [])
})

t.test('heavy cap: for heavy work, fewer live heavy assignments in the month than the region allows', async (t) => {
  const heavy = [work('2026-12-01T08:00:00.000Z', '2026-12-01T10:00:00.000Z', 'heavy'), work('2026-12-03T08:00:00.000Z', '2026-12-03T10:00:00.000Z', 'heavy')]
  const hanna = expert('Hanna, two heavy in December', { assignments: heavy })
  t.same(failedRules(hanna, heavyOrder, { ...settings, coolOffDays: 0 }, frameOf(heavyOrder, { ...settings, coolOffDays: 0 }, now)),
    [{ rule: 'heavy_cap', params: { count: 2, cap: 2, month: 12 } }])
  t.same(rules(hanna, heavyOrder, { ...settings, coolOffDays: 0, heavyMonthlyCap: 3 }), [], 'one below the cap')
  t.same(rules(hanna, order, { ...settings, coolOffDays: 0 }), [], 'light work is not capped')
  const mixed = expert('Heikki, one heavy and three light', { assignments: [heavy[0]!, ...['05', '09', '11'].map((d) => work(`2026-12-${d}T08:00:00.000Z`, `2026-12-${d}T09:00:00.000Z`))] })
  t.same(rules(mixed, heavyOrder, { ...settings, coolOffDays: 0 }), [])
})

t.test('cool-off: the days after heavy work must pass before the order’s day', async (t) => {
  // Seven days: heavy work ending on 30.11. keeps 1.–7.12. free; 29.11. frees the 7th.
  const heavyEnding = (endsAt: string) => ({ assignments: [work('2026-11-29T08:00:00.000Z', endsAt, 'heavy')] })
  const last = expert('Jussi, heavy work ended 30.11.', heavyEnding('2026-11-30T10:00:00.000Z'))
  t.same(failedRules(last, order, settings, frame), [{ rule: 'cool_off', params: { day: '2026-11-30T10:00:00.000Z', days: 7 } }], 'the last day of the cool-off')
  t.same(rules(expert('Juho, heavy work ended 29.11. late', heavyEnding('2026-11-29T21:59:00.000Z'))), [], 'past the cool-off')
  t.same(rules(expert('Janne, heavy work ended at midnight', heavyEnding('2026-11-29T22:00:00.000Z'))), [], 'ending at midnight ends that day')
  t.same(rules(expert('Jaana, light work the day before', { assignments: [work('2026-12-06T08:00:00.000Z', '2026-12-06T10:00:00.000Z')] })), [])
  t.same(rules(expert('Joel, heavy work after the order', { assignments: [work('2026-12-08T08:00:00.000Z', '2026-12-08T10:00:00.000Z', 'heavy')] })), [],
    'only earlier heavy work counts')
  t.same(rules(last, order, { ...settings, coolOffDays: 6 }), [], 'six days')
})

t.test('excluded unit: no conflict of interest', async (t) => {
  t.same(failedRules(expert('Eetu, excluded unit', { excludedUnitIds: [4, 1] }), order, settings, frame), [{ rule: 'excluded_unit' }])
  t.same(rules(expert('Eveliina, another unit excluded', { excludedUnitIds: [4] })), [])
})

t.test('every failed rule is named, in the order of the rules', async (t) => {
  const all = expert('Kaikki', {
    status: 'ended', consents: [], languages: ['en'], groupId: 9, excludedUnitIds: [1], monthlyCap: 0,
    availability: { windows: [], periods: [], pausedUntil: null },
    assignments: [work('2026-12-07T08:00:00.000Z', '2026-12-07T09:00:00.000Z', 'heavy'), work('2026-12-02T08:00:00.000Z', '2026-12-02T09:00:00.000Z', 'heavy')],
  })
  t.same(rules(all, { ...heavyOrder, requiresBasicTraining: true, groupIds: [1] }, { ...settings, heavyMonthlyCap: 1 }),
    ['status', 'consent', 'training', 'group', 'language', 'availability', 'overlap', 'own_cap', 'heavy_cap', 'cool_off', 'excluded_unit'])
})

t.test('the frame covers every window the rules look at', async (t) => {
  t.equal(frame.monthFrom, '2026-11-30T22:00:00.000Z')
  t.equal(frame.monthTo, '2026-12-31T22:00:00.000Z')
  t.equal(frame.coolOffFrom, '2026-11-29T22:00:00.000Z')
  t.equal(frame.recentFrom, '2026-08-25T10:00:00.000Z')
  t.equal(frame.notAskedBefore, '2026-05-23T10:00:00.000Z')
  t.equal(frame.consentDueFrom, '2026-11-07')
  t.equal(frame.rangeFrom, '2026-11-28T22:00:00.000Z', 'a day before the cool-off, which starts before the month')
  t.equal(frame.rangeTo, frame.monthTo)
  const soon = frameOf({ day: '2026-11-24', startsAt: '2026-11-24T08:00:00.000Z', endsAt: '2026-11-24T10:00:00.000Z' }, { ...settings, coolOffDays: 200 }, now)
  t.equal(soon.rangeFrom, '2026-05-06T21:00:00.000Z', 'a long cool-off reaches back (a day before it, summer time)')
  t.equal(soon.rangeTo, '2026-11-30T22:00:00.000Z')
  const lastDay = frameOf({ day: '2026-12-31', startsAt: '2026-12-31T20:00:00.000Z', endsAt: '2026-12-31T21:30:00.000Z' }, { ...settings, coolOffDays: 0 }, now)
  t.equal(lastDay.rangeFrom, '2026-11-30T22:00:00.000Z', 'the month')
  t.equal(lastDay.rangeTo, '2026-12-31T22:30:00.000Z', 'the travel margin past the month')
})

t.test('standing: why an eligible expert ranks where they do', async (t) => {
  const fit = { ...order, experienceAreaIds: [1, 2, 3], remote: true }
  const recent = [work('2026-11-20T08:00:00.000Z', '2026-11-20T10:00:00.000Z'), work('2026-08-24T08:00:00.000Z', '2026-08-24T10:00:00.000Z'), work('2026-12-01T08:00:00.000Z', '2026-12-01T09:00:00.000Z')]
  t.same(standingOf(expert('Minna', {
    recentAssignments: recent, lastAssignmentAt: '2026-11-20T08:00:00.000Z', experienceAreaIds: [2, 3, 7], remoteAllowed: true, channelIds: [1], lastOfferedAt: '2026-10-01T08:00:00.000Z',
  }), fit, frame), { recent: 1, lastAssignmentAt: '2026-11-20T08:00:00.000Z', sharedAreas: 2, reach: 'remote', prefersChannel: true, notAsked: false },
  'only the 90 days before now count')
  t.same(standingOf(expert('Mikko', { areaIds: [1], lastOfferedAt: '2026-05-23T09:59:00.000Z' }), fit, frame),
    { recent: 0, lastAssignmentAt: null, sharedAreas: 0, reach: 'area', prefersChannel: false, notAsked: true }, 'remote order, area reached')
  t.equal(standingOf(expert('Marja', { areaIds: [2], remoteAllowed: true }), order, frame).reach, null, 'not remote, another area')
  t.equal(standingOf(expert('Martti', { lastOfferedAt: '2026-05-23T10:00:00.000Z' }), order, frame).notAsked, false, 'asked exactly six months ago')
})

// "Asked" is any offer of any order, whatever became of it; six months are counted back from now to the
// same time of day (a shorter month's last day when the day does not exist).
t.test('not asked for 6 months: at its edges', async (t) => {
  const notAsked = (lastOfferedAt: string | null, at = frame) => standingOf(expert('Niina', { lastOfferedAt }), order, at).notAsked
  t.equal(notAsked(null), true, 'never asked')
  t.equal(notAsked('2026-05-23T09:59:59.999Z'), true, 'a millisecond over six months ago')
  t.equal(notAsked('2026-05-23T10:00:00.000Z'), false, 'exactly six months ago')
  t.equal(notAsked('2026-11-23T09:00:00.000Z'), false, 'an hour ago')
  t.equal(notAsked('2026-12-01T08:00:00.000Z'), false, 'an offer dated after now still counts as asked')
  const endOfAugust = frameOf(order, settings, '2026-08-31T10:00:00.000Z')
  t.equal(endOfAugust.notAskedBefore, '2026-02-28T10:00:00.000Z', 'from the 31st: the last day of February')
  t.equal(notAsked('2026-02-28T09:59:00.000Z', endOfAugust), true)
  t.equal(notAsked('2026-03-01T08:00:00.000Z', endOfAugust), false)
})

t.test('near misses: one failed rule only, never a conflict of interest', async (t) => {
  const outside = { rule: 'availability' as const, detail: 'outside_windows', params: {} }
  t.equal(isNearMiss([outside]), true)
  t.equal(isNearMiss([{ rule: 'own_cap', params: { count: 2, cap: 2, month: 12 } }]), true)
  t.equal(isNearMiss([{ rule: 'consent', detail: 'expired', params: { day: order.day } }]), true)
  t.equal(isNearMiss([]), false, 'the eligible are not near misses')
  t.equal(isNearMiss([outside, { rule: 'language', params: { language: 'fi' } }]), false, 'two rules')
  t.equal(isNearMiss([{ rule: 'excluded_unit' }]), false, 'the unit is excluded: never to be asked')
})

t.test('ranking: fairness first, then fit, then the name', async (t) => {
  const fit = { ...order, experienceAreaIds: [1, 2] }
  const ranked = (list: (ExpertFacts & RankingFacts)[]) => rankCandidates(list.map((e) => ({ id: e.id, displayName: e.displayName, standing: standingOf(e, fit, frame) }))).map((c) => c.displayName)
  const once = [work('2026-11-02T08:00:00.000Z', '2026-11-02T10:00:00.000Z')]
  t.same(ranked([
    expert('Daniel, one recent assignment', { recentAssignments: once, lastAssignmentAt: once[0]!.startsAt, experienceAreaIds: [1, 2] }),
    expert('Cecilia, last in July', { lastAssignmentAt: '2026-07-01T08:00:00.000Z' }),
    expert('Bertta, last in May', { lastAssignmentAt: '2026-05-01T08:00:00.000Z' }),
    expert('Aino, never'),
  ]), ['Aino, never', 'Bertta, last in May', 'Cecilia, last in July', 'Daniel, one recent assignment'])
  t.same(ranked([
    expert('Aada'),
    expert('Eino, prefers the channel', { channelIds: [1] }),
    expert('Fanni, reaches the area', { areaIds: [1] }),
    expert('Gunnar, one shared area', { experienceAreaIds: [2] }),
    expert('Hilla, two shared areas', { experienceAreaIds: [1, 2] }),
  ]), ['Hilla, two shared areas', 'Gunnar, one shared area', 'Fanni, reaches the area', 'Eino, prefers the channel', 'Aada'])
  t.same(ranked([expert('Öljymäki'), expert('Zorro'), expert('Åke'), expert('Ärrä'), expert('Aamu')]), ['Aamu', 'Zorro', 'Åke', 'Ärrä', 'Öljymäki'],
    'names in Finnish alphabetical order')
  const twin = { displayName: 'Sama', standing: standingOf(expert('Sama'), fit, frame) }
  t.ok(compareCandidates({ id: 1, ...twin }, { id: 2, ...twin }) < 0, 'the same name: the id decides')
})

t.test('offers: which still hold the expert, and the status they show', async (t) => {
  const later = '2026-11-24T10:00:00.000Z'
  t.ok(offerHolds({ status: 'pending', expiresAt: later }, now))
  t.notOk(offerHolds({ status: 'pending', expiresAt: now }, now), 'expired at its expiry')
  t.ok(offerHolds({ status: 'accepted', expiresAt: now }, now))
  for (const status of ['declined', 'withdrawn', 'expired'] as const) t.notOk(offerHolds({ status, expiresAt: later }, now), status)
  t.equal(offerStateOf({ status: 'pending', expiresAt: now }, now), 'expired')
  t.equal(offerStateOf({ status: 'pending', expiresAt: later }, now), 'pending')
  t.equal(offerStateOf({ status: 'declined', expiresAt: now }, now), 'declined')
})
