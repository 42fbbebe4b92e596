// The register's pages for coordinators and pair workers. Another region's expert is not found (404).
// A pair worker works with the register like a coordinator but never gets the coordinator-only fields.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { allow } from '../../web/access.js'
import { notFound } from '../../web/errors.js'
import { id, type Body, type Errors } from '../../web/forms.js'
import { expertStatuses, feePreferences, uiLanguages } from '../../../db/schema.js'
import { ageOn, today } from '../../lib/dates.js'
import { consentSummary } from '../consents/queries.js'
import { trainingSummary } from '../trainings/queries.js'
import { availabilityView } from '../availability/service.js'
import { passwordLinkDays } from '../auth/service.js'
import { isMinorOn } from './rules.js'
import {
  consentStates, initialStatuses, parseExpert, parseExpertFilter, parseStatusChange, sorts, spokenLanguages, type ExpertForm,
} from './forms.js'
import { accountOf, findExpert, linksOf, regionChoices, statusHistoryOf, type ExpertRow } from './queries.js'
import {
  changeStatus, createExpert, editExpert, formChoices, inviteExpert, maskedIdentityCode, revealIdentityCode, seesRestricted,
  viewExpert, viewExpertList, type Actor,
} from './service.js'
import './messages.js'

const register = { config: allow(['coordinator', 'pair_worker']) }
const coordinator = { config: allow(['coordinator']) }

export async function expertsRoutes (app: FastifyInstance) {
  app.get('/experts', register, async (request, reply) => {
    const { values, filter, page } = parseExpertFilter(request.query as Body)
    const list = viewExpertList(app.db, request.user!, filter, page, today())
    const filters = { statuses: expertStatuses, consentStates, sorts, languages: spokenLanguages, choices: regionChoices(app.db, request.user!.regionId) }
    return reply.page('experts/index', { title: request.t('experts.title'), ...list, ...filters, hasNext: list.page < list.pages, values, query: values })
  })

  app.get('/experts/new', register, async (request, reply) => {
    return formPage(request, reply, undefined, blankForm(request.user!))
  })

  app.post('/experts', register, async (request, reply) => {
    const day = today()
    const form = parseExpert(request.body as Body, { day, restricted: seesRestricted(request.user!), isNew: true })
    const outcome = createExpert(app.db, request.user!, form, app.config.dataKey, day)
    if (!outcome.ok) return formPage(request, reply, undefined, form.values, outcome.errors)
    reply.flash('success', 'experts.created')
    return reply.redirect(`/experts/${outcome.value.id}`, 303)
  })

  app.get('/experts/:id', register, async (request, reply) => {
    return profilePage(request, reply, expertOf(request))
  })

  app.get('/experts/:id/edit', register, async (request, reply) => {
    const expert = expertOf(request)
    return formPage(request, reply, expert, formOf(request, expert))
  })

  app.post('/experts/:id', register, async (request, reply) => {
    const expert = expertOf(request)
    const form = parseExpert(request.body as Body, { day: today(), restricted: seesRestricted(request.user!), isNew: false })
    const outcome = editExpert(app.db, request.user!, expert, form, app.config.dataKey)
    if (!outcome.ok) return formPage(request, reply, expert, form.values, outcome.errors)
    reply.flash('success', 'experts.updated')
    return reply.redirect(`/experts/${expert.id}`, 303)
  })

  app.post('/experts/:id/status-changes', register, async (request, reply) => {
    const expert = expertOf(request)
    const form = parseStatusChange(request.body as Body, today())
    const outcome = changeStatus(app.db, request.user!, expert, form)
    if (!outcome.ok) return profilePage(request, reply, expert, { statusValues: form.values, statusErrors: outcome.errors })
    reply.flash('success', 'experts.statusChanged')
    return reply.redirect(`/experts/${expert.id}`, 303)
  })

  app.post('/experts/:id/identity-code-disclosure', coordinator, async (request, reply) => {
    const expert = expertOf(request)
    const outcome = revealIdentityCode(app.db, request.user!, expert, app.config.dataKey)
    if (!outcome.ok) {
      reply.flash('error', 'experts.identityCode.missing')
      return reply.redirect(`/experts/${expert.id}`, 303)
    }
    return profilePage(request, reply, expert, { revealedCode: outcome.value })
  })

  app.post('/experts/:id/invitation', register, async (request, reply) => {
    const expert = expertOf(request)
    const outcome = inviteExpert(app.db, request.user!, expert, app.config.siteUrl)
    if (outcome.ok) reply.flash('success', 'experts.invited')
    else reply.flash('error', outcome.errors.invitation!.key)
    return reply.redirect(`/experts/${expert.id}#account`, 303)
  })
}

