// Matching (design §5): who may be offered an order, and in which order the eligible are shown.
// Pure functions over plain facts, so that one order can be checked against a region's thousands of
// experts in memory after a handful of set-based queries. The facts are narrowed to what the order
// asks (queries.ts): the rules hold for complete facts as well, but matching reads only what it needs.
//
// An expert may be offered an order only when every rule holds; each failed rule is named:
//  status           the expert is active;
//  consent          their own consent is valid on the order's day ('guardian_consent' when what is
//                   missing is the guardian's consent of a minor on that day);
//  training         a valid basic training on the day, when the channel requires it;
//  group            the expert's group is one the order wants (no groups wanted = any group);
//  language         the expert speaks the order's language;
//  availability     inside a weekly window, outside unavailable periods, not paused;
//  overlap          no live assignment within the order's time widened by the travel margin on both
//                   sides (an assignment ending exactly where the margin begins is fine);
//  own_cap          fewer live assignments starting in the order's Helsinki month than the expert's
//                   own monthly cap (none = no cap);
//  heavy_cap        for heavy work, fewer live heavy assignments in that month than the region's cap;
//  cool_off         after the Helsinki day on which the expert's last heavy assignment (before the
//                   order) ended, the region's cool-off days must pass: with 7 days, heavy work ending
//                   on the 1st keeps the 2nd–8th free and the expert may work again on the 9th.
//                   Only earlier heavy work counts: heavy work after the order is that work's concern;
//  excluded_unit    the ordering unit is not on the expert's excluded units (conflict of interest).
// Live assignments are those not cancelled.
//
// Ranking, fairness first: fewest live assignments in the 90 days before now; then the longest since
// the last one (never first); then fit: more shared experience areas, reaching the place (remote work
// allowed for a remote order, or the order's area among the expert's areas), preferring the channel;
// then the display name. An expert offered nothing in six months is marked "not asked".
import type { ExpertStatus, Load, OfferStatus } from '../../../db/schema.js'
import { consentStatus, renewalWindowDays, type ConsentFacts } from '../consents/rules.js'
import { spanOf, unavailabilityIn, type AvailabilityFacts, type Span, type Unavailability } from '../availability/service.js'
import { addDays, addMonths, dayStartUtc, isoPlus, minutesPlus } from '../../lib/dates.js'
import type { RegionSettings } from '../settings/queries.js'

export type Rule =
  | 'status' | 'consent' | 'guardian_consent' | 'training' | 'group' | 'language' | 'availability'
  | 'overlap' | 'own_cap' | 'heavy_cap' | 'cool_off' | 'excluded_unit'

// A failed rule with what the reason shows: `detail` refines the consent and availability rules
// ('missing', 'paused', …); params hold numbers, codes, a day or instant shown as a date ('day'), an
// instant shown as a date and time ('at') and a month number ('month'), formatted where shown. An
// expert outside their weekly windows may have all their windows of the week attached (`windows`,
// added by the service for the experts it shows), so that the coordinator sees when they can.
export interface Failure { rule: Rule, detail?: string, params?: Record<string, string | number>, windows?: WeeklyWindow[] }

// A weekly window: weekday 1 (Monday) – 7, times 'HH:MM' (Helsinki).
export interface WeeklyWindow { weekday: number, startsAt: string, endsAt: string }

// A near miss: an expert who fails one rule only, whom the coordinator may call and ask (a window,
// an unavailable day, their own cap, a consent to renew…). A conflict of interest is never a near
// miss: the expert must not be asked about that unit's work at all.
export function isNearMiss (failures: readonly Failure[]): boolean {
  return failures.length === 1 && failures[0]!.rule !== 'excluded_unit'
}

export type MatchSettings = Pick<RegionSettings, 'heavyMonthlyCap' | 'coolOffDays' | 'travelMarginMinutes'>

export interface OrderFacts {
  day: string
  startsAt: string
  endsAt: string
  load: Load
  language: string
  groupIds: readonly number[]
  orderingUnitId: number
  channelId: number
  requiresBasicTraining: boolean
  remote: boolean
  areaId: number | null
  experienceAreaIds: readonly number[]
}

// A live assignment of the expert (within the range the frame needs).
export interface AssignmentFact { startsAt: string, endsAt: string, load: Load }

