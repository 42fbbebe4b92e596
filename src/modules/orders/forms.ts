// One parser per form: a new order, the list's filters and a cancellation. Shapes only: whether the
// chosen unit, channel, area, groups and experience areas are the region's own active ones is checked
// in service.ts.
import { orderStatuses, loads, type Load, type OrderStatus } from '../../../db/schema.js'
import {
  calendarDay, checked, choice, clockTime, id, optionalMax, readDay, required, result, text, wholeNumber, type Body, type Errors,
} from '../../web/forms.js'
import { spokenLanguages } from '../me/forms.js'

// The duration is chosen in half hours, from half an hour to twelve hours.
export const durationChoices = Array.from({ length: 24 }, (_, i) => (i + 1) / 2)

// What the form keeps as typed, shown again when it comes back.
export interface OrderValues {
  orderingUnitId: string
  channelId: string
  topic: string
  description: string
  day: string
  startTime: string
  durationHours: string
  remote: boolean
  areaId: string
  address: string
  audienceKind: string
  audienceSize: string
  expertsWanted: string
  groupIds: string[]
  experienceAreaIds: string[]
  language: string
  preparationWanted: boolean
  load: string
}

export const blankOrder: OrderValues = {
  orderingUnitId: '', channelId: '', topic: '', description: '', day: '', startTime: '', durationHours: '2', remote: false, areaId: '',
  address: '', audienceKind: '', audienceSize: '', expertsWanted: '1', groupIds: [], experienceAreaIds: [], language: 'fi',
  preparationWanted: false, load: '',
}

// The form's values as the service stores them, once there are no errors.
export interface OrderFields {
  orderingUnitId: number | undefined
  channelId: number | undefined
  durationMinutes: number
  areaId: number | undefined
  audienceSize: number | undefined
  expertsWanted: number
  groupIds: number[]
  experienceAreaIds: number[]
  load: Load | undefined
}

// `day` is today: an order cannot be for a day already past. The unit is read only when the one
// ordering chooses it (a coordinator or pair worker); an orderer always orders for their own unit.
export function parseOrder (body: Body | undefined, { day, choosesUnit }: { day: string, choosesUnit: boolean }) {
  const errors: Errors = {}
  const values: OrderValues = {
    orderingUnitId: choosesUnit ? text(body, 'orderingUnitId') : '',
    channelId: text(body, 'channelId'),
    topic: text(body, 'topic').replace(/\s+/g, ' '),
    description: text(body, 'description'),
    day: calendarDay(errors, 'day', text(body, 'day')),
    startTime: clockTime(errors, 'startTime', text(body, 'startTime')),
    durationHours: text(body, 'durationHours').replace(',', '.'),
    remote: checked(body, 'remote'),
    areaId: text(body, 'areaId'),
    address: text(body, 'address'),
    audienceKind: text(body, 'audienceKind'),
    audienceSize: text(body, 'audienceSize'),
    expertsWanted: text(body, 'expertsWanted'),
    groupIds: list(body, 'groupIds'),
    experienceAreaIds: list(body, 'experienceAreaIds'),
    language: text(body, 'language'),
    preparationWanted: checked(body, 'preparationWanted'),
    load: text(body, 'load'),
  }
  if (!errors.day && values.day < day) errors.day = { key: 'orders.error.pastDay' }
  required(errors, 'topic', values.topic)
  optionalMax(errors, 'description', values.description, 2000)
  optionalMax(errors, 'address', values.address, 200)
  optionalMax(errors, 'audienceKind', values.audienceKind, 100)
  const fields: OrderFields = {
    orderingUnitId: choosesUnit ? idChoice(errors, 'orderingUnitId', values.orderingUnitId) : undefined,
    channelId: idChoice(errors, 'channelId', values.channelId),
    durationMinutes: duration(errors, values.durationHours),
    areaId: values.remote ? undefined : idChoice(errors, 'areaId', values.areaId),
    audienceSize: wholeNumber(errors, 'audienceSize', values.audienceSize, 1, 10000, true),
    expertsWanted: wholeNumber(errors, 'expertsWanted', values.expertsWanted, 1, 20) ?? 1,
    groupIds: ids(errors, 'groupIds', values.groupIds),
    experienceAreaIds: ids(errors, 'experienceAreaIds', values.experienceAreaIds),
    load: values.load === '' ? undefined : choice(errors, 'load', values.load, loads),
  }
  choice(errors, 'language', values.language, spokenLanguages)
  return { ...result(values, errors, ['description']), fields }
}

