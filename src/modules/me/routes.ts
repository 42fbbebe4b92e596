// The expert's own pages: /me (details, consents, trainings, the edit form), /me/data (the download)
// and /me/availability with its forms. Only the role 'expert', and only their own record: a hook finds
// it by the session's user; a user not yet linked to an expert record gets a friendly page instead.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { allow } from '../../web/access.js'
import { notFound } from '../../web/errors.js'
import { id, type Body, type Errors, type Parsed } from '../../web/forms.js'
import { feePreferences, uiLanguages } from '../../../db/schema.js'
import type { Db } from '../../db.js'
import { today } from '../../lib/dates.js'
import { availabilityView } from '../availability/service.js'
import { parseCap, parsePause, parsePeriod, parseWindow, noteMax, capMax } from '../availability/forms.js'
import { addPeriod, addWindow, removeRow, setCap, setPause, type AvailabilityChange, type Outcome, type Owner } from '../availability/service.js'
import { parseOwnDetails, spokenLanguages } from './forms.js'
import { ownExpert, type OwnExpert } from './queries.js'
import { detailsValues, editOwnDetails, exportOwnData, ownerOf, ownPage, recordOwnRead } from './service.js'
import './messages.js'
import '../availability/messages.js'

const own = { config: allow(['expert'], 'own') }

const linked = new WeakMap<FastifyRequest, OwnExpert>()

export async function meRoutes (app: FastifyInstance) {
  app.addHook('preHandler', async (request, reply) => {
    const expert = ownExpert(app.db, request.user!.id)
    if (!expert) return reply.send(await reply.page('me/unlinked', { title: request.t('me.title') }))
    linked.set(request, expert)
  })

  app.get('/me', own, async (request, reply) => {
    recordOwnRead(app.db, ownerOfRequest(request))
    return profilePage(request, reply)
  })

  app.post('/me', own, async (request, reply) => {
    const form = parseOwnDetails(request.body as Body)
    const outcome = editOwnDetails(app.db, ownerOfRequest(request), linked.get(request)!, form)
    if (!outcome.ok) return profilePage(request, reply, form.values, outcome.errors)
    reply.flash('success', 'me.saved')
    return reply.redirect('/me', 303)
  })

  app.get('/me/data', own, async (request, reply) => {
    const data = exportOwnData(app.db, ownerOfRequest(request), linked.get(request)!, { name: request.user!.name, email: request.user!.email })
    return reply.type('application/json; charset=utf-8').header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="kokemus-omat-tiedot-${today()}.json"`)
      .send(JSON.stringify(data, null, 2))
  })

  app.get('/me/availability', own, async (request, reply) => {
    recordOwnRead(app.db, ownerOfRequest(request), 'availability')
    return availabilityPage(request, reply)
  })

  changeRoute(app, '/me/availability/windows', 'window', parseWindow, addWindow)
  changeRoute(app, '/me/availability/periods', 'period', parsePeriod, addPeriod)
  changeRoute(app, '/me/availability/cap', 'cap', parseCap, setCap)
  changeRoute(app, '/me/availability/pause', 'pause', parsePause, setPause)

  for (const kind of ['window', 'period'] as const) {
    app.post(`/me/availability/${kind}s/:id/removal`, own, async (request, reply) => {
      const rowId = id((request.params as { id: string }).id)
      if (rowId === undefined || !removeRow(app.db, ownerOfRequest(request), kind, rowId)) throw notFound()
      reply.flash('success', `availability.done.${kind}_removed`)
      return reply.redirect('/me/availability', 303)
    })
  }
}

// A form of the availability page: back to the page with a message, or the page again with the
// form's values and messages (422).
function changeRoute<T> (app: FastifyInstance, path: string, form: string, parse: (body: Body) => Parsed<T>, act: (db: Db, owner: Owner, parsed: Parsed<T>) => Outcome<AvailabilityChange>) {
  app.post(path, own, async (request, reply) => {
    const parsed = parse(request.body as Body)
    const outcome = act(app.db, ownerOfRequest(request), parsed)
    if (!outcome.ok) return availabilityPage(request, reply, { form, values: parsed.values, errors: outcome.errors })
    reply.flash('success', `availability.done.${outcome.value}`)
    return reply.redirect('/me/availability', 303)
  })
}

function ownerOfRequest (request: FastifyRequest): Owner {
  return ownerOf(linked.get(request)!, request.user!.id)
}

function profilePage (request: FastifyRequest, reply: FastifyReply, values?: Record<string, unknown>, errors: Errors = {}) {
  const page = ownPage(request.server.db, linked.get(request)!)
  const data = {
    title: request.t('me.title'), ...page, values: values ?? detailsValues(page.expert, page.lists), errors,
    spokenLanguages, uiLanguages, feePreferences,
  }
  return reply.page('me/show', data, Object.keys(errors).length > 0 ? 422 : 200)
}

interface Failed { form: string, values: unknown, errors: Errors }

function availabilityPage (request: FastifyRequest, reply: FastifyReply, failed?: Failed) {
  const data = {
    title: request.t('availability.ownTitle'),
    availability: availabilityView(request.server.db, linked.get(request)!.id, today()),
    today: today(),
    failed,
    values: failed?.values ?? {},
    errors: failed?.errors ?? {},
    noteMax,
    capMax,
  }
  return reply.page('me/availability', data, failed ? 422 : 200)
}
