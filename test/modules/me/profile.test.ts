import t, { type Test } from 'tap'
import { eq } from 'drizzle-orm'
import { build, aGroup, anArea, aChannel, aUnit, aHostOrganisation, anExperienceArea, aConsent, aTraining, aCompletion, aRegion, signedIn } from '../../helper.js'
import type { Db } from '../../../src/db.js'
import { experienceAreas, expertAreas, expertChannels, expertExcludedUnits, expertExperienceAreas, expertLanguages } from '../../../db/schema.js'
import { auditRows, expertRow, signedInExpert } from './support.js'

function languagesOf (db: Db, expertId: number) {
  return db.select().from(expertLanguages).where(eq(expertLanguages.expertId, expertId)).all().map((row) => row.language).sort()
}

function experienceAreasOf (db: Db, expertId: number) {
  return db.select().from(expertExperienceAreas).where(eq(expertExperienceAreas.expertId, expertId)).all().map((row) => row.experienceAreaId).sort()
}

// An expert with every kind of detail, coordinator-only ones included.
async function fullExpert (t: Test) {
  const { app, db } = await build(t)
  const region = aRegion(db)
  const regionId = region.id
  const group = aGroup(db, regionId, 'Nuoret 13–17')
  const host = aHostOrganisation(db, regionId, 'Pesäpuu ry')
  const { browser, user, expert } = await signedInExpert(app, db, {
    regionId, age: 16, groupId: group.id, hostOrganisationId: host.id, displayName: 'Tähti', realName: 'Noora Nuori',
    email: 'noora@example.fi', phone: '040 123 4567', preferredLanguage: 'sv', remoteAllowed: true, feePreference: 'ask',
    incomeLimitCents: 500050, internalNotes: 'SALAINEN MUISTIINPANO', identityCodeEncrypted: 'v1.SALATTU', taxCardReceivedOn: '2026-01-05',
  })
  const area = anArea(db, regionId, 'Hämeenlinna')
  db.insert(expertAreas).values({ expertId: expert.id, areaId: area.id }).run()
  const channel = aChannel(db, regionId, { name: 'Koulutukset ammattilaisille' })
  db.insert(expertChannels).values({ expertId: expert.id, channelId: channel.id }).run()
  const unit = aUnit(db, regionId, 'Salainen yksikkö')
  db.insert(expertExcludedUnits).values({ expertId: expert.id, orderingUnitId: unit.id }).run()
  const care = anExperienceArea(db, regionId, 'Sijaisperhe')
  const open = anExperienceArea(db, regionId, 'Avohuolto')
  db.insert(expertExperienceAreas).values({ expertId: expert.id, experienceAreaId: care.id }).run()
  db.insert(expertLanguages).values([{ expertId: expert.id, language: 'fi' }, { expertId: expert.id, language: 'de' }]).run()
  aConsent(db, expert.id)
  aConsent(db, expert.id, { givenBy: 'guardian', giverName: 'Huoltaja Henna' })
  aCompletion(db, aTraining(db, regionId, { name: 'Peruskoulutus 2026' }).id, expert.id)
  return { app, db, browser, user, expert, care, open }
}

t.test('an expert sees their own details, consents and trainings, and no coordinator-only fields', async (t) => {
  const { db, browser, user, expert } = await fullExpert(t)
  const page = await browser.get('/me')
  t.equal(page.statusCode, 200)
  for (const text of ['<h1>Oma sivu</h1>', 'Tähti', 'Noora Nuori', '16 vuotta', 'Nuoret 13–17', 'Mukana', 'noora@example.fi', '040 123 4567',
    '<dd>ruotsi</dd>', '<dd>de, suomi</dd>', 'Hämeenlinna', 'Voit tehdä tehtäviä myös etänä', '<dd>Sijaisperhe</dd>', 'Pesäpuu ry',
    'Koulutukset ammattilaisille', 'Kysykää minulta joka kerta', '5\u00a0000,50\u00a0€', 'Huoltaja Henna', 'Peruskoulutus 2026', 'href="/me/data"']) {
    t.match(page.body, text, text)
  }
  for (const secret of ['SALAINEN MUISTIINPANO', 'v1.SALATTU', 'Salainen yksikkö', '5.1.2026']) t.notMatch(page.body, secret, `not shown: ${secret}`)
  t.match(page.body, 'name="email" type="email" value="noora@example.fi"')
  t.match(page.body, 'name="preferredLanguage" value="sv" checked')
  t.match(page.body, 'name="languages" value="fi" checked')
  t.match(page.body, 'name="feePreference" value="ask" checked')
  t.match(page.body, 'name="incomeLimit" type="text" value="5000,50"')
  t.match(page.body, '<legend>Kokemusalueet</legend>')
  const [read] = auditRows(db, 'read', expert.id)
  t.match(read, { actorUserId: user.id, regionId: user.regionId, detail: null })
})