export type ParsedOrder = ReturnType<typeof parseOrder>

// Hours in half-hour steps, typed '1,5' or '1.5'; minutes.
function duration (errors: Errors, value: string): number {
  const hours = Number(value)
  if (value === '') errors.durationHours = { key: 'form.required' }
  else if (!durationChoices.includes(hours)) errors.durationHours = { key: 'orders.error.duration' }
  return Math.round(hours * 60)
}

// A choice from a select of ids: empty is a missing answer, anything else not an id a wrong one.
function idChoice (errors: Errors, field: string, value: string): number | undefined {
  const chosen = id(value)
  if (chosen === undefined) errors[field] = { key: value === '' ? 'form.required' : 'form.invalidChoice' }
  return chosen
}

// Checkboxes send a field once per ticked box, or not at all.
function list (body: Body | undefined, field: string): string[] {
  return [body?.[field]].flat().filter((one): one is string => typeof one === 'string' && one !== '')
}

// Ticked ids; anything that is not an id is a tampered form.
function ids (errors: Errors, field: string, raw: string[]): number[] {
  const chosen = raw.map(id).filter((one): one is number => one !== undefined)
  if (chosen.length !== raw.length) errors[field] = { key: 'form.invalidChoice' }
  return [...new Set(chosen)]
}

// Coming orders first (soonest first) is what a coordinator and an orderer work from; the past and
// the whole list (latest start first) are a choice away.
export const listSorts = ['upcoming', 'past', 'newest'] as const
export type ListSort = (typeof listSorts)[number]

export interface OrderFilter {
  q?: string
  status?: OrderStatus
  unit?: number
  from?: string
  to?: string
  sort: ListSort
}

// Filters come from links and a GET form: an unknown choice is no filter; a day that cannot be read
// is an error at its field (the list is then shown unfiltered by it, with the message).
export function parseOrderFilter (query: Body | undefined) {
  const errors: Errors = {}
  const status = text(query, 'status')
  const sort = text(query, 'sort')
  const typed = { q: text(query, 'q').replace(/\s+/g, ' ').slice(0, 100), from: text(query, 'from'), to: text(query, 'to') }
  const filter: OrderFilter = {
    q: typed.q.toLowerCase() || undefined,
    status: (orderStatuses as readonly string[]).includes(status) ? status as OrderStatus : undefined,
    unit: id(text(query, 'unit')),
    from: filterDay(errors, 'from', typed.from),
    to: filterDay(errors, 'to', typed.to),
    sort: (listSorts as readonly string[]).includes(sort) ? sort as ListSort : 'upcoming',
  }
  if (filter.from && filter.to && filter.to < filter.from) errors.to = { key: 'orders.error.toBeforeFrom' }
  const values: Record<string, string> = {}
  for (const [key, value] of Object.entries(filter)) values[key] = value === undefined ? '' : String(value)
  Object.assign(values, typed)
  return { filter, values, errors, page: id(text(query, 'page')) ?? 1 }
}

function filterDay (errors: Errors, field: string, value: string): string | undefined {
  if (value === '') return undefined
  const day = readDay(value)
  if (day === undefined) errors[field] = { key: 'form.invalidDate' }
  return day
}

export function parseCancellation (body: Body | undefined) {
  const errors: Errors = {}
  const values = { reason: text(body, 'reason') }
  required(errors, 'reason', values.reason, 500)
  return result(values, errors, ['reason'])
}

export type ParsedCancellation = ReturnType<typeof parseCancellation>
