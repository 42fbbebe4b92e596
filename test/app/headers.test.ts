import t from 'tap'
import type { Test } from 'tap'
import { build, signedIn } from '../helper.js'

function checkHeaders (t: Test, label: string, headers: Record<string, unknown>) {
  const csp = String(headers['content-security-policy'] ?? '')
  t.match(csp, "default-src 'self'", `${label}: CSP default-src`)
  t.match(csp, "script-src 'self'", `${label}: no inline script`)
  t.notMatch(csp, 'unsafe-inline', `${label}: nothing unsafe-inline`)
  t.match(csp, "object-src 'none'", `${label}: object-src`)
  t.match(csp, "base-uri 'none'", `${label}: base-uri`)
  t.match(csp, "frame-ancestors 'none'", `${label}: frame-ancestors`)
  t.equal(headers['x-content-type-options'], 'nosniff', `${label}: nosniff`)
  t.equal(headers['referrer-policy'], 'no-referrer', `${label}: referrer policy`)
  t.notOk(headers['x-powered-by'], `${label}: no X-Powered-By`)
  t.equal(headers['x-frame-options'], 'DENY', `${label}: X-Frame-Options agrees with frame-ancestors 'none'`)
  t.match(String(headers['permissions-policy'] ?? ''), /(^|, )camera=\(\)(,|$)/, `${label}: Permissions-Policy turns the camera off`)
  t.match(String(headers['permissions-policy'] ?? ''), /(^|, )geolocation=\(\)(,|$)/, `${label}: Permissions-Policy turns geolocation off`)
  if (String(headers['content-type']).startsWith('text/html')) t.equal(headers['cache-control'], 'no-store', `${label}: no-store`)
}

t.test('every page, signed in or not, carries the security headers', async (t) => {
  const { app, db } = await build(t)
  await app.ready()
  const { browser } = await signedIn(app, db, 'admin')
  const pages = app.routeTable
    .filter((route) => [route.method].flat().includes('GET') && !route.url.includes('*'))
    .map((route) => route.url.replace(/:[a-zA-Z]+/g, '1'))
  t.ok(pages.length > 5)
  for (const url of [...pages, '/no-such-page']) {
    checkHeaders(t, `admin ${url}`, (await browser.get(url)).headers)
    checkHeaders(t, `anonymous ${url}`, (await app.inject({ url })).headers)
  }
  checkHeaders(t, 'stylesheet', (await app.inject({ url: '/static/app.css' })).headers)
})