function expertOf (request: FastifyRequest): ExpertRow {
  const expertId = id((request.params as { id: string }).id)
  const expert = expertId === undefined ? undefined : findExpert(request.server.db, request.user!.regionId, expertId)
  if (!expert) throw notFound()
  return expert
}

function blankForm (actor: Actor): ExpertForm {
  const form: ExpertForm = {
    realName: '', displayName: '', birthDate: '', groupId: undefined, email: '', phone: '', preferredLanguage: 'fi', languages: [],
    areaIds: [], remoteAllowed: false, experienceAreaIds: [], hostOrganisationId: undefined, channelIds: [], status: 'candidate',
  }
  if (seesRestricted(actor)) {
    form.restricted = {
      excludedUnitIds: [], internalNotes: '', feePreference: 'paid', incomeLimit: '', incomeLimitCents: null, taxCardReceivedOn: '',
      identityCode: '', removeIdentityCode: false,
    }
  }
  return form
}

// The expert's stored values as the form shows them.
function formOf (request: FastifyRequest, expert: ExpertRow): ExpertForm {
  const links = linksOf(request.server.db, expert.id)
  const form: ExpertForm = {
    ...blankForm(request.user!),
    realName: expert.realName,
    displayName: expert.displayName,
    birthDate: expert.birthDate,
    groupId: expert.groupId,
    email: expert.email ?? '',
    phone: expert.phone ?? '',
    preferredLanguage: expert.preferredLanguage,
    languages: links.languages,
    areaIds: links.areaIds,
    remoteAllowed: expert.remoteAllowed,
    experienceAreaIds: links.experienceAreaIds,
    hostOrganisationId: expert.hostOrganisationId ?? undefined,
    channelIds: links.channelIds,
    status: '',
  }
  if (form.restricted) {
    const cents = expert.incomeLimitCents
    form.restricted = {
      ...form.restricted,
      excludedUnitIds: links.excludedUnitIds,
      internalNotes: expert.internalNotes ?? '',
      feePreference: expert.feePreference,
      incomeLimit: cents === null ? '' : (cents / 100).toFixed(2).replace('.', ','),
      incomeLimitCents: cents,
      taxCardReceivedOn: expert.taxCardReceivedOn ?? '',
    }
  }
  return form
}

// The new and edit form; the identity code is never sent back, not even as typed. The edit form
// shows the expert's record: a read, written to the audit log.
function formPage (request: FastifyRequest, reply: FastifyReply, expert: ExpertRow | undefined, values: ExpertForm, errors: Errors = {}) {
  const db = request.server.db
  const actor = request.user!
  if (expert) viewExpert(db, actor, expert)
  const current = expert && { ...expert, ...linksOf(db, expert.id) }
  const restricted = values.restricted && { ...values.restricted, identityCode: '' }
  const data = {
    title: expert ? request.t('experts.editTitle', { name: expert.displayName }) : request.t('experts.new'),
    expert,
    values: { ...values, restricted },
    errors,
    choices: formChoices(db, actor.regionId, current),
    seesRestricted: seesRestricted(actor),
    maskedCode: expert && seesRestricted(actor) ? maskedIdentityCode(expert, request.server.config.dataKey) : undefined,
    languages: spokenLanguages,
    uiLanguages,
    initialStatuses,
    feePreferences,
  }
  return reply.page(expert ? 'experts/edit' : 'experts/new', data, Object.keys(errors).length > 0 ? 422 : 200)
}

interface ProfileExtras { statusValues?: Record<string, string>, statusErrors?: Errors, revealedCode?: string }

// Every showing of the profile is a read of the expert's record, written to the audit log.
function profilePage (request: FastifyRequest, reply: FastifyReply, expert: ExpertRow, extras: ProfileExtras = {}) {
  const db = request.server.db
  const actor = request.user!
  const day = today()
  const restricted = seesRestricted(actor)
  viewExpert(db, actor, expert)
  const data = {
    title: expert.displayName,
    expert,
    links: linksOf(db, expert.id),
    names: regionChoices(db, actor.regionId),
    age: ageOn(expert.birthDate, day),
    minor: isMinorOn(expert.birthDate, day),
    history: statusHistoryOf(db, expert.id),
    consents: consentSummary(db, expert, day),
    training: trainingSummary(db, expert.id, day),
    availability: availabilityView(db, expert.id, day),
    account: expert.userId === null ? undefined : accountOf(db, expert.userId),
    today: day,
    days: passwordLinkDays,
    statuses: expertStatuses,
    seesRestricted: restricted,
    maskedCode: restricted ? maskedIdentityCode(expert, request.server.config.dataKey) : undefined,
    revealedCode: extras.revealedCode,
    statusValues: extras.statusValues ?? { status: expert.status, changedOn: day, reason: '' },
    statusErrors: extras.statusErrors ?? {},
  }
  return reply.page('experts/show', data, extras.statusErrors ? 422 : 200)
}
