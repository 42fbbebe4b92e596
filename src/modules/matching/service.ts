// Matching and making offers (design §4.7–4.8, §5). The coordinator sees the region's active experts
// split into the ranked eligible, those already offered this order, and the excluded with every rule
// they fail. Offers are made only to experts eligible at that moment (the rules run again inside the
// writing transaction, so a stale page offers nothing to someone no longer eligible), all or none.
// Each offer is audited and its expert told by mail, in their language, with a display name and a
// link only.
import type { Db } from '../../db.js'
import type { OfferStatus } from '../../../db/schema.js'
import type { CurrentUser } from '../../web/types.js'
import type { Errors } from '../../web/forms.js'
import { isoPlus } from '../../lib/dates.js'
import { recordAudit } from '../audit/service.js'
import { mailOffer } from '../mail/mails.js'
import { refreshOrderStatus } from '../orders/status.js'
import { isMinorOn } from '../experts/rules.js'
import { regionSettingsOf, type RegionSettings } from '../settings/queries.js'
import {
  candidateFacts, contactsOf, failingTwice, heldOf, matchOrderOf, inactiveCount, offeredOf, rankingFacts, screenExperts, upsertOffer, weeklyWindowsOf,
  type MatchOrder, type OfferedExpert,
} from './queries.js'
import { failedRules, frameOf, isNearMiss, offerStateOf, rankCandidates, standingOf, type Failure, type Frame, type Standing } from './rules.js'

export interface Candidate { id: number, displayName: string, groupName: string, minor: boolean }
export interface RankedCandidate extends Candidate { standing: Standing, previousOffer: OfferStatus | null }
export interface ExcludedCandidate extends Candidate { failures: Failure[] }
export interface OfferedCandidate extends OfferedExpert { state: OfferStatus | 'assigned' }

export interface Match {
  eligible: RankedCandidate[]
  // The first of the excluded by display name (as many as asked) and those asked about, each with every
  // rule they fail.
  excluded: ExcludedCandidate[]
  excludedTotal: number
  // When asked for: the first excluded experts who fail one rule only (rules.ts isNearMiss), by
  // display name, with that rule; and whether they are all of them.
  nearMisses: ExcludedCandidate[]
  nearMissesAll: boolean
  offered: OfferedCandidate[]
  // Experts of the region who are not active (not listed one by one).
  inactive: number
}

const openStatuses: readonly string[] = ['new', 'matching', 'partly_filled']

// Offers can be made while the order has places to fill and has not started.
export function isOpen (order: MatchOrder, now: string): boolean {
  return openStatuses.includes(order.status) && order.startsAt > now
}

// How many of the excluded to show with their reasons (all: Infinity), any experts whose reasons
// are wanted wherever they stand (those chosen for an offer), and how many near misses to find (the
// first by display name; all: Infinity; none when left out).
export interface MatchDetail { excluded: number, experts?: readonly number[], nearMisses?: number }

// Every rule decides for every active expert. The screen (queries.ts) settles in SQL those who fail a
// rule that needs no assignments; the whole facts are read only for the rest, and for the excluded
// whose reasons are shown, whose every failed rule is then named. An expert holding a place or an offer
// of the order is listed as offered instead. The ranking facts are read for the eligible only; the
// week's windows for those shown outside theirs.
export function matchOrder (db: Db, order: MatchOrder, settings: RegionSettings, now: string, detail: MatchDetail = { excluded: Infinity }): Match {
  const frame = frameOf(order, settings, now)
  const held = heldOf(db, order.id, now)
  const screen = screenExperts(db, order, frame)
  const wanted = new Set(detail.experts)
  // The first `detail.excluded` of the excluded are among the first as many who fail the screen.
  const chosen: number[] = []
  // Everyone not held, by display name: where the near misses are looked for.
  const pool: number[] = []
  let screenedOut = 0
  screen.ids.forEach((id, i) => {
    if (held.has(id)) return
    pool.push(id)
    if (screen.screened[i] === 0 || wanted.has(id) || screenedOut++ < detail.excluded) chosen.push(id)
  })
  const fits: (Candidate & { previousOffer: OfferStatus | null })[] = []
  const excluded: ExcludedCandidate[] = []
  for (const expert of candidateFacts(db, order, settings, now, frame, chosen)) {
    const candidate = { id: expert.id, displayName: expert.displayName, groupName: expert.groupName, minor: isMinorOn(expert.birthDate, order.day) }
    const failures = failedRules(expert, order, settings, frame)
    if (failures.length > 0) excluded.push({ ...candidate, failures })
    else fits.push({ ...candidate, previousOffer: expert.offer && offerStateOf(expert.offer, now) })
  }
  const ranking = rankingFacts(db, order, frame, fits.map((c) => c.id))
  const eligible = fits.map((c) => ({ ...c, standing: standingOf(ranking.get(c.id)!, order, frame) }))
  const shown = excluded.filter((c, i) => i < detail.excluded || wanted.has(c.id))
  const near = nearMissesOf(db, order, settings, now, frame, { pool, read: new Set(chosen), excluded }, detail.nearMisses ?? 0)
  showWeeks(db, [...shown, ...near.found])
  return {
    eligible: rankCandidates(eligible),
    excluded: shown,
    excludedTotal: pool.length - fits.length,
    nearMisses: near.found,
    nearMissesAll: near.all,
    offered: offeredList(db, order, now),
    inactive: inactiveCount(db, order.regionId),
  }
}

