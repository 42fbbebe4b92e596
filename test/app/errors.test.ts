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

t.test('an unsupported content type is a 415 page, not a 500, and nothing is logged as a fault', async (t) => {
  const lines: string[] = []
  const { app } = await build(t, { logger: { level: 'error', stream: { write: (line: string) => { lines.push(line) } } } })
  for (const type of ['application/xml', 'text/plain', 'application/json', 'multipart/form-data; boundary=x']) {
    const response = await app.inject({ method: 'POST', url: '/login', headers: { 'content-type': type }, payload: '<login/>' })
    t.equal(response.statusCode, 415, type)
    t.match(response.headers['content-type'], 'text/html', type)
    t.match(response.body, 'Tuntematon lähetysmuoto', type)
    t.notMatch(response.body, /FST_|\.ts:\d+|\n\s+at /, `${type}: no code words or stack`)
  }
  t.same(lines, [], 'a refusal is not logged as a failed request')
})

t.test('a body over the limit is a 413 page in the asked language', async (t) => {
  const { app } = await build(t)
  const response = await app.inject({
    method: 'POST',
    url: '/login?lang=en',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `email=${'a'.repeat(1024 * 1024 + 10)}`,
  })
  t.equal(response.statusCode, 413)
  t.match(response.body, 'Too much data')
})

t.test('any other 4xx refusal keeps its status with the bad-request words; a 5xx raised by code is a fault', async (t) => {
  const { app } = await build(t)
  app.get('/gone', { config: anyone }, async () => { throw Object.assign(new Error('gone'), { statusCode: 410 }) })
  app.get('/unavailable', { config: anyone }, async () => { throw Object.assign(new Error('secret detail'), { statusCode: 503 }) })
  const gone = await app.inject({ url: '/gone?lang=sv' })
  t.equal(gone.statusCode, 410)
  t.match(gone.body, 'Felaktig begäran')
  const fault = await app.inject({ url: '/unavailable' })
  t.equal(fault.statusCode, 500, 'a 5xx raised by code is a fault')
  t.notMatch(fault.body, 'secret detail')
})