t.test('an expert edits their own details; the audit names the fields', async (t) => {
  const { db, browser, expert, care, open } = await fullExpert(t)
  const saved = await browser.post('/me', {
    email: 'Uusi@Example.fi', phone: '+358 40 765 4321', preferredLanguage: 'fi', languages: ['fi', 'ar'],
    experienceAreaIds: [String(open.id), String(care.id)], feePreference: 'declined', incomeLimit: '6 000',
  }, { from: '/me' })
  t.equal(saved.statusCode, 303)
  t.equal(saved.headers.location, '/me')
  t.match(expertRow(db, expert.id), { email: 'uusi@example.fi', phone: '+358 40 765 4321', preferredLanguage: 'fi', feePreference: 'declined', incomeLimitCents: 600000 })
  t.same(languagesOf(db, expert.id), ['ar', 'de', 'fi'], 'a language the form does not offer stays')
  t.same(experienceAreasOf(db, expert.id), [care.id, open.id].sort())
  const [update] = auditRows(db, 'update', expert.id)
  t.equal(update!.detail, 'email,phone,preferredLanguage,feePreference,incomeLimitCents,languages,experienceAreas')
  const page = await browser.get('/me')
  t.match(page.body, 'Tietosi on tallennettu.')
  t.match(page.body, 'name="incomeLimit" type="text" value="6000"')

  const cleared = await browser.post('/me', { email: '', phone: '', preferredLanguage: 'fi', feePreference: 'declined', incomeLimit: '' }, { from: '/me' })
  t.equal(cleared.statusCode, 303)
  t.match(expertRow(db, expert.id), { email: null, phone: null, incomeLimitCents: null })
  t.same(languagesOf(db, expert.id), ['de'])
  t.same(experienceAreasOf(db, expert.id), [])
  t.match((await browser.get('/me')).body, '<dd>Ei merkitty</dd>')
  t.equal(auditRows(db, 'update', expert.id)[1]!.detail, 'email,phone,incomeLimitCents,languages,experienceAreas')
  await browser.post('/me', { preferredLanguage: 'fi', feePreference: 'declined' }, { from: '/me' })
  t.equal(auditRows(db, 'update', expert.id)[2]!.detail, '', 'nothing changed')
})

