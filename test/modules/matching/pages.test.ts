import t from 'tap'
import { eq } from 'drizzle-orm'
import { build, aConsent, signedIn, anOrder, anOffer, anAssignment, aRegion, aUser, Browser } from '../../helper.js'
import { availabilityWindows, expertExcludedUnits, experts, offers } from '../../../db/schema.js'
import type { Role } from '../../../db/schema.js'
import { addDays, formatDate, helsinkiInstant, isoPlus, nowIso, today } from '../../../src/lib/dates.js'
import { anEligibleExpert, auditOf, mails, offersOf, orderStatus } from './support.js'
import { excludedShown } from '../../../src/modules/matching/routes.js'

const matches = (id: number) => `/orders/${id}/matches`
const offersUrl = (id: number) => `/orders/${id}/offers`
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

async function coordinatorWithOrder (t: Parameters<typeof build>[0], role: Role = 'coordinator') {
  const built = await build(t)
  const { browser, user } = await signedIn(built.app, built.db, role)
  const order = anOrder(built.db, { regionId: user.regionId, status: 'new', topic: 'Sijaishuollon kehittämispäivä' })
  return { ...built, browser, user, order }
}

t.test('the coordinator sees the order, the ranked candidates with reasons, the offered and the excluded', async (t) => {
  const { db, browser, user, order } = await coordinatorWithOrder(t)
  const youngest = anEligibleExpert(db, order, { displayName: 'Tähti', age: 16 })
  aConsent(db, youngest.id, { givenBy: 'guardian', giverName: 'Huoltaja' })
  anEligibleExpert(db, order, { displayName: 'Iida', age: 16 })
  const worked = anEligibleExpert(db, order, { displayName: 'Aino' })
  const past = anOrder(db, { regionId: user.regionId, day: addDays(today(), -20), status: 'done' })
  anAssignment(db, past.id, worked.id, { status: 'completed' })
  anEligibleExpert(db, order, { displayName: 'Eetu', pausedUntil: addDays(order.day, 3) })
  anEligibleExpert(db, order, { displayName: 'Ville', status: 'ended' })
  const olli = anEligibleExpert(db, order, { displayName: 'Olli' })
  anOffer(db, order.id, olli.id)
  const response = await browser.get(matches(order.id))
  t.equal(response.statusCode, 200)
  const page = text(response.body)
  t.match(page, 'Sopivat kokemusasiantuntijat: Sijaishuollon kehittämispäivä')
  t.match(page, `${formatDate(order.day)} klo 10.00–12.00`)
  t.match(page, 'Kieli suomi')
  t.match(page, 'Paikat 0/1 täytetty')
  t.match(page, 'Sopivat (2)')
  t.ok(response.body.indexOf('>Tähti</label>') < response.body.indexOf('>Aino</label>'), 'never worked ranks first')
  t.match(page, 'alaikäinen', 'her age band is shown')
  t.match(page, 'Iida Group', 'listed apart')
  t.match(page, 'huoltajan suostumus', 'a 16-year-old without a guardian’s consent is not eligible')
  t.match(page, `tehtäviä 90 päivässä: 1 · edellinen ${formatDate(past.startsAt)}`)
  t.match(page, 'ei kysytty 6 kuukauteen')
  t.match(response.body, `href="/experts/${worked.id}"`)
  t.match(page, 'Jo tarjottu (1) Olli odottaa vastausta')
  t.match(page, `Eetu Group`)
  t.match(page, `tauolla ${formatDate(addDays(order.day, 3))} asti`)
  t.match(response.body, '<details>')
  t.match(page, '1 ei ole aktiivisia')
  t.notMatch(page, 'Ville')
  t.notMatch(page, 'Real Name', 'no real names')
  t.match(response.body, `name="expertIds" value="${worked.id}"`)
  t.notMatch(response.body, 'Huoltaja', 'no guardian names')
  const audit = auditOf(db, 'list').filter((a) => a.subjectType === 'order')
  t.match(audit, [{ subjectId: order.id, detail: 'matches', actorUserId: user.id, regionId: user.regionId }])
})

t.test('a pair worker matches as a coordinator does', async (t) => {
  const { db, browser, order } = await coordinatorWithOrder(t, 'pair_worker')
  const aino = anEligibleExpert(db, order, { displayName: 'Aino' })
  t.equal((await browser.get(matches(order.id))).statusCode, 200)
  const response = await browser.post(offersUrl(order.id), { expertIds: String(aino.id) }, { from: matches(order.id) })
  t.equal(response.statusCode, 303)
  t.equal(offersOf(db, order.id).length, 1)
})

