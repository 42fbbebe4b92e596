// consentsToRenew computes the consent state in SQL for a whole region at once; these tests hold it
// to the rules in rules.ts on many generated experts, birthdays on 29 February included.
import t from 'tap'
import { build, anExpert, aConsent, aRegion } from '../../helper.js'
import { consentsToRenew } from '../../../src/modules/consents/queries.js'
import { consentStatus, effectiveEnd, type ConsentFacts } from '../../../src/modules/consents/rules.js'
import { addDays } from '../../../src/lib/dates.js'
import { consentGivers, expertStatuses } from '../../../db/schema.js'

// A small seeded generator, so that a failure can be reproduced.
function generator (seed: number) {
  let state = seed
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
  return { int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]! }
}

const base = '2026-11-23'
const days = [base, '2026-12-20', '2027-03-01', '2028-02-28', '2028-02-29', '2028-03-01']

// Many turn 15 or 18 near one of the days; some are born on 29 February.
function birthDateNear (r: ReturnType<typeof generator>): string {
  const kind = r.int(0, 4)
  if (kind === 0) return r.pick(['2008-02-29', '2012-02-29', '2013-02-28', '2010-03-01'])
  if (kind === 3) return addDays(base, -r.int(12 * 365, 30 * 365))
  const day = r.pick(days)
  const age = kind === 1 ? 15 : 18
  return addDays(`${Number(day.slice(0, 4)) - age}-${day.slice(5, 7) === '02' ? '03-01' : day.slice(5)}`, r.int(-10, 45))
}

t.test('the region’s renewal list agrees with the consent rules', async (t) => {
  const { db } = await build(t)
  const regionId = aRegion(db).id
  const r = generator(20261123)
  const people: { id: number, displayName: string, birthDate: string, ended: boolean, list: ConsentFacts[] }[] = []
  for (let i = 0; i < 400; i++) {
    const expert = anExpert(db, { regionId, birthDate: birthDateNear(r), status: r.pick(expertStatuses) })
    const list: ConsentFacts[] = []
    for (let n = r.int(0, 5); n > 0; n--) {
      // Consents are given on or before the day the list is first asked for (never in the future).
      const givenOn = addDays(base, r.int(-900, 0))
      const consent = { givenBy: r.pick(consentGivers), givenOn, expiresOn: addDays(givenOn, r.int(1, 1000)) }
      aConsent(db, expert.id, consent)
      list.push(consent)
    }
    people.push({ id: expert.id, displayName: expert.displayName, birthDate: expert.birthDate, ended: expert.status === 'ended', list })
  }
  const other = anExpert(db, { regionId: aRegion(db).id })
  let compared = 0
  const seen = new Set<string>()
  for (const day of days) {
    const { rows, total } = consentsToRenew(db, regionId, day, 1000)
    t.equal(rows.length, total)
    t.notOk(rows.some((row) => row.expertId === other.id), 'only the region’s experts')
    const byId = new Map(rows.map((row) => [row.expertId, row]))
    for (const person of people) {
      const status = consentStatus(person.list, person.birthDate, day)
      const row = byId.get(person.id)
      const label = `${person.birthDate} on ${day}: ${JSON.stringify(person.list)}`
      if (person.ended || status.state === 'valid') {
        if (row) t.fail(`not to renew: ${label}`)
        continue
      }
      compared++
      seen.add(status.state + (status.renewalReason ?? ''))
      if (!row) {
        t.fail(`to renew: ${label}`)
        continue
      }
      if (row.state !== status.state) t.fail(`state ${row.state} ≠ ${status.state}: ${label}`)
      if (status.state === 'expiring') {
        if (row.date !== status.validUntil || row.reason !== status.renewalReason) t.fail(`until ${row.date} ${row.reason} ≠ ${status.validUntil} ${status.renewalReason}: ${label}`)
      }
      if (status.state === 'expired') {
        const ended = person.list.filter((c) => c.givenBy === 'expert').map((c) => effectiveEnd(c, person.birthDate)).filter((end) => end < day).sort().at(-1) ?? null
        if (row.date !== ended) t.fail(`ended ${row.date} ≠ ${ended}: ${label}`)
      }
    }
  }
  t.ok(compared > 500, `compared ${compared} experts to renew`)
  t.same([...seen].sort(), ['expired', 'expiringexpiry', 'expiringturns15', 'expiringturns18', 'missing', 'missing_guardian'], 'every state and reason occurred')
})

t.test('those to act on now come first, then the expiring by their last day; the list is capped', async (t) => {
  const { db } = await build(t)
  const regionId = aRegion(db).id
  const later = anExpert(db, { regionId, age: 30, displayName: 'Bea' })
  aConsent(db, later.id, { givenOn: '2026-01-01', expiresOn: '2026-12-20' })
  const sooner = anExpert(db, { regionId, age: 30, displayName: 'Cecilia' })
  aConsent(db, sooner.id, { givenOn: '2026-01-01', expiresOn: '2026-12-01' })
  const missing = anExpert(db, { regionId, age: 30, displayName: 'Ilona' })
  const expired = anExpert(db, { regionId, age: 30, displayName: 'Aada' })
  aConsent(db, expired.id, { givenOn: '2025-01-01', expiresOn: '2026-11-01' })
  const twin = anExpert(db, { regionId, age: 30, displayName: 'Bea' })
  aConsent(db, twin.id, { givenOn: '2026-01-01', expiresOn: '2026-12-20' })
  const valid = anExpert(db, { regionId, age: 30, displayName: 'Valtteri' })
  aConsent(db, valid.id, { givenOn: '2026-01-01', expiresOn: '2027-12-01' })
  const { rows, total } = consentsToRenew(db, regionId, base)
  t.same(rows.map((row) => row.displayName), ['Ilona', 'Aada', 'Cecilia', 'Bea', 'Bea'])
  t.same(rows.slice(3).map((row) => row.expertId), [later.id, twin.id], 'the same name and day: by id')
  t.equal(total, 5)
  t.same(rows.map((row) => row.date), [null, '2026-11-01', '2026-12-01', '2026-12-20', '2026-12-20'])
  const capped = consentsToRenew(db, regionId, base, 2)
  t.same(capped.rows.map((row) => row.displayName), ['Ilona', 'Aada'])
  t.equal(capped.total, 5)
})
