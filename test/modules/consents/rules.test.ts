import t from 'tap'
import { consentDueOn, consentStatus, consentValidOn, effectiveEnd, type ConsentFacts } from '../../../src/modules/consents/rules.js'
import { addDays } from '../../../src/lib/dates.js'

const own = (givenOn: string, expiresOn: string): ConsentFacts => ({ givenBy: 'expert', givenOn, expiresOn })
const guardian = (givenOn: string, expiresOn: string): ConsentFacts => ({ givenBy: 'guardian', givenOn, expiresOn })
const official = (givenOn: string, expiresOn: string): ConsentFacts => ({ givenBy: 'custodial_official', givenOn, expiresOn })

// Aino turns 15 on 2026-05-10 and 18 on 2029-05-10.
const aino = '2011-05-10'
// Mikko is an adult of 22.
const mikko = '2004-01-15'

t.test('an adult needs only their own consent', async (t) => {
  t.same(consentStatus([], mikko, '2026-11-23'), { state: 'missing' })
  t.same(consentStatus([own('2026-01-01', '2027-06-30')], mikko, '2026-11-23'), { state: 'valid', validUntil: '2027-06-30', renewalReason: 'expiry' })
  t.same(consentStatus([own('2025-01-01', '2025-12-31')], mikko, '2026-11-23'), { state: 'expired' })
  t.same(consentStatus([own('2027-01-01', '2027-12-31')], mikko, '2026-11-23'), { state: 'expired' }, 'a consent from the future does not hold yet')
  t.equal(consentStatus([own('2026-01-01', '2026-12-20')], mikko, '2026-11-23').state, 'expiring', 'ends within 30 days')
  t.equal(consentStatus([own('2026-01-01', '2026-12-23')], mikko, '2026-11-23').state, 'expiring', 'exactly 30 days')
  t.equal(consentStatus([own('2026-01-01', '2026-12-24')], mikko, '2026-11-23').state, 'valid', '31 days')
  t.equal(consentStatus([own('2025-01-01', '2025-12-31'), own('2026-01-01', '2027-12-31')], mikko, '2026-11-23').state, 'valid', 'a renewal counts')
  t.equal(consentStatus([guardian('2026-01-01', '2027-12-31')], mikko, '2026-11-23').state, 'missing', 'a guardian cannot consent for an adult')
})

t.test('a minor also needs a guardian or the custodial official', async (t) => {
  const day = '2026-11-23'
  t.same(consentStatus([own('2026-06-01', '2027-06-01')], aino, day), { state: 'missing_guardian', validUntil: '2027-06-01' })
  t.equal(consentStatus([own('2026-06-01', '2027-06-01'), guardian('2026-06-01', '2027-06-01')], aino, day).state, 'valid')
  t.equal(consentStatus([own('2026-06-01', '2027-06-01'), official('2026-06-01', '2027-06-01')], aino, day).state, 'valid', 'the custodial official for a child in care')
  t.same(consentStatus([own('2026-06-01', '2027-06-01'), guardian('2026-06-01', '2026-12-01')], aino, day),
    { state: 'expiring', validUntil: '2026-12-01', renewalReason: 'expiry' }, 'the earlier of the two ends it')
  t.equal(consentStatus([own('2026-06-01', '2027-06-01'), guardian('2025-06-01', '2026-06-01')], aino, day).state, 'missing_guardian', 'an expired guardian consent')
  t.ok(consentValidOn([own('2026-06-01', '2027-06-01'), guardian('2026-06-01', '2027-06-01')], aino, day))
  t.notOk(consentValidOn([own('2026-06-01', '2027-06-01')], aino, day))
})

t.test('consent is asked again when the expert turns 15', async (t) => {
  const before15 = [own('2025-09-01', '2026-08-31'), guardian('2025-09-01', '2026-08-31')]
  t.equal(effectiveEnd(before15[0]!, aino), '2026-05-09', 'ends the day before the 15th birthday')
  t.same(consentStatus(before15, aino, '2026-04-20'), { state: 'expiring', validUntil: '2026-05-09', renewalReason: 'turns15' })
  t.equal(consentStatus(before15, aino, '2026-05-09').state, 'expiring', 'valid on the last day')
  t.equal(consentStatus(before15, aino, '2026-05-10').state, 'expired', 'not on the birthday')
  const renewed = [...before15, own('2026-05-10', '2027-05-09'), guardian('2026-05-10', '2027-05-09')]
  t.equal(consentStatus(renewed, aino, '2026-05-10').state, 'valid', 'a consent given at 15 holds')
  t.equal(consentValidOn(before15, aino, '2026-05-10'), false)
})

t.test('consent is asked again when the expert turns 18, and then no guardian is needed', async (t) => {
  const at17 = [own('2028-06-01', '2030-06-01'), guardian('2028-06-01', '2030-06-01')]
  t.same(consentStatus(at17, aino, '2029-04-20'), { state: 'expiring', validUntil: '2029-05-09', renewalReason: 'turns18' })
  t.equal(consentStatus(at17, aino, '2029-05-10').state, 'expired')
  t.equal(consentStatus([...at17, own('2029-05-10', '2030-05-10')], aino, '2029-05-10').state, 'valid', 'an adult needs only their own')
})

t.test('born on 29 February: the birthday is the 28th in other years', async (t) => {
  t.equal(effectiveEnd(own('2025-01-01', '2030-01-01'), '2008-02-29'), '2026-02-27')
})

t.test('consentDueOn is the first day on which consentStatus is not valid, for good', async (t) => {
  let seed = 7
  const random = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
  const givers = ['expert', 'guardian', 'custodial_official'] as const
  let checked = 0
  for (let i = 0; i < 600; i++) {
    const birthDate = addDays('2006-01-01', random(365 * 14))
    const list = Array.from({ length: random(4) }, () => {
      const givenOn = addDays('2024-01-01', random(900))
      return { givenBy: givers[random(3)]!, givenOn, expiresOn: addDays(givenOn, 1 + random(900)) }
    })
    const dueOn = consentDueOn(list, birthDate)
    const latestGiven = list.map((c) => c.givenOn).sort().at(-1) ?? '2024-01-01'
    for (let d = 0; d < 2400; d += 1 + random(20)) {
      const day = addDays(latestGiven, d)
      if ((day >= dueOn) !== (consentStatus(list, birthDate, day).state !== 'valid')) {
        t.fail(`differs on ${day} for ${birthDate} ${JSON.stringify(list)}: ${dueOn}`)
        return
      }
      checked++
    }
  }
  t.ok(checked > 10000, `${checked} days agree`)
  t.equal(consentDueOn([], mikko), '0000-01-01', 'no consent: due from the start')
  t.equal(consentDueOn([own('2026-01-01', '2027-06-30')], mikko), '2027-05-31', 'an adult: 30 days before their own ends')
  t.equal(consentDueOn([own('2026-06-01', '2028-06-30')], aino), '0000-01-01', 'a minor without a guardian’s consent: due now')
  t.equal(consentDueOn([own('2026-06-01', '2030-06-30'), guardian('2026-06-01', '2027-01-31')], aino), '2027-01-01', 'the guardian’s ends first')
})