export interface ExpertFacts {
  id: number
  displayName: string
  status: ExpertStatus
  birthDate: string
  groupId: number
  monthlyCap: number | null
  // consentDueOn (consents/rules.ts) of the expert's consents, kept on the experts row: on the order's
  // day, which is never before a consent was given, the consent is valid (or expiring, which still
  // holds) exactly when the day is at most the renewal window past it. Only for an expert failing
  // that are the consents needed, to tell which consent is missing; they may be left out otherwise.
  consentDueOn: string
  consents: ConsentFacts[]
  // A valid basic training on the order's day (trainings/rules.ts trainedOn, derived in SQL); null
  // when the order's channel does not require it and it was not read.
  trained: boolean | null
  // Each list may hold only the ids the order asks about (its language, its unit); availability only
  // the windows of the order's weekday and the periods it falls in.
  languages: string[]
  availability: AvailabilityFacts
  excludedUnitIds: number[]
  // Live assignments starting within frame.rangeFrom … frame.rangeTo.
  assignments: AssignmentFact[]
}

// What ranks an eligible expert (read only for the eligible). The lists may hold only the ids the order
// asks about (its experience areas, its channel, its area).
export interface RankingFacts {
  remoteAllowed: boolean
  experienceAreaIds: number[]
  channelIds: number[]
  areaIds: number[]
  // Live assignments starting within frame.recentFrom … frame.now.
  recentAssignments: { startsAt: string }[]
  // The start of the expert's last live assignment before now, and of their last offer (any order).
  lastAssignmentAt: string | null
  lastOfferedAt: string | null
}

// What every expert is compared with, worked out once per order: the Helsinki span of the work, the
// earliest consent due day that still covers the order's day, its month, the travel-margin window, the
// cool-off limit, the range of assignments that covers these (an assignment is assumed to last under
// 24 hours), and the fairness windows of the ranking.
export interface Frame {
  span: Span
  consentDueFrom: string
  month: number
  monthFrom: string
  monthTo: string
  marginFrom: string
  marginTo: string
  coolOffFrom: string
  recentFrom: string
  now: string
  notAskedBefore: string
  rangeFrom: string
  rangeTo: string
}

const dayMs = 24 * 60 * 60 * 1000

export function frameOf (order: Pick<OrderFacts, 'day' | 'startsAt' | 'endsAt'>, settings: MatchSettings, now: string): Frame {
  const firstOfMonth = `${order.day.slice(0, 7)}-01`
  const monthFrom = dayStartUtc(firstOfMonth)!
  const monthTo = dayStartUtc(addMonths(firstOfMonth, 1))!
  const marginFrom = minutesPlus(order.startsAt, -settings.travelMarginMinutes)
  const marginTo = minutesPlus(order.endsAt, settings.travelMarginMinutes)
  // Heavy work ending after the start of this Helsinki day is within the cool-off.
  const coolOffFrom = dayStartUtc(addDays(order.day, -settings.coolOffDays))!
  const recentFrom = isoPlus(now, -90 * dayMs)
  const notAskedBefore = `${addMonths(now.slice(0, 10), -6)}${now.slice(10)}`
  const starts = [monthFrom, isoPlus(marginFrom, -dayMs), isoPlus(coolOffFrom, -dayMs)].sort()
  const ends = [monthTo, marginTo].sort()
  return {
    span: spanOf(order.startsAt, order.endsAt), consentDueFrom: addDays(order.day, -renewalWindowDays),
    month: Number(order.day.slice(5, 7)), monthFrom, monthTo, marginFrom, marginTo, coolOffFrom,
    recentFrom, now, notAskedBefore, rangeFrom: starts[0]!, rangeTo: ends[ends.length - 1]!,
  }
}

// Every rule the expert fails for the order; empty when they may be offered it.
export function failedRules (expert: ExpertFacts, order: OrderFacts, settings: MatchSettings, frame: Frame): Failure[] {
  const failures: Failure[] = []
  const day = order.day
  if (expert.status !== 'active') failures.push({ rule: 'status', params: { status: expert.status } })
  if (expert.consentDueOn < frame.consentDueFrom) failures.push(consentFailure(expert, day))
  if (order.requiresBasicTraining && !expert.trained) failures.push({ rule: 'training', params: { day } })
  if (order.groupIds.length > 0 && !order.groupIds.includes(expert.groupId)) failures.push({ rule: 'group' })
  if (!expert.languages.includes(order.language)) failures.push({ rule: 'language', params: { language: order.language } })
  const unavailable: Unavailability | undefined = unavailabilityIn(expert.availability, frame.span)
  if (unavailable) failures.push({ rule: 'availability', detail: unavailable, params: unavailable === 'paused' ? { day: expert.availability.pausedUntil! } : {} })
  failures.push(...assignmentFailures(expert, order, settings, frame))
  if (expert.excludedUnitIds.includes(order.orderingUnitId)) failures.push({ rule: 'excluded_unit' })
  return failures
}

