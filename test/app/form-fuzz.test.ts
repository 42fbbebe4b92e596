// Random bodies for every form of the app (design §7: "Bad input never gives a 500 or a stack trace:
// the form comes back with the values kept and a clear message at each field, and nothing is stored").
// Every POST of the route table, and every GET that a page's filter form sends, gets 200 random
// requests from a role it allows, against a record of the world (world.ts): the form's own fields
// (read from the pages that show it) with valid values, hostile ones (long, astral, right-to-left,
// control characters and NUL, numbers and dates at the edges) or several at once, missing fields,
// unknown and duplicate fields, now and then a raw or wrong body (JSON, plain text, XML, multipart, no
// type, another charset, over the 1 MiB limit), and now and then without or with a wrong CSRF token.
// Properties: no answer is a 5xx; a refused request (4xx) writes nothing, and a GET never writes; what
// an accepted request stores carries no control character (a textarea may keep tabs and line breaks).
// An accepted request may act: the record is then made anew and a lost session restored.
import t from 'tap'
import fc from 'fast-check'
import type { LightMyRequestResponse } from 'fastify'
import { build } from '../helper.js'
import { addDays, today } from '../../src/lib/dates.js'
import { actors, buildWorld, Changes, expandRoutes, ownedKinds, partyOf, roleOf, stages, type Actor, type RecordKind, type Route, type Stage } from './world.js'
import type { Browser } from '../helper.js'

const runs = Number(process.env.FUZZ_RUNS ?? 200)
const oneMiB = 1024 * 1024

type Who = Actor | 'signed out'
// A form's field: what the page would send as it stands (required fields filled in), and the other
// values it offers or a user could type.
interface Field { sent: string[], values: Set<string> }
type Fields = Map<string, Field>

const keyOf = (method: string, pattern: string) => `${method} ${pattern}`

// ——— The forms, as the pages show them ———

