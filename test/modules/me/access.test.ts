import t from 'tap'
import { build, signedIn, anExpert, Browser } from '../../helper.js'
import type { Role } from '../../../db/schema.js'
import { availabilityWindows } from '../../../db/schema.js'
import { auditRows, expertRow, signedInExpert, windowsOf } from './support.js'

const pages = ['/me', '/me/data', '/me/availability']
const forms = ['/me', '/me/availability/windows', '/me/availability/windows/1/removal', '/me/availability/periods',
  '/me/availability/periods/1/removal', '/me/availability/cap', '/me/availability/pause']
const otherRoles: Role[] = ['coordinator', 'pair_worker', 'orderer', 'manager', 'admin']

t.test('only experts may use the own pages', async (t) => {
  const { app, db } = await build(t)
  for (const role of otherRoles) {
    const { browser, user } = await signedIn(app, db, role)
    // Even a user of another role linked to an expert record is refused.
    const expert = anExpert(db, { regionId: user.regionId, userId: user.id })
    for (const url of pages) t.equal((await browser.get(url)).statusCode, 403, `${role} GET ${url}`)
    for (const url of forms) {
      const response = await browser.post(url, { monthlyCap: '3', weekday: '1', startsAt: '10:00', endsAt: '11:00' }, { from: '/' })
      t.equal(response.statusCode, 403, `${role} POST ${url}`)
    }
    t.equal(expertRow(db, expert.id).monthlyCap, null)
    t.equal(windowsOf(db, expert.id).length, 0)
  }
})

t.test('anonymous visitors are sent to sign in', async (t) => {
  const { app } = await build(t)
  const anonymous = new Browser(app)
  for (const url of pages) {
    const response = await anonymous.get(url)
    t.equal(response.statusCode, 303, url)
    t.equal(response.headers.location, `/login?next=${encodeURIComponent(url)}`)
  }
  for (const url of forms) {
    const response = await anonymous.post(url, {}, { csrf: false })
    t.equal(response.statusCode, 303, url)
    t.equal(response.headers.location, '/login')
  }
})

t.test('an expert sees and changes only their own record', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert } = await signedInExpert(app, db, { realName: 'Oma Nimi', displayName: 'Oma' })
  const neighbour = await signedInExpert(app, db, { regionId: expert.regionId, realName: 'Naapurin Nimi', displayName: 'Naapuri', monthlyCap: 2 })
  db.insert(availabilityWindows).values({ expertId: neighbour.expert.id, weekday: 5, startsAt: '08:00', endsAt: '09:15' }).run()
  const own = await browser.get('/me')
  t.match(own.body, 'Oma Nimi')
  t.notMatch(own.body, 'Naapuri')
  const availability = await browser.get('/me/availability')
  t.notMatch(availability.body, '09.15')
  t.notMatch((await browser.get('/me/data')).body, 'Naapuri')
  await browser.post('/me/availability/cap', { monthlyCap: '5', expertId: String(neighbour.expert.id) }, { from: '/me/availability' })
  t.equal(expertRow(db, expert.id).monthlyCap, 5, 'an expert id in the form is ignored')
  t.equal(expertRow(db, neighbour.expert.id).monthlyCap, 2)
  t.equal(auditRows(db, 'availability_changed', neighbour.expert.id).length, 0)
  t.equal(auditRows(db, 'read', neighbour.expert.id).length, 0)
})
