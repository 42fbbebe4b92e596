// The admin's pages for the region's users. Another region's user is not found (404).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { allow } from '../../web/access.js'
import { notFound } from '../../web/errors.js'
import { id, type Body, type Errors } from '../../web/forms.js'
import { roles } from '../../../db/schema.js'
import { passwordLinkDays } from '../auth/service.js'
import { parseUser, parseUserFilter, type UserValues } from './forms.js'
import { activeUnits, findUser, type UserDetail } from './queries.js'
import {
  createUser, disableUser, editUser, enableUser, endSessions, liveSessionCount, lockedUsers, resetPassword, unlockUser, viewUser, viewUserList,
  type MailContext, type UserAction,
} from './service.js'
import './messages.js'

const admin = { config: allow(['admin']) }

// The actions on a user's page: each a noun, each back to the page with a message.
const actions: { path: string, act: UserAction, done: string }[] = [
  { path: '/admin/users/:id/disabling', act: disableUser, done: 'users.disabled' },
  { path: '/admin/users/:id/enabling', act: enableUser, done: 'users.enabled' },
  { path: '/admin/users/:id/password-reset', act: resetPassword, done: 'users.resetSent' },
  { path: '/admin/users/:id/session-ending', act: endSessions, done: 'users.sessionsEnded' },
]

export async function usersRoutes (app: FastifyInstance) {
  app.get('/admin/users', admin, async (request, reply) => {
    const { values, filter, page } = parseUserFilter(request.query as Body)
    const list = viewUserList(app.db, request.user!, filter, page)
    const title = request.t('users.title')
    const locks = clocks(request, lockedUsers(app.db, app.config.sessionSecret, list.rows))
    return reply.page('users/index', { title, ...list, locks, page, values, query: values, roles })
  })

  app.get('/admin/users/new', admin, async (request, reply) => {
    return newPage(request, reply, {})
  })

  app.post('/admin/users', admin, async (request, reply) => {
    const form = parseUser(request.body as Body)
    const outcome = createUser(app.db, request.user!, form, mailContext(request))
    if (!outcome.ok) return newPage(request, reply, form.values, outcome.errors)
    reply.flash('success', 'users.created')
    return reply.redirect(`/admin/users/${outcome.value.id}`, 303)
  })

  app.get('/admin/users/:id', admin, async (request, reply) => {
    const target = targetOf(request)
    viewUser(app.db, request.user!, target)
    return userPage(request, reply, target, target)
  })

  app.post('/admin/users/:id', admin, async (request, reply) => {
    const target = targetOf(request)
    const form = parseUser(request.body as Body)
    const outcome = editUser(app.db, request.user!, target, form)
    if (!outcome.ok) return userPage(request, reply, target, form.values, outcome.errors)
    reply.flash('success', 'users.updated')
    return reply.redirect(`/admin/users/${target.id}`, 303)
  })

  for (const { path, act, done } of actions) {
    app.post(path, admin, async (request, reply) => {
      const target = targetOf(request)
      const outcome = act(app.db, request.user!, target, mailContext(request))
      if (outcome.ok) reply.flash('success', done)
      else reply.flash('error', Object.values(outcome.errors)[0]!.key)
      return reply.redirect(`/admin/users/${target.id}`, 303)
    })
  }

  app.post('/admin/users/:id/unlocking', admin, async (request, reply) => {
    const target = targetOf(request)
    const outcome = unlockUser(app.db, request.user!, target, app.config.sessionSecret)
    if (outcome.ok) reply.flash('success', 'users.unlocked')
    else reply.flash('error', outcome.errors.user!.key)
    return reply.redirect(`/admin/users/${target.id}`, 303)
  })
}

// A lock's end as the texts write it (klo 14.35, kl. 14.35, 14:35).
function clocks (request: FastifyRequest, locks: Map<number, string>): Map<number, { time: string }> {
  return new Map([...locks].map(([userId, until]) => [userId, { time: request.formats.time(until) }]))
}

function targetOf (request: FastifyRequest): UserDetail {
  const userId = id((request.params as { id: string }).id)
  const target = userId === undefined ? undefined : findUser(request.server.db, request.user!.regionId, userId)
  if (!target) throw notFound()
  return target
}

function mailContext (request: FastifyRequest): MailContext {
  return { siteUrl: request.server.config.siteUrl, lang: request.lang }
}

// What the form shows: the user's own fields, or what was posted.
type FormValues = Partial<Record<keyof UserValues, unknown>>

function newPage (request: FastifyRequest, reply: FastifyReply, values: FormValues, errors: Errors = {}) {
  const units = activeUnits(request.server.db, request.user!.regionId)
  const data = { title: request.t('users.new'), values, errors, units, roles, days: passwordLinkDays }
  return reply.page('users/new', data, Object.keys(errors).length > 0 ? 422 : 200)
}

function userPage (request: FastifyRequest, reply: FastifyReply, target: UserDetail, values: FormValues, errors: Errors = {}) {
  const db = request.server.db
  const data = {
    title: target.name,
    target,
    self: target.id === request.user!.id,
    sessions: liveSessionCount(db, target.id),
    lock: clocks(request, lockedUsers(db, request.server.config.sessionSecret, [target])).get(target.id),
    units: activeUnits(db, request.user!.regionId),
    values,
    errors,
    roles,
  }
  return reply.page('users/show', data, Object.keys(errors).length > 0 ? 422 : 200)
}
