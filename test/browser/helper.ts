// Browser tests drive the real app in Debian's Chromium (playwright-core; no browser is downloaded).
// Each test file starts its own seeded app on a free port and one browser; every scenario gets a new
// context (its own cookies) at a phone or desktop viewport. Without Chromium the file is skipped with
// a reason, except in CI, where a missing browser is a failure: the browser tests must run there.
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import type { Test } from 'tap'
import type { FastifyInstance } from 'fastify'
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Response } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { buildApp } from '../../src/app.js'
import { openDatabase, closeDatabase, type Db } from '../../src/db.js'
import { testConfig } from '../../src/config.js'
import { seedDemo, demoAccounts, demoPassword } from '../../src/demo/demo-data.js'

export { demoAccounts, demoPassword }

export const chromiumPath = '/usr/bin/chromium'
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

export interface Viewport { width: number, height: number, name: string }
export const phone: Viewport = { width: 360, height: 740, name: '360 px' }
export const desktop: Viewport = { width: 1280, height: 900, name: '1280 px' }
export const viewports = [phone, desktop] as const

export interface Rig {
  app: FastifyInstance
  db: Db
  browser: Browser
  baseUrl: string
  // A fresh context (no cookies) at the viewport; closed with the browser at the latest.
  context: (viewport?: Viewport) => Promise<BrowserContext>
  // A new page in a fresh context.
  page: (viewport?: Viewport) => Promise<Page>
}

function inCi (): boolean {
  const ci = process.env.CI
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0'
}

// Starts the seeded app and the browser, and closes both (and the database) when `t` ends.
// Returns null when the file is to be skipped: Chromium missing outside CI.
export async function startRig (t: Test): Promise<Rig | null> {
  if (!existsSync(chromiumPath)) {
    if (inCi()) throw new Error(`Chromium is missing at ${chromiumPath}: browser tests cannot run in CI without it (apt-get install -y chromium)`)
    t.plan(0, `Chromium is not installed at ${chromiumPath} (apt-get install -y chromium); browser tests skipped`)
    return null
  }
  const db = openDatabase(':memory:')
  await seedDemo(db)
  const config = testConfig()
  const app = await buildApp({ db, config })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  const baseUrl = `http://127.0.0.1:${port}`
  // Links in mail and the calendar's address are made from SITE_URL: this server's own address,
  // known once it listens (the app reads config.siteUrl when it makes a link).
  config.siteUrl = baseUrl
  let browser: Browser
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
  } catch (error) {
    await app.close()
    closeDatabase(db)
    throw error
  }
  t.teardown(async () => {
    await browser.close()
    await app.close()
    closeDatabase(db)
  })
  const context = async (viewport: Viewport = desktop) => {
    const made = await browser.newContext({ baseURL: baseUrl, viewport: { width: viewport.width, height: viewport.height } })
    made.setDefaultTimeout(15_000)
    return made
  }
  return { app, db, browser, baseUrl, context, page: async (viewport) => (await context(viewport)).newPage() }
}

// Opens a path and fails the test with a readable message when the status is not the expected one,
// or when the page does not read well at the viewport's width (see expectReadableLayout).
export async function visit (t: Test, page: Page, path: string, status = 200): Promise<Response | null> {
  const response = await page.goto(path)
  t.equal(response?.status(), status, `GET ${path} answers ${status}`)
  await expectReadableLayout(t, page, `GET ${path}`)
  return response
}

