// Links in mail and the calendar feed's address come from SITE_URL, never from the request: a signed-in
// user sending `Host: evil.example` and `X-Forwarded-Host: evil.example` gets that host into no mail
// sent to others. Each action is tried with the development defaults and as in production behind a
// trusted proxy that passes the hostile X-Forwarded-Host on (where request.host would be evil.example).
import t, { type Test } from 'tap'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { build, aUser, anAssignment, anExpert, anOrder, anOffer, Browser } from '../helper.js'
import type { Config } from '../../src/config.js'
import type { Db } from '../../src/db.js'
import { outbox, type Role } from '../../db/schema.js'
import { anEligibleExpert } from '../modules/matching/support.js'
import { aConfirmedAssignment } from '../modules/assignments/support.js'
import { anOfferedOrder } from '../modules/offers/support.js'
import { goodOrder, orderingRegion } from '../modules/orders/support.js'

const setups: { name: string, config: Partial<Config>, site: string }[] = [
  { name: 'development defaults', config: {}, site: 'http://localhost:3000' },
  {
    name: 'production behind a trusted proxy',
    config: { production: true, cookieSecure: true, siteUrl: 'https://kokemus.alue.fi', trustedProxy: ['127.0.0.1'] },
    site: 'https://kokemus.alue.fi',
  },
]

// A browser whose every request carries the hostile headers (and, for the proxy, https).
function hostileBrowser (app: FastifyInstance): Browser {
  const hostile = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }
  const inject = (options: InjectOptions) => app.inject({ ...options, headers: { ...options.headers, ...hostile } })
  return new Browser({ inject } as unknown as FastifyInstance)
}

async function hostileUser (app: FastifyInstance, db: Db, role: Role, fields: Partial<Parameters<typeof aUser>[1]> = {}) {
  const user = await aUser(db, { role, ...fields })
  const browser = hostileBrowser(app)
  await browser.login(user.email)
  return { browser, user }
}

function mailsTo (db: Db, address: string) {
  return db.select().from(outbox).all().filter((mail) => mail.toAddress === address)
}

// Every mail names the link expected, and every address in any mail starts with the site's.
function onlySiteLinks (t: Test, db: Db, site: string, expected: [to: string, link: string][]) {
  const all = db.select().from(outbox).all()
  t.ok(all.length >= expected.length, 'mails were sent')
  for (const [to, link] of expected) {
    const mails = mailsTo(db, to)
    t.ok(mails.some((mail) => mail.body.includes(link)), `the mail to ${to} links to ${link}`)
  }
  for (const mail of all) {
    t.notMatch(`${mail.subject}\n${mail.body}`, 'evil.example', `no hostile host in the mail to ${mail.toAddress}`)
    const links = mail.body.match(/[a-z]+:\/\/\S+/g) ?? []
    t.ok(links.length > 0 && links.every((link) => link.startsWith(`${site}/`)), `only ${site} links in the mail to ${mail.toAddress}`)
  }
}