t.test('an order that is not open shows its status and no form', async (t) => {
  const { db, browser, user } = await coordinatorWithOrder(t)
  const filled = anOrder(db, { regionId: user.regionId, status: 'filled' })
  const started = anOrder(db, { regionId: user.regionId, status: 'matching', day: today(), startTime: '00:00' })
  const aino = anEligibleExpert(db, filled, { displayName: 'Aino' })
  for (const order of [filled, started]) {
    const response = await browser.get(matches(order.id))
    t.equal(response.statusCode, 200)
    t.match(text(response.body), 'Tilaus ei ole avoinna tarjouksille')
    t.notMatch(response.body, 'name="expertIds"')
    t.notMatch(response.body, 'Aino')
  }
  const response = await browser.post(offersUrl(filled.id), { expertIds: String(aino.id) }, { from: matches(filled.id) })
  t.equal(response.statusCode, 422)
  t.match(text(response.body), 'Tilaus ei ole enää avoinna tarjouksille.')
  t.equal(offersOf(db, filled.id).length, 0)
})

t.test('offering to two experts: offers, the order’s status, audit, mail in each one’s language, and the flash', async (t) => {
  const { app, db, browser, user, order } = await coordinatorWithOrder(t)
  const aino = anEligibleExpert(db, order, { displayName: 'Aino', email: 'aino@example.fi' })
  const account = await aUser(db, { role: 'expert', regionId: user.regionId, email: 'stina.account@example.fi' })
  const stina = anEligibleExpert(db, order, { displayName: 'Stina', preferredLanguage: 'sv', userId: account.id })
  const before = nowIso()
  const response = await browser.post(offersUrl(order.id), { expertIds: [String(aino.id), String(stina.id)] }, { from: matches(order.id) })
  t.equal(response.statusCode, 303)
  t.equal(response.headers.location, matches(order.id))
  const rows = offersOf(db, order.id)
  t.equal(rows.length, 2)
  for (const row of rows) {
    t.match(row, { status: 'pending', offeredByUserId: user.id, answeredAt: null })
    t.ok(row.offeredAt >= before)
    t.equal(row.expiresAt, isoPlus(row.offeredAt, 72 * 3_600_000), 'open for the region’s 72 hours')
  }
  t.equal(orderStatus(db, order.id), 'matching')
  t.same(auditOf(db, 'offer_made').map((a) => [a.subjectType, a.subjectId, a.detail]).sort(), [['expert', aino.id, `order:${order.id}`], ['expert', stina.id, `order:${order.id}`]].sort())
  const sent = mails(db)
  t.same(sent.map((m) => m.toAddress).sort(), ['aino@example.fi', 'stina.account@example.fi'])
  const fi = sent.find((m) => m.toAddress === 'aino@example.fi')!
  t.equal(fi.subject, 'Uusi tarjous: Sijaishuollon kehittämispäivä')
  t.match(fi.body, `Hei Aino!`)
  t.match(fi.body, `${formatDate(order.day)} klo 10.00`)
  t.match(fi.body, 'http://localhost:3000/me/offers')
  t.notMatch(fi.body, 'Real Name')
  const sv = sent.find((m) => m.toAddress === 'stina.account@example.fi')!
  t.equal(sv.subject, 'Nytt erbjudande: Sijaishuollon kehittämispäivä')
  const page = text((await browser.get(matches(order.id))).body)
  t.match(page, 'Tarjous lähetetty 2 kokemusasiantuntijalle.')
  t.match(page, 'Jo tarjottu (2) Aino odottaa vastausta Stina odottaa vastausta')
  t.match(page, 'Sopivat (0)')
  t.ok(app)
})

t.test('an expert without an e-mail address gets the offer, and the coordinator is told to tell them', async (t) => {
  const { db, browser, order } = await coordinatorWithOrder(t)
  const eetu = anEligibleExpert(db, order, { displayName: 'Eetu' })
  const response = await browser.post(offersUrl(order.id), { expertIds: String(eetu.id) }, { from: matches(order.id) })
  t.equal(response.statusCode, 303)
  t.equal(offersOf(db, order.id).length, 1)
  t.equal(mails(db).length, 0)
  t.match(text((await browser.get(matches(order.id))).body), 'Sähköpostiosoite puuttuu: Eetu. Kerro heille tarjouksesta itse.')
})

