// The audit log's filters, a GET form. A bad value gets its message at its field (422) and is left
// out of the filter; the other filters still apply.
import { id, readDay, result, text, type Body, type Errors } from '../../web/forms.js'
import { dayStartUtc } from '../../lib/dates.js'
import type { AuditFilter } from './queries.js'

export function parseAuditFilter (query: Body) {
  const errors: Errors = {}
  const values = { subject: text(query, 'subject'), actor: text(query, 'actor'), from: text(query, 'from'), to: text(query, 'to') }
  const subjectId = userId(errors, 'subject', values.subject)
  const from = optionalDay(errors, 'from', values.from)
  const to = optionalDay(errors, 'to', values.to)
  if (from && to && to < from) errors.to = { key: 'audit.toBeforeFrom' }
  const filter: AuditFilter = {
    subject: subjectId === undefined ? undefined : { type: 'user', id: subjectId },
    actorUserId: userId(errors, 'actor', values.actor),
    since: from && dayStartUtc(from),
    before: to && !errors.to ? dayStartUtc(dayAfter(to)) : undefined,
  }
  return { ...result(values, errors), filter, page: id(query.page) ?? 1 }
}

function userId (errors: Errors, field: string, value: string): number | undefined {
  const userId = id(value)
  if (value !== '' && userId === undefined) errors[field] = { key: 'form.invalidChoice' }
  return userId
}

// An optional Helsinki calendar day (empty: no bound).
function optionalDay (errors: Errors, field: string, value: string): string | undefined {
  if (value === '') return undefined
  const day = readDay(value)
  if (day === undefined) errors[field] = { key: 'form.invalidDate' }
  return day
}

// The next calendar day: pure calendar arithmetic, so no time zone is involved.
function dayAfter (day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10)
}
