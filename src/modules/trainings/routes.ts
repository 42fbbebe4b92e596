// The region's trainings: the list, a new training, and a training's page with its enrolments, where
// experts are enrolled and completions recorded. Coordinators and pair workers; another region's
// training is not found (404).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { allow } from '../../web/access.js'
import { notFound } from '../../web/errors.js'
import { id, type Body, type Errors } from '../../web/forms.js'
import { today } from '../../lib/dates.js'
import { blankTraining, parseCompletion, parseEnrolment, parseTraining, type TrainingValues } from './forms.js'
import { activeHosts, findTraining, listTrainings, type TrainingDetail } from './queries.js'
import { completeTraining, createTraining, enrolExpert, viewTraining } from './service.js'
import './messages.js'

const keepers = { config: allow(['coordinator', 'pair_worker']) }

// A form on the training page that came back: which one, for whom, with what and why.
interface Failed { form: 'enrolment' | 'completion', values: Record<string, string>, errors: Errors }

export async function trainingsRoutes (app: FastifyInstance) {
  app.get('/trainings', keepers, async (request, reply) => {
    return reply.page('trainings/index', { title: request.t('trainings.title'), trainings: listTrainings(app.db, request.user!.regionId) })
  })

  app.get('/trainings/new', keepers, async (request, reply) => {
    return newPage(request, reply, blankTraining)
  })

  app.post('/trainings', keepers, async (request, reply) => {
    const form = parseTraining(request.body as Body)
    const outcome = createTraining(app.db, request.user!, form)
    if (!outcome.ok) return newPage(request, reply, form.values, outcome.errors)
    reply.flash('success', 'trainings.created')
    return reply.redirect(`/trainings/${outcome.value.id}`, 303)
  })

  app.get('/trainings/:id', keepers, async (request, reply) => {
    return trainingPage(request, reply, trainingOf(request))
  })

  app.post('/trainings/:id/enrolments', keepers, async (request, reply) => {
    const training = trainingOf(request)
    const form = parseEnrolment(request.body as Body)
    const outcome = enrolExpert(app.db, request.user!, training, form, today())
    if (!outcome.ok) return trainingPage(request, reply, training, { form: 'enrolment', values: form.values, errors: outcome.errors })
    reply.flash('success', 'trainings.enrolledDone')
    return reply.redirect(`/trainings/${training.id}`, 303)
  })

  app.post('/trainings/:id/completions', keepers, async (request, reply) => {
    const training = trainingOf(request)
    const form = parseCompletion(request.body as Body, today())
    const outcome = completeTraining(app.db, request.user!, training, form)
    if (!outcome.ok) return trainingPage(request, reply, training, { form: 'completion', values: form.values, errors: outcome.errors })
    reply.flash('success', 'trainings.completedDone')
    return reply.redirect(`/trainings/${training.id}`, 303)
  })
}

function trainingOf (request: FastifyRequest): TrainingDetail {
  const trainingId = id((request.params as { id: string }).id)
  const training = trainingId === undefined ? undefined : findTraining(request.server.db, request.user!.regionId, trainingId)
  if (!training) throw notFound()
  return training
}

function newPage (request: FastifyRequest, reply: FastifyReply, values: TrainingValues, errors: Errors = {}) {
  const data = { title: request.t('trainings.new'), values, errors, hosts: activeHosts(request.server.db, request.user!.regionId) }
  return reply.page('trainings/new', data, Object.keys(errors).length > 0 ? 422 : 200)
}

function trainingPage (request: FastifyRequest, reply: FastifyReply, training: TrainingDetail, failed?: Failed) {
  const data = { title: training.name, training, ...viewTraining(request.server.db, request.user!, training), failed, errors: failed?.errors ?? {}, today: today() }
  return reply.page('trainings/show', data, failed ? 422 : 200)
}
