// The home page of each role, and the health check. Those who keep the register see the work waiting
// for them (orders to match, offers unanswered, this week's assignments, overdue debriefs, consents to
// renew); the orderer their unit's coming orders; the expert their offers and next assignments.
import type { FastifyInstance } from 'fastify'
import { viewNearLimit } from '../fees/income.js'
import { yearOf } from '../fees/rules.js'
import { allow, anyone, signedInRoles } from '../../web/access.js'
import { databaseAnswers } from '../../db.js'
import { nowIso, today } from '../../lib/dates.js'
import type { CurrentUser } from '../../web/types.js'
import type { Db } from '../../db.js'
import { expertHome, homeFacts, homeListLimit, unitOrders } from './queries.js'
import { viewRegionWork } from './service.js'
import { viewConsentsToRenew } from '../consents/service.js'
import './messages.js'

export async function homeRoutes (app: FastifyInstance) {
  app.get('/healthz', { config: anyone }, async (request, reply) => {
    if (!databaseAnswers(app.db)) return reply.code(503).type('text/plain').send('database unavailable')
    return reply.type('text/plain').send('ok')
  })

  app.get('/', { config: allow(signedInRoles, 'own') }, async (request, reply) => {
    const user = request.user!
    return reply.page(`home/${user.role}`, { title: request.t('home.title'), facts: homeFacts(app.db, user), limit: homeListLimit, ...homeOf(app.db, user) })
  })
}

function homeOf (db: Db, user: CurrentUser): Record<string, unknown> {
  const now = nowIso()
  const day = today()
  switch (user.role) {
    case 'coordinator':
      return { ...viewRegionWork(db, user, now, day), renewals: viewConsentsToRenew(db, user, day), nearLimit: viewNearLimit(db, user, yearOf(day)) }
    case 'pair_worker':
      // Each read of whose work and whose consent is audited as a list.
      return { ...viewRegionWork(db, user, now, day), renewals: viewConsentsToRenew(db, user, day) }
    case 'orderer':
      return { orders: unitOrders(db, user, now) }
    case 'expert':
      return { own: expertHome(db, user, now) }
    default:
      return {}
  }
}
