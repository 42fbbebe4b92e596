// The list derives consent state, basic training and age in SQL for speed. They must agree with the
// rules (consents/rules.ts, trainings/rules.ts, lib/dates.ts) on every day, also at the edges: the
// 15th and 18th birthdays, 29 February, the last day of a consent, the 30-day renewal window and
// validity periods that end at a month's end.
import t from 'tap'
import { openDatabase, closeDatabase } from '../../../src/db.js'
import { aRegion, aGroup, anExpert, aConsent, aTraining, aCompletion } from '../../helper.js'
import { listExperts } from '../../../src/modules/experts/queries.js'
import { consentStatus, type ConsentFacts } from '../../../src/modules/consents/rules.js'
import { trainedOn, type CompletionFacts } from '../../../src/modules/trainings/rules.js'
import { addDays, addMonths, ageOn, birthday } from '../../../src/lib/dates.js'
import { consentStates, type ExpertFilter } from '../../../src/modules/experts/forms.js'
import type { ConsentGiver } from '../../../db/schema.js'

const days = ['2026-11-23', '2026-02-28', '2026-03-01', '2027-02-28', '2028-02-29', '2028-03-01', '2026-12-31', '2025-06-15']

// A small seeded generator, so that a failure can be repeated.
let seed = 20261123
function random (): number {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed / 2147483648
}
function pick<T> (list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!
}

const birthDates = [
  '2008-02-29', '2012-02-29', '2004-02-29', '2011-11-23', '2011-11-24', '2008-11-23', '2008-11-24', '2009-02-28',
  '2009-03-01', '2010-03-01', '2012-12-31', '2013-01-01', '2010-06-15', '2007-06-16', '2000-05-05', '1985-01-31',
]

// A birth date whose 15th or 18th birthday falls near the day or near the end of the renewal window.
function bornNear (day: string): string {
  const birthdayOn = addDays(day, pick([-1, 0, 1, 29, 30, 31, 32]))
  return addMonths(birthdayOn, -12 * pick([15, 18]))
}

function interestingDay (birthDate: string, day: string): string {
  return pick([
    addDays(birthday(birthDate, 15), -1), birthday(birthDate, 15), addDays(birthday(birthDate, 18), -1), birthday(birthDate, 18),
    addDays(day, -1), day, addDays(day, 1), addDays(day, 29), addDays(day, 30), addDays(day, 31), addDays(day, 32),
    addDays(day, -400), addDays(day, 400), addDays(day, -31), addDays(day, 90),
  ])
}

t.test('consent state, training and age in the list agree with the rules', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => closeDatabase(db))
  const regionId = aRegion(db).id
  const groupId = aGroup(db, regionId).id
  const trainings = [
    aTraining(db, regionId, { isBasic: true, validityMonths: null }),
    aTraining(db, regionId, { isBasic: true, validityMonths: 1 }),
    aTraining(db, regionId, { isBasic: true, validityMonths: 24 }),
    aTraining(db, regionId, { isBasic: false, validityMonths: null }),
  ]
  const facts = new Map<number, { birthDate: string, consents: ConsentFacts[], completions: CompletionFacts[] }>()
  for (let n = 0; n < 400; n++) {
    const anchor = pick(days)
    const birthDate = n % 2 === 0 ? birthDates[(n / 2) % birthDates.length]! : bornNear(anchor)
    const expert = anExpert(db, { regionId, groupId, birthDate })
    const consents: ConsentFacts[] = []
    const count = pick([0, 1, 1, 2, 2, 3])
    for (let i = 0; i < count; i++) {
      const givenOn = interestingDay(birthDate, anchor)
      const expiresOn = pick([interestingDay(birthDate, anchor), addDays(givenOn, 365), addDays(givenOn, 30)])
      const givenBy = pick<ConsentGiver>(['expert', 'expert', 'guardian', 'custodial_official'])
      aConsent(db, expert.id, { givenBy, givenOn, expiresOn })
      consents.push({ givenBy, givenOn, expiresOn })
    }
    const completions: CompletionFacts[] = []
    for (const training of trainings) {
      if (random() < 0.4) {
        const completedOn = pick([null, '2027-01-31', '2028-01-31', '2026-01-31', '2026-10-23', addMonths(anchor, -24), addMonths(anchor, -1), addDays(anchor, 1), anchor])
        aCompletion(db, training.id, expert.id, completedOn)
        completions.push({ completedOn, isBasic: training.isBasic, validityMonths: training.validityMonths })
      }
    }
    facts.set(expert.id, { birthDate, consents, completions })
  }
  // Deliberate edges: consents of the expert and a guardian that run long, cut by a 15th or 18th
  // birthday just before, at or after the end of the renewal window.
  for (const day of days) {
    for (const age of [15, 18]) {
      for (const k of [29, 30, 31, 32]) {
        const birthDate = addMonths(addDays(day, k), -12 * age)
        const expert = anExpert(db, { regionId, groupId, birthDate })
        const consents: ConsentFacts[] = (['expert', 'guardian'] as const).map((givenBy) => ({ givenBy, givenOn: addDays(day, -100), expiresOn: addDays(day, 400) }))
        for (const consent of consents) aConsent(db, expert.id, consent)
        facts.set(expert.id, { birthDate, consents, completions: [] })
      }
    }
  }

  const listAll = (day: string, filter: Partial<ExpertFilter> = {}) => {
    const rows = []
    for (let page = 1; ; page++) {
      const list = listExperts(db, regionId, { sort: 'newest', ...filter }, page, day)
      rows.push(...list.rows)
      if (page >= list.pages) return rows
    }
  }

  for (const day of days) {
    const rows = listAll(day)
    t.equal(rows.length, facts.size, `${day}: every expert listed`)
    let disagreements = 0
    const expected = new Map<string, number[]>()
    for (const row of rows) {
      const f = facts.get(row.id)!
      const state = consentStatus(f.consents, f.birthDate, day).state
      if (row.consent !== state || row.trained !== trainedOn(f.completions, day).trained || row.age !== ageOn(f.birthDate, day)) {
        disagreements++
        t.fail(`${day} expert ${row.id}`, { found: row, expected: { state, trained: trainedOn(f.completions, day), age: ageOn(f.birthDate, day) }, facts: f })
      }
      expected.set(state, [...(expected.get(state) ?? []), row.id])
    }
    t.equal(disagreements, 0, `${day}: SQL and rules agree for ${rows.length} experts`)
    for (const state of consentStates) {
      const ids = listAll(day, { consent: state }).map((row) => row.id)
      t.same(ids, expected.get(state) ?? [], `${day}: the filter consent=${state}`)
    }
    const trained = rows.filter((row) => row.trained).map((row) => row.id)
    t.same(listAll(day, { trained: true }).map((row) => row.id), trained, `${day}: the filter trained=yes`)
    t.same(listAll(day, { trained: false }).map((row) => row.id), rows.filter((row) => !row.trained).map((row) => row.id), `${day}: trained=no`)
  }
  // The generated cases reach every state somewhere.
  const seen = new Set(days.flatMap((day) => listAll(day).map((row) => row.consent)))
  t.same([...seen].sort(), [...consentStates].sort(), 'every consent state occurs in the cases')
})