// Runs in the page: the elements that do not read well at this width, each named by tag, class and
// the start of its text. A text (of four characters or more) is squeezed when it wraps and its own
// box (not display: inline) is narrower than three of its letters' font size, or when it wraps to
// fewer than four characters a line (a word broken letter by letter). Something overflows
// unannounced when it reaches past the right edge of the page outside a sideways scroll region, is
// cut off there, or is in a scroll region that does not say what it is and take the keyboard's
// focus (role=region with a name, tabindex=0).
const layoutProblemsInPage = `(() => {
  const problems = []
  const width = document.documentElement.clientWidth
  const skipped = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'TITLE', 'OPTION', 'HEAD'])
  const name = (el) => {
    const text = (el.textContent || '').replace(/\\s+/g, ' ').trim()
    const classes = typeof el.className === 'string' && el.className.trim() !== '' ? '.' + el.className.trim().split(/\\s+/).join('.') : ''
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes + (text ? ' "' + (text.length > 40 ? text.slice(0, 40) + '…' : text) + '"' : '')
  }
  const announced = (el) => el.getAttribute('role') === 'region' && el.getAttribute('tabindex') === '0' &&
    (el.hasAttribute('aria-label') || (el.getAttribute('aria-labelledby') || '').split(' ').some((id) => id && document.getElementById(id)))
  const scrollsSideways = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)
  const clips = (el) => el !== document.body && el !== document.documentElement && getComputedStyle(el).overflowX !== 'visible'
  const seen = new Set()
  const report = (el, what) => { const line = name(el) + ': ' + what; if (!seen.has(line)) { seen.add(line); problems.push(line) } }
  if (document.documentElement.scrollWidth > window.innerWidth) {
    problems.push('the page is ' + document.documentElement.scrollWidth + ' px wide in a ' + window.innerWidth + ' px window')
  }
  for (const el of document.body.querySelectorAll('*')) {
    if (skipped.has(el.tagName)) continue
    const box = el.getBoundingClientRect()
    if (box.width === 0 && box.height === 0) continue
    const style = getComputedStyle(el)
    if (style.visibility === 'hidden') continue
    // Sideways overflow: past the right edge, or a scroll region that does not say it is one.
    if (scrollsSideways(el) && el.scrollWidth > el.clientWidth + 1 && !announced(el)) {
      report(el, 'scrolls sideways (' + el.scrollWidth + ' px in ' + el.clientWidth + ' px) but is not an announced region (role=region, a name, tabindex=0)')
    }
    if (box.right > width + 1 && box.left < width) {
      let holder = el.parentElement
      while (holder && !clips(holder)) holder = holder.parentElement
      if (!holder) report(el, 'reaches ' + Math.round(box.right) + ' px, past the ' + width + ' px window')
      else if (!scrollsSideways(holder)) report(el, 'is cut off at the right edge by ' + name(holder).split(' ')[0] + ' (overflow ' + getComputedStyle(holder).overflowX + ')')
    }
    // Squeezed text: the element's own text, not its children's.
    let own = ''
    const nodes = []
    for (const node of el.childNodes) if (node.nodeType === 3 && node.data.trim() !== '') { own += node.data; nodes.push(node) }
    own = own.replace(/\\s+/g, ' ').trim()
    if (own.length < 4) continue
    const em = parseFloat(style.fontSize) || 16
    const narrow = style.display !== 'inline' && el.clientWidth > 0 && el.clientWidth < 3 * em
    for (const node of nodes) {
      const text = node.data.replace(/\\s+/g, ' ').trim()
      const range = document.createRange()
      range.selectNodeContents(node)
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size
      if (lines < 2) continue
      if (narrow) {
        report(el, 'is ' + el.clientWidth + ' px wide, narrower than three letters (' + Math.round(3 * em) + ' px), and wraps its text')
        break
      }
      if (text.length >= 4 && text.length / lines < 4) {
        report(el, 'wraps ' + text.length + ' characters over ' + lines + ' lines')
        break
      }
    }
  }
  return problems
})()`

export async function layoutProblems (page: Page): Promise<string[]> {
  return page.evaluate(layoutProblemsInPage) as Promise<string[]>
}

// Fails the test, naming each element and the page, when the page does not read well at the
// viewport's width: squeezed text or something past the right edge that is not in an announced
// sideways scroll region.
export async function expectReadableLayout (t: Test, page: Page, label: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 0
  const problems = await layoutProblems(page)
  if (problems.length === 0) {
    t.pass(`${label}: reads well at ${width} px`)
  } else {
    t.fail(`${label} (${pathOf(page)}) does not read well at ${width} px:\n  ${problems.slice(0, 15).join('\n  ')}` +
      (problems.length > 15 ? `\n  … and ${problems.length - 15} more` : ''), { url: page.url() })
  }
}

export function pathOf (page: Page): string {
  return new URL(page.url()).pathname
}

