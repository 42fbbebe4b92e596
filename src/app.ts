// buildApp builds the whole application around a database and a configuration; it never listens and
// never reads the environment. Its register calls read as the route table.
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import formbody from '@fastify/formbody'
import cookie from '@fastify/cookie'
import session from '@fastify/session'
import csrf from '@fastify/csrf-protection'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import view from '@fastify/view'
import { Eta } from 'eta'
import { fileURLToPath } from 'node:url'
import { createHmac } from 'node:crypto'
import type { Config } from './config.js'
import type { Db } from './db.js'
import './web/types.js'
import { DatabaseSessionStore, newSessionId } from './web/session-store.js'
import { enforceAccess, publicAccess, type Access } from './web/access.js'
import { loadUser, chooseLanguage, renderingHelpers, noStoreForPages, csrfUserInfo } from './web/request.js'
import { errorHandler, notFoundHandler } from './web/errors.js'
import { syncReadAuditsOrLog } from './modules/audit/service.js'
import { homeRoutes } from './modules/home/routes.js'
import { authRoutes } from './modules/auth/routes.js'
import { usersRoutes } from './modules/users/routes.js'
import { structureRoutes } from './modules/structure/routes.js'
import { auditRoutes } from './modules/audit/routes.js'
import { outboxRoutes } from './modules/mail/routes.js'
import { consentsRoutes } from './modules/consents/routes.js'
import { trainingsRoutes } from './modules/trainings/routes.js'
import { meRoutes } from './modules/me/routes.js'
import { expertsRoutes } from './modules/experts/routes.js'
import { ordersRoutes } from './modules/orders/routes.js'
import { matchingRoutes } from './modules/matching/routes.js'
import { offersRoutes } from './modules/offers/routes.js'
import { assignmentsRoutes } from './modules/assignments/routes.js'
import { calendarRoutes } from './modules/calendar/routes.js'
import { settingsRoutes } from './modules/settings/routes.js'
import { feesRoutes } from './modules/fees/routes.js'
import { ownFeesRoutes } from './modules/fees/own-routes.js'
import { claimRoutes } from './modules/payments/claim-routes.js'
import { paymentsRoutes } from './modules/payments/routes.js'

export interface AppOptions {
  db: Db
  config: Config
  logger?: FastifyServerOptions['logger']
  // The clock sessions are timed by; tests move it forward.
  clock?: () => number
}

export const sessionSweepMs = 60 * 1000

// A key of its own for each use of the session secret.
function keyFor (secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(purpose).digest()
}

const viewsDir = fileURLToPath(new URL('../views', import.meta.url))
const publicDir = fileURLToPath(new URL('../public', import.meta.url))

