import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { allow, anyone, signedInRoles } from '../../web/access.js'
import { pageMatcher, parseLogin, parseNewPassword, safeNext } from './forms.js'
import { AddressFailures, findPasswordToken, login, setPasswordWithToken } from './service.js'
import { nowIso } from '../../lib/dates.js'
import './messages.js'

// Failed sign-ins are limited per account and per address (service.ts). Against sheer hammering (each
// checked attempt costs a memory-hard hash), one address may also post at most 300 times in 15
// minutes, far beyond what an office's own sign-ins need.
const loginRateLimit = { max: 300, timeWindow: 15 * 60 * 1000 }

export async function authRoutes (app: FastifyInstance) {
  const addressFailures = new AddressFailures()
  let isPage: ((path: string) => boolean) | undefined
  // Read once all routes are registered.
  const nextOf = (next: string | undefined) => safeNext(next, (path) => (isPage ??= pageMatcher(app.routeTable))(path))

  app.get('/login', { config: anyone }, async (request, reply) => {
    if (request.user) return reply.redirect('/', 303)
    const next = nextOf((request.query as { next?: string }).next)
    return reply.page('auth/login', { title: request.t('login.title'), values: { next } })
  })

  app.post('/login', { config: { ...anyone, rateLimit: loginRateLimit } }, async (request, reply) => {
    const form = parseLogin(request.body as Record<string, unknown>)
    const title = request.t('login.title')
    if (!form.ok) return reply.page('auth/login', { title, values: form.values, errors: form.errors }, 422)
    const values = { ...form.values, password: '' }
    const now = nowIso()
    const stopped = addressFailures.stoppedUntil(request.ip, now)
    if (stopped) {
      request.log.info({ event: 'login', outcome: 'address_stopped' })
      return refusal(request, reply, values, 'login.addressLocked', stopped)
    }
    const outcome = await login(app.db, app.config.sessionSecret, { email: form.values.email, password: form.values.password, ip: request.ip })
    request.log.info({ event: 'login', outcome: outcome.ok ? 'success' : outcome.error, userId: outcome.ok ? outcome.userId : undefined })
    if (!outcome.ok) {
      if (outcome.error === 'invalid') addressFailures.record(request.ip, now)
      if (outcome.lockedUntil) return refusal(request, reply, values, 'login.locked', outcome.lockedUntil)
      return reply.page('auth/login', { title, values, failure: request.t('login.invalid') }, 401)
    }
    await request.session.regenerate()
    request.session.userId = outcome.userId
    return reply.redirect(nextOf(form.values.next), 303)
  })

  app.post('/logout', { config: allow(signedInRoles, 'own') }, async (request, reply) => {
    await request.session.destroy()
    reply.clearCookie('kokemus_session', { path: '/' })
    return reply.redirect('/login', 303)
  })

  app.get('/password/:token', { config: anyone }, async (request, reply) => {
    const { token } = request.params as { token: string }
    const found = findPasswordToken(app.db, token)
    return reply.page('auth/password', { title: request.t('password.title'), valid: Boolean(found), email: found?.email, token }, found ? 200 : 404)
  })

  app.post('/password/:token', { config: anyone }, async (request, reply) => {
    const { token } = request.params as { token: string }
    const found = findPasswordToken(app.db, token)
    const title = request.t('password.title')
    if (!found) return reply.page('auth/password', { title, valid: false, token }, 404)
    const form = parseNewPassword(request.body as Record<string, unknown>)
    if (!form.ok) return reply.page('auth/password', { title, valid: true, email: found.email, token, errors: form.errors }, 422)
    const outcome = await setPasswordWithToken(app.db, token, form.values.password)
    if (!outcome.ok) return reply.page('auth/password', { title, valid: false, token }, 404)
    await request.session.regenerate()
    request.session.userId = outcome.userId
    reply.flash('success', 'password.saved')
    return reply.redirect('/', 303)
  })
}

// A sign-in refused by a lock: 429, saying when to try again (the Helsinki time and the minutes left),
// also as retry-after.
function refusal (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, key: string, until: string) {
  const seconds = Math.max(1, Math.ceil((Date.parse(until) - Date.now()) / 1000))
  reply.header('retry-after', String(seconds))
  const failure = request.t(key, { time: request.formats.time(until), minutes: Math.ceil(seconds / 60) })
  return reply.page('auth/login', { title: request.t('login.title'), values, failure }, 429)
}
