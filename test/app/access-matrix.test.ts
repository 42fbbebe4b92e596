// Every route × every role × whose record (design §7: "Every route states who may use it; anything not
// stated is denied. An expert sees only themselves; an orderer only their own orders; a manager only
// aggregates; nobody another region."). The cases are generated from the app's route table, so a new
// route is covered as soon as it exists; one whose parameter the world cannot fill fails (world.ts).
// Each route is called signed out and as each role of region A, with a record of the caller's own
// party, of the other expert's or unit's (party 1 or 2), and of region B. Expected:
// - signed out: sent to sign in (303 to /login; a POST may also be refused, 403), or the public page;
// - a role the route does not name: 403;
// - a role it names: another region's record 404; another expert's or unit's record 404 or 403 for an
//   expert or an orderer; else neither refused nor a fault (a POST's 422 counts as allowed);
// - a refused request writes nothing (world.ts says which tables are not watched, and why);
// - no allowed page shows another region's records, another party's to an expert or an orderer, a real
//   name to an orderer or a manager, or anyone's record to a manager.
// POSTs carry a valid CSRF token and no fields: the point is who gets in, not the form.
import t from 'tap'
import type { LightMyRequestResponse } from 'fastify'
import { build } from '../helper.js'
import { actors, buildWorld, Changes, expandRoutes, ownedKinds, partyOf, realNameMark, roleOf, secretOf, send, type Actor, type Party, type Route, type World } from './world.js'
import type { Browser } from '../helper.js'

type Who = Actor | 'signed out'
type Expectation = 'public' | 'login' | 'forbidden' | 'not found' | 'refused' | 'allowed'

// Routes that end the caller's session: called last, and their redirect to /login is their effect.
const sessionEnders = new Set(['POST /logout'])

function keyOf (route: Route): string {
  return `${route.method} ${route.pattern}`
}

function partiesOf (route: Route): (Party | undefined)[] {
  if (!route.kind) return [undefined]
  const owned = ownedKinds.has(route.kind)
  if ('public' in route.access) return [owned ? 1 : 'A']
  return owned ? [1, 2, 'B'] : ['A', 'B']
}

function expectationOf (route: Route, who: Who, party: Party | undefined): Expectation {
  const access = route.access
  if ('public' in access) return 'public'
  if (who === 'signed out') return 'login'
  if (!access.roles.includes(roleOf[who])) return 'forbidden'
  if (party === 'B') return 'not found'
  const own = partyOf[who]
  if (own !== null && (party === 1 || party === 2) && party !== own) return 'refused'
  return 'allowed'
}

function variantOf (who: Who, party: Party | undefined): string {
  if (party === undefined) return 'no record'
  if (party === 'B') return "another region's record"
  const own = who === 'signed out' ? null : partyOf[who]
  if (party === 'A' || own === null) return `a record of region A (party ${party})`
  return party === own ? 'own record' : "another expert's or unit's record"
}

const toLogin = (response: LightMyRequestResponse) => response.statusCode >= 300 && response.statusCode < 400 && String(response.headers.location ?? '').startsWith('/login')