// The first `wanted` near misses by display name. Everyone the screen lets through has been read; of
// the rest, a batch at a time in the screen's order, those whom a second rule of the screen fails are
// set aside in SQL (failingTwice) and the whole facts of the others are read — whether the rules that
// need assignments, or the part of the weekly windows the screen leaves, fail them too, only these
// tell — until enough are found. At national scale an order has thousands the screen fails on one
// rule only, nearly all of them near misses: they are not all read unless all are asked for.
function nearMissesOf (db: Db, order: MatchOrder, settings: RegionSettings, now: string, frame: Frame,
  weighed: { pool: number[], read: Set<number>, excluded: ExcludedCandidate[] }, wanted: number): { found: ExcludedCandidate[], all: boolean } {
  const known = new Map(weighed.excluded.map((c) => [c.id, c]))
  const found: ExcludedCandidate[] = []
  let examined = 0
  let left = false
  while (found.length < wanted && examined < weighed.pool.length) {
    const batch = weighed.pool.slice(examined, examined + Math.max(3 * (wanted - found.length), 30))
    examined += batch.length
    const unread = batch.filter((id) => !weighed.read.has(id))
    const twice = unread.length > 0 ? failingTwice(db, order, frame, unread) : new Set<number>()
    const once = unread.filter((id) => !twice.has(id))
    for (const expert of once.length > 0 ? candidateFacts(db, order, settings, now, frame, once) : []) {
      const candidate = { id: expert.id, displayName: expert.displayName, groupName: expert.groupName, minor: isMinorOn(expert.birthDate, order.day) }
      known.set(expert.id, { ...candidate, failures: failedRules(expert, order, settings, frame) })
    }
    for (const id of batch) {
      const candidate = known.get(id)
      if (!candidate || !isNearMiss(candidate.failures)) continue
      if (found.length < wanted) found.push(candidate)
      else left = true
    }
  }
  return { found, all: !left && examined >= weighed.pool.length }
}

// Attaches the week's windows to each failure of being outside them.
function showWeeks (db: Db, candidates: ExcludedCandidate[]): void {
  const outside = candidates.flatMap((c) => c.failures.filter((f) => f.detail === 'outside_windows').map((failure) => ({ id: c.id, failure })))
  if (outside.length === 0) return
  const weeks = weeklyWindowsOf(db, [...new Set(outside.map((o) => o.id))])
  for (const { id, failure } of outside) failure.windows = weeks.get(id) ?? []
}

function offeredList (db: Db, order: MatchOrder, now: string): OfferedCandidate[] {
  return offeredOf(db, order.id).map((row) => ({ ...row, state: row.assigned ? 'assigned' : offerStateOf({ status: row.status!, expiresAt: row.expiresAt! }, now) }))
}

// The matching page's content; showing it is one 'list' read of the order's candidates in the audit
// log. A closed order shows only who was offered it.
export function viewMatches (db: Db, actor: CurrentUser, order: MatchOrder, now: string, detail?: MatchDetail): Match {
  recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action: 'list', subjectType: 'order', subjectId: order.id, detail: 'matches' })
  if (!isOpen(order, now)) return { eligible: [], excluded: [], excludedTotal: 0, nearMisses: [], nearMissesAll: true, offered: offeredList(db, order, now), inactive: 0 }
  return matchOrder(db, order, regionSettingsOf(db, order.regionId), now, detail)
}

// Why a chosen expert cannot be offered the order now.
export type Refusal =
  | { expertId: number, displayName: string, failures: Failure[] }
  | { expertId: number, displayName: string, offered: OfferStatus | 'assigned' }
  | { expertId: number, unknown: true }

export type OfferOutcome =
  | { ok: true, value: { sent: number, unmailed: string[] } }
  | { ok: false, errors: Errors, refused: Refusal[] }

export function makeOffers (db: Db, actor: CurrentUser, shown: MatchOrder, expertIds: readonly number[], now: string, siteUrl: string): OfferOutcome {
  return db.transaction(() => {
    // The order as it is now, inside the transaction that writes.
    const order = matchOrderOf(db, shown.regionId, shown.id)!
    if (!isOpen(order, now)) return { ok: false as const, errors: { expertIds: { key: 'matching.error.closed' } }, refused: [] }
    const settings = regionSettingsOf(db, order.regionId)
    const match = matchOrder(db, order, settings, now, { excluded: 0, experts: expertIds })
    const eligible = new Set(match.eligible.map((c) => c.id))
    const refused = expertIds.filter((id) => !eligible.has(id)).map((id) => refusalOf(match, id))
    if (refused.length > 0) return { ok: false as const, errors: { expertIds: { key: 'matching.error.refused', params: { count: refused.length } } }, refused }
    const expiresAt = [isoPlus(now, settings.offerExpiryHours * 3_600_000), order.startsAt].sort()[0]!
    const unmailed: string[] = []
    for (const contact of contactsOf(db, expertIds)) {
      upsertOffer(db, { orderId: order.id, expertId: contact.id, userId: actor.id, offeredAt: now, expiresAt })
      recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action: 'offer_made', subjectType: 'expert', subjectId: contact.id, detail: `order:${order.id}` })
      if (contact.email === null) unmailed.push(contact.displayName)
      else mailOffer(db, siteUrl, { regionId: order.regionId, to: contact.email, lang: contact.preferredLanguage }, { name: contact.displayName, topic: order.topic, startsAt: order.startsAt })
    }
    refreshOrderStatus(db, order.id, now)
    return { ok: true as const, value: { sent: expertIds.length, unmailed } }
  }, { behavior: 'immediate' })
}

function refusalOf (match: Match, expertId: number): Refusal {
  const excluded = match.excluded.find((c) => c.id === expertId)
  if (excluded) return { expertId, displayName: excluded.displayName, failures: excluded.failures }
  const offered = match.offered.find((c) => c.expertId === expertId)
  if (offered) return { expertId, displayName: offered.displayName, offered: offered.state }
  return { expertId, unknown: true }
}
