import t from 'tap'
import fc from 'fast-check'
import { centsForMinutes, claimLines, feeBasisOf, totalOf, yearOf, type Work } from '../../../src/modules/fees/rules.js'
import { someRules } from './support.js'

const work: Work = { channelId: 1, orderingUnitId: 10, plannedMinutes: 120, actualMinutes: 150, preparationMinutes: 60, kilometres: 42, receiptsCents: 1240 }

t.test('by the hour: actual minutes at the hourly rate, preparation, travel and receipts, one line each', async (t) => {
  const lines = claimLines(someRules(), work, 'paid')
  t.same(lines.map((line) => [line.kind, line.basis, line.quantity, line.rateCents, line.amountCents, line.incomeTypeCode, line.incomeTypeText]), [
    ['fee', 'hour', 150, 2500, 6250, '201', 'Palkkio'],
    ['preparation', null, 60, 2000, 2000, '201', 'Valmistautuminen'],
    ['travel', null, 42, 55, 2310, '311', 'Km'],
    ['receipts', null, null, null, 1240, '330', 'Kulut'],
  ])
  t.equal(totalOf(lines), 11800)
})

t.test('a package: the channel’s package amount, whatever the hours; without a package, by the hour', async (t) => {
  const rules = someRules({ channelBases: new Map([[1, 'package'], [2, 'package']]), channelPackages: new Map([[1, 15000]]) })
  t.same(feeBasisOf(rules, work), { basis: 'package', amountCents: 15000 })
  const [fee] = claimLines(rules, work, 'paid')
  t.match(fee, { kind: 'fee', basis: 'package', quantity: 1, rateCents: 15000, amountCents: 15000 })
  t.same(feeBasisOf(rules, { ...work, channelId: 2 }), { basis: 'hour', amountCents: 2500 })
})

t.test('a meeting fee: the year’s meeting fee', async (t) => {
  const rules = someRules({ channelBases: new Map([[1, 'meeting']]) })
  t.match(claimLines(rules, work, 'paid')[0], { kind: 'fee', basis: 'meeting', amountCents: 6000 })
})

t.test('an ordering unit’s override wins over the channel’s basis', async (t) => {
  const rules = someRules({ channelBases: new Map([[1, 'meeting']]), unitOverrides: new Map([[10, { basis: 'hour', amountCents: 3000 }]]) })
  t.match(claimLines(rules, work, 'paid')[0], { basis: 'hour', rateCents: 3000, amountCents: 7500 })
  const packaged = someRules({ unitOverrides: new Map([[10, { basis: 'package', amountCents: 40000 }]]) })
  t.match(claimLines(packaged, work, 'paid')[0], { basis: 'package', amountCents: 40000 })
  t.match(claimLines(packaged, { ...work, orderingUnitId: 11 }, 'paid')[0], { basis: 'hour', amountCents: 6250 }, 'another unit keeps the channel’s')
})

t.test('the rules of the work’s day’s year: 31 December and 1 January', async (t) => {
  t.equal(yearOf('2026-12-31'), 2026)
  t.equal(yearOf('2027-01-01'), 2027)
})

t.test('preparation only when the rules pay it and hours were recorded', async (t) => {
  t.notOk(claimLines(someRules({ preparationPaid: false }), work, 'paid').some((line) => line.kind === 'preparation'))
  t.notOk(claimLines(someRules(), { ...work, preparationMinutes: null }, 'paid').some((line) => line.kind === 'preparation'))
  t.notOk(claimLines(someRules(), { ...work, preparationMinutes: 0 }, 'paid').some((line) => line.kind === 'preparation'))
})

t.test('travel is kilometres × the rate; no kilometres, no line', async (t) => {
  t.match(claimLines(someRules({ kilometreCents: 59 }), { ...work, kilometres: 101 }, 'paid').find((line) => line.kind === 'travel'), { amountCents: 5959 })
  t.notOk(claimLines(someRules(), { ...work, kilometres: null }, 'paid').some((line) => line.kind === 'travel'))
})

t.test('receipts only when reimbursed', async (t) => {
  t.notOk(claimLines(someRules({ receiptsReimbursed: false }), work, 'paid').some((line) => line.kind === 'receipts'))
  t.notOk(claimLines(someRules(), { ...work, receiptsCents: null }, 'paid').some((line) => line.kind === 'receipts'))
})

t.test('a late cancellation with the fee due: the fee alone, by the hour on the planned time', async (t) => {
  const cancelled = { ...work, actualMinutes: null }
  t.same(claimLines(someRules(), cancelled, 'paid').map((line) => [line.kind, line.quantity, line.amountCents]), [['fee', 120, 5000]])
  t.same(claimLines(someRules({ channelBases: new Map([[1, 'meeting']]) }), cancelled, 'paid').map((line) => [line.kind, line.amountCents]), [['fee', 6000]])
  t.same(claimLines(someRules(), cancelled, 'declined'), [], 'declined: nothing at all')
})

t.test('a declined fee: the expenses only', async (t) => {
  t.same(claimLines(someRules(), work, 'declined').map((line) => line.kind), ['travel', 'receipts'])
})

t.test('ask each time: the expert’s choice decides (paid or declined)', async (t) => {
  t.same(claimLines(someRules(), work, 'paid').map((line) => line.kind), ['fee', 'preparation', 'travel', 'receipts'])
  t.same(claimLines(someRules(), work, 'declined').map((line) => line.kind), ['travel', 'receipts'])
})

t.test('cents rounding: to the nearest cent, half a cent up, in integers', async (t) => {
  t.equal(centsForMinutes(1, 2500), 42, '41.67 → 42')
  t.equal(centsForMinutes(1, 2490), 42, '41.5 → 42')
  t.equal(centsForMinutes(1, 2470), 41, '41.17 → 41')
  t.equal(centsForMinutes(95, 2333), 3694, '3693.92 → 3694')
  t.equal(centsForMinutes(0, 2500), 0)
  fc.assert(fc.property(fc.integer({ min: 0, max: 24 * 60 }), fc.integer({ min: 0, max: 1_000_000 }), (minutes, rate) => {
    const cents = centsForMinutes(minutes, rate)
    return Number.isInteger(cents) && Math.abs(cents * 60 - minutes * rate) <= 30
  }))
})
