import type { FastifyInstance } from 'fastify'
import { allow, anyone, signedInRoles } from '../../web/access.js'
import { parseLogin, parseNewPassword, safeNext } from './forms.js'
import { findPasswordToken, login, setPasswordWithToken } from './service.js'

// Per address: 20 login posts in 15 minutes.
const loginRateLimit = { max: 20, timeWindow: 15 * 60 * 1000 }

export async function authRoutes (app: FastifyInstance) {
  app.get('/login', { config: anyone }, async (request, reply) => {
    if (request.user) return reply.redirect('/', 303)
    const next = safeNext((request.query as { next?: string }).next)
    return reply.page('auth/login', { title: request.t('login.title'), values: { next } })
  })

  app.post('/login', { config: { ...anyone, rateLimit: loginRateLimit } }, async (request, reply) => {
    const form = parseLogin(request.body as Record<string, unknown>)
    const title = request.t('login.title')
    if (!form.ok) return reply.page('auth/login', { title, values: form.values, errors: form.errors }, 422)
    const outcome = await login(app.db, app.config.sessionSecret, { email: form.values.email, password: form.values.password, ip: request.ip })
    request.log.info({ event: 'login', outcome: outcome.ok ? 'success' : outcome.error, userId: outcome.ok ? outcome.userId : undefined })
    if (!outcome.ok) {
      const status = outcome.error === 'locked' ? 429 : 401
      return reply.page('auth/login', { title, values: { ...form.values, password: '' }, failure: `login.${outcome.error}` }, status)
    }
    await request.session.regenerate()
    request.session.userId = outcome.userId
    app.sessionStore.prune()
    return reply.redirect(safeNext(form.values.next), 303)
  })

  app.post('/logout', { config: allow(signedInRoles, 'own') }, async (request, reply) => {
    await request.session.destroy()
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
