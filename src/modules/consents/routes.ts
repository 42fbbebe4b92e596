// An expert's consents: the page that shows them with the form to record a new one. Coordinators and
// pair workers of the expert's region; another region's expert is not found (404).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { allow } from '../../web/access.js'
import { notFound } from '../../web/errors.js'
import { id, type Body, type Errors } from '../../web/forms.js'
import { ageOn, today } from '../../lib/dates.js'
import { isMinorOn } from '../experts/rules.js'
import { consentGivers } from '../../../db/schema.js'
import { blankConsent, parseConsent, type ConsentValues } from './forms.js'
import { findExpert, type ConsentExpert } from './queries.js'
import { recordConsent, viewConsents } from './service.js'
import './messages.js'

const keepers = { config: allow(['coordinator', 'pair_worker']) }

export async function consentsRoutes (app: FastifyInstance) {
  app.get('/experts/:id/consents', keepers, async (request, reply) => {
    const day = today()
    return consentsPage(request, reply, expertOf(request), day, blankConsent(day))
  })

  app.post('/experts/:id/consents', keepers, async (request, reply) => {
    const expert = expertOf(request)
    const day = today()
    const form = parseConsent(request.body as Body, day)
    const outcome = recordConsent(app.db, request.user!, expert, form)
    if (!outcome.ok) return consentsPage(request, reply, expert, day, form.values, outcome.errors)
    reply.flash('success', 'consents.recorded')
    return reply.redirect(`/experts/${expert.id}/consents`, 303)
  })
}

function expertOf (request: FastifyRequest): ConsentExpert {
  const expertId = id((request.params as { id: string }).id)
  const expert = expertId === undefined ? undefined : findExpert(request.server.db, request.user!.regionId, expertId)
  if (!expert) throw notFound()
  return expert
}

function consentsPage (request: FastifyRequest, reply: FastifyReply, expert: ConsentExpert, day: string, values: ConsentValues, errors: Errors = {}) {
  const data = {
    title: request.t('consents.pageTitle', { name: expert.displayName }),
    expert,
    age: ageOn(expert.birthDate, day),
    minor: isMinorOn(expert.birthDate, day),
    consents: viewConsents(request.server.db, request.user!, expert, day),
    givers: consentGivers,
    values,
    errors,
  }
  return reply.page('consents/index', data, Object.keys(errors).length > 0 ? 422 : 200)
}