// Clicks a submit button (or a link) and waits for the page it leads to, after any redirect.
// Returns the status of that final page; throws, naming the elements, when that page does not read
// well at the viewport's width (see expectReadableLayout).
export async function clickAndLoad (page: Page, button: Locator): Promise<number | undefined> {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()])
  const problems = await layoutProblems(page)
  if (problems.length > 0) {
    throw new Error(`${pathOf(page)} does not read well at ${page.viewportSize()?.width ?? 0} px:\n  ${problems.slice(0, 15).join('\n  ')}`)
  }
  return response?.status()
}

// Signs in through the real login form, the way a person does. Stays on the login page if already
// there (so a chosen language is kept); throws when the form does not let the user in.
export async function login (page: Page, email: string, password: string = demoPassword): Promise<void> {
  if (pathOf(page) !== '/login') await page.goto('/login')
  const form = page.locator('form[action="/login"]')
  await form.locator('[name=email]').fill(email)
  await form.locator('[name=password]').fill(password)
  await clickAndLoad(page, form.locator('[type=submit]'))
  if (pathOf(page) === '/login') {
    const failure = await page.locator('[role=alert]').allTextContents()
    throw new Error(`signing in as ${email} failed: ${failure.join(' ').replace(/\s+/g, ' ').trim() || 'still on /login'}`)
  }
}

export async function logout (page: Page): Promise<void> {
  await clickAndLoad(page, page.locator('form[action="/logout"] [type=submit]'))
}

// Runs axe (WCAG 2.0/2.1 A and AA) on the page as it is and fails with one line per violating
// element: rule id, impact, what to fix, and where.
export async function expectNoAxeViolations (t: Test, page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const lines = results.violations.flatMap((violation) => violation.nodes.map((node) =>
    `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help} at ${node.target.map(String).join(' ')}`))
  if (lines.length === 0) {
    t.pass(`${label}: axe finds nothing`)
  } else {
    t.fail(`${label}: axe finds ${lines.length} violation(s):\n  ${lines.join('\n  ')}`, {
      url: page.url(),
      help: [...new Set(results.violations.map((v) => v.helpUrl))],
    })
  }
}

// A page must not scroll sideways at the viewport's width (the 360 px phone in particular).
export async function expectNoHorizontalScroll (t: Test, page: Page, label: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 0
  const scrollWidth = await page.evaluate('document.documentElement.scrollWidth') as number
  t.ok(scrollWidth <= width, `${label}: no horizontal scroll at ${width} px (content is ${scrollWidth} px wide)`)
}

// The page as it is now, checked at both widths: axe and the layout check at 360 px and 1280 px, and
// no sideways scroll on the phone. The viewport is left at the phone width.
export async function expectAccessibleAtBothWidths (t: Test, page: Page, label: string): Promise<void> {
  for (const viewport of [desktop, phone]) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height })
    await expectNoAxeViolations(t, page, `${label} at ${viewport.name}`)
    await expectReadableLayout(t, page, label)
  }
  await expectNoHorizontalScroll(t, page, label)
}

// Opens a path and checks it at both widths, as above.
export async function expectAccessiblePage (t: Test, page: Page, path: string, status = 200): Promise<void> {
  await visit(t, page, path, status)
  await expectAccessibleAtBothWidths(t, page, `${path} (${status})`)
}

// The text of <h1>, whitespace collapsed.
export async function heading (page: Page): Promise<string> {
  return ((await page.locator('h1').first().textContent()) ?? '').replace(/\s+/g, ' ').trim()
}

export async function htmlLang (page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang')
}

// A valid Finnish identity code for a birth day 'YYYY-MM-DD' (individual number 2xx, so never a real
// person's in a test's eyes); the check character is the remainder of DDMMYYZZZ divided by 31.
export function identityCodeFor (birthDate: string, individual = 234): string {
  const [year, month, day] = birthDate.split('-') as [string, string, string]
  const sign = Number(year) >= 2000 ? 'A' : '-'
  const digits = `${day}${month}${year.slice(2)}${String(individual).padStart(3, '0')}`
  return `${day}${month}${year.slice(2)}${sign}${String(individual).padStart(3, '0')}${'0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(digits) % 31]}`
}
