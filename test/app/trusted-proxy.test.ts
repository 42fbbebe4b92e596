// X-Forwarded-* headers are believed only from the proxy named by TRUSTED_PROXY; production alone
// trusts no one. Otherwise a client's X-Forwarded-For would choose its own address and escape the
// login limit of 20 posts per address in 15 minutes. (app.inject's peer is 127.0.0.1.)
import t from 'tap'
import type { Config } from '../../src/config.js'
import { anyone } from '../../src/web/access.js'
import { build, Browser } from '../helper.js'

async function ipSeen (t: Parameters<typeof build>[0], config: Partial<Config>, headers: Record<string, string>) {
  const { app } = await build(t, { config })
  app.get('/test/ip', { config: anyone }, async (request) => ({ ip: request.ip, host: request.host }))
  const response = await app.inject({ url: '/test/ip', headers })
  return JSON.parse(response.body) as { ip: string, host: string }
}

const forwarded = { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-host': 'evil.example' }

t.test('an untrusted peer cannot change request.ip, in development or production', async (t) => {
  t.same(await ipSeen(t, {}, forwarded), { ip: '127.0.0.1', host: 'localhost:80' })
  t.same(await ipSeen(t, { production: true, cookieSecure: true }, forwarded), { ip: '127.0.0.1', host: 'localhost:80' }, 'production implies no trust')
  t.same(await ipSeen(t, { trustedProxy: ['10.0.0.0/8'] }, forwarded), { ip: '127.0.0.1', host: 'localhost:80' }, 'a peer outside the trusted range')
})

t.test('the trusted proxy\'s forwarded address is used', async (t) => {
  t.same((await ipSeen(t, { trustedProxy: ['127.0.0.1'] }, forwarded)).ip, '203.0.113.7')
  t.same((await ipSeen(t, { trustedProxy: ['loopback'] }, forwarded)).ip, '203.0.113.7', 'a proxy-addr name')
  t.same((await ipSeen(t, { trustedProxy: ['10.0.0.0/8', '127.0.0.0/8'] }, { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' })).ip, '203.0.113.7',
    'the address the trusted proxy saw, not what the client wrote before it')
})

// 20 failed sign-ins from one address (which stop it); the 21st comes with another X-Forwarded-For.
async function twentyFirstLogin (t: Parameters<typeof build>[0], config: Partial<Config>, first = 401) {
  const { app } = await build(t, { config })
  const browser = new Browser(app)
  const token = await browser.csrfToken('/login')
  const post = (address: string) => app.inject({
    method: 'POST', url: '/login',
    payload: new URLSearchParams({ _csrf: token, email: `nobody${Math.random()}@example.fi`, password: 'x' }).toString(),
    headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
  })
  for (let i = 0; i < 20; i++) t.equal((await post('203.0.113.1')).statusCode, first)
  return (await post('203.0.113.2')).statusCode
}

t.test('X-Forwarded-For from an untrusted peer does not escape the login limit', async (t) => {
  t.equal(await twentyFirstLogin(t, {}), 429)
  t.equal(await twentyFirstLogin(t, { trustedProxy: ['10.0.0.1'] }), 429, 'nor when the proxy trusted is another one')
})

t.test('behind the trusted proxy, each forwarded address has its own limit', async (t) => {
  t.equal(await twentyFirstLogin(t, { trustedProxy: ['127.0.0.1'] }), 401)
})
