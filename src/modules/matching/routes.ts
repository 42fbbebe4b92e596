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
import { formatDate, formatDateTime, nowIso } from '../../lib/dates.js'
import { parseOffer } from './forms.js'
import { matchOrderOf, type MatchOrder } from './queries.js'
import { isOpen, makeOffers, viewMatches, type Refusal } from './service.js'
import type { Failure, Standing } from './rules.js'

const matchers = { config: allow(['coordinator', 'pair_worker']) }

export async function matchingRoutes (app: FastifyInstance) {
  app.get('/orders/:id/matches', matchers, async (request, reply) => {
    return matchesPage(request, reply, orderOf(request))
  })

  app.post('/orders/:id/offers', matchers, async (request, reply) => {
    const order = orderOf(request)
    const form = parseOffer(request.body as Body)
    if (!form.ok) return matchesPage(request, reply, order, { errors: form.errors })
    const outcome = makeOffers(app.db, request.user!, order, form.values.expertIds, nowIso(), `${request.protocol}://${request.host}`)
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
  const now = nowIso()
  const match = viewMatches(request.server.db, request.user!, order, now,
    { excluded: allExcluded(request) ? Infinity : excludedShown })
  const reasons = new Map<string, string>()
  const estimate = feeEstimateCents(order.durationMinutes, regionSettingsOf(request.server.db, order.regionId).hourlyFeeCents)
  const incomes = yearIncomes(request.server.db, match.eligible.map((c) => c.id), yearOf(order.day))
  const data = {
    title: `${t('matching.title')}: ${order.topic}`,
    order,
    open: isOpen(order, now),
    language: languageName(t, order.language),
    eligible: match.eligible.map((c) => ({ ...c, why: whyLine(t, c.standing), incomeWarning: passesLimit(incomes.get(c.id), estimate), previous: c.previousOffer && t('matching.previousOffer', { status: t(`matching.offer.${c.previousOffer}`) }) })),
    // At national scale thousands fail some rule: the first ones are shown, all on request.
    excluded: (allExcluded(request) ? match.excluded : match.excluded.slice(0, excludedShown))
      .map((c) => ({ id: c.id, displayName: c.displayName, groupName: c.groupName, minor: c.minor, reasons: reasonsOf(t, c.failures, reasons) })),
    excludedTotal: match.excludedTotal,
    offered: match.offered,
    inactive: match.inactive,
    chosen: problems?.chosen ?? [],
    refused: (problems?.refused ?? []).map((r) => refusalText(t, r)),
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
function whyLine (t: Translate, s: Standing): string {
  const parts = [t('matching.why.recent', { count: s.recent })]
  parts.push(s.lastAssignmentAt === null ? t('matching.why.never') : t('matching.why.last', { day: formatDate(s.lastAssignmentAt) }))
  if (s.sharedAreas > 0) parts.push(t('matching.why.shared', { count: s.sharedAreas }))
  if (s.reach !== null) parts.push(t(`matching.why.${s.reach}`))
  if (s.prefersChannel) parts.push(t('matching.why.channel'))
  return parts.join(' · ')
}

// The excluded experts' reasons, each distinct one worded once (thousands of experts share a handful).
function reasonsOf (t: Translate, failures: Failure[], worded: Map<string, string>): string[] {
  return failures.map((f) => {
    let key = `${f.rule}|${f.detail}`
    for (const name in f.params) key += `|${name}=${f.params[name]}`
    let text = worded.get(key)
    if (text === undefined) worded.set(key, text = reasonOf(t, f))
    return text
  })
}

function reasonOf (t: Translate, failure: Failure): string {
  const params = { ...failure.params }
  if (typeof params.day === 'string') params.day = formatDate(params.day)
  if (typeof params.at === 'string') params.at = formatDateTime(params.at)
  if (typeof params.month === 'number') params.month = t(`matching.month.${params.month}`)
  if (typeof params.language === 'string') params.language = languageName(t, params.language)
  return t(failure.detail ? `matching.rule.${failure.rule}.${failure.detail}` : `matching.rule.${failure.rule}`, params)
}

function refusalText (t: Translate, refusal: Refusal): string {
  if ('unknown' in refusal) return t('matching.refused.unknown')
  const why = 'failures' in refusal
    ? refusal.failures.map((f) => reasonOf(t, f)).join('; ')
    : t('matching.refused.offered', { status: t(`matching.offer.${refusal.offered}`) })
  return `${refusal.displayName}: ${why}`
}
