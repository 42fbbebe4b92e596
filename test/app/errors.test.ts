import t from 'tap'
import { build, signedIn } from '../helper.js'
import { anyone } from '../../src/web/access.js'
import { closeDatabase } from '../../src/db.js'

t.test('an unknown page is a 404 page in the layout', async (t) => {
  const { app } = await build(t)
  const response = await app.inject({ url: '/no/such/page' })
  t.equal(response.statusCode, 404)
  t.match(response.body, 'Sivua ei löytynyt')
  t.match(response.body, '<html lang="fi">')
})

t.test('a bug is a 500 page without a stack trace', async (t) => {
  const { app } = await build(t)
  app.get('/boom', { config: anyone }, async () => { throw new Error('secret internal detail') })
  const response = await app.inject({ url: '/boom' })
  t.equal(response.statusCode, 500)
  t.match(response.body, 'Jokin meni vikaan')
  t.notMatch(response.body, 'secret internal detail')
  t.notMatch(response.body, /\.ts:\d+/)
})

t.test('a page that cannot render still answers in plain text', async (t) => {
  const { app } = await build(t)
  app.get('/broken', { config: anyone }, async (request, reply) => reply.page('no/such/template'))
  const response = await app.inject({ url: '/broken' })
  t.equal(response.statusCode, 500)
  t.match(response.body, 'Jokin meni vikaan')
})

t.test('a bad request (schema validation) is a 400 page', async (t) => {
  const { app } = await build(t)
  app.get('/typed', { config: anyone, schema: { querystring: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] } } }, async () => 'ok')
  const response = await app.inject({ url: '/typed?n=abc' })
  t.equal(response.statusCode, 400)
  t.match(response.body, 'Virheellinen pyyntö')
})

t.test('a wrong role gets the 403 page', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedIn(app, db, 'expert')
  const response = await browser.get('/admin/outbox')
  t.equal(response.statusCode, 403)
  t.match(response.body, 'Ei käyttöoikeutta')
})

t.test('/healthz answers 200 while the database answers, 503 when it does not', async (t) => {
  const { app, db } = await build(t)
  const ok = await app.inject({ url: '/healthz' })
  t.equal(ok.statusCode, 200)
  t.equal(ok.body, 'ok')
  closeDatabase(db)
  const down = await app.inject({ url: '/healthz' })
  t.equal(down.statusCode, 503)
})

t.test('when even the error page cannot render, the answer is plain text without details', async (t) => {
  const { app } = await build(t)
  app.get('/double-fault', {
    config: anyone,
    preHandler: async (request, reply) => { reply.page = async () => { throw new Error('template engine down') } },
  }, async () => { throw new Error('secret internal detail') })
  const response = await app.inject({ url: '/double-fault' })
  t.equal(response.statusCode, 500)
  t.match(response.headers['content-type'], 'text/plain')
  t.match(response.body, 'Jokin meni vikaan')
  t.notMatch(response.body, 'secret internal detail')
  t.notMatch(response.body, 'template engine down')
})
