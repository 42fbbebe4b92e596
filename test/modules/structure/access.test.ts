import t from 'tap'
import { build, signedIn, aRegion, anArea, Browser } from '../../helper.js'
import type { Role } from '../../../db/schema.js'
import { asAdmin, from, rowsOf } from './support.js'

const others: Role[] = ['coordinator', 'pair_worker', 'expert', 'orderer', 'manager']

t.test('only an admin may open or change the structure', async (t) => {
  const { app, db } = await build(t)
  const region = aRegion(db)
  const area = anArea(db, region.id, 'Tampere')
  for (const role of others) {
    const { browser } = await signedIn(app, db, role, { regionId: region.id })
    t.equal((await browser.get('/admin/structure')).statusCode, 403, `${role} list`)
    t.equal((await browser.get(`/admin/structure/areas/${area.id}`)).statusCode, 403, `${role} edit form`)
    t.equal((await browser.post('/admin/structure/areas', { name: 'Nokia' }, { from: '/' })).statusCode, 403, `${role} create`)
    t.equal((await browser.post(`/admin/structure/areas/${area.id}`, { name: 'Nokia' }, { from: '/' })).statusCode, 403, `${role} edit`)
  }
  const stored = rowsOf(db, 'areas', region.id)
  t.match(stored.find((row) => row.id === area.id), { name: 'Tampere', active: 1 }, 'unchanged')
  t.notOk(stored.some((row) => row.name === 'Nokia'), 'nothing added')
})

t.test('an anonymous visitor is sent to sign in', async (t) => {
  const { app, db } = await build(t)
  const region = aRegion(db)
  const area = anArea(db, region.id, 'Tampere')
  const browser = new Browser(app)
  const list = await browser.get('/admin/structure')
  t.equal(list.statusCode, 303)
  t.equal(list.headers.location, '/login?next=%2Fadmin%2Fstructure')
  const created = await browser.post('/admin/structure/areas', { name: 'Nokia' }, { csrf: false })
  t.equal(created.statusCode, 303)
  t.equal(created.headers.location, '/login')
  const edited = await browser.post(`/admin/structure/areas/${area.id}`, { name: 'Nokia' }, { csrf: false })
  t.equal(edited.headers.location, '/login')
  t.match(rowsOf(db, 'areas', region.id), [{ name: 'Tampere' }])
})

t.test('an admin never sees nor changes another region’s rows', async (t) => {
  const { db, browser } = await asAdmin(t)
  const theirs = aRegion(db)
  const area = anArea(db, theirs.id, 'Seinäjoki')
  const list = await browser.get('/admin/structure')
  t.notMatch(list.body, 'Seinäjoki')
  t.notMatch(list.body, `/admin/structure/areas/${area.id}"`)
  t.equal((await browser.get(`/admin/structure/areas/${area.id}`)).statusCode, 404)
  const edited = await browser.post(`/admin/structure/areas/${area.id}`, { name: 'Lapua' }, from)
  t.equal(edited.statusCode, 404)
  t.match(rowsOf(db, 'areas', theirs.id), [{ name: 'Seinäjoki', active: 1 }])
})

t.test('a form without its CSRF token is refused', async (t) => {
  const { db, browser, regionId } = await asAdmin(t)
  const response = await browser.post('/admin/structure/areas', { name: 'Nokia' }, { csrf: false })
  t.equal(response.statusCode, 403)
  t.equal(rowsOf(db, 'areas', regionId).length, 0)
})
