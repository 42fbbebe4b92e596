// The demo's fees: two years of claims in every state, two exported batches (one paid), tax cards for
// most experts, one expert close to the income limit and one who declines fees.
import t from 'tap'
import { openDatabase, closeDatabase } from '../../../src/db.js'
import { seedDemo } from '../../../src/demo/demo-data.js'
import { claimStates } from '../../../db/schema.js'
import { nearLimit } from '../../../src/modules/fees/income.js'
import { today } from '../../../src/lib/dates.js'

t.test('the demo region’s fees show every case', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => closeDatabase(db))
  await seedDemo(db)
  const rows = <T>(sql: string) => db.$client.prepare(sql).all() as T[]
  const states = rows<{ state: string }>('select distinct state from fee_claims').map((row) => row.state).sort()
  t.same(states, [...claimStates].sort(), 'claims in every state')
  const year = Number(today().slice(0, 4))
  const years = rows<{ year: number }>('select distinct year from fee_claims order by year').map((row) => row.year)
  t.ok(years.length >= 2 && years.at(-1) === year, `two years of claims (${years.join(', ')})`)
  t.same(rows('select 1 from fee_claims where rules_missing = 1'), [], 'every year has its rules')
  const batches = rows<{ exportedAt: string | null, paidOn: string | null }>('select exported_at as exportedAt, paid_on as paidOn from payroll_batches order by id')
  t.equal(batches.length, 2)
  t.ok(batches.every((batch) => batch.exportedAt !== null), 'both exported')
  t.same(batches.map((batch) => batch.paidOn !== null), [true, false], 'one paid')
  const experts = rows<{ n: number }>('select count(*) as n from experts')[0]!.n
  const cards = rows<{ n: number }>('select count(distinct expert_id) as n from tax_cards')[0]!.n
  t.ok(cards > experts / 2 && cards < experts, `tax cards for most experts (${cards} of ${experts})`)
  const regionId = rows<{ id: number }>('select id from regions')[0]!.id
  t.ok(nearLimit(db, regionId, year).length >= 1, 'someone close to the income limit')
  t.ok(rows('select 1 from fee_claims c join experts e on e.id = c.expert_id where e.fee_preference = \'declined\'').length >= 1, 'someone who declines fees has claims')
  t.ok(rows('select 1 from fee_claims where return_reason is not null and state = \'returned\'').length >= 1)
})
