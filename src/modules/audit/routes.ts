// The region's audit log for admins. Reading the log is not itself logged.
import type { FastifyInstance } from 'fastify'
import { allow } from '../../web/access.js'
import type { Body } from '../../web/forms.js'
import { parseAuditFilter } from './forms.js'
import { listAudit, regionUsers } from './queries.js'
import { describeDetail } from './detail.js'
import './messages.js'

export async function auditRoutes (app: FastifyInstance) {
  app.get('/admin/audit', { config: allow(['admin']) }, async (request, reply) => {
    const regionId = request.user!.regionId
    const form = parseAuditFilter(request.query as Body)
    const { rows, hasNext } = listAudit(app.db, regionId, form.filter, form.page)
    const people = regionUsers(app.db, regionId)
    const described = rows.map((row) => ({ ...row, detail: describeDetail(request.t, row.detail) }))
    const data = { title: request.t('audit.title'), rows: described, hasNext, page: form.page, values: form.values, query: form.values, errors: form.errors, people }
    return reply.page('audit/index', data, form.ok ? 200 : 422)
  })
}
