// Consent rules (design §4.2, §5).
// - An expert is in the register on their own consent; under 18 also on a guardian's or the
//   custodial official's consent.
// - Each consent is valid from the day it was given to its expiry day, inclusive.
// - Consent is asked again when the expert turns 15 and 18: a consent given before the 15th (or 18th)
//   birthday ends the day before it. A guardian's consent is needed only while the expert is under 18.
// - 'expiring' is a valid consent that ends within 30 days: time to renew.
import { addDays, ageOn, birthday } from '../../lib/dates.js'
import type { ConsentGiver } from '../../../db/schema.js'

export interface ConsentFacts { givenBy: ConsentGiver, givenOn: string, expiresOn: string }

export type ConsentState = 'valid' | 'expiring' | 'expired' | 'missing' | 'missing_guardian'

export const renewalWindowDays = 30

// The last day a consent holds, with the renewal at 15 and 18 applied.
export function effectiveEnd (consent: ConsentFacts, birthDate: string): string {
  let end = consent.expiresOn
  for (const age of [15, 18]) {
    const turns = birthday(birthDate, age)
    if (consent.givenOn < turns) {
      const dayBefore = addDays(turns, -1)
      if (dayBefore < end) end = dayBefore
    }
  }
  return end
}

function validOn (consent: ConsentFacts, birthDate: string, day: string): boolean {
  return consent.givenOn <= day && day <= effectiveEnd(consent, birthDate)
}

// The day until which consents cover the expert continuously from `day`, or undefined if not now.
function coveredUntil (list: ConsentFacts[], birthDate: string, day: string): string | undefined {
  const ends = list.filter((c) => validOn(c, birthDate, day)).map((c) => effectiveEnd(c, birthDate))
  return ends.length ? ends.sort().at(-1) : undefined
}

export interface ConsentStatus { state: ConsentState, validUntil?: string, renewalReason?: 'expiry' | 'turns15' | 'turns18' }

export function consentStatus (list: ConsentFacts[], birthDate: string, day: string): ConsentStatus {
  const own = list.filter((c) => c.givenBy === 'expert')
  const guardian = list.filter((c) => c.givenBy !== 'expert')
  const ownUntil = coveredUntil(own, birthDate, day)
  if (!ownUntil) return { state: own.length ? 'expired' : 'missing' }
  let until = ownUntil
  if (ageOn(birthDate, day) < 18) {
    const guardianUntil = coveredUntil(guardian, birthDate, day)
    if (!guardianUntil) return { state: 'missing_guardian', validUntil: ownUntil }
    if (guardianUntil < until) until = guardianUntil
  }
  const reason = renewalReason(until, birthDate)
  if (addDays(day, renewalWindowDays) >= until) return { state: 'expiring', validUntil: until, renewalReason: reason }
  return { state: 'valid', validUntil: until, renewalReason: reason }
}

function renewalReason (until: string, birthDate: string): ConsentStatus['renewalReason'] {
  if (addDays(until, 1) === birthday(birthDate, 15)) return 'turns15'
  if (addDays(until, 1) === birthday(birthDate, 18)) return 'turns18'
  return 'expiry'
}

// Whether the expert may be offered work on a day (used by matching): consent valid on that day.
export function consentValidOn (list: ConsentFacts[], birthDate: string, day: string): boolean {
  const state = consentStatus(list, birthDate, day).state
  return state === 'valid' || state === 'expiring'
}

// The first day on which the expert needs a consent renewed; from then on they keep needing it until
// a new consent is recorded. Holds for the days from the latest givenOn onwards (a consent is never
// given in the future, so from the day it is computed on): consentStatus(list, birthDate, day).state
// is not 'valid' exactly when day >= consentDueOn(list, birthDate); a test checks it.
// Why one day is enough: while the expert is a minor every consent given ends before 18, so their own
// consent is due before 18 and the guardian's need (which stops at 18) joins it without a gap; once a
// consent has been given at 18 or later, the guardian no longer matters on any later day.
// Kept on the expert row, so that the home page's renewal list reads an index, not every consent.
const always = '0000-01-01'

export function consentDueOn (list: ConsentFacts[], birthDate: string): string {
  const lastEnd = (consents: ConsentFacts[]) => consents.map((c) => effectiveEnd(c, birthDate)).sort().at(-1)
  const due = (end: string | undefined) => end === undefined ? always : addDays(end, -renewalWindowDays)
  const ownDue = due(lastEnd(list.filter((c) => c.givenBy === 'expert')))
  const turns18 = birthday(birthDate, 18)
  const latestGiven = list.map((c) => c.givenOn).sort().at(-1)
  if (latestGiven === undefined || latestGiven >= turns18) return ownDue
  const guardianDue = due(lastEnd(list.filter((c) => c.givenBy !== 'expert')))
  return guardianDue < turns18 && guardianDue < ownDue ? guardianDue : ownDue
}
