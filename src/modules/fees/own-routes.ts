// The expert's own fees: /me/fees (each claim, its state and what happens next, the choice for "ask each
// time", what is missing, the year's totals) and the printable yearly statement /me/fees/:year. Only the
// role 'expert', and only their own claims: a claim of anyone else is not found.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { allow } from '../../web/access.js'
import { notFound } from '../../web/errors.js'
import { id, type Body, type Errors } from '../../web/forms.js'
import { nowIso, today } from '../../lib/dates.js'
import { ownExpert, type OwnExpert } from '../me/queries.js'
import { parseChoice } from './forms.js'
import { claimById } from './queries.js'
import { ownFees, ownStatement } from './pages.js'
import { yearOf } from './rules.js'
import { yearParam } from './routes.js'
import { chooseFee, submitClaim } from './workflow.js'
import './messages.js'

const own = { config: allow(['expert'], 'own') }

function expertOf (request: FastifyRequest): OwnExpert {
  const expert = ownExpert(request.server.db, request.user!.id)
  if (!expert) throw notFound()
  return expert
}

function ownClaim (request: FastifyRequest, expert: OwnExpert) {
  const claimId = id((request.params as { id: string }).id)
  const claim = claimId === undefined ? undefined : claimById(request.server.db, claimId)
  if (!claim || claim.expertId !== expert.id) throw notFound()
  return claim
}

export async function ownFeesRoutes (app: FastifyInstance) {
  app.get('/me/fees', own, async (request, reply) => {
    const asked = (request.query as { year?: string }).year
    return feesPage(request, reply, expertOf(request), asked === undefined ? yearOf(today()) : yearParam(asked))
  })

  app.get('/me/fees/:year', own, async (request, reply) => {
    const expert = expertOf(request)
    const year = yearParam((request.params as { year: string }).year)
    const data = ownStatement(app.db, { userId: request.user!.id, regionId: expert.regionId }, expert.id, year)
    return reply.page('fees/statement', { title: request.t('ownFees.statement.title', { year }), expert, ...data })
  })

  app.post('/me/fees/:id/submission', own, async (request, reply) => {
    const expert = expertOf(request)
    const claim = ownClaim(request, expert)
    const outcome = submitClaim(app.db, request.user!.id, claim, nowIso())
    if (!outcome.ok) return feesPage(request, reply, expert, claim.year, { claimId: claim.id, errors: outcome.errors })
    reply.flash('success', 'ownFees.submitted')
    return reply.redirect(`/me/fees?year=${claim.year}`, 303)
  })

  app.post('/me/fees/:id/choice', own, async (request, reply) => {
    const expert = expertOf(request)
    const claim = ownClaim(request, expert)
    const form = parseChoice(request.body as Body)
    const outcome = form.feeChoice ? chooseFee(app.db, request.user!.id, claim, form.feeChoice, nowIso()) : form
    if (!outcome.ok) return feesPage(request, reply, expert, claim.year, { claimId: claim.id, errors: outcome.errors })
    reply.flash('success', 'ownFees.chosen')
    return reply.redirect(`/me/fees?year=${claim.year}`, 303)
  })
}

function feesPage (request: FastifyRequest, reply: FastifyReply, expert: OwnExpert, year: number, failed?: { claimId: number, errors: Errors }) {
  const data = ownFees(request.server.db, { userId: request.user!.id, regionId: expert.regionId }, expert.id, year, today())
  return reply.page('fees/own', { title: request.t('ownFees.title'), expert, ...data, failed, errors: failed?.errors ?? {} }, failed ? 422 : 200)
}