const entities: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>' }
const decode = (text: string) => text.replace(/&(amp|quot|#39|lt|gt);/g, (m) => entities[m]!)
const attr = (tag: string, name: string) => {
  const found = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1]
  return found === undefined ? undefined : decode(found)
}

// An address no one has yet: each request gets its own in place of this.
const uniqueEmail = 'fuzz.unique@example.fi'
let emails = 0

// Values a user could type into an empty field, the likeliest first (a test's guess by type and name).
function typed (tag: string, element: string): string[] {
  const name = attr(tag, 'name') ?? ''
  if (element === 'textarea') return ['A line\nand another']
  switch (attr(tag, 'type') ?? 'text') {
    case 'date': return /birth/i.test(name) ? [addDays(today(), -20 * 365)] : [addDays(today(), /end|until/i.test(name) ? 31 : 30), addDays(today(), -30)]
    case 'time': return /end/i.test(name) ? ['17:00'] : ['09:00']
    case 'number': return [attr(tag, 'min') ?? '1']
    case 'email': return [uniqueEmail]
    case 'password': return ['a-long-enough-unusual-password']
    case 'tel': return ['0401234567']
    case 'text': case 'search':
      if (/phone/i.test(name)) return ['0401234567']
      if (/hours|months|kilomet|cap|limit|minutes|size|wanted|receipts|fee|days/i.test(name)) return ['2', '12,50']
      return ['Sample text', '1']
    default: return []
  }
}

export function formsIn (html: string, pageUrl: string): { method: string, action: string, fields: Fields }[] {
  const forms = []
  for (const [, attrs = '', inner = ''] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const method = (attr(attrs, 'method') ?? 'get').toUpperCase()
    const action = (attr(attrs, 'action') ?? pageUrl).split(/[?#]/)[0]!
    const fields: Fields = new Map()
    const radios = new Set<string>()
    const fieldOf = (name: string) => {
      const field = fields.get(name) ?? { sent: [], values: new Set<string>() }
      fields.set(name, field)
      return field
    }
    for (const [, element = '', tag = ''] of inner.matchAll(/<(input|textarea|button)\b([^>]*)>/gi)) {
      const name = attr(tag, 'name')
      if (!name || name === '_csrf') continue
      const field = fieldOf(name)
      const value = attr(tag, 'value') ?? ''
      const type = attr(tag, 'type') ?? ''
      const required = /\srequired\b/i.test(tag)
      if (type === 'checkbox' || type === 'radio') {
        field.values.add(value || 'on')
        if (/\schecked\b/i.test(tag)) field.sent.push(value || 'on')
        if (type === 'radio') radios.add(name)
        continue
      }
      if (element.toLowerCase() === 'button') continue
      const guesses = typed(tag, element.toLowerCase())
      if (value !== '') field.sent.push(value)
      else if (required || ['date', 'time', 'password'].includes(type)) field.sent.push(guesses[0] ?? '')
      else field.sent.push('')
      for (const one of [value, '', ...guesses]) field.values.add(one)
    }
    for (const [, tag = '', options = ''] of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attr(tag, 'name')
      if (!name) continue
      const field = fieldOf(name)
      const offered = [...options.matchAll(/<option\b[^>]*>/gi)].map(([option = '']) => ({ value: attr(option, 'value') ?? '', selected: /\sselected\b/i.test(option) }))
      for (const option of offered) field.values.add(option.value)
      const chosen = offered.filter((option) => option.selected && option.value !== '').map((option) => option.value)
      field.sent.push(...(chosen.length > 0 ? chosen : offered.filter((option) => option.value !== '').slice(0, 1).map((option) => option.value)))
    }
    // A radio group left unanswered is answered with its first choice.
    for (const name of radios) if (fields.get(name)!.sent.length === 0) fields.get(name)!.sent.push([...fields.get(name)!.values][0]!)
    forms.push({ method, action, fields })
  }
  return forms
}

// ——— Hostile values ———

const controls = [...Array(32).keys()].map((code) => String.fromCharCode(code)).concat('\u007f')
const edges = [
  '', ' ', '  \t ', '0', '-0', '-1', '1', '00', '007', '1e3', '1e308', '-1e308', 'NaN', 'Infinity', '9007199254740993',
  '99999999999999999999', '2147483648', '4294967296', '0x1F', '1,5', '1.5', '1 000', '١٢', '１２', 'true', 'on', 'null',
  'undefined', '[object Object]', '2026-02-30', '2026-02-29', '2025-02-29', '2026-13-01', '2026-00-10', '0000-01-01',
  '9999-12-31', '30.02.2026', '31.4.2026', '2026-2-3', '24:00', '23:60', '99:99', '-01:00', '7.5', 'fi', 'sv', 'en', 'xx',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' or 1=1 --", '%00', '\u0000', 'a\u0000b', '\u202Eevil',
  'שלום', 'مرحبا', '𝄞𝄞', '\uD800', '\uDFFF', '\uFEFF', '\u200B', 'a@b', 'a@b.c', '@', `${'x'.repeat(250)}@example.fi`,
  '../../etc/passwd', '__proto__', 'constructor', 'light', 'heavy', 'paid', 'expert', 'admin', 'active', 'ended',
]
const rtl = fc.constantFrom('ש', 'ל', 'ו', 'م', 'ر', 'ح', '\u202E', '\u202B', '\u200F', '٣')

const hostile: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...edges),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...controls), minLength: 1, maxLength: 6 }),
  fc.string({ unit: rtl, minLength: 1, maxLength: 20 }),
  // Long: a short random piece repeated up to 10 000 characters (cut anywhere, even inside a pair).
  fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }), fc.integer({ min: 200, max: 10_000 }))
    .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length)),
)

// A field's value: one of the form's own, a hostile one, a valid one with a control character or
// spaces around it, or several values under the same name.
function valueOf (samples: Set<string>): fc.Arbitrary<string | string[]> {
  const own = fc.constantFrom(...(samples.size > 0 ? samples : new Set([''])))
  const tainted = fc.tuple(own, fc.constantFrom(...controls, ' ', '  '), fc.boolean()).map(([v, c, before]) => before ? c + v : v + c)
  const one = fc.oneof({ weight: 5, arbitrary: own }, { weight: 4, arbitrary: hostile }, { weight: 1, arbitrary: tainted })
  return fc.oneof({ weight: 8, arbitrary: one }, { weight: 1, arbitrary: fc.array(one, { minLength: 2, maxLength: 4 }) })
}

type Pairs = [string, string][]
const flatten = (entries: [string, string | string[]][]): Pairs => entries.flatMap(([name, v]) => [v].flat().map((one): [string, string] => [name, one]))

