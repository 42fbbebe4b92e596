// The admin's page of the region's settings for matching, offers, cancellations and debriefs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { allow } from '../../web/access.js'
import type { Body, Errors } from '../../web/forms.js'
import { nowIso } from '../../lib/dates.js'
import { numberSettings, parseSettings, valuesOf, type SettingValues } from './forms.js'
import { regionSettingsOf } from './queries.js'
import { changeSettings } from './service.js'
import './messages.js'

const admin = { config: allow(['admin']) }

export async function settingsRoutes (app: FastifyInstance) {
  app.get('/admin/fees', admin, async (request, reply) => {
    return settingsPage(request, reply, valuesOf(regionSettingsOf(app.db, request.user!.regionId)))
  })

  app.post('/admin/fees', admin, async (request, reply) => {
    const form = parseSettings(request.body as Body)
    const outcome = changeSettings(app.db, request.user!, form, nowIso())
    if (!outcome.ok) return settingsPage(request, reply, form.values, outcome.errors)
    reply.flash('success', 'settings.saved')
    return reply.redirect('/admin/fees', 303)
  })
}

function settingsPage (request: FastifyRequest, reply: FastifyReply, values: SettingValues, errors: Errors = {}) {
  const data = { title: request.t('settings.title'), values, errors, names: Object.keys(numberSettings), bounds: numberSettings }
  return reply.page('settings/edit', data, Object.keys(errors).length > 0 ? 422 : 200)
}
