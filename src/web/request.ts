// Per-request state set once: the language, the signed-in user, and what every view gets
// (texts, formatters, CSRF token, flash). Templates never touch the request.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isLang, translator, type Lang } from './i18n/index.js'
import type { CurrentUser, Flash } from './types.js'
import { formatsFor } from '../lib/format.js'
import { navigationFor } from './navigation.js'

const oneYear = 365 * 24 * 60 * 60

export async function chooseLanguage (request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang
  let lang: Lang = 'fi'
  if (isLang(asked)) {
    lang = asked
    reply.setCookie('lang', asked, { path: '/', maxAge: oneYear, sameSite: 'lax', httpOnly: true, secure: request.server.config.cookieSecure })
  } else if (isLang(request.cookies.lang)) {
    lang = request.cookies.lang
  }
  request.lang = lang
  request.t = translator(lang)
  request.formats = formatsFor(lang)
}

type UserRow = Omit<CurrentUser, 'orderingUnitId'> & { orderingUnitId: number | null, active: number }

const statements = new WeakMap<object, { get: (id: number) => UserRow | undefined }>()

function userStatement (request: FastifyRequest) {
  const db = request.server.db
  let statement = statements.get(db)
  if (!statement) {
    const prepared = db.$client.prepare<[number], UserRow>(
      `select u.id, u.region_id as regionId, r.name as regionName, u.name, u.email, u.role,
              u.ordering_unit_id as orderingUnitId, u.active
         from users u join regions r on r.id = u.region_id where u.id = ?`)
    statement = { get: (id) => prepared.get(id) }
    statements.set(db, statement)
  }
  return statement
}

// A session whose user is gone or disabled is ended: reusing its cookie signs nobody in.
export async function loadUser (request: FastifyRequest): Promise<void> {
  request.user = null
  const userId = request.session?.userId
  if (typeof userId !== 'number') return
  const row = userStatement(request).get(userId)
  if (!row || !row.active) {
    await request.session.destroy()
    return
  }
  const { active: _active, ...user } = row
  request.user = user
}

// What a CSRF token is bound to: the session of a signed-in user; for anyone else the token and the
// cookie secret alone.
export function csrfUserInfo (request: FastifyRequest): string {
  return request.user ? `session:${request.session.sessionId}` : 'anonymous'
}

export function renderingHelpers (app: FastifyInstance): void {
  app.decorateReply('page', function (this: FastifyReply, template: string, data: Record<string, unknown> = {}, status = 200) {
    const request = this.request
    const session = request.session
    const flash = session?.flash
    if (flash) delete session.flash
    let csrfToken: string | undefined
    this.code(status)
    return this.viewAsync(template, {
      t: request.t,
      lang: request.lang,
      user: request.user,
      nav: navigationFor(request.user),
      path: request.url.split('?')[0],
      langLink: (lang: Lang) => languageLink(request.url, lang),
      // One token for all the page's forms: a first visit's cookie is set once.
      csrf: () => (csrfToken ??= this.generateCsrf({ userInfo: csrfUserInfo(request) })),
      flash,
      formatDate: request.formats.date,
      formatTime: request.formats.time,
      formatDateTime: request.formats.dateTime,
      formatMoney: request.formats.money,
      formatHours: request.formats.hours,
      formatNumber: request.formats.number,
      formatClock: request.formats.clock,
      formatClockOf: request.formats.clockOf,
      formatAmount: request.formats.amount,
      errors: {},
      values: {},
      ...data,
    })
  })
  app.decorateReply('flash', function (this: FastifyReply, kind: Flash['kind'], key: string, params?: Record<string, string | number>) {
    this.request.session.flash = { kind, text: this.request.t(key, params) }
  })
}

function languageLink (url: string, lang: Lang): string {
  const [path = '/', query = ''] = url.split('?')
  const params = new URLSearchParams(query)
  params.set('lang', lang)
  return `${path}?${params.toString()}`
}

// Signed-in pages and forms are never cached (shared computers, back button after logout).
export function noStoreForPages (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void): void {
  const type = reply.getHeader('content-type')
  if (typeof type === 'string' && type.startsWith('text/html')) reply.header('cache-control', 'no-store')
  done(null, payload)
}
