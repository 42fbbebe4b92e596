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

// Only a path inside this site may be returned to after login.
export function safeNext (next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/'
  return next
}
