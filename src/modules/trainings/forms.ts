// One parser per form: a new training, an enrolment, a completion. Rules that need the database (the
// region's own provider and experts, the enrolment, the training's start) are in service.ts.
import { calendarDay, checked, id, required, result, text, type Body, type Errors } from '../../web/forms.js'

// What the form keeps as typed; numbers become numbers once the form is valid.
export interface TrainingValues {
  name: string
  hostOrganisationId: string
  hours: string
  startsOn: string
  endsOn: string
  isBasic: boolean
  validityMonths: string
}

function wholeNumber (errors: Errors, field: string, value: string, min: number, max: number): void {
  if (!/^\d{1,5}$/.test(value) || Number(value) < min || Number(value) > max) errors[field] = { key: 'trainings.wholeNumber', params: { min, max } }
}

export function parseTraining (body: Body | undefined) {
  const errors: Errors = {}
  const values: TrainingValues = {
    name: text(body, 'name').replace(/\s+/g, ' '),
    hostOrganisationId: text(body, 'hostOrganisationId'),
    hours: text(body, 'hours'),
    startsOn: calendarDay(errors, 'startsOn', text(body, 'startsOn')),
    endsOn: calendarDay(errors, 'endsOn', text(body, 'endsOn')),
    isBasic: checked(body, 'isBasic'),
    validityMonths: text(body, 'validityMonths'),
  }
  required(errors, 'name', values.name)
  idChoice(errors, 'hostOrganisationId', values.hostOrganisationId)
  if (values.hours === '') errors.hours = { key: 'form.required' }
  else wholeNumber(errors, 'hours', values.hours, 1, 1000)
  if (values.validityMonths !== '') wholeNumber(errors, 'validityMonths', values.validityMonths, 1, 240)
  if (!errors.startsOn && !errors.endsOn && values.endsOn < values.startsOn) errors.endsOn = { key: 'trainings.endBeforeStart' }
  return result(values, errors)
}

export type ParsedTraining = ReturnType<typeof parseTraining>

export const blankTraining: TrainingValues = { name: '', hostOrganisationId: '', hours: '', startsOn: '', endsOn: '', isBasic: false, validityMonths: '' }

// A choice from a select of ids: empty is a missing answer, anything else not an id a wrong one.
function idChoice (errors: Errors, field: string, value: string): number | undefined {
  const chosen = id(value)
  if (chosen === undefined) errors[field] = { key: value === '' ? 'form.required' : 'form.invalidChoice' }
  return chosen
}

export function parseEnrolment (body: Body | undefined) {
  const errors: Errors = {}
  const values = { expertId: text(body, 'expertId') }
  const expertId = idChoice(errors, 'expertId', values.expertId)
  return { ...result(values, errors), expertId }
}

// `day` is today: a completion cannot be in the future.
export function parseCompletion (body: Body | undefined, day: string) {
  const errors: Errors = {}
  const values = { expertId: text(body, 'expertId'), completedOn: calendarDay(errors, 'completedOn', text(body, 'completedOn')) }
  const expertId = idChoice(errors, 'expertId', values.expertId)
  if (!errors.completedOn && values.completedOn > day) errors.completedOn = { key: 'trainings.completedInFuture' }
  return { ...result(values, errors), expertId }
}

export type ParsedEnrolment = ReturnType<typeof parseEnrolment>
export type ParsedCompletion = ReturnType<typeof parseCompletion>
