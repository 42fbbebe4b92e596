// The region's yearly fee rules on /admin/fees: the admin changes them (POST /admin/fees/years/:year
// and its parts), coordinators read them. The page itself is the settings page (settings/routes.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { allow } from '../../web/access.js'
import { notFound } from '../../web/errors.js'
import { id, type Body, type Errors } from '../../web/forms.js'
import { nowIso, today } from '../../lib/dates.js'
import type { Db } from '../../db.js'
import { feeBases } from '../../../db/schema.js'
import { listItems } from '../structure/queries.js'
import { settingsPage } from '../settings/routes.js'
import { centsText, parseChannelBases, parsePackage, parseRules, parseUnitOverride, ruleValuesOf } from './forms.js'
import { channelBasesOf, packagesOf, ruleRowOf, ruleYears, unitOverridesOf } from './queries.js'
import { addPackage, changeRules, copyToNextYear, dropUnitOverride, setChannelBases, setUnitOverride, type Actor, type Outcome } from './service.js'
import { yearOf } from './rules.js'
import './messages.js'

const admin = { config: allow(['admin']) }

export interface FailedFees { form: string, values: Record<string, unknown>, errors: Errors }

// A year from the address: 2000…2100, else the page is not found.
export function yearParam (value: unknown): number {
  const year = typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : 0
  if (year < 2000 || year > 2100) throw notFound()
  return year
}

// What the page shows of a year's fee rules, with a failed form's values and messages.
export function feeRulesData (db: Db, regionId: number, year: number, failed?: FailedFees) {
  const row = ruleRowOf(db, regionId, year)
  const bases = new Map(channelBasesOf(db, regionId, year).map((one) => [one.channelId, one.basis]))
  const channels = listItems(db, 'channels', regionId).filter((one) => one.active)
  return {
    year,
    years: [...new Set([...ruleYears(db, regionId), year, yearOf(today())])].sort(),
    hasRules: row !== undefined,
    ruleValues: failed?.form === 'rules' ? failed.values : ruleValuesOf(row),
    packages: packagesOf(db, regionId, year),
    channels: channels.map((one) => ({ id: one.id, name: one.name, basis: bases.get(one.id) ?? 'hour' })),
    units: listItems(db, 'ordering-units', regionId).filter((one) => one.active),
    overrides: unitOverridesOf(db, regionId, year),
    feeBases,
    centsText,
    failed: failed ?? { form: '', values: {}, errors: {} },
  }
}

export async function feesRoutes (app: FastifyInstance) {
  const action = <F extends { values: object, errors: Errors }>(path: string, form: string, parse: (body: Body, db: Db, actor: Actor, year: number) => F,
    act: (db: Db, actor: Actor, year: number, parsed: F, now: string) => Outcome<undefined>, shown = (year: number) => year) => {
    app.post(`/admin/fees/years/:year${path}`, admin, async (request, reply) => {
      const year = yearParam((request.params as { year: string }).year)
      const actor = request.user!
      const parsed = parse(request.body as Body, app.db, actor, year)
      const outcome = act(app.db, actor, year, parsed, nowIso())
      if (!outcome.ok) return failedPage(request, reply, year, { form, values: parsed.values as Record<string, unknown>, errors: outcome.errors })
      reply.flash('success', 'fees.rules.saved', { year: shown(year) })
      return reply.redirect(`/admin/fees?year=${shown(year)}#fee-rules`, 303)
    })
  }
  action('', 'rules', (body) => parseRules(body), changeRules)
  action('/packages', 'package', (body) => parsePackage(body), addPackage)
  action<ReturnType<typeof parseChannelBases>>('/channels', 'channels', (body, db, actor) => parseChannelBases(body, listItems(db, 'channels', actor.regionId).filter((one) => one.active).map((one) => one.id)), setChannelBases)
  action('/units', 'unit', (body) => parseUnitOverride(body), setUnitOverride)
  action('/copy', 'copy', () => ({ values: {}, errors: {} }), (db, actor, year, _parsed, now) => copyToNextYear(db, actor, year, now), (year) => year + 1)

  app.post('/admin/fees/years/:year/units/:unitId/removal', admin, async (request, reply) => {
    const params = request.params as { year: string, unitId: string }
    const year = yearParam(params.year)
    if (!dropUnitOverride(app.db, request.user!, year, id(params.unitId) ?? 0, nowIso())) throw notFound()
    reply.flash('success', 'fees.rules.saved', { year })
    return reply.redirect(`/admin/fees?year=${year}#fee-rules`, 303)
  })
}

function failedPage (request: FastifyRequest, reply: FastifyReply, year: number, failed: FailedFees) {
  return settingsPage(request, reply, undefined, {}, feeRulesData(request.server.db, request.user!.regionId, year, failed))
}
