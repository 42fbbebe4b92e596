import t from 'tap'
import { eq } from 'drizzle-orm'
import { build, signedIn, Browser, anOrder, anAssignment } from '../../helper.js'
import { orders, type Role } from '../../../db/schema.js'
import { formatDateTime, isoPlus, nowIso } from '../../../src/lib/dates.js'
import { saveRegionSettings, defaultSettings } from '../../../src/modules/settings/queries.js'
import { anOfferedOrder, auditRows, signedInExpert } from './support.js'

t.test('an expert sees their open offers as cards with all they need to decide', async (t) => {
  const { app, db } = await build(t)
  const { browser, user, expert } = await signedInExpert(app, db, { displayName: 'Tuuli', realName: 'Aino Virtanen', age: 16 })
  const { offer } = await anOfferedOrder(db, expert.regionId, expert.id, {
    topic: 'Nuorten ääni', description: 'Kerromme kokemuksista', load: 'heavy', preparationWanted: true,
    audienceKind: 'Sosiaalityöntekijät', audienceSize: 30, durationMinutes: 90, address: 'Kauppakatu 1',
  })
  await anOfferedOrder(db, expert.regionId, expert.id, { topic: 'Etätyöpaja', remote: true, areaId: null })
  saveRegionSettings(db, { regionId: expert.regionId, ...defaultSettings, hourlyFeeCents: 3000 }, nowIso())
  const page = await browser.get('/me/offers')
  t.equal(page.statusCode, 200)
  t.match(page.body, '<h1>Tarjotut tehtävät</h1>')
  t.match(page.body, '<h3>Nuorten ääni</h3>')
  t.match(page.body, 'Kerromme kokemuksista')
  t.match(page.body, 'klo 10.00, kesto 1,5 h')
  t.match(page.body, 'Kauppakatu 1')
  t.match(page.body, 'Sosiaalityöntekijät, noin 30 henkeä')
  t.match(page.body, 'Ennen tehtävää on valmistautumistapaaminen.')
  t.match(page.body, 'Noin 45,00\u00a0€ (1,5 h × 30,00\u00a0€/h).', 'the fee estimate at the region’s rate')
  t.match(page.body, 'Myös valmistautumistapaamisen aika maksetaan.')
  t.match(page.body, 'Raskas aihe')
  t.match(page.body, 'jälkipuinti')
  t.match(page.body, `Vastaa viimeistään ${formatDateTime(offer.expiresAt)}`)
  t.match(page.body, `action="/me/offers/${offer.id}/acceptance"`)
  t.match(page.body, `action="/me/offers/${offer.id}/decline"`)
  t.match(page.body, 'Etätyöpaja')
  t.match(page.body, 'Etänä verkossa')
  t.match(page.body, 'Erillistä valmistautumistapaamista ei ole.')
  t.notMatch(page.body, 'Aino Virtanen')
  const [read, ...more] = auditRows(db, 'read', expert.id)
  t.equal(more.length, 0)
  t.match(read, { actorUserId: user.id, regionId: expert.regionId, detail: 'offers' })
})

t.test('an expert who has declined fees is told the work is voluntary; the page is translated', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert } = await signedInExpert(app, db, { feePreference: 'declined' })
  await anOfferedOrder(db, expert.regionId, expert.id, { preparationWanted: true })
  const page = await browser.get('/me/offers')
  t.match(page.body, 'ettet ota palkkiota: tehtävä on vapaaehtoista, ja kulusi korvataan')
  t.notMatch(page.body, 'Noin ')
  const english = await browser.get('/me/offers?lang=en')
  t.match(english.body, '<h1>Offered work</h1>')
  t.match(english.body, 'lasts 2 h')
  t.match((await browser.get('/me/offers?lang=sv')).body, '<h1>Erbjudna uppdrag</h1>')
})