for (const { name, config, site } of setups) {
  t.test(`${name}: an admin's invitation and password reset link to SITE_URL`, async (t) => {
    const { app, db } = await build(t, { config })
    const { browser, user } = await hostileUser(app, db, 'admin')
    const created = await browser.post('/admin/users', { name: 'Uusi Käyttäjä', email: 'uusi@example.fi', role: 'coordinator' }, { from: '/admin/users/new' })
    t.equal(created.statusCode, 303)
    const target = await aUser(db, { role: 'coordinator', regionId: user.regionId, email: 'vanha@example.fi' })
    t.equal((await browser.post(`/admin/users/${target.id}/password-reset`, {}, { from: `/admin/users/${target.id}` })).statusCode, 303)
    onlySiteLinks(t, db, site, [['uusi@example.fi', `${site}/password/`], ['vanha@example.fi', `${site}/password/`]])
  })

  t.test(`${name}: a coordinator's invitation of an expert links to SITE_URL`, async (t) => {
    const { app, db } = await build(t, { config })
    const { browser, user } = await hostileUser(app, db, 'coordinator')
    const expert = anExpert(db, { regionId: user.regionId, email: 'nuori@example.fi' })
    t.equal((await browser.post(`/experts/${expert.id}/invitation`, {}, { from: `/experts/${expert.id}` })).statusCode, 303)
    onlySiteLinks(t, db, site, [['nuori@example.fi', `${site}/password/`]])
  })

  t.test(`${name}: an offer sent by a coordinator links to SITE_URL`, async (t) => {
    const { app, db } = await build(t, { config })
    const { browser, user } = await hostileUser(app, db, 'coordinator')
    const order = anOrder(db, { regionId: user.regionId, status: 'new' })
    const expert = anEligibleExpert(db, order, { email: 'tarjous@example.fi' })
    const sent = await browser.post(`/orders/${order.id}/offers`, { expertIds: String(expert.id) }, { from: `/orders/${order.id}/matches` })
    t.equal(sent.statusCode, 303)
    onlySiteLinks(t, db, site, [['tarjous@example.fi', `${site}/me/offers`]])
  })

  t.test(`${name}: cancelling an order and an assignment link to SITE_URL`, async (t) => {
    const { app, db } = await build(t, { config })
    const { browser, user } = await hostileUser(app, db, 'coordinator')
    const order = anOrder(db, { regionId: user.regionId, status: 'matching' })
    anOffer(db, order.id, anExpert(db, { regionId: user.regionId, email: 'tarjottu@example.fi' }).id)
    t.equal((await browser.post(`/orders/${order.id}/cancellation`, { reason: 'Siirtyy' }, { from: `/orders/${order.id}` })).statusCode, 303)
    const { assignment, coordinator, orderer } = await aConfirmedAssignment(db, { regionId: user.regionId, expert: { email: 'vahvistettu@example.fi' } })
    const cancelled = await browser.post(`/assignments/${assignment.id}/cancellation`, { reason: 'Sairastuminen' }, { from: `/assignments/${assignment.id}` })
    t.equal(cancelled.statusCode, 303)
    onlySiteLinks(t, db, site, [
      ['tarjottu@example.fi', `${site}/me/offers`],
      ['vahvistettu@example.fi', `${site}/me/offers`],
      [coordinator.email, `${site}/assignments/${assignment.id}`],
      [orderer.email, `${site}/assignments/${assignment.id}`],
    ])
  })

  t.test(`${name}: an expert's answer and an orderer's new order link to SITE_URL`, async (t) => {
    const { app, db } = await build(t, { config })
    const { browser, user } = await hostileUser(app, db, 'expert')
    const expert = anExpert(db, { regionId: user.regionId, userId: user.id, email: user.email })
    const { coordinator, orderer, order, offer } = await anOfferedOrder(db, user.regionId, expert.id)
    t.equal((await browser.post(`/me/offers/${offer.id}/acceptance`, {}, { from: '/me/offers' })).statusCode, 303)
    const declined = await anOfferedOrder(db, user.regionId, expert.id)
    t.equal((await browser.post(`/me/offers/${declined.offer.id}/decline`, {}, { from: '/me/offers' })).statusCode, 303)
    const r = orderingRegion(db, user.regionId)
    const ordering = await hostileUser(app, db, 'orderer', { regionId: user.regionId, orderingUnitId: r.unit.id })
    const created = await ordering.browser.post('/orders', goodOrder(r), { from: '/orders/new' })
    t.equal(created.statusCode, 303)
    const newOrderId = created.headers.location!.split('/').pop()
    onlySiteLinks(t, db, site, [
      [coordinator.email, `${site}/orders/${order.id}`],
      [orderer.email, `${site}/orders/${order.id}`],
      [declined.coordinator.email, `${site}/orders/${declined.order.id}`],
      [coordinator.email, `${site}/orders/${newOrderId}`],
    ])
  })

  t.test(`${name}: the calendar feed's address and its link come from SITE_URL`, async (t) => {
    const { app, db } = await build(t, { config })
    const { browser, user } = await hostileUser(app, db, 'expert')
    const expert = anExpert(db, { regionId: user.regionId, userId: user.id })
    const created = await browser.post('/me/calendar', {}, { from: '/me/calendar' })
    t.equal(created.statusCode, 200)
    const token = /\/me\/calendar\.ics\?token=([A-Za-z0-9_-]{43})/.exec(created.body)![1]!
    const webcal = site.replace(/^https?:/, 'webcal:')
    t.match(created.body, `value="${site}/me/calendar.ics?token=${token}"`)
    t.match(created.body, `href="${webcal}/me/calendar.ics?token=${token}"`)
    t.notMatch(created.body, 'evil.example')
    const order = anOrder(db, { regionId: user.regionId, status: 'filled' })
    anAssignment(db, order.id, expert.id)
    const feed = await hostileBrowser(app).get(`/me/calendar.ics?token=${token}`)
    t.equal(feed.statusCode, 200)
    t.match(feed.body.replace(/\r\n /g, ''), `${site}/me/offers`)
    t.notMatch(feed.body, 'evil.example')
  })
}
