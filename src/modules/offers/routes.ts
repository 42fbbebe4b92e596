// The expert's offers: GET /me/offers and the answers to one offer. Only the role 'expert', and only
// their own offers: the expert is found by the session's user, and an offer id from the request is
// looked up together with that expert (another expert's offer is not found, 404). A user not linked
// to an expert record gets a friendly page instead.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { allow } from '../../web/access.js'
import { notFound } from '../../web/errors.js'
import { id, type Body, type Errors } from '../../web/forms.js'
import { ownExpert } from '../me/queries.js'
import { parseDecline, reasonMax } from './forms.js'
import { acceptOffer, declineOffer, findOwnOffer, offersPage, type Answerer } from './service.js'
import './messages.js'

const own = { config: allow(['expert'], 'own') }

const answerers = new WeakMap<FastifyRequest, Answerer>()

export async function offersRoutes (app: FastifyInstance) {
  app.addHook('preHandler', async (request, reply) => {
    const expert = ownExpert(app.db, request.user!.id)
    if (!expert) return reply.send(await reply.page('offers/unlinked', { title: request.t('offers.title') }))
    answerers.set(request, { expert, userId: request.user!.id })
  })

  app.get('/me/offers', own, async (request, reply) => page(request, reply))

  app.post('/me/offers/:id/acceptance', own, async (request, reply) => {
    const outcome = acceptOffer(app.db, answerers.get(request)!, offerIdOf(request), app.config.siteUrl)
    if (!outcome.ok) return page(request, reply, { errors: outcome.errors })
    reply.flash('success', 'offers.acceptedFlash')
    return reply.redirect('/me/offers', 303)
  })

  app.post('/me/offers/:id/decline', own, async (request, reply) => {
    const offerId = offerIdOf(request)
    const form = parseDecline(request.body as Body)
    const outcome = form.ok ? declineOffer(app.db, answerers.get(request)!, offerId, form.values.reason, app.config.siteUrl) : { ok: false as const, errors: form.errors }
    if (!outcome.ok) return page(request, reply, { offerId, values: form.values, errors: outcome.errors })
    reply.flash('success', 'offers.declinedFlash')
    return reply.redirect('/me/offers', 303)
  })
}

// This expert's offer named in the path; anything else is not found.
function offerIdOf (request: FastifyRequest): number {
  const offerId = id((request.params as { id: string }).id)
  const offer = offerId === undefined ? undefined : findOwnOffer(request.server.db, answerers.get(request)!, offerId)
  if (!offer) throw notFound()
  return offer.id
}

interface Failed { offerId?: number, values?: { reason: string }, errors: Errors }

function page (request: FastifyRequest, reply: FastifyReply, failed?: Failed) {
  const data = {
    title: request.t('offers.title'),
    ...offersPage(request.server.db, answerers.get(request)!),
    failed,
    errors: failed?.errors ?? {},
    reasonMax,
  }
  return reply.page('offers/index', data, failed ? 422 : 200)
}