// What is wrong with the answer, if anything.
function problemOf (route: Route, who: Who, expectation: Expectation, response: LightMyRequestResponse): string | undefined {
  const status = response.statusCode
  const location = String(response.headers.location ?? '')
  const got = `${status}${location ? ` to ${location}` : ''}`
  if (status >= 500) return `a fault (${got})`
  switch (expectation) {
    case 'public':
      if (who === 'signed out' && route.method === 'GET' && (status < 200 || status >= 300)) return `the public page not shown (${got})`
      return undefined
    case 'login':
      if (route.method === 'GET') return status === 303 && location.startsWith('/login?next=') ? undefined : `a leak: not sent to sign in (${got})`
      return (status === 303 && location.startsWith('/login')) || status === 403 ? undefined : `a leak: not sent to sign in nor refused (${got})`
    case 'forbidden':
      return status === 403 ? undefined : `${status < 400 || status === 422 ? 'a leak' : 'a wrong answer'}: expected 403 (${got})`
    case 'not found':
      return status === 404 ? undefined : `${status < 400 || status === 422 ? 'a leak' : 'a wrong answer'}: expected 404 (${got})`
    case 'refused':
      return status === 404 || status === 403 ? undefined : `${status < 400 || status === 422 ? 'a leak' : 'a wrong answer'}: expected 404 or 403 (${got})`
    case 'allowed':
      if (status === 403 || status === 404) return `a wrong refusal (${got})`
      if (toLogin(response) && !sessionEnders.has(keyOf(route))) return `the session was lost (${got})`
      return leakIn(who as Actor, response.body)
  }
}

// The words an actor's pages must never carry (world.ts puts them in the parties' records).
function forbiddenWords (actor: Actor): string[] {
  const words: string[] = [secretOf.B]
  const own = partyOf[actor]
  if (own !== null) words.push(secretOf[own === 1 ? 2 : 1])
  if (roleOf[actor] === 'orderer' || roleOf[actor] === 'manager') words.push(realNameMark)
  if (roleOf[actor] === 'manager') words.push(secretOf[1], secretOf[2])
  return words
}

function leakIn (actor: Actor, body: string): string | undefined {
  const shown = forbiddenWords(actor).filter((word) => body.includes(word))
  return shown.length > 0 ? `a leak: the page shows ${shown.join(', ')}` : undefined
}

t.test('every route answers every role as its declaration and the design say', async (t) => {
  const { app, db } = await build(t)
  const world = await buildWorld(app, db)
  const changes = new Changes(db)
  const routes = expandRoutes(app).sort((a, b) => Number(sessionEnders.has(keyOf(a))) - Number(sessionEnders.has(keyOf(b))))
  const tokens = new Map<Browser, string>()
  const whos: Who[] = ['signed out', ...actors]
  const browserOf = (who: Who) => who === 'signed out' ? world.anonymous : world.browsers[who]

  async function call (route: Route, who: Who, url: string): Promise<LightMyRequestResponse> {
    const browser = browserOf(who)
    if (route.method === 'GET') return send(browser, 'GET', url)
    return send(browser, 'POST', url, { payload: `_csrf=${encodeURIComponent(tokens.get(browser)!)}` })
  }

  for (const who of whos) tokens.set(browserOf(who), await browserOf(who).csrfToken(who === 'signed out' ? '/login' : '/'))

  let checked = 0
  const problems: string[] = []
  for (const route of routes) {
    const cases = whos.flatMap((who) => partiesOf(route).map((party) => ({ who, party, expectation: expectationOf(route, who, party) })))
    // Refusals first, each checked to have changed nothing; then the allowed calls, which may act.
    const ordered = [...cases.filter((c) => c.expectation !== 'allowed'), ...cases.filter((c) => c.expectation === 'allowed')]
    for (const { who, party, expectation } of ordered) {
      const url = world.urlOf(route, party === undefined ? undefined : await world.make(route.kind!, party))
      const refusal = expectation !== 'allowed' && expectation !== 'public'
      const mark = changes.mark()
      const response = await call(route, who, url)
      const written = refusal ? changes.since(mark) : []
      const problem = problemOf(route, who, expectation, response) ??
        (written.length > 0 ? `a refused request wrote ${written.map((w) => w.table).join(', ')} (${response.statusCode})` : undefined)
      checked++
      if (problem) problems.push(`${keyOf(route)} as ${who}, ${variantOf(who, party)}: ${problem}`)
    }
  }
  for (const problem of problems) t.fail(problem)
  t.ok(checked > 500, `${checked} requests over ${routes.length} routes were checked`)
  t.equal(problems.length, 0, 'no leak, no wrong refusal, no fault')
})