export async function buildApp ({ db, config, logger = false, clock = Date.now }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    trustProxy: config.trustedProxy ?? false,
    // Never log request bodies or query strings: they may carry personal data or tokens.
    logController: new LogController({ disableRequestLogging: true }),
  })
  app.decorate('db', db)
  app.decorate('config', config)
  const sessionStore = new DatabaseSessionStore(db, clock)
  app.decorate('sessionStore', sessionStore)
  // The rows of reads audited without waiting on the disk reach it within a second (audit/service.ts).
  const auditSync = setInterval(() => syncReadAuditsOrLog(db, app.log), 1000).unref()
  // Sessions past either timeout are swept every minute (one read of an expired session ends it too).
  const sessionSweep = setInterval(() => sessionStore.prune(), sessionSweepMs).unref()
  app.addHook('onClose', async () => {
    clearInterval(auditSync)
    clearInterval(sessionSweep)
    syncReadAuditsOrLog(db, app.log)
  })
  // Every route with its declared access, for the test that no route is left undeclared.
  const routeTable: RouteEntry[] = []
  app.decorate('routeTable', routeTable)
  app.addHook('onRoute', (route) => {
    // Read later: an encapsulated plugin's own onRoute hook (the static files) may still set it.
    routeTable.push({ method: route.method, url: route.url, get access () { return (route.config as { access?: Access } | undefined)?.access } })
  })

  // The app takes HTML forms only: any other body (JSON, plain text, XML, multipart) is refused with 415.
  app.removeAllContentTypeParsers()
  await app.register(formbody)
  await app.register(cookie, { secret: keyFor(config.sessionSecret, 'csrf-cookie') })
  await app.register(session, {
    secret: config.sessionSecret,
    store: sessionStore,
    cookieName: 'kokemus_session',
    idGenerator: newSessionId,
    saveUninitialized: false,
    // The store itself keeps last_seen_at (at most once a minute), so a page view does not rewrite
    // the session; it is saved when it changes (sign-in, flash).
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/' },
  })
  // The CSRF secret is kept in a signed, httpOnly cookie, so that an anonymous form (the login page, a
  // password link) writes no session row; a signed-in user's tokens are bound to their session id
  // (csrfUserInfo), so a token serves only the session it was made for.
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'kokemus_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, signed: true },
    getUserInfo: csrfUserInfo,
    csrfOpts: { hmacKey: keyFor(config.sessionSecret, 'csrf-token') },
  })
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        ...(config.production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: config.production,
    referrerPolicy: { policy: 'no-referrer' },
    // frame-ancestors 'none' says the same to browsers that read the CSP.
    xFrameOptions: { action: 'deny' },
  })
  app.addHook('onRequest', async (request, reply) => { reply.header('permissions-policy', permissionsPolicy) })
  await app.register(rateLimit, { global: false })
  await app.register(view, {
    engine: { eta: new Eta({ views: viewsDir, cache: config.production }) },
    root: viewsDir,
    viewExt: 'eta',
    production: config.production,
  })
  await app.register(async (assets) => {
    assets.addHook('onRoute', (route) => { route.config = { ...route.config, access: publicAccess } })
    await assets.register(fastifyStatic, { root: publicDir, prefix: '/static/', maxAge: '1h' })
  })

  app.addHook('onRequest', chooseLanguage)
  app.addHook('onRequest', loadUser)
  app.addHook('onRequest', enforceAccess)
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'POST') return app.csrfProtection(request, reply, done)
    done()
  })
  app.addHook('onSend', noStoreForPages)
  renderingHelpers(app)
  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler(notFoundHandler)

  await app.register(homeRoutes)
  await app.register(authRoutes)
  await app.register(usersRoutes)
  await app.register(structureRoutes)
  await app.register(auditRoutes)
  await app.register(outboxRoutes)
  await app.register(consentsRoutes)
  await app.register(trainingsRoutes)
  await app.register(meRoutes)
  await app.register(expertsRoutes)
  await app.register(ordersRoutes)
  await app.register(matchingRoutes)
  await app.register(offersRoutes)
  await app.register(assignmentsRoutes)
  await app.register(calendarRoutes)
  await app.register(settingsRoutes)
  await app.register(feesRoutes)
  await app.register(ownFeesRoutes)
  await app.register(claimRoutes)
  await app.register(paymentsRoutes)
  return app
}

// The browser features the app never uses, turned off for its pages and for anything they might embed.
export const permissionsPolicy = ['accelerometer', 'autoplay', 'camera', 'display-capture', 'encrypted-media', 'fullscreen',
  'geolocation', 'gyroscope', 'magnetometer', 'microphone', 'midi', 'payment', 'picture-in-picture', 'publickey-credentials-get',
  'screen-wake-lock', 'serial', 'usb', 'xr-spatial-tracking', 'browsing-topics'].map((feature) => `${feature}=()`).join(', ')

export interface RouteEntry { method: string | string[], url: string, access: Access | undefined }

declare module 'fastify' {
  interface FastifyInstance {
    sessionStore: DatabaseSessionStore
    routeTable: RouteEntry[]
  }
}