t.test('bad details come back with a message at the field and store nothing', async (t) => {
  const { db, browser, expert, care } = await fullExpert(t)
  const elsewhere = anExperienceArea(db, aRegion(db).id)
  const retired = anExperienceArea(db, expert.regionId, 'Poistunut alue')
  db.update(experienceAreas).set({ active: false }).where(eq(experienceAreas.id, retired.id)).run()
  const good = { email: 'noora@example.fi', phone: '040 123 4567', preferredLanguage: 'sv', languages: ['fi'], experienceAreaIds: [String(care.id)], feePreference: 'ask', incomeLimit: '5000' }
  const cases: [string, Record<string, string | string[]>, string, string][] = [
    ['bad e-mail', { email: 'noora@' }, 'email', 'Anna sähköpostiosoite muodossa'],
    ['bad phone', { phone: 'soita illalla' }, 'phone', 'Anna puhelinnumero numeroina'],
    ['no language of contact', { preferredLanguage: '' }, 'preferredLanguage', 'Tämä tieto on pakollinen.'],
    ['unknown language of contact', { preferredLanguage: 'de' }, 'preferredLanguage', 'Valitse jokin vaihtoehdoista.'],
    ['unknown language', { languages: ['fi', 'xx'] }, 'languages', 'Valitse jokin vaihtoehdoista.'],
    ['another region’s experience area', { experienceAreaIds: [String(elsewhere.id)] }, 'experienceAreaIds', 'Valitse jokin vaihtoehdoista.'],
    ['a retired experience area', { experienceAreaIds: [String(retired.id)] }, 'experienceAreaIds', 'Valitse jokin vaihtoehdoista.'],
    ['not an id', { experienceAreaIds: ['kaikki'] }, 'experienceAreaIds', 'Valitse jokin vaihtoehdoista.'],
    ['no fee choice', { feePreference: '' }, 'feePreference', 'Tämä tieto on pakollinen.'],
    ['not an amount', { incomeLimit: 'paljon' }, 'incomeLimit', 'Anna summa euroina'],
    ['a negative amount', { incomeLimit: '-5' }, 'incomeLimit', 'Anna summa euroina'],
    ['an absurd amount', { incomeLimit: '2000000' }, 'incomeLimit', 'Anna summa euroina'],
  ]
  for (const [name, change, field, message] of cases) {
    const response = await browser.post('/me', { ...good, ...change, phone: change.phone ?? '050 111 2222' }, { from: '/me' })
    t.equal(response.statusCode, 422, name)
    t.match(response.body, `<p class="field-error" id="f-${field}-error">${message}`, name)
    t.match(response.body, 'Tarkista lomake', name)
  }
  const kept = await browser.post('/me', { ...good, email: 'noora@', incomeLimit: 'paljon' }, { from: '/me' })
  t.match(kept.body, 'value="noora@"', 'values kept')
  t.match(kept.body, 'value="paljon"')
  t.match(expertRow(db, expert.id), { phone: '040 123 4567', incomeLimitCents: 500050 })
  t.equal(auditRows(db, 'update', expert.id).length, 0)
})

t.test('an experience area the expert has keeps being offered after it is retired', async (t) => {
  const { db, browser, expert, care } = await fullExpert(t)
  db.update(experienceAreas).set({ active: false }).where(eq(experienceAreas.id, care.id)).run()
  const page = await browser.get('/me')
  t.match(page.body, `name="experienceAreaIds" value="${care.id}" checked`)
  const saved = await browser.post('/me', { preferredLanguage: 'fi', feePreference: 'paid', experienceAreaIds: String(care.id) }, { from: '/me' })
  t.equal(saved.statusCode, 303)
  t.same(experienceAreasOf(db, expert.id), [care.id])
})

t.test('a region without experience areas shows no empty group, and a plain expert sees blanks', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedInExpert(app, db, { status: 'candidate' })
  const page = await browser.get('/me')
  t.equal(page.statusCode, 200)
  t.notMatch(page.body, '<legend>Kokemusalueet</legend>')
  t.match(page.body, 'Aloittamassa')
  t.match(page.body, 'Vain paikan päällä')
  t.match(page.body, 'Suostumuksia ei ole kirjattu.')
  t.match(page.body, 'Ei koulutuksia.')
})

t.test('an expert user not yet linked to a record gets a friendly page', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedIn(app, db, 'expert')
  for (const url of ['/me', '/me/availability', '/me/data']) {
    const response = await browser.get(url)
    t.equal(response.statusCode, 200, url)
    t.match(response.body, 'Koordinaattori ei ole vielä yhdistänyt tietojasi tähän tunnukseen.', url)
  }
  const posted = await browser.post('/me/availability/cap', { monthlyCap: '3' }, { from: '/me' })
  t.equal(posted.statusCode, 200)
  t.match(posted.body, 'Koordinaattori ei ole vielä yhdistänyt')
})

t.test('the expert’s home links to their own pages', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedInExpert(app, db)
  const home = await browser.get('/')
  t.equal(home.statusCode, 200)
  t.match(home.body, 'href="/me"')
  t.match(home.body, 'href="/me/availability"')
  t.match(home.body, 'Milloin olet käytettävissä?')
  t.match(home.body, 'Tilaajat ja yleisö näkevät sinusta vain nimimerkkisi.')
})

t.test('the own pages are complete in Swedish and English', async (t) => {
  const { browser } = await fullExpert(t)
  const sv = await browser.get('/me?lang=sv')
  t.match(sv.body, '<h1>Min sida</h1>')
  t.match(sv.body, 'Fråga mig varje gång')
  t.match((await browser.get('/me/availability')).body, 'När kan du ta uppdrag?')
  const en = await browser.get('/me/availability?lang=en')
  t.match(en.body, 'When are you available?')
  t.match((await browser.get('/me')).body, 'Ask me every time')
})
