// The coordinator's matching page and the offers made from it (coordinators and pair workers of the
// order's region; another region's order is not found).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { feeEstimateCents } from '../assignments/rules.js'
import { regionSettingsOf } from '../settings/queries.js'
import { passesLimit, yearIncomes } from '../fees/income.js'
import { yearOf } from '../fees/rules.js'
import { allow } from '../../web/access.js'
import { notFound } from '../../web/errors.js'
import { id, type Body, type Errors } from '../../web/forms.js'
import type { Translate } from '../../web/i18n/index.js'
import { nowIso } from '../../lib/dates.js'
import type { Formats } from '../../lib/format.js'
import { parseOffer } from './forms.js'
import { matchOrderOf, type MatchOrder } from './queries.js'
import { isOpen, makeOffers, viewMatches, type Refusal } from './service.js'
import type { Failure, Standing, WeeklyWindow } from './rules.js'
import './messages.js'

const matchers = { config: allow(['coordinator', 'pair_worker']) }

export async function matchingRoutes (app: FastifyInstance) {
  app.get('/orders/:id/matches', matchers, async (request, reply) => {
    return matchesPage(request, reply, orderOf(request))
  })

  app.post('/orders/:id/offers', matchers, async (request, reply) => {
    const order = orderOf(request)
    const form = parseOffer(request.body as Body)
    if (!form.ok) return matchesPage(request, reply, order, { errors: form.errors })
    const outcome = makeOffers(app.db, request.user!, order, form.values.expertIds, nowIso(), app.config.siteUrl)
    if (!outcome.ok) return matchesPage(request, reply, order, { errors: outcome.errors, chosen: form.values.expertIds, refused: outcome.refused })
    const { sent, unmailed } = outcome.value
    if (unmailed.length > 0) reply.flash('success', 'matching.sent.unmailed', { count: sent, names: unmailed.join(', ') })
    else reply.flash('success', 'matching.sent', { count: sent })
    return reply.redirect(`/orders/${order.id}/matches`, 303)
  })
}

function orderOf (request: FastifyRequest): MatchOrder {
  const orderId = id((request.params as { id: string }).id)
  const order = orderId === undefined ? undefined : matchOrderOf(request.server.db, request.user!.regionId, orderId)
  if (!order) throw notFound()
  return order
}

interface Problems { errors: Errors, chosen?: number[], refused?: Refusal[] }

export const excludedShown = 100

function allExcluded (request: FastifyRequest): boolean {
  return (request.query as { excluded?: string }).excluded === 'all'
}

function matchesPage (request: FastifyRequest, reply: FastifyReply, order: MatchOrder, problems?: Problems) {
  const t = request.t
  const f = request.formats
  const now = nowIso()
  const match = viewMatches(request.server.db, request.user!, order, now,
    { excluded: allExcluded(request) ? Infinity : excludedShown, nearMisses: allExcluded(request) ? Infinity : excludedShown })
  const reasons = new Map<string, string>()
  const estimate = feeEstimateCents(order.durationMinutes, regionSettingsOf(request.server.db, order.regionId).hourlyFeeCents)
  const incomes = yearIncomes(request.server.db, match.eligible.map((c) => c.id), yearOf(order.day))
  const data = {
    title: `${t('matching.title')}: ${order.topic}`,
    order,
    open: isOpen(order, now),
    language: languageName(t, order.language),
    eligible: match.eligible.map((c) => ({ ...c, why: whyLine(t, f, c.standing), incomeWarning: passesLimit(incomes.get(c.id), estimate), previous: c.previousOffer && t('matching.previousOffer', { status: t(`matching.offer.${c.previousOffer}`) }) })),
    // At national scale thousands fail some rule: the first ones are shown, all on request.
    excluded: (allExcluded(request) ? match.excluded : match.excluded.slice(0, excludedShown))
      .map((c) => ({ id: c.id, displayName: c.displayName, groupName: c.groupName, minor: c.minor, reasons: reasonsOf(t, f, c.failures, reasons) })),
    excludedTotal: match.excludedTotal,
    // The near misses: as many as the excluded are shown.
    nearMisses: match.nearMisses.map((c) => ({ id: c.id, displayName: c.displayName, groupName: c.groupName, minor: c.minor, reason: reasonsOf(t, f, c.failures, reasons)[0]! })),
    nearMissesAll: match.nearMissesAll,
    // With nobody eligible: who was offered it, so that "nobody else" is not read as "not they".
    offeredNames: match.offered.map((c) => `${c.displayName} (${t(`matching.offer.${c.state}`)})`).join(', '),
    offered: match.offered,
    inactive: match.inactive,
    chosen: problems?.chosen ?? [],
    refused: (problems?.refused ?? []).map((r) => refusalText(t, f, r)),
    errors: problems?.errors ?? {},
  }
  return reply.page('matching/index', data, problems ? 422 : 200)
}

