// The consent form. A consent is given by the expert, a guardian or the custodial official (then that
// person's name is required; for the expert themself any name is dropped); it covers at least one
// scope; it was given on a day not in the future and expires on a later day. Rules that need the
// expert (a guardian consents only for a minor) are in service.ts.
import { calendarDay, checked, choice, optionalMax, result, text, type Body, type Errors } from '../../web/forms.js'
import { consentGivers, type ConsentGiver } from '../../../db/schema.js'

export const scopes = ['scopeRegister', 'scopeContact', 'scopeMedia', 'scopeRealName'] as const

export interface ConsentValues {
  givenBy: ConsentGiver | undefined
  giverName: string
  scopeRegister: boolean
  scopeContact: boolean
  scopeMedia: boolean
  scopeRealName: boolean
  givenOn: string
  expiresOn: string
}

// `day` is today: a consent cannot be given in the future.
export function parseConsent (body: Body | undefined, day: string) {
  const errors: Errors = {}
  const givenBy = choice(errors, 'givenBy', text(body, 'givenBy'), consentGivers)
  const values: ConsentValues = {
    givenBy,
    giverName: givenBy === 'expert' ? '' : text(body, 'giverName'),
    scopeRegister: checked(body, 'scopeRegister'),
    scopeContact: checked(body, 'scopeContact'),
    scopeMedia: checked(body, 'scopeMedia'),
    scopeRealName: checked(body, 'scopeRealName'),
    givenOn: calendarDay(errors, 'givenOn', text(body, 'givenOn')),
    expiresOn: calendarDay(errors, 'expiresOn', text(body, 'expiresOn')),
  }
  if (givenBy !== undefined && givenBy !== 'expert' && values.giverName === '') errors.giverName = { key: 'consents.giverNameRequired' }
  else optionalMax(errors, 'giverName', values.giverName, 200)
  if (!scopes.some((scope) => values[scope])) errors.scope = { key: 'consents.scopeRequired' }
  if (!errors.givenOn && values.givenOn > day) errors.givenOn = { key: 'consents.givenInFuture' }
  else if (!errors.givenOn && !errors.expiresOn && values.expiresOn <= values.givenOn) errors.expiresOn = { key: 'consents.expiresBeforeGiven' }
  return result(values, errors)
}

export type ParsedConsent = ReturnType<typeof parseConsent>

// The empty form: the register scope is what the register needs, and most consents are given today.
export function blankConsent (day: string): ConsentValues {
  return { givenBy: undefined, giverName: '', scopeRegister: true, scopeContact: false, scopeMedia: false, scopeRealName: false, givenOn: day, expiresOn: '' }
}
