// One assignment: GET /assignments/:id and its forms (cancellation, completion, debrief).
// Coordinators and pair workers reach their region's assignments, an orderer their own unit's, an
// expert their own; any other is not found (404). Managers and admins are refused (403).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { allow } from '../../web/access.js'
import { notFound } from '../../web/errors.js'
import { id, type Body, type Errors } from '../../web/forms.js'
import { today } from '../../lib/dates.js'
import type { Db } from '../../db.js'
import type { CurrentUser } from '../../web/types.js'
import type { Outcome } from '../offers/service.js'
import { parseCancellation, parseCompletion, parseDebrief, reasonMax, yesNo } from './forms.js'
import { assignmentFor, type AssignmentView } from './queries.js'
import { cancelAssignment, completeAssignment, recordDebrief, viewAssignment } from './service.js'
import './messages.js'

const involved = { config: allow(['coordinator', 'pair_worker', 'orderer', 'expert']) }
const keepers = { config: allow(['coordinator', 'pair_worker']) }

export async function assignmentsRoutes (app: FastifyInstance) {
  app.get('/assignments/:id', involved, async (request, reply) => page(request, reply, assignmentOf(request)))

  app.post('/assignments/:id/cancellation', involved, async (request, reply) => {
    const assignment = assignmentOf(request)
    const form = parseCancellation(request.body as Body)
    const outcome = form.ok ? cancelAssignment(app.db, request.user!, assignment, form.values.reason, app.config.siteUrl) : form
    if (!outcome.ok) return page(request, reply, assignment, { form: 'cancellation', values: form.values, errors: outcome.errors })
    reply.flash('success', 'assignments.cancelledFlash')
    return reply.redirect(request.user!.role === 'expert' ? '/me/offers' : `/assignments/${assignment.id}`, 303)
  })

  keepersForm(app, 'completion', parseCompletion, completeAssignment)
  keepersForm(app, 'debrief', (body) => parseDebrief(body, today()), recordDebrief)
}

// A coordinator's form of the page (completion, debrief): back to the page with a message, or the
// page again with the form's values and messages (422).
function keepersForm<F extends { values: Record<string, string> }> (app: FastifyInstance, form: 'completion' | 'debrief', parse: (body: Body) => F,
  act: (db: Db, user: CurrentUser, assignment: AssignmentView, parsed: F) => Outcome<undefined>) {
  app.post(`/assignments/:id/${form}`, keepers, async (request, reply) => {
    const assignment = assignmentOf(request)
    const parsed = parse(request.body as Body)
    const outcome = act(app.db, request.user!, assignment, parsed)
    if (!outcome.ok) return page(request, reply, assignment, { form, values: parsed.values, errors: outcome.errors })
    reply.flash('success', form === 'completion' && assignment.status === 'completed' ? 'assignments.correctionFlash' : `assignments.${form}Flash`)
    return reply.redirect(`/assignments/${assignment.id}`, 303)
  })
}

function assignmentOf (request: FastifyRequest): AssignmentView {
  const assignmentId = id((request.params as { id: string }).id)
  const assignment = assignmentId === undefined ? undefined : assignmentFor(request.server.db, request.user!, assignmentId)
  if (!assignment) throw notFound()
  return assignment
}

interface Failed { form: string, values: Record<string, string>, errors: Errors }

function page (request: FastifyRequest, reply: FastifyReply, assignment: AssignmentView, failed?: Failed) {
  const data = {
    title: assignment.topic,
    assignment,
    ...viewAssignment(request.server.db, request.user!, assignment),
    today: today(),
    failed,
    errors: failed?.errors ?? {},
    reasonMax,
    yesNo,
  }
  return reply.page('assignments/show', data, failed ? 422 : 200)
}