function bodyOf (fields: Fields): fc.Arbitrary<Pairs> {
  const names = [...fields.keys()]
  const extras = fc.array(fc.tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '_csrf',
    'a[b]', 'x[]', 'lang', 'next', 'id', 'regionId', 'userId', 'role'), fc.string({ maxLength: 12 })), hostile), { maxLength: 3 })
  // Each field there or not, each value any of the above.
  const mixed = fc.tuple(...names.map((name) => fc.option(valueOf(fields.get(name)!.values), { freq: 4, nil: undefined })))
    .map((values) => flatten(names.flatMap((name, i) => values[i] === undefined ? [] : [[name, values[i]!] as [string, string | string[]]])))
  // The form as the page would send it, but for one field (left out, or given any value above).
  const nearlyAsSent = names.length === 0
    ? fc.constant([] as Pairs)
    : fc.nat(names.length - 1).chain((changed) => fc.tuple(fc.constant(changed), fc.option(valueOf(fields.get(names[changed]!)!.values), { freq: 9, nil: undefined })))
      .map(([changed, value]) => flatten(names.flatMap((name, i): [string, string | string[]][] => {
        if (i !== changed) return [[name, fields.get(name)!.sent]]
        return value === undefined ? [] : [[name, value]]
      })))
  return fc.tuple(fc.oneof({ weight: 3, arbitrary: mixed }, { weight: 2, arbitrary: nearlyAsSent }), extras).map(([pairs, more]) => [...pairs, ...more])
}

// How the body is sent: mostly as a browser sends a form; now and then raw, typed otherwise, or too big.
type Mode = { mode: 'form' | 'json' | 'text' | 'xml' | 'multipart' | 'untyped' | 'latin1' | 'oversized' } | { mode: 'raw', raw: string } | { mode: 'odd-type', type: string }
const rawText = fc.oneof(fc.constantFrom('%', '%zz', '%ff%fe', '%E0%A4%A', 'a=%00', '&&&', '=', '==', 'a[=1', 'a]=1', '__proto__[x]=1',
  'constructor[prototype][x]=1', 'a=1&a=2&a=3', '+'.repeat(1000)), fc.string({ unit: 'binary', maxLength: 200 }))
const oddTypes = ['APPLICATION/X-WWW-FORM-URLENCODED', 'application/x-www-form-urlencoded; charset=utf-16', 'application/x-www-form-urlencoded, application/json',
  'application/x-www-form-urlencoded;', 'application/x-www-form-urlencodedx', 'text/html', 'application/octet-stream', '*/*', ';']
const modes: fc.Arbitrary<Mode> = fc.oneof(
  { weight: 88, arbitrary: fc.constant({ mode: 'form' as const }) },
  { weight: 3, arbitrary: rawText.map((raw) => ({ mode: 'raw' as const, raw })) },
  { weight: 1, arbitrary: fc.constantFrom(...oddTypes).map((type) => ({ mode: 'odd-type' as const, type })) },
  ...(['json', 'text', 'xml', 'multipart', 'untyped', 'latin1', 'oversized'] as const).map((mode) => ({ weight: 1, arbitrary: fc.constant({ mode }) })),
)
const oversized = `a=${'x'.repeat(oneMiB + 100)}`

interface Attempt { who: Who, csrf: 'valid' | 'none' | 'wrong', body: Mode, pairs: Pairs }

function attemptOf (route: Route, whos: Who[], fields: Fields): fc.Arbitrary<Attempt> {
  return fc.record({
    who: fc.constantFrom(...whos),
    csrf: route.method === 'GET' ? fc.constant('none' as const) : fc.oneof({ weight: 18, arbitrary: fc.constant('valid' as const) }, fc.constant('none' as const), fc.constant('wrong' as const)),
    body: route.method === 'GET' ? fc.constant({ mode: 'form' as const }) : modes,
    pairs: bodyOf(fields),
  })
}