t.test('closed offers move to the past answers; confirmed work is listed with a cancel form until it starts', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert } = await signedInExpert(app, db)
  const region = expert.regionId
  const expired = await anOfferedOrder(db, region, expert.id, { topic: 'Vanhentunut' })
  db.$client.prepare('update offers set expires_at = ? where id = ?').run(isoPlus(nowIso(), -1000), expired.offer.id)
  await anOfferedOrder(db, region, expert.id, { topic: 'Peruttu tilaus', status: 'cancelled' })
  const declined = await anOfferedOrder(db, region, expert.id, { topic: 'Kieltäydytty' })
  db.$client.prepare("update offers set status = 'declined', answered_at = ? where id = ?").run(nowIso(), declined.offer.id)
  const withdrawn = await anOfferedOrder(db, region, expert.id, { topic: 'Täyttynyt' })
  db.$client.prepare("update offers set status = 'withdrawn' where id = ?").run(withdrawn.offer.id)
  const coming = anOrder(db, { regionId: region, topic: 'Tuleva työ' })
  const assignment = anAssignment(db, coming.id, expert.id)
  const now = nowIso()
  const running = anOrder(db, { regionId: region, topic: 'Käynnissä', day: now.slice(0, 10), startTime: '00:00', durationMinutes: 24 * 60 * 2 })
  db.update(orders).set({ startsAt: isoPlus(now, -3_600_000), endsAt: isoPlus(now, 3_600_000) }).where(eq(orders.id, running.id)).run()
  const started = anAssignment(db, running.id, expert.id, { startsAt: isoPlus(now, -3_600_000), endsAt: isoPlus(now, 3_600_000) })
  const page = await browser.get('/me/offers')
  t.match(page.body, 'Sinulle ei ole juuri nyt uusia tarjouksia.')
  t.match(page.body, 'Vanhentunut, ')
  t.match(page.body, 'vastausaika päättyi')
  t.match(page.body, 'kieltäydyit')
  t.match(page.body, 'paikat täyttyivät tai tarjous peruttiin')
  t.match(page.body, 'Peruttu tilaus')
  t.match(page.body, 'Tuleva työ')
  t.match(page.body, `action="/assignments/${assignment.id}/cancellation"`)
  t.match(page.body, `href="/assignments/${started.id}"`)
  t.notMatch(page.body, `action="/assignments/${started.id}/cancellation"`, 'started work can no longer be cancelled')
  t.notMatch(page.body, 'action="/me/offers/', 'no answer buttons for closed offers')
})

t.test('an expert sees only their own offers', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert } = await signedInExpert(app, db)
  const other = await signedInExpert(app, db, { regionId: expert.regionId })
  await anOfferedOrder(db, expert.regionId, other.expert.id, { topic: 'Naapurin tarjous' })
  const order = anOrder(db, { regionId: expert.regionId, topic: 'Naapurin työ' })
  anAssignment(db, order.id, other.expert.id)
  const page = await browser.get('/me/offers')
  t.notMatch(page.body, 'Naapurin')
  t.equal(auditRows(db, 'read', other.expert.id).length, 0)
})

t.test('a user without a linked expert record gets a friendly explanation', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedIn(app, db, 'expert')
  const page = await browser.get('/me/offers')
  t.equal(page.statusCode, 200)
  t.match(page.body, '<h1>Tarjotut tehtävät</h1>')
  t.match(page.body, 'ei ole vielä yhdistänyt tietojasi')
  const post = await browser.post('/me/offers/1/acceptance', {}, { from: '/me/offers' })
  t.equal(post.statusCode, 200, 'answering without an expert record only explains')
})

t.test('only experts may use the offer pages; anonymous visitors are sent to sign in', async (t) => {
  const { app, db } = await build(t)
  const { expert } = await signedInExpert(app, db)
  const { offer } = await anOfferedOrder(db, expert.regionId, expert.id)
  const forms = [`/me/offers/${offer.id}/acceptance`, `/me/offers/${offer.id}/decline`]
  for (const role of ['coordinator', 'pair_worker', 'orderer', 'manager', 'admin'] as Role[]) {
    const { browser } = await signedIn(app, db, role, { regionId: expert.regionId })
    t.equal((await browser.get('/me/offers')).statusCode, 403, `${role} GET`)
    for (const url of forms) t.equal((await browser.post(url, {}, { from: '/' })).statusCode, 403, `${role} POST ${url}`)
  }
  const anonymous = new Browser(app)
  const page = await anonymous.get('/me/offers')
  t.equal(page.statusCode, 303)
  t.equal(page.headers.location, '/login?next=%2Fme%2Foffers')
  for (const url of forms) {
    const response = await anonymous.post(url, {}, { csrf: false })
    t.equal(response.statusCode, 303)
    t.equal(response.headers.location, '/login')
  }
  t.equal(db.$client.prepare('select status from offers where id = ?').pluck().get(offer.id), 'pending')
})
