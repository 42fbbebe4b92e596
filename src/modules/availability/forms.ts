// One parser per availability form. They check the shape of each field (a weekday, a clock time,
// a calendar day, a number); the rules between fields and against the stored rows (end after start,
// no overlapping windows, nothing wholly in the past) are in service.ts.
import { calendarDay, optionalMax, result, text, type Body, type Errors } from '../../web/forms.js'

export const noteMax = 200
export const capMax = 31

export function parseWindow (body: Body | undefined) {
  const errors: Errors = {}
  const weekday = text(body, 'weekday')
  const values = { weekday, startsAt: clockTime(errors, 'startsAt', text(body, 'startsAt')), endsAt: clockTime(errors, 'endsAt', text(body, 'endsAt')) }
  if (!/^[1-7]$/.test(weekday)) errors.weekday = { key: weekday === '' ? 'form.required' : 'form.invalidChoice' }
  return result(values, errors)
}

export function parsePeriod (body: Body | undefined) {
  const errors: Errors = {}
  const values = {
    startsOn: calendarDay(errors, 'startsOn', text(body, 'startsOn')),
    endsOn: calendarDay(errors, 'endsOn', text(body, 'endsOn')),
    note: text(body, 'note'),
  }
  optionalMax(errors, 'note', values.note, noteMax)
  return result(values, errors)
}

// Empty is no cap of one's own.
export function parseCap (body: Body | undefined) {
  const errors: Errors = {}
  const monthlyCap = text(body, 'monthlyCap')
  if (monthlyCap !== '' && !(/^\d{1,2}$/.test(monthlyCap) && Number(monthlyCap) >= 1 && Number(monthlyCap) <= capMax)) {
    errors.monthlyCap = { key: 'availability.capRange', params: { max: capMax } }
  }
  return result({ monthlyCap }, errors)
}

// Either a day to come back on, or `resume` to end the pause now.
export function parsePause (body: Body | undefined) {
  const errors: Errors = {}
  const resume = text(body, 'resume') !== ''
  const values = { resume, pausedUntil: resume ? '' : calendarDay(errors, 'pausedUntil', text(body, 'pausedUntil')) }
  return result(values, errors)
}

// 'HH:MM' as a time input sends it; 9.00 and 9:00 are also understood. An unreadable value is kept
// as typed, for the form to show it again.
function clockTime (errors: Errors, field: string, value: string): string {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(value)
  if (match && Number(match[1]) < 24 && Number(match[2]) < 60) return `${match[1]!.padStart(2, '0')}:${match[2]}`
  errors[field] = { key: value === '' ? 'form.required' : 'availability.invalidTime' }
  return value
}