// The request a browser (or an attacker) would send for the attempt.
function requestOf (attempt: Attempt, token: string): { payload?: string | Buffer, type?: string, query?: string } {
  const csrf: Pairs = attempt.csrf === 'valid' ? [['_csrf', token]] : attempt.csrf === 'wrong' ? [['_csrf', `${token.slice(0, -2)}xx`]] : []
  const pairs = [...csrf, ...attempt.pairs.map(([k, v]): [string, string] => [k, v === uniqueEmail ? `fuzz.${++emails}@example.fi` : v])]
  const form = new URLSearchParams(pairs).toString()
  const form_ = 'application/x-www-form-urlencoded'
  const object = Object.fromEntries(pairs)
  const body = attempt.body
  switch (body.mode) {
    case 'form': return { payload: form, type: form_ }
    case 'raw': return { payload: `${new URLSearchParams(csrf).toString()}&${body.raw}`, type: form_ }
    case 'json': return { payload: JSON.stringify(object), type: 'application/json' }
    case 'text': return { payload: pairs.map(([k, v]) => `${k}=${v}`).join('\n'), type: 'text/plain' }
    case 'xml': return { payload: `<?xml version="1.0"?><form>${pairs.map(([k]) => `<${k.replace(/\W/g, '') || 'x'}/>`).join('')}</form>`, type: 'application/xml' }
    case 'multipart': {
      const boundary = 'fuzzboundary'
      const parts = pairs.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('')
      return { payload: `${parts}--${boundary}--\r\n`, type: `multipart/form-data; boundary=${boundary}` }
    }
    case 'untyped': return { payload: form }
    case 'latin1': return { payload: Buffer.from(form.replace(/%[0-9A-F]{2}/g, 'ä'), 'latin1'), type: `${form_}; charset=iso-8859-1` }
    case 'odd-type': return { payload: form, type: body.type }
    case 'oversized': return { payload: `${form}&${oversized}`, type: form_ }
  }
}

const preview = (attempt: Attempt) => JSON.stringify({ ...attempt,
  pairs: attempt.pairs.map(([k, v]) => [k, v.length > 80 ? `${v.slice(0, 80)}… (${v.length} characters)` : v]) })