t.test('an offer never stays open past the start of the work', async (t) => {
  const { db, browser, user } = await coordinatorWithOrder(t)
  const soon = new Date(Date.now() + 5 * 3_600_000)
  const day = today(soon)
  const startTime = soon.toLocaleTimeString('fi-FI', { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).replace('.', ':')
  // One minute, so that the work stays within its day whatever the hour of the test run.
  const order = anOrder(db, { regionId: user.regionId, day, startTime, durationMinutes: 1 })
  const aino = anEligibleExpert(db, order, { displayName: 'Aino' })
  db.$client.prepare('delete from availability_windows where expert_id = ?').run(aino.id)
  db.$client.prepare(`insert into availability_windows (expert_id, weekday, starts_at, ends_at) values (?, ?, '00:00', '24:00')`).run(aino.id, new Date(`${day}T12:00:00Z`).getUTCDay() || 7)
  const response = await browser.post(offersUrl(order.id), { expertIds: String(aino.id) }, { from: matches(order.id) })
  t.equal(response.statusCode, 303)
  t.equal(offersOf(db, order.id)[0]!.expiresAt, helsinkiInstant(day, startTime))
})

t.test('a declined or expired offer is renewed in its row; a pending one is refused', async (t) => {
  const { db, browser, order } = await coordinatorWithOrder(t)
  const oona = anEligibleExpert(db, order, { displayName: 'Oona', email: 'oona@example.fi' })
  const declined = anOffer(db, order.id, oona.id, { status: 'declined', answeredAt: nowIso(), declineReason: 'kiire' })
  const pete = anEligibleExpert(db, order, { displayName: 'Pete' })
  const lapsed = anOffer(db, order.id, pete.id, { offeredAt: isoPlus(nowIso(), -100 * 3_600_000), expiresAt: isoPlus(nowIso(), -3_600_000) })
  const olli = anEligibleExpert(db, order, { displayName: 'Olli' })
  anOffer(db, order.id, olli.id)
  const page = text((await browser.get(matches(order.id))).body)
  t.match(page, 'aiempi tarjous: kieltäytyi')
  t.match(page, 'Pete odottaa vastausta'.replace('odottaa vastausta', 'vanhentunut'))
  const response = await browser.post(offersUrl(order.id), { expertIds: [String(oona.id), String(pete.id)] }, { from: matches(order.id) })
  t.equal(response.statusCode, 303)
  const rows = offersOf(db, order.id)
  t.equal(rows.length, 3, 'no new rows')
  t.match(rows.find((r) => r.id === declined.id), { status: 'pending', answeredAt: null, declineReason: null })
  t.match(rows.find((r) => r.id === lapsed.id), { status: 'pending' })
  t.ok(rows.find((r) => r.id === lapsed.id)!.expiresAt > nowIso())
  const again = await browser.post(offersUrl(order.id), { expertIds: String(olli.id) }, { from: matches(order.id) })
  t.equal(again.statusCode, 422)
  t.match(text(again.body), 'Olli: on jo tarjottu (odottaa vastausta)')
})

t.test('bad choices: the page comes back with the reason and nothing is stored', async (t) => {
  const { db, browser, order } = await coordinatorWithOrder(t)
  const aino = anEligibleExpert(db, order, { displayName: 'Aino', email: 'aino@example.fi' })
  const eetu = anEligibleExpert(db, order, { displayName: 'Eetu', email: 'eetu@example.fi' })
  const stranger = anEligibleExpert(db, { regionId: aRegion(db).id, day: order.day }, { displayName: 'Vieras' })
  const from = { from: matches(order.id) }

  const none = await browser.post(offersUrl(order.id), {}, from)
  t.equal(none.statusCode, 422)
  t.match(text(none.body), 'Valitse vähintään yksi kokemusasiantuntija.')
  t.match(none.body, 'aria-describedby="f-expertIds-error"')

  const garbage = await browser.post(offersUrl(order.id), { expertIds: ['x1', String(aino.id)] }, from)
  t.equal(garbage.statusCode, 422)
  t.match(text(garbage.body), 'Valitse jokin vaihtoehdoista.')

  // Eetu paused himself after the page was shown: a stale page offers to nobody.
  db.update(experts).set({ pausedUntil: addDays(order.day, 1) }).where(eq(experts.id, eetu.id)).run()
  const stale = await browser.post(offersUrl(order.id), { expertIds: [String(aino.id), String(eetu.id)] }, from)
  t.equal(stale.statusCode, 422)
  const page = text(stale.body)
  t.match(page, 'Tarjousta ei lähetetty kenellekään: 1 valituista ei sovi nyt.')
  t.match(page, `Eetu: tauolla ${formatDate(addDays(order.day, 1))} asti`)
  t.match(stale.body, `value="${aino.id}" checked`, 'the choice is kept')

  const foreign = await browser.post(offersUrl(order.id), { expertIds: [String(stranger.id), '999999'] }, from)
  t.equal(foreign.statusCode, 422)
  t.match(text(foreign.body), 'Valittu henkilö ei ole alueen aktiivinen kokemusasiantuntija.')
  t.notMatch(foreign.body, 'Vieras')

  t.equal(db.select().from(offers).all().length, 0)
  t.equal(mails(db).length, 0)
  t.equal(auditOf(db, 'offer_made').length, 0)
  t.equal(orderStatus(db, order.id), 'new')
})

t.test('only coordinators and pair workers of the region may match', async (t) => {
  const { app, db, user, order } = await coordinatorWithOrder(t)
  const aino = anEligibleExpert(db, order, { displayName: 'Aino' })
  for (const role of ['expert', 'orderer', 'manager', 'admin'] as Role[]) {
    const { browser } = await signedIn(app, db, role, { regionId: user.regionId })
    t.equal((await browser.get(matches(order.id))).statusCode, 403, `${role} GET`)
    t.equal((await browser.post(offersUrl(order.id), { expertIds: String(aino.id) }, { from: '/' })).statusCode, 403, `${role} POST`)
  }
  const anonymous = new Browser(app)
  const get = await anonymous.get(matches(order.id))
  t.equal(get.statusCode, 303)
  t.equal(get.headers.location, `/login?next=${encodeURIComponent(matches(order.id))}`)
  const post = await anonymous.post(offersUrl(order.id), { expertIds: String(aino.id) }, { csrf: false })
  t.equal(post.statusCode, 303)
  t.equal(post.headers.location, '/login')

  const { browser: stranger } = await signedIn(app, db, 'coordinator')
  const page = await stranger.get(matches(order.id))
  t.equal(page.statusCode, 404)
  t.notMatch(page.body, 'Aino')
  t.equal((await stranger.post(offersUrl(order.id), { expertIds: String(aino.id) }, { from: '/' })).statusCode, 404)
  t.equal((await stranger.get('/orders/abc/matches')).statusCode, 404)
  t.equal(offersOf(db, order.id).length, 0)
  t.equal(auditOf(db, 'list').filter((a) => a.subjectType === 'order').length, 0, 'nothing was read')
})

t.test('every reason reads as plain text', async (t) => {
  const { db, browser, user } = await coordinatorWithOrder(t)
  const unit = db.$client.prepare('select id, area_id as areaId from ordering_units where region_id = ?').get(user.regionId) as { id: number, areaId: number }
  const order = anOrder(db, { regionId: user.regionId, orderingUnitId: unit.id, areaId: unit.areaId, language: 'xq', day: addDays(today(), 20) })
  const experience = db.$client.prepare(`insert into experience_areas (region_id, name) values (?, 'Sijaisperhe')`).run(user.regionId).lastInsertRowid
  db.$client.prepare('insert into order_experience_areas (order_id, experience_area_id) values (?, ?)').run(order.id, experience)
  const hilla = anEligibleExpert(db, order, { displayName: 'Hilla' })
  db.$client.prepare(`insert into expert_languages (expert_id, language) values (?, 'xq')`).run(hilla.id)
  db.$client.prepare('insert into expert_experience_areas (expert_id, experience_area_id) values (?, ?)').run(hilla.id, experience)
  db.$client.prepare('insert into expert_areas (expert_id, area_id) values (?, ?)').run(hilla.id, unit.areaId)
  db.$client.prepare('insert into expert_channels (expert_id, channel_id) values (?, ?)').run(hilla.id, order.channelId)
  const busy = anEligibleExpert(db, order, { displayName: 'Kiireinen', monthlyCap: 1 })
  db.$client.prepare(`insert into expert_languages (expert_id, language) values (?, 'sv')`).run(busy.id)
  const other = anOrder(db, { regionId: user.regionId, day: order.day, startTime: '12:30' })
  anAssignment(db, other.id, busy.id)
  const response = await browser.get(matches(order.id))
  const page = text(response.body)
  t.match(page, 'Kieli xq', 'an uncommon language shows as its code')
  t.match(page, 'tehtäviä 90 päivässä: 0 · ei vielä tehtäviä · yhteisiä kokemusalueita: 1 · liikkuu alueella · toivoo tätä väylää')
  t.match(page, 'ei puhu tilauksen kieltä (xq)')
  t.match(page, `toinen tehtävä ${formatDate(other.startsAt)} klo 12.30 (matkoihin varataan 60 min)`)
  const month = ['tammikuussa', 'helmikuussa', 'maaliskuussa', 'huhtikuussa', 'toukokuussa', 'kesäkuussa', 'heinäkuussa', 'elokuussa', 'syyskuussa', 'lokakuussa', 'marraskuussa', 'joulukuussa'][Number(order.day.slice(5, 7)) - 1]
  t.match(page, `jo 1 tehtävää ${month} (oma enimmäismäärä 1)`)
  const sv = text((await browser.get(`${matches(order.id)}?lang=sv`)).body)
  t.match(sv, 'talar inte beställningens språk (xq)')
})

t.test('thousands not eligible: the first are shown, all on request', async (t) => {
  const { db, browser, order } = await coordinatorWithOrder(t)
  for (let i = 0; i < excludedShown + 2; i++) anEligibleExpert(db, order, { displayName: `Tauolla ${String(i).padStart(3, '0')}`, pausedUntil: addDays(order.day, 1) })
  const first = text((await browser.get(matches(order.id))).body)
  t.match(first, `Eivät sovi (${excludedShown + 2})`)
  t.match(first, `Näytetään ${excludedShown} / ${excludedShown + 2}. Näytä kaikki`)
  t.match(first, `Tauolla ${String(excludedShown - 1).padStart(3, '0')}`)
  t.match(first, `Melkein sopivat: aakkosjärjestyksessä ensimmäiset ${excludedShown} `, 'the first near misses')
  t.notMatch(first, `Tauolla ${String(excludedShown + 1).padStart(3, '0')}`)
  const all = await browser.get(`${matches(order.id)}?excluded=all`)
  t.equal(all.statusCode, 200)
  t.match(text(all.body), `Tauolla ${String(excludedShown + 1).padStart(3, '0')}`)
  t.match(text(all.body), `Melkein sopivat (${excludedShown + 2})`, 'every near miss')
  t.notMatch(text(all.body), 'Näytä kaikki')
})

t.test('after offers, with nobody else eligible: who was offered, and that the rest do not qualify', async (t) => {
  const { db, browser, order } = await coordinatorWithOrder(t)
  anEligibleExpert(db, order, { displayName: 'Eetu', pausedUntil: addDays(order.day, 3) })
  const before = text((await browser.get(matches(order.id))).body)
  t.match(before, 'Sopivat (0) ')
  t.match(before, 'Kukaan alueen kokemusasiantuntijoista ei täytä nyt kaikkia ehtoja.', 'nobody offered yet')
  const olli = anEligibleExpert(db, order, { displayName: 'Olli' })
  anOffer(db, order.id, olli.id)
  const otto = anEligibleExpert(db, order, { displayName: 'Otto' })
  anAssignment(db, order.id, otto.id)
  const page = text((await browser.get(matches(order.id))).body)
  t.match(page, 'Tarjottu: Olli (odottaa vastausta), Otto (vahvistettu tehtävä). Kukaan muu alueen kokemusasiantuntijoista ei täytä nyt kaikkia ehtoja.')
  t.notMatch(page, 'Kukaan alueen kokemusasiantuntijoista')
  t.match(text((await browser.get(`${matches(order.id)}?lang=sv`)).body),
    'Erbjuden: Olli (väntar på svar), Otto (bekräftat uppdrag). Ingen annan av regionens erfarenhetsexperter uppfyller nu alla villkor.')
  t.match(text((await browser.get(`${matches(order.id)}?lang=en`)).body),
    'Offered: Olli (awaiting an answer), Otto (confirmed assignment). Nobody else among the region’s experts meets every condition now.')
})

t.test('outside the weekly windows: the expert’s week is in the reason, in each language', async (t) => {
  const { db, browser, order } = await coordinatorWithOrder(t)
  const ulla = anEligibleExpert(db, order, { displayName: 'Ulla' })
  db.$client.prepare('delete from availability_windows where expert_id = ?').run(ulla.id)
  db.insert(availabilityWindows).values([
    { expertId: ulla.id, weekday: 3, startsAt: '15:00', endsAt: '18:00' }, { expertId: ulla.id, weekday: 1, startsAt: '16:00', endsAt: '20:00' },
    { expertId: ulla.id, weekday: 6, startsAt: '09:30', endsAt: '12:00' },
  ]).run()
  const bare = anEligibleExpert(db, order, { displayName: 'Tyhjä' })
  db.$client.prepare('delete from availability_windows where expert_id = ?').run(bare.id)
  const reasons = {
    fi: ['ei käytettävissä tähän aikaan viikosta (käytettävissä ma 16.00–20.00, ke 15.00–18.00, la 9.30–12.00)', 'ei käytettävissä tähän aikaan viikosta (ei viikoittaisia aikoja)'],
    sv: ['inte tillgänglig vid denna tid i veckan (tillgänglig mån 16.00–20.00, ons 15.00–18.00, lör 9.30–12.00)', 'inte tillgänglig vid denna tid i veckan (inga veckotider)'],
    en: ['not available at this time of the week (available Mon 16:00–20:00, Wed 15:00–18:00, Sat 09:30–12:00)', 'not available at this time of the week (no weekly times)'],
  }
  for (const [lang, [week, none]] of Object.entries(reasons)) {
    const page = text((await browser.get(`${matches(order.id)}?lang=${lang}`)).body).replace(/Group \d+/g, 'Group')
    t.match(page, `Ulla Group ${week!}`, `${lang}: among the excluded`)
    t.match(page, `Tyhjä Group ${none!}`, `${lang}: no windows at all`)
  }
  // Chosen for an offer all the same: the refusal gives the week too.
  const refused = await browser.post(offersUrl(order.id), { expertIds: String(ulla.id) }, { from: matches(order.id) })
  t.equal(refused.statusCode, 422)
  t.match(text(refused.body), `Ulla: ${reasons.en[0]!}`, '(in English, the language chosen last)')
  t.equal(offersOf(db, order.id).length, 0)
})

t.test('the near misses: those failing one rule only, with that rule, to call and ask', async (t) => {
  const { db, browser, user, order } = await coordinatorWithOrder(t)
  anEligibleExpert(db, order, { displayName: 'Aino' })
  const ulla = anEligibleExpert(db, order, { displayName: 'Ulla' })
  db.$client.prepare('update availability_windows set starts_at = ?, ends_at = ? where expert_id = ?').run('16:00', '20:00', ulla.id)
  const busy = anEligibleExpert(db, order, { displayName: 'Kiireinen', monthlyCap: 1 })
  anAssignment(db, anOrder(db, { regionId: user.regionId, day: order.day, startTime: '18:00' }).id, busy.id)
  const lapsing = anEligibleExpert(db, order, { displayName: 'Veera' })
  db.$client.prepare('update consents set expires_on = ? where expert_id = ?').run(addDays(order.day, -1), lapsing.id)
  const two = anEligibleExpert(db, order, { displayName: 'Tuplat', monthlyCap: 0 })
  db.$client.prepare('update availability_windows set starts_at = ?, ends_at = ? where expert_id = ?').run('16:00', '20:00', two.id)
  const conflict = anEligibleExpert(db, order, { displayName: 'Esteellinen' })
  db.insert(expertExcludedUnits).values({ expertId: conflict.id, orderingUnitId: order.orderingUnitId }).run()
  const response = await browser.get(matches(order.id))
  const page = text(response.body).replace(/Group \d+/g, 'Group')
  const section = page.slice(page.indexOf('Melkein sopivat'), page.indexOf('Jo tarjottu'))
  const day = formatDate(order.day)
  t.match(section, 'Melkein sopivat (3) Heiltä puuttuu vain yksi ehto.')
  t.match(section, 'Kiireinen Group jo 1 tehtävää')
  t.match(section, 'Ulla Group ei käytettävissä tähän aikaan viikosta (käytettävissä')
  t.match(section, `16.00–20.00) Veera Group oma suostumus ei ole voimassa ${day}`)
  t.notMatch(section, 'Tuplat', 'two rules failed')
  t.notMatch(section, 'Esteellinen', 'a conflict of interest is never a near miss')
  t.notMatch(section, 'Aino', 'eligible')
  t.match(response.body, `href="/experts/${busy.id}"`)
  t.match(text((await browser.get(`${matches(order.id)}?lang=en`)).body), 'Almost eligible (3) They meet every condition but one.')
  t.match(text((await browser.get(`${matches(order.id)}?lang=sv`)).body), 'Nästan lämpliga (3) De uppfyller alla villkor utom ett.')
})
