import { result, text, type Body, type Errors } from '../../web/forms.js'
import { passwordProblem } from './passwords.js'

// Passwords are taken as typed (never trimmed).
export function parseLogin (body: Body) {
  const errors: Errors = {}
  const values = { email: text(body, 'email').toLowerCase(), password: typeof body.password === 'string' ? body.password : '', next: text(body, 'next') }
  if (values.email === '') errors.email = { key: 'form.required' }
  if (values.password === '') errors.password = { key: 'form.required' }
  return result(values, errors, ['password'])
}

export function parseNewPassword (body: Body) {
  const errors: Errors = {}
  const password = typeof body.password === 'string' ? body.password : ''
  const confirmation = typeof body.confirmation === 'string' ? body.confirmation : ''
  const problem = passwordProblem(password)
  if (password === '') errors.password = { key: 'form.required' }
  else if (problem) errors.password = { key: problem }
  else if (password !== confirmation) errors.confirmation = { key: 'password.mismatch' }
  return result({ password }, errors, ['password'])
}

// Only a page of this site may be returned to after login: a path that starts with a single '/', of
// printable characters without a backslash, whose decoded path has no control character, backslash or
// '//' (a browser reads '/%09/host' or '/\host' as another site), and that the app's router knows for
// GET. Anything else gives the home page.
export function safeNext (next: string | undefined, isPage: (path: string) => boolean): string {
  if (!next || !/^\/(?!\/)[\x21-\x5b\x5d-\x7e]*$/.test(next)) return '/'
  const path = next.split(/[?#]/)[0]!
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
  } catch {
    return '/'
  }
  if (/[\x00-\x1f\x7f\\]|\/\//.test(decoded) || !isPage(path)) return '/'
  return next
}

// A test of paths against the app's GET routes ('/orders/:id' knows '/orders/12'; '*' any rest).
export function pageMatcher (routes: readonly { method: string | string[], url: string }[]): (path: string) => boolean {
  const patterns = routes
    .filter((route) => [route.method].flat().includes('GET'))
    .map((route) => new RegExp(`^${route.url.split(/(:\w+|\*)/).map(patternPart).join('')}$`))
  return (path) => patterns.some((pattern) => pattern.test(path))
}

function patternPart (part: string): string {
  if (part === '*') return '.*'
  if (part.startsWith(':')) return '[^/]+'
  return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
