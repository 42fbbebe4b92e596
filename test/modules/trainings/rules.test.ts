import t from 'tap'
import { trainedOn, validThrough } from '../../../src/modules/trainings/rules.js'

const basic = (completedOn: string | null, validityMonths: number | null = null) => ({ completedOn, isBasic: true, validityMonths })

t.test('trained is derived from a completed, valid basic training', async (t) => {
  t.same(trainedOn([], '2026-11-23'), { trained: false, validThrough: null })
  t.same(trainedOn([basic(null)], '2026-11-23'), { trained: false, validThrough: null }, 'enrolled, not completed')
  t.same(trainedOn([{ completedOn: '2026-01-10', isBasic: false, validityMonths: null }], '2026-11-23'), { trained: false, validThrough: null }, 'another course does not qualify')
  t.same(trainedOn([basic('2026-01-10')], '2026-11-23'), { trained: true, validThrough: null }, 'no validity period: for good')
  t.same(trainedOn([basic('2026-12-01')], '2026-11-23'), { trained: false, validThrough: null }, 'completed later than the day')
})

t.test('a validity period ends the qualification', async (t) => {
  t.equal(validThrough({ completedOn: '2024-03-15', isBasic: true, validityMonths: 24 }), '2026-03-14')
  t.same(trainedOn([basic('2024-03-15', 24)], '2026-03-14'), { trained: true, validThrough: '2026-03-14' })
  t.same(trainedOn([basic('2024-03-15', 24)], '2026-03-15'), { trained: false, validThrough: null })
  t.same(trainedOn([basic('2024-03-15', 24), basic('2025-09-01', 24)], '2026-03-15'), { trained: true, validThrough: '2027-08-31' }, 'a later completion renews')
  t.same(trainedOn([basic('2025-09-01', 24), basic('2024-03-15', 36)], '2026-03-15'), { trained: true, validThrough: '2027-08-31' }, 'the longest validity wins')
  t.same(trainedOn([basic('2024-03-15', 24), basic('2020-01-01')], '2026-11-23'), { trained: true, validThrough: null })
})