function languageName (t: Translate, code: string): string {
  const key = `experts.lang.${code}`
  const name = t(key)
  return name === key ? code : name
}

// "2 assignments in 90 days · last 3.8.2026 · 2 shared experience areas · reaches the area · prefers this channel"
function whyLine (t: Translate, f: Formats, s: Standing): string {
  const parts = [t('matching.why.recent', { count: s.recent })]
  parts.push(s.lastAssignmentAt === null ? t('matching.why.never') : t('matching.why.last', { day: f.date(s.lastAssignmentAt) }))
  if (s.sharedAreas > 0) parts.push(t('matching.why.shared', { count: s.sharedAreas }))
  if (s.reach !== null) parts.push(t(`matching.why.${s.reach}`))
  if (s.prefersChannel) parts.push(t('matching.why.channel'))
  return parts.join(' · ')
}

// The excluded experts' reasons, each distinct one worded once (thousands of experts share a handful).
function reasonsOf (t: Translate, formats: Formats, failures: Failure[], worded: Map<string, string>): string[] {
  return failures.map((f) => {
    let key = `${f.rule}|${f.detail}`
    for (const name in f.params) key += `|${name}=${f.params[name]}`
    for (const w of f.windows ?? []) key += `|${w.weekday} ${w.startsAt}-${w.endsAt}`
    let text = worded.get(key)
    if (text === undefined) worded.set(key, text = reasonOf(t, formats, f))
    return text
  })
}

function reasonOf (t: Translate, f: Formats, failure: Failure): string {
  const params = { ...failure.params }
  if (typeof params.day === 'string') params.day = f.date(params.day)
  if (typeof params.at === 'string') params.at = f.dateTime(params.at)
  if (typeof params.month === 'number') params.month = t(`matching.month.${params.month}`)
  if (typeof params.language === 'string') params.language = languageName(t, params.language)
  const reason = t(failure.detail ? `matching.rule.${failure.rule}.${failure.detail}` : `matching.rule.${failure.rule}`, params)
  if (!failure.windows) return reason
  return `${reason} (${failure.windows.length === 0 ? t('matching.week.none') : t('matching.week', { windows: weekOf(t, f, failure.windows) })})`
}

// "ma 16.00–20.00, ke 15.00–18.00" (sv "mån 16.00–20.00", en "Mon 16:00–20:00").
function weekOf (t: Translate, f: Formats, windows: readonly WeeklyWindow[]): string {
  return windows.map((w) => `${t(`matching.weekday.${w.weekday}`)} ${f.clock(w.startsAt)}–${f.clock(w.endsAt)}`).join(', ')
}

function refusalText (t: Translate, f: Formats, refusal: Refusal): string {
  if ('unknown' in refusal) return t('matching.refused.unknown')
  const why = 'failures' in refusal
    ? refusal.failures.map((failure) => reasonOf(t, f, failure)).join('; ')
    : t('matching.refused.offered', { status: t(`matching.offer.${refusal.offered}`) })
  return `${refusal.displayName}: ${why}`
}
