import t from 'tap'
import { build, signedIn, aUser, Browser } from '../../helper.js'
import type { Role } from '../../../db/schema.js'
import { auditRows, userRow } from './support.js'

const pages = (id: number) => ['/admin/users', '/admin/users/new', `/admin/users/${id}`]
const forms = (id: number) => ['/admin/users', `/admin/users/${id}`, ...['disabling', 'enabling', 'password-reset', 'session-ending', 'unlocking'].map((noun) => `/admin/users/${id}/${noun}`)]
const otherRoles: Role[] = ['coordinator', 'pair_worker', 'expert', 'orderer', 'manager']

t.test('only admins may use the users pages', async (t) => {
  const { app, db } = await build(t)
  for (const role of otherRoles) {
    const { browser, user } = await signedIn(app, db, role)
    const target = await aUser(db, { role: 'coordinator', regionId: user.regionId })
    for (const url of pages(target.id)) t.equal((await browser.get(url)).statusCode, 403, `${role} GET ${url}`)
    for (const url of forms(target.id)) {
      const response = await browser.post(url, { name: 'x', email: 'x@example.fi', role: 'admin' }, { from: '/' })
      t.equal(response.statusCode, 403, `${role} POST ${url}`)
    }
    t.equal(userRow(db, target.id).active, true)
  }
})

t.test('anonymous visitors are sent to sign in', async (t) => {
  const { app, db } = await build(t)
  const target = await aUser(db, { role: 'coordinator' })
  const anonymous = new Browser(app)
  for (const url of pages(target.id)) {
    const response = await anonymous.get(url)
    t.equal(response.statusCode, 303, url)
    t.equal(response.headers.location, `/login?next=${encodeURIComponent(url)}`)
  }
  for (const url of forms(target.id)) {
    const response = await anonymous.post(url, {}, { csrf: false })
    t.equal(response.statusCode, 303, url)
    t.equal(response.headers.location, '/login')
  }
})

t.test('another region’s admin neither sees nor touches the region’s users', async (t) => {
  const { app, db } = await build(t)
  const { user: admin } = await signedIn(app, db, 'admin')
  const target = await aUser(db, { role: 'coordinator', regionId: admin.regionId, name: 'Piilossa Pysyvä' })
  const { browser: stranger } = await signedIn(app, db, 'admin')
  const list = await stranger.get('/admin/users')
  t.equal(list.statusCode, 200)
  t.notMatch(list.body, 'Piilossa Pysyvä')
  t.equal((await stranger.get(`/admin/users/${target.id}`)).statusCode, 404)
  for (const url of forms(target.id).slice(1)) {
    const response = await stranger.post(url, { name: 'Vallattu', email: 'vallattu@example.fi', role: 'admin' }, { from: '/admin/users' })
    t.equal(response.statusCode, 404, url)
  }
  t.match(userRow(db, target.id), { name: 'Piilossa Pysyvä', role: 'coordinator', active: true })
  t.equal(auditRows(db, 'read', target.id).length, 0)
})

t.test('a user id that is not a number is not found', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedIn(app, db, 'admin')
  t.equal((await browser.get('/admin/users/abc')).statusCode, 404)
  t.equal((await browser.get('/admin/users/0')).statusCode, 404)
  t.equal((await browser.post('/admin/users/1.5/disabling', {}, { from: '/admin/users' })).statusCode, 404)
})
