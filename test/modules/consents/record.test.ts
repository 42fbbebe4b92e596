import t from 'tap'
import { eq } from 'drizzle-orm'
import { build, signedIn, anExpert, aConsent } from '../../helper.js'
import { consents } from '../../../db/schema.js'
import { addDays, birthday, formatDate, today } from '../../../src/lib/dates.js'
import { auditRows, rowCount } from './support.js'

t.test('a coordinator sees an expert’s consents by display and real name, with age and minor status', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const expert = anExpert(db, { regionId: user.regionId, age: 16, displayName: 'Tuuli', realName: 'Aino Virtanen' })
  aConsent(db, expert.id, { givenOn: addDays(today(), -10), expiresOn: addDays(today(), 200) })
  const page = await browser.get(`/experts/${expert.id}/consents`)
  t.equal(page.statusCode, 200)
  t.match(page.body, '<h1>Suostumukset: Tuuli</h1>')
  t.match(page.body, 'Aino Virtanen')
  t.match(page.body, '16 vuotta')
  t.match(page.body, 'Alaikäinen')
  t.match(page.body, 'Huoltajan suostumus puuttuu', 'the state from the rules')
  t.match(page.body, 'Kokemusasiantuntija itse')
  t.match(page.body, `value="${today()}"`, 'the day given defaults to today')
  t.match(page.body, /id="f-scopeRegister"[^>]*checked/, 'the register scope is ticked by default')
  const [read, ...more] = auditRows(db, 'read', expert.id)
  t.equal(more.length, 0)
  t.match(read, { subjectType: 'expert', actorUserId: user.id, regionId: user.regionId, detail: 'consents' })
})

t.test('a pair worker records the expert’s own consent; any giver name is dropped', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'pair_worker')
  const expert = anExpert(db, { regionId: user.regionId, age: 22, displayName: 'Kaisla' })
  const url = `/experts/${expert.id}/consents`
  const given = addDays(today(), -2)
  const expires = addDays(today(), 365)
  const response = await browser.post(url, {
    givenBy: 'expert', giverName: 'Someone Else', scopeRegister: 'on', scopeMedia: 'on', givenOn: given, expiresOn: formatDate(expires),
  }, { from: url })
  t.equal(response.statusCode, 303)
  t.equal(response.headers.location, url)
  const [row, ...more] = db.select().from(consents).where(eq(consents.expertId, expert.id)).all()
  t.equal(more.length, 0)
  t.match(row, { givenBy: 'expert', giverName: null, scopeRegister: true, scopeContact: false, scopeMedia: true, scopeRealName: false, givenOn: given, expiresOn: expires, recordedByUserId: user.id })
  const [audit] = auditRows(db, 'consent_recorded', expert.id)
  t.match(audit, { subjectType: 'expert', actorUserId: user.id, detail: `consent:${row!.id}` })
  const page = await browser.get(url)
  t.match(page.body, 'Suostumus on kirjattu.')
  t.match(page.body, 'Voimassa')
  t.match(page.body, `voimassa ${formatDate(expires)} asti`)
})

t.test('a guardian’s consent for a minor keeps the guardian’s name, and with the own consent makes it valid', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const expert = anExpert(db, { regionId: user.regionId, age: 14 })
  aConsent(db, expert.id, { givenOn: addDays(today(), -5), expiresOn: addDays(today(), 500) })
  const url = `/experts/${expert.id}/consents`
  const response = await browser.post(url, {
    givenBy: 'custodial_official', giverName: ' Sari Sosiaalityöntekijä ', scopeRegister: 'on', scopeContact: 'on', givenOn: addDays(today(), -5), expiresOn: addDays(today(), 500),
  }, { from: url })
  t.equal(response.statusCode, 303)
  const rows = db.select().from(consents).where(eq(consents.expertId, expert.id)).all()
  t.equal(rows.length, 2)
  t.match(rows[1], { givenBy: 'custodial_official', giverName: 'Sari Sosiaalityöntekijä', scopeContact: true })
  const page = await browser.get(url)
  t.match(page.body, 'Sijoittajakunnan sosiaalityöntekijä</strong>: Sari Sosiaalityöntekijä')
  t.notMatch(page.body, 'Huoltajan suostumus puuttuu')
  t.match(page.body, `voimassa ${formatDate(addDays(birthday(expert.birthDate, 15), -1))} asti`, 'the consent ends before the 15th birthday')
})

