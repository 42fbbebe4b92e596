import t from 'tap'
import { eq } from 'drizzle-orm'
import { build, signedIn, anExpert, anOrder, anAssignment, anOffer, aRegion } from '../../helper.js'
import { anEligibleExpert } from '../matching/support.js'
import { addDays, nowIso, today } from '../../../src/lib/dates.js'
import { feeClaims } from '../../../db/schema.js'
import { claimAssignment } from '../../../src/modules/fees/claims.js'
import { passesLimit, yearIncomes } from '../../../src/modules/fees/income.js'
import { auditRows, yearRules } from './support.js'
import type { Db } from '../../../src/db.js'

const thisYear = Number(today().slice(0, 4))

// An expert whose claims this year hold fees of `hours` hours at 25 €.
function anExpertWithFees (db: Db, regionId: number, hours: number, fields: Parameters<typeof anExpert>[1] extends infer F ? Partial<F> : never = {},
  make = (all: Parameters<typeof anExpert>[1]) => anExpert(db, all)) {
  yearRules(db, regionId, thisYear)
  const expert = make({ regionId, ...fields })
  const order = anOrder(db, { regionId, day: `${thisYear}-01-02` })
  const claim = claimAssignment(db, anAssignment(db, order.id, expert.id, { status: 'completed', actualMinutes: hours * 60, kilometres: 100 }).id, null, nowIso())!
  return { expert, claim }
}

t.test('the limit is passed by the year’s fees and this work’s estimate together; expenses do not count', async (t) => {
  const { db } = await build(t)
  const regionId = aRegion(db).id
  const { expert } = anExpertWithFees(db, regionId, 4, { incomeLimitCents: 15000 })
  const free = anExpertWithFees(db, regionId, 4).expert
  const incomes = yearIncomes(db, [expert.id, free.id], thisYear)
  t.same([...incomes], [[expert.id, { limitCents: 15000, feesCents: 10000 }]], 'only those with a limit; travel not counted')
  t.notOk(passesLimit(incomes.get(expert.id), 5000), 'exactly at the limit')
  t.ok(passesLimit(incomes.get(expert.id), 5001))
  t.notOk(passesLimit(incomes.get(free.id), 1_000_000), 'no limit, no warning')
  t.same(yearIncomes(db, [], thisYear), new Map())
  t.same(yearIncomes(db, [expert.id], thisYear - 1).get(expert.id), { limitCents: 15000, feesCents: 0 }, 'another year’s fees do not count')
})

t.test('the matching page and the offer warn, never exclude; the coordinator’s home lists those within 10 %', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const day = addDays(today(), 20).startsWith(String(thisYear)) ? addDays(today(), 20) : today()
  const order = anOrder(db, { regionId: user.regionId, day, durationMinutes: 120 })
  const eligible = (all: Parameters<typeof anExpert>[1]) => anEligibleExpert(db, order, all)
  const near = anExpertWithFees(db, user.regionId, 4, { incomeLimitCents: 11000, realName: 'Nelli Lähellä', displayName: 'Nelli' }, eligible).expert
  anExpertWithFees(db, user.regionId, 1, { incomeLimitCents: 50000, realName: 'Kaukana Kalle', displayName: 'Kalle' }, eligible)
  anExpertWithFees(db, user.regionId, 5, { incomeLimitCents: 10000, realName: 'Yli Ylermi', displayName: 'Ylermi', status: 'ended' })
  const page = await browser.get(`/orders/${order.id}/matches`)
  t.equal(page.statusCode, 200)
  const card = (name: string) => page.body.slice(page.body.indexOf(`>${name}</label>`), page.body.indexOf('</li>', page.body.indexOf(`>${name}</label>`)))
  if (day.startsWith(String(thisYear))) {
    t.match(card('Nelli'), 'yli kokemusasiantuntijan itse asettaman tulorajan', 'warned')
    t.notMatch(card('Kalle'), 'tulorajan')
  }
  const home = await browser.get('/')
  t.match(home.body, 'Lähellä tulorajaansa')
  t.match(home.body, 'Nelli Lähellä')
  t.match(home.body, 'palkkiot 100,00\u00a0€, tuloraja 110,00\u00a0€')
  t.notMatch(home.body, 'Kaukana Kalle')
  t.notMatch(home.body, 'Yli Ylermi', 'an ended expert is not listed')
  t.ok(auditRows(db, 'list').some((row) => row.detail === 'near_income_limit:1'), 'the list read is audited')
  db.update(feeClaims).set({ year: thisYear - 1 }).where(eq(feeClaims.expertId, near.id)).run()
  t.match((await browser.get('/')).body, 'Kukaan ei ole lähellä tulorajaansa.')
})

t.test('the expert’s own offer warns of their limit, unless fees are declined', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'expert')
  const { expert } = anExpertWithFees(db, user.regionId, 4, { userId: user.id, incomeLimitCents: 11000 })
  const day = addDays(today(), 10)
  const order = anOrder(db, { regionId: user.regionId, day, durationMinutes: 120 })
  anOffer(db, order.id, expert.id)
  yearRules(db, user.regionId, Number(day.slice(0, 4)))
  const sameYear = day.startsWith(String(thisYear))
  const page = await browser.get('/me/offers')
  t.equal(page.statusCode, 200)
  if (sameYear) t.match(page.body, 'veisi tämän vuoden palkkiosi yli asettamasi tulorajan')
  t.match(page.body, 'Otan tehtävän vastaan', 'still offered')
})
