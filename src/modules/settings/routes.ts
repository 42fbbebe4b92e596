// The page of the region's settings and fee rules (/admin/fees): the admin changes the settings for
// matching, offers, cancellations and debriefs here, and the yearly fee rules (fees/routes.ts);
// coordinators read the fee rules.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { allow } from '../../web/access.js'
import type { Body, Errors } from '../../web/forms.js'
import { nowIso, today } from '../../lib/dates.js'
import { feeRulesData, yearParam } from '../fees/routes.js'
import { yearOf } from '../fees/rules.js'
import { numberSettings, parseSettings, valuesOf, type SettingValues } from './forms.js'
import { regionSettingsOf } from './queries.js'
import { changeSettings } from './service.js'
import './messages.js'

const admin = { config: allow(['admin']) }
const readers = { config: allow(['admin', 'coordinator']) }

export async function settingsRoutes (app: FastifyInstance) {
  app.get('/admin/fees', readers, async (request, reply) => {
    const asked = (request.query as { year?: string }).year
    const year = asked === undefined ? yearOf(today()) : yearParam(asked)
    return settingsPage(request, reply, undefined, {}, feeRulesData(app.db, request.user!.regionId, year))
  })

  app.post('/admin/fees', admin, async (request, reply) => {
    const form = parseSettings(request.body as Body)
    const outcome = changeSettings(app.db, request.user!, form, nowIso())
    if (!outcome.ok) return settingsPage(request, reply, form.values, outcome.errors, feeRulesData(app.db, request.user!.regionId, yearOf(today())))
    reply.flash('success', 'settings.saved')
    return reply.redirect('/admin/fees', 303)
  })
}

// The page; values are the settings form's (the stored settings when undefined). A failed fee form
// (fees.failed) or settings form makes it a 422.
export function settingsPage (request: FastifyRequest, reply: FastifyReply, values: SettingValues | undefined, errors: Errors,
  fees: ReturnType<typeof feeRulesData>) {
  const data = {
    title: request.t('settings.title'),
    values: values ?? valuesOf(regionSettingsOf(request.server.db, request.user!.regionId)),
    errors, names: Object.keys(numberSettings), bounds: numberSettings,
    canEdit: request.user!.role === 'admin',
    fees,
  }
  const failed = Object.keys(errors).length > 0 || Object.keys(fees.failed.errors).length > 0
  return reply.page('settings/edit', data, failed ? 422 : 200)
}