t.test('bad input comes back with a message at the field, the values kept and nothing stored', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const adult = anExpert(db, { regionId: user.regionId, age: 30 })
  const minor = anExpert(db, { regionId: user.regionId, age: 16 })
  const good = { givenBy: 'guardian', giverName: 'Maija Meikäläinen', scopeRegister: 'on', givenOn: addDays(today(), -1), expiresOn: addDays(today(), 100) }
  const noScope = { givenBy: 'guardian', giverName: 'Maija Meikäläinen', givenOn: addDays(today(), -1), expiresOn: addDays(today(), 100) }
  const cases: [string, Record<string, string>, string, string][] = [
    ['a guardian’s consent without the giver', { ...good, giverName: ' ' }, 'giverName', 'Kirjoita huoltajan tai sosiaalityöntekijän nimi.'],
    ['a custodial official without the giver', { ...good, givenBy: 'custodial_official', giverName: '' }, 'giverName', 'Kirjoita huoltajan tai sosiaalityöntekijän nimi.'],
    ['too long a giver name', { ...good, giverName: 'x'.repeat(201) }, 'giverName', 'Enintään 200 merkkiä.'],
    ['no giver chosen', { ...good, givenBy: '' }, 'givenBy', 'Tämä tieto on pakollinen.'],
    ['an unknown giver', { ...good, givenBy: 'neighbour' }, 'givenBy', 'Valitse jokin vaihtoehdoista.'],
    ['no scope', noScope, 'scope', 'Valitse vähintään yksi kohta.'],
    ['no day given', { ...good, givenOn: '' }, 'givenOn', 'Tämä tieto on pakollinen.'],
    ['no expiry', { ...good, expiresOn: '' }, 'expiresOn', 'Tämä tieto on pakollinen.'],
    ['not a date', { ...good, givenOn: '31.2.2026' }, 'givenOn', 'Anna päivämäärä muodossa 23.11.2026.'],
    ['given in the future', { ...good, givenOn: addDays(today(), 1), expiresOn: addDays(today(), 100) }, 'givenOn', 'Antopäivä ei voi olla tulevaisuudessa.'],
    ['expiry before the day given', { ...good, expiresOn: addDays(today(), -3) }, 'expiresOn', 'Päättymispäivän on oltava antopäivän jälkeen.'],
    ['expiry on the day given', { ...good, expiresOn: addDays(today(), -1) }, 'expiresOn', 'Päättymispäivän on oltava antopäivän jälkeen.'],
  ]
  const url = `/experts/${minor.id}/consents`
  for (const [name, fields, field, message] of cases) {
    const response = await browser.post(url, fields, { from: url })
    t.equal(response.statusCode, 422, name)
    t.match(response.body, message, name)
    t.match(response.body, `id="f-${field}-error"`, `${name}: the message is at the field`)
    t.match(response.body, 'Tarkista lomake', name)
  }
  const adultUrl = `/experts/${adult.id}/consents`
  const forAdult = await browser.post(adultUrl, good, { from: adultUrl })
  t.equal(forAdult.statusCode, 422, 'a guardian does not consent for an adult')
  t.match(forAdult.body, 'oli antopäivänä täysi-ikäinen')
  t.match(forAdult.body, 'id="f-givenBy-error"')
  const badDate = await browser.post(adultUrl, { ...good, givenOn: 'eilen' }, { from: adultUrl })
  t.notMatch(badDate.body, 'f-givenBy-error', 'no age rule without a valid day given')

  const kept = await browser.post(url, { ...good, giverName: '', scopeMedia: 'on', givenOn: '1.2.2026' }, { from: url })
  t.match(kept.body, /id="f-givenBy-guardian"[^>]*checked/, 'the giver is kept')
  t.match(kept.body, /id="f-scopeMedia"[^>]*checked/, 'the scopes are kept')
  t.match(kept.body, 'value="2026-02-01"', 'a typed day is kept as a day')
  t.match(kept.body, `value="${good.expiresOn}"`)
  t.equal(rowCount(db, consents), 0, 'no consent stored')
  t.equal(auditRows(db, 'consent_recorded').length, 0)
})
