import type { FastifyInstance } from 'fastify'
import { allow } from '../../web/access.js'
import { listOutbox, pageSize } from './queries.js'
import { recordAudit } from '../audit/service.js'
import './messages.js'

export async function outboxRoutes (app: FastifyInstance) {
  app.get('/admin/outbox', { config: allow(['admin']) }, async (request, reply) => {
    const user = request.user!
    const page = Math.max(1, Number((request.query as { page?: string }).page) || 1)
    const { rows, total } = listOutbox(app.db, user.regionId, page)
    recordAudit(app.db, { regionId: user.regionId, actorUserId: user.id, action: 'list', subjectType: 'outbox' })
    return reply.page('mail/outbox', { title: request.t('outbox.title'), rows, page, hasNext: page * pageSize < total, query: {}, smtp: Boolean(app.config.smtpUrl) })
  })
}
