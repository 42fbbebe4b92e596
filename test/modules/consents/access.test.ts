import t from 'tap'
import { build, signedIn, anExpert, aRegion, Browser } from '../../helper.js'
import { consents, type Role } from '../../../db/schema.js'
import { today } from '../../../src/lib/dates.js'
import { auditRows, rowCount } from './support.js'

const refused: Role[] = ['expert', 'orderer', 'manager', 'admin']
const consent = { givenBy: 'expert', scopeRegister: 'on', givenOn: today(), expiresOn: '2099-01-01' }

t.test('experts, orderers, managers and admins may not see or record consents', async (t) => {
  const { app, db } = await build(t)
  for (const role of refused) {
    const { browser, user } = await signedIn(app, db, role)
    const expert = anExpert(db, { regionId: user.regionId })
    const url = `/experts/${expert.id}/consents`
    t.equal((await browser.get(url)).statusCode, 403, `${role} GET`)
    t.equal((await browser.post(url, consent, { from: '/' })).statusCode, 403, `${role} POST`)
  }
  t.equal(rowCount(db, consents), 0)
  t.equal(auditRows(db, 'read').length, 0)
})

t.test('anonymous visitors are sent to sign in', async (t) => {
  const { app, db } = await build(t)
  const expert = anExpert(db, { regionId: aRegion(db).id })
  const url = `/experts/${expert.id}/consents`
  const anonymous = new Browser(app)
  const page = await anonymous.get(url)
  t.equal(page.statusCode, 303)
  t.equal(page.headers.location, `/login?next=${encodeURIComponent(url)}`)
  const post = await anonymous.post(url, consent, { csrf: false })
  t.equal(post.statusCode, 303)
  t.equal(post.headers.location, '/login')
  t.equal(rowCount(db, consents), 0)
})

t.test('another region’s coordinator finds no such expert', async (t) => {
  const { app, db } = await build(t)
  const expert = anExpert(db, { regionId: aRegion(db).id, displayName: 'Toisen alueen' })
  const { browser } = await signedIn(app, db, 'coordinator')
  const url = `/experts/${expert.id}/consents`
  const page = await browser.get(url)
  t.equal(page.statusCode, 404)
  t.notMatch(page.body, 'Toisen alueen')
  t.equal((await browser.post(url, consent, { from: '/' })).statusCode, 404)
  t.equal(rowCount(db, consents), 0)
  t.equal(auditRows(db, 'read').length, 0)
})

t.test('an expert id that is not a number is not found', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedIn(app, db, 'coordinator')
  t.equal((await browser.get('/experts/abc/consents')).statusCode, 404)
  t.equal((await browser.get('/experts/0/consents')).statusCode, 404)
  t.equal((await browser.post('/experts/1.5/consents', consent, { from: '/' })).statusCode, 404)
})
