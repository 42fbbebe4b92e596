// The home page of each role, and the health check.
import type { FastifyInstance } from 'fastify'
import { allow, anyone, signedInRoles } from '../../web/access.js'
import { databaseAnswers } from '../../db.js'
import { today } from '../../lib/dates.js'
import { homeFacts } from './queries.js'
import { viewConsentsToRenew } from '../consents/service.js'

export async function homeRoutes (app: FastifyInstance) {
  app.get('/healthz', { config: anyone }, async (request, reply) => {
    if (!databaseAnswers(app.db)) return reply.code(503).type('text/plain').send('database unavailable')
    return reply.type('text/plain').send('ok')
  })

  app.get('/', { config: allow(signedInRoles, 'own') }, async (request, reply) => {
    const user = request.user!
    // Those who keep the register see whose consent to renew.
    const renewals = user.role === 'coordinator' || user.role === 'pair_worker' ? viewConsentsToRenew(app.db, user, today()) : undefined
    return reply.page(`home/${user.role}`, { title: request.t('home.title'), facts: homeFacts(app.db, user), renewals })
  })
}