// Which consent is missing, for an expert whose consent does not cover the day.
function consentFailure (expert: ExpertFacts, day: string): Failure {
  const state = consentStatus(expert.consents, expert.birthDate, day).state
  if (state === 'missing_guardian') return { rule: 'guardian_consent', params: { day } }
  return { rule: 'consent', detail: state === 'missing' ? 'missing' : 'expired', params: { day } }
}

function assignmentFailures (expert: ExpertFacts, order: OrderFacts, settings: MatchSettings, frame: Frame): Failure[] {
  const failures: Failure[] = []
  const clash = expert.assignments.find((a) => a.startsAt < frame.marginTo && frame.marginFrom < a.endsAt)
  if (clash) failures.push({ rule: 'overlap', params: { at: clash.startsAt, minutes: settings.travelMarginMinutes } })
  const inMonth = expert.assignments.filter((a) => frame.monthFrom <= a.startsAt && a.startsAt < frame.monthTo)
  if (expert.monthlyCap !== null && inMonth.length >= expert.monthlyCap) {
    failures.push({ rule: 'own_cap', params: { count: inMonth.length, cap: expert.monthlyCap, month: frame.month } })
  }
  const heavyInMonth = inMonth.filter((a) => a.load === 'heavy').length
  if (order.load === 'heavy' && heavyInMonth >= settings.heavyMonthlyCap) {
    failures.push({ rule: 'heavy_cap', params: { count: heavyInMonth, cap: settings.heavyMonthlyCap, month: frame.month } })
  }
  const lastHeavy = expert.assignments
    .filter((a) => a.load === 'heavy' && a.startsAt < order.startsAt && a.endsAt > frame.coolOffFrom)
    .sort((a, b) => a.endsAt.localeCompare(b.endsAt)).at(-1)
  if (lastHeavy) failures.push({ rule: 'cool_off', params: { day: lastHeavy.endsAt, days: settings.coolOffDays } })
  return failures
}

// Why an eligible expert ranks where they do.
export interface Standing {
  recent: number
  lastAssignmentAt: string | null
  sharedAreas: number
  reach: 'remote' | 'area' | null
  prefersChannel: boolean
  notAsked: boolean
}

export function standingOf (expert: RankingFacts, order: OrderFacts, frame: Frame): Standing {
  const recent = expert.recentAssignments.filter((a) => frame.recentFrom <= a.startsAt && a.startsAt < frame.now).length
  let reach: Standing['reach'] = null
  if (order.remote && expert.remoteAllowed) reach = 'remote'
  else if (order.areaId !== null && expert.areaIds.includes(order.areaId)) reach = 'area'
  return {
    recent,
    lastAssignmentAt: expert.lastAssignmentAt,
    sharedAreas: order.experienceAreaIds.filter((id) => expert.experienceAreaIds.includes(id)).length,
    reach,
    prefersChannel: expert.channelIds.includes(order.channelId),
    notAsked: expert.lastOfferedAt === null || expert.lastOfferedAt < frame.notAskedBefore,
  }
}

const names = new Intl.Collator('fi')

// Fairness first, then fit, then the name (and the id, so that the order is total).
export function compareCandidates (a: { id: number, displayName: string, standing: Standing }, b: { id: number, displayName: string, standing: Standing }): number {
  const x = a.standing
  const y = b.standing
  return x.recent - y.recent
    || (x.lastAssignmentAt ?? '').localeCompare(y.lastAssignmentAt ?? '')
    || y.sharedAreas - x.sharedAreas
    || Number(y.reach !== null) - Number(x.reach !== null)
    || Number(y.prefersChannel) - Number(x.prefersChannel)
    || names.compare(a.displayName, b.displayName)
    || a.id - b.id
}

export function rankCandidates<T extends { id: number, displayName: string, standing: Standing }> (candidates: T[]): T[] {
  return [...candidates].sort(compareCandidates)
}

// An offer of this order that still holds the expert: pending and not yet expired, or accepted. A
// declined, withdrawn or expired offer may be renewed.
export function offerHolds (offer: { status: OfferStatus, expiresAt: string }, now: string): boolean {
  return offer.status === 'accepted' || (offer.status === 'pending' && offer.expiresAt > now)
}

// The status an offer shows: a pending offer past its expiry is expired, whether or not a sweep has
// written it yet.
export function offerStateOf (offer: { status: OfferStatus, expiresAt: string }, now: string): OfferStatus {
  return offer.status === 'pending' && offer.expiresAt <= now ? 'expired' : offer.status
}
