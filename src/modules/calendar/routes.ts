// The expert's calendar feed: /me/calendar (what it is, make or revoke the link) and the feed itself,
// /me/calendar.ics?token=, which a calendar app fetches without a session (the token is the key).
// A new link is shown on the page that answers the POST, never stored in the session or shown again.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { allow, anyone } from '../../web/access.js'
import { notFound } from '../../web/errors.js'
import { nowIso } from '../../lib/dates.js'
import { ownExpert } from '../me/queries.js'
import { siteLink } from '../mail/mails.js'
import { calendarTokenOf } from './queries.js'
import { calendarFeedFor, createCalendarToken, revokeCalendarToken, type Owner } from './service.js'
import './messages.js'

const own = { config: allow(['expert'], 'own') }

export async function calendarRoutes (app: FastifyInstance) {
  app.get('/me/calendar', own, async (request, reply) => {
    const owner = ownerOf(request)
    if (!owner) return unlinked(request, reply)
    return calendarPage(request, reply, owner)
  })

  app.post('/me/calendar', own, async (request, reply) => {
    const owner = ownerOf(request)
    if (!owner) return unlinked(request, reply)
    const token = createCalendarToken(app.db, owner, nowIso())
    // The address is made from the site's address (SITE_URL), never from the request's Host.
    const url = siteLink(app.config.siteUrl, `/me/calendar.ics?token=${token}`)
    return calendarPage(request, reply, owner, { url, webcal: url.replace(/^https?:/, 'webcal:') })
  })

  app.post('/me/calendar/revocation', own, async (request, reply) => {
    const owner = ownerOf(request)
    if (!owner) return unlinked(request, reply)
    revokeCalendarToken(app.db, owner)
    reply.flash('success', 'calendar.revoked')
    return reply.redirect('/me/calendar', 303)
  })

  app.get('/me/calendar.ics', { config: anyone }, async (request, reply) => {
    const feed = calendarFeedFor(app.db, (request.query as { token?: unknown }).token, nowIso(), siteLink(app.config.siteUrl, '/me/offers'))
    if (feed === undefined) throw notFound()
    return reply.type('text/calendar; charset=utf-8').header('cache-control', 'no-store')
      .header('content-disposition', 'inline; filename="kokemus.ics"').send(feed)
  })
}

function ownerOf (request: FastifyRequest): Owner | undefined {
  const expert = ownExpert(request.server.db, request.user!.id)
  return expert && { expertId: expert.id, regionId: expert.regionId, userId: request.user!.id }
}

function unlinked (request: FastifyRequest, reply: FastifyReply) {
  return reply.page('me/unlinked', { title: request.t('me.title') })
}

function calendarPage (request: FastifyRequest, reply: FastifyReply, owner: Owner, created?: { url: string, webcal: string }) {
  const token = calendarTokenOf(request.server.db, owner.expertId)
  return reply.page('calendar/show', { title: request.t('calendar.title'), token, created })
}