t.test('random bodies for every form: never a fault, nothing stored on refusal, no control character stored', async (t) => {
  const faults: string[] = []
  const logger = { level: 'error', stream: { write: (line: string) => { faults.push(line) } } }
  const { app, db } = await build(t, { logger })
  const world = await buildWorld(app, db)
  const changes = new Changes(db)
  const routes = expandRoutes(app)

  // One record per kind and stage (own party or region A), shared by a form and the pages that show
  // it; the forms of done work get a record of that stage.
  const stageOf: Record<string, Stage> = { 'POST /assignments/:id/completion': 'started', 'POST /assignments/:id/debrief': 'done' }
  const targets = new Map<string, string>()
  const partyFor = (kind: RecordKind) => ownedKinds.has(kind) ? 1 : 'A'
  const targetOf = async (kind: RecordKind | undefined, stage: Stage = 'upcoming', fresh = false) => {
    if (!kind) return undefined
    const key = `${kind} ${stage}`
    if (fresh || !targets.has(key)) targets.set(key, await world.make(kind, partyFor(kind), stage))
    return targets.get(key)
  }
  for (const route of routes) await targetOf(route.kind)
  // The callers: the roles a route names, as the actor of the own party (never the other expert or
  // orderer, whose record it is not); a public route signed out.
  const whosOf = (route: Route): Who[] => 'public' in route.access
    ? ['signed out']
    : actors.filter((actor) => (route.access as { roles: readonly string[] }).roles.includes(roleOf[actor]) && partyOf[actor] !== 2)
  const browserOf = (who: Who): Browser => who === 'signed out' ? world.anonymous : world.browsers[who]

  // Every form's fields, read from every page as every role that may see it.
  const patterns = routes.map((route) => ({ route, regex: new RegExp(`^${route.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+')}$`), params: (route.pattern.match(/:/g) ?? []).length }))
    .sort((a, b) => a.params - b.params)
  const fieldsOf = new Map<string, Fields>()
  for (const route of routes.filter((r) => r.method === 'GET')) {
    for (const [who, stage] of whosOf(route).flatMap((who) => (route.kind === 'assignment' ? stages : ['upcoming' as const]).map((stage) => [who, stage] as const))) {
      const url = world.urlOf(route, await targetOf(route.kind, stage))
      const page = await browserOf(who).get(url)
      for (const form of formsIn(page.body, url.split('?')[0]!)) {
        const found = patterns.find((p) => p.route.method === form.method && p.regex.test(form.action))
        if (!found) continue
        const key = keyOf(form.method, found.route.pattern)
        const fields: Fields = fieldsOf.get(key) ?? new Map()
        fieldsOf.set(key, fields)
        for (const [name, field] of form.fields) {
          const known = fields.get(name)
          fields.set(name, known ? { sent: known.sent, values: new Set([...known.values, ...field.values]) } : field)
        }
      }
    }
  }

  const tokens = new Map<Browser, string>()
  const tokenOf = async (who: Who) => {
    const browser = browserOf(who)
    if (!tokens.has(browser)) tokens.set(browser, await browser.csrfToken(who === 'signed out' ? '/login' : '/'))
    return tokens.get(browser)!
  }
  // A session ended by the request (a logout) is put back as it was, so that the next run is signed in
  // without another sign-in (argon2 takes a tenth of a second here).
  const sqlite = db.$client
  const sessionsOf = (userId: number) => sqlite.prepare('select * from sessions where user_id = ?').all(userId) as Record<string, unknown>[]

  const fuzzed = routes.filter((route) => route.method === 'POST' || fieldsOf.has(keyOf('GET', route.pattern)))
  const unformed = fuzzed.filter((route) => !fieldsOf.has(keyOf(route.method, route.pattern))).map((route) => keyOf(route.method, route.pattern))
  t.comment(`${fuzzed.length} routes; without a form found on any page (fuzzed with unknown fields only): ${unformed.join(', ') || 'none'}`)

  let addresses = 0
  for (const route of fuzzed) {
    const key = keyOf(route.method, route.pattern)
    const fields: Fields = fieldsOf.get(key) ?? new Map()
    await t.test(key, async (t) => {
      const counts = { accepted: 0, refused: 0 }
      await fc.assert(fc.asyncProperty(attemptOf(route, whosOf(route), fields), async (attempt) => {
        const who = attempt.who
        const browser = browserOf(who)
        const token = route.method === 'POST' ? await tokenOf(who) : ''
        const url = world.urlOf(route, await targetOf(route.kind, stageOf[key]))
        const request = requestOf(attempt, token)
        const userId = who === 'signed out' ? undefined : world.userIds[who]
        const kept = userId === undefined ? [] : sessionsOf(userId)
        const cookies = new Map(browser.cookies)
        const mark = changes.mark()
        faults.length = 0
        let response: LightMyRequestResponse
        if (route.method === 'GET') {
          const query = new URLSearchParams(attempt.pairs).toString()
          response = browser.remember(await app.inject({ method: 'GET', url: `${url}${url.includes('?') ? '&' : '?'}${query}`, headers: { cookie: browser.cookie } }))
        } else {
          const headers: Record<string, string> = { cookie: browser.cookie }
          if (request.type !== undefined) headers['content-type'] = request.type
          // Sign-in attempts come from many addresses, so that the form is reached past the rate limit.
          response = browser.remember(await app.inject({ method: 'POST', url, payload: request.payload, headers, remoteAddress: `10.${(++addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}` }))
        }
        const status = response.statusCode
        const what = `${key} as ${who}: ${status}; ${preview(attempt)}`
        if (status >= 500) throw new Error(`a fault: ${what}\n${faults.join('').slice(0, 2000)}`)
        const written = changes.since(mark)
        if ((status >= 400 || route.method === 'GET') && written.length > 0) {
          throw new Error(`a ${route.method === 'GET' ? 'GET' : 'refused request'} wrote ${[...new Set(written.map((w) => w.table))].join(', ')}: ${what}`)
        }
        const stored = changes.controlsSince(mark)
        if (stored.length > 0) throw new Error(`a control character was stored (${stored.join('; ')}): ${what}`)
        if (status >= 400) counts.refused++
        else counts.accepted++
        if (route.method === 'POST' && status < 400) {
          // The request may have acted on the record (cancelled, answered, removed): the next one gets a new record.
          await targetOf(route.kind, stageOf[key], true)
          if (userId !== undefined && sessionsOf(userId).length < kept.length) {
            const columns = Object.keys(kept[0]!)
            const insert = sqlite.prepare(`insert or replace into sessions (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`)
            for (const row of kept) insert.run(row)
            browser.cookies = cookies
          }
        }
        return true
      }), { numRuns: runs })
      t.pass(`${key}: ${runs} requests, ${counts.accepted} accepted, ${counts.refused} refused`)
    })
  }
})
