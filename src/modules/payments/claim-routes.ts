// One claim for the region's coordinators: GET /payments/claims/:id (pair workers read it too; no
// identity code is ever shown here) and the coordinator's actions on it: submitting on the expert's
// behalf, approving, returning with a reason, correcting a line with a reason, recording the expert's
// tax card of a year. Another region's claim is not found.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { allow } from '../../web/access.js'
import { notFound } from '../../web/errors.js'
import { id, type Body, type Errors } from '../../web/forms.js'
import { nowIso, today } from '../../lib/dates.js'
import { lineKinds } from '../../../db/schema.js'
import { centsText, parseLineCorrection, parseReturn, parseTaxCard, reasonMax } from '../fees/forms.js'
import { claimPage } from '../fees/pages.js'
import { claimById, type ClaimRow } from '../fees/queries.js'
import { recordTaxCard } from '../fees/tax-cards.js'
import { approveClaim, correctLine, openStates, returnClaim, submitClaim, type Outcome } from '../fees/workflow.js'
import { yearOf } from '../fees/rules.js'
import '../fees/messages.js'

const readers = { config: allow(['coordinator', 'pair_worker', 'admin']) }
const keepers = { config: allow(['coordinator', 'admin']) }

interface Failed { form: string, values: Record<string, string>, errors: Errors }

export async function claimRoutes (app: FastifyInstance) {
  app.get('/payments/claims/:id', readers, async (request, reply) => page(request, reply, claimOf(request)))

  const action = (path: string, act: (request: FastifyRequest, claim: ClaimRow) => { values: Record<string, string>, outcome: Outcome }, flash: string) => {
    app.post(`/payments/claims/:id/${path}`, keepers, async (request, reply) => {
      const claim = claimOf(request)
      const { values, outcome } = act(request, claim)
      if (!outcome.ok) return page(request, reply, claim, { form: path, values, errors: outcome.errors })
      reply.flash('success', flash)
      return reply.redirect(`/payments/claims/${claim.id}`, 303)
    })
  }
  action('submission', (request, claim) => ({ values: {}, outcome: submitClaim(app.db, request.user!.id, claim, nowIso()) }), 'claims.submittedFlash')
  action('approval', (request, claim) => ({ values: {}, outcome: approveClaim(app.db, request.user!.id, claim, nowIso()) }), 'claims.approvedFlash')
  action('return', (request, claim) => {
    const form = parseReturn(request.body as Body)
    return { values: form.values, outcome: form.ok ? returnClaim(app.db, request.user!.id, claim, form.values.reason, nowIso()) : form }
  }, 'claims.returnedFlash')
  action('lines', (request, claim) => {
    const form = parseLineCorrection(request.body as Body)
    return { values: form.values, outcome: form.ok ? correctLine(app.db, request.user!.id, claim, form.fields, nowIso()) : form }
  }, 'claims.correctedFlash')
  action('tax-card', (request, claim) => {
    const form = parseTaxCard(request.body as Body, today())
    if (form.ok) recordTaxCard(app.db, request.user!, claim.expertId, form.fields, nowIso())
    return { values: form.values, outcome: form }
  }, 'claims.taxCardFlash')
}

function claimOf (request: FastifyRequest): ClaimRow {
  const claimId = id((request.params as { id: string }).id)
  const claim = claimId === undefined ? undefined : claimById(request.server.db, claimId)
  if (!claim || claim.regionId !== request.user!.regionId) throw notFound()
  return claim
}

function page (request: FastifyRequest, reply: FastifyReply, claim: ClaimRow, failed?: Failed) {
  const data = claimPage(request.server.db, { userId: request.user!.id, regionId: request.user!.regionId }, claim.id)
  const keeper = request.user!.role !== 'pair_worker'
  return reply.page('payments/claim', {
    title: request.t('claims.title'),
    ...data,
    keeper,
    open: openStates.includes(claim.state),
    lineKinds,
    centsText,
    reasonMax,
    thisYear: yearOf(today()),
    today: today(),
    failed: failed ?? { form: '', values: {}, errors: {} },
    errors: failed?.errors ?? {},
  }, failed ? 422 : 200)
}
