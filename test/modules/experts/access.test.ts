import t from 'tap'
import { build, signedIn, anExpert, Browser } from '../../helper.js'
import type { Role } from '../../../db/schema.js'
import { encryptField } from '../../../src/lib/crypto.js'
import { testConfig } from '../../../src/config.js'
import { aStructure, auditRows, expertRow, goodForm, historyOf, identityCodeFor } from './support.js'

const pages = (id: number) => ['/experts', '/experts/new', `/experts/${id}`, `/experts/${id}/edit`]
const forms = (id: number) => ['/experts', `/experts/${id}`, ...['status-changes', 'identity-code-disclosure', 'invitation'].map((noun) => `/experts/${id}/${noun}`)]
const refused: Role[] = ['expert', 'orderer', 'manager', 'admin']

t.test('experts, orderers, managers and admins may not use the register', async (t) => {
  const { app, db } = await build(t)
  for (const role of refused) {
    const { browser, user } = await signedIn(app, db, role)
    const s = aStructure(db, user.regionId)
    const expert = anExpert(db, { regionId: user.regionId, displayName: 'Koskematon', status: 'candidate' })
    for (const url of pages(expert.id)) t.equal((await browser.get(url)).statusCode, 403, `${role} GET ${url}`)
    for (const url of forms(expert.id)) {
      const response = await browser.post(url, { ...goodForm(s, { displayName: 'Vallattu' }), status: 'active', reason: 'x' }, { from: '/' })
      t.equal(response.statusCode, 403, `${role} POST ${url}`)
    }
    t.match(expertRow(db, expert.id), { displayName: 'Koskematon', status: 'candidate', userId: null })
    t.equal(historyOf(db, expert.id).length, 0)
  }
  t.equal(auditRows(db, 'read').length + auditRows(db, 'list').length, 0, 'nothing was read')
})

t.test('a pair worker may not reveal an identity code', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'pair_worker')
  const code = identityCodeFor('2004-01-01')
  const expert = anExpert(db, { regionId: user.regionId, birthDate: '2004-01-01', identityCodeEncrypted: encryptField(testConfig().dataKey, code) })
  const response = await browser.post(`/experts/${expert.id}/identity-code-disclosure`, {}, { from: `/experts/${expert.id}` })
  t.equal(response.statusCode, 403)
  t.notMatch(response.body, code)
  t.equal(auditRows(db, 'identity_code_revealed').length, 0)
})

t.test('anonymous visitors are sent to sign in', async (t) => {
  const { app, db } = await build(t)
  const { user } = await signedIn(app, db, 'coordinator')
  const expert = anExpert(db, { regionId: user.regionId })
  const anonymous = new Browser(app)
  for (const url of pages(expert.id)) {
    const response = await anonymous.get(url)
    t.equal(response.statusCode, 303, url)
    t.equal(response.headers.location, `/login?next=${encodeURIComponent(url)}`)
  }
  for (const url of forms(expert.id)) {
    const response = await anonymous.post(url, {}, { csrf: false })
    t.equal(response.statusCode, 303, url)
    t.equal(response.headers.location, '/login')
  }
})

t.test('another region’s coordinator neither sees nor touches the region’s experts', async (t) => {
  const { app, db } = await build(t)
  const { user } = await signedIn(app, db, 'coordinator')
  const expert = anExpert(db, { regionId: user.regionId, realName: 'Piilossa Pysyvä', displayName: 'Salainen', email: 'piilo@example.fi', status: 'candidate' })
  const { browser: stranger, user: strangerUser } = await signedIn(app, db, 'coordinator')
  const s = aStructure(db, strangerUser.regionId)
  const list = await stranger.get('/experts?q=piilossa')
  t.equal(list.statusCode, 200)
  t.notMatch(list.body, 'Piilossa Pysyvä')
  t.notMatch((await stranger.get('/experts')).body, 'Salainen')
  for (const url of pages(expert.id).slice(2)) t.equal((await stranger.get(url)).statusCode, 404, url)
  for (const url of forms(expert.id).slice(1)) {
    const response = await stranger.post(url, { ...goodForm(s, { displayName: 'Vallattu' }), status: 'active', reason: 'x' }, { from: '/experts' })
    t.equal(response.statusCode, 404, url)
  }
  t.match(expertRow(db, expert.id), { displayName: 'Salainen', status: 'candidate', userId: null })
  t.equal(auditRows(db, 'read', expert.id).length, 0)
})

t.test('an expert id that is not a number is not found', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedIn(app, db, 'coordinator')
  t.equal((await browser.get('/experts/abc')).statusCode, 404)
  t.equal((await browser.get('/experts/0/edit')).statusCode, 404)
  t.equal((await browser.post('/experts/1.5/status-changes', { status: 'active' }, { from: '/experts' })).statusCode, 404)
})
