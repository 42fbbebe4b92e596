import t from 'tap'
import { build, signedIn, anExpert, aConsent, aTraining, aCompletion, aUser } from '../../helper.js'
import { availabilityWindows, expertExcludedUnits } from '../../../db/schema.js'
import { encryptField } from '../../../src/lib/crypto.js'
import { testConfig } from '../../../src/config.js'
import { addDays, today } from '../../../src/lib/dates.js'
import { expertOfUser, setLinks } from '../../../src/modules/experts/queries.js'
import { aStructure, auditRows, bornYearsAgo, identityCodeFor } from './support.js'

const key = testConfig().dataKey

// An expert with everything a profile shows, the coordinator-only fields included.
function aFullExpert (db: Parameters<typeof anExpert>[0], regionId: number) {
  const s = aStructure(db, regionId)
  const birthDate = bornYearsAgo(16)
  const code = identityCodeFor(birthDate)
  const expert = anExpert(db, {
    regionId, groupId: s.group.id, birthDate, realName: 'Noora Nieminen', displayName: 'Revontuli', email: 'noora@example.fi', phone: '040 123',
    hostOrganisationId: s.host.id, internalNotes: 'Ensimmäinen rivi\nToinen rivi', feePreference: 'declined', incomeLimitCents: 500000,
    taxCardReceivedOn: '2026-01-02', identityCodeEncrypted: encryptField(key, code),
  })
  setLinks(db, expert.id, 'areaIds', [s.area.id])
  setLinks(db, expert.id, 'languages', ['fi', 'sv'])
  setLinks(db, expert.id, 'experienceAreaIds', [s.experience.id])
  setLinks(db, expert.id, 'channelIds', [s.channel.id])
  db.insert(expertExcludedUnits).values({ expertId: expert.id, orderingUnitId: s.unit.id }).run()
  aConsent(db, expert.id)
  aConsent(db, expert.id, { givenBy: 'guardian', giverName: 'Huoltaja Hanna' })
  const training = aTraining(db, regionId, { name: 'Peruskoulutus 2026', startsOn: addDays(today(), -90), endsOn: addDays(today(), -10) })
  aCompletion(db, training.id, expert.id, addDays(today(), -10))
  db.insert(availabilityWindows).values({ expertId: expert.id, weekday: 1, startsAt: '16:00', endsAt: '20:00' }).run()
  return { expert, code, s }
}

t.test('a coordinator sees the whole profile, and each view is written to the audit log', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const { expert, code } = aFullExpert(db, user.regionId)
  const page = await browser.get(`/experts/${expert.id}`)
  t.equal(page.statusCode, 200)
  for (const text of [
    '<h1>Revontuli</h1>', 'Noora Nieminen', '16 v', '<strong>alaikäinen</strong>', 'Nuori aikuinen', 'noora@example.fi', '040 123', 'suomi, ruotsi',
    'Hämeenlinna', 'Sijaisperhe', 'Pesäpuu ry', 'Työpaja',
    'Ei ota palkkiota (vapaaehtoinen)', '5\u00a0000,00\u00a0€', '2.1.2026', `${code.slice(0, 7)}****`, 'Perhekeskus Forssa', 'Ensimmäinen rivi<br>Toinen rivi',
    'Näytä henkilötunnus', 'Voimassa', 'Huoltaja Hanna', `href="/experts/${expert.id}/consents"`, 'Peruskoulutus 2026', 'Peruskoulutus suoritettu',
    'maanantai 16.00–20.00', 'Asiantuntijalla ei ole käyttäjätunnusta.', 'Lähetä kutsu', 'Aktiivinen',
  ]) t.match(page.body, text, text)
  t.notMatch(page.body, code, 'the identity code only masked')
  await browser.get(`/experts/${expert.id}`)
  const reads = auditRows(db, 'read', expert.id)
  t.equal(reads.length, 2, 'one row a view')
  t.match(reads[0], { actorUserId: user.id, regionId: user.regionId, detail: null })
})

t.test('a pair worker sees the profile without the coordinator-only fields', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'pair_worker')
  const { expert, code } = aFullExpert(db, user.regionId)
  const page = await browser.get(`/experts/${expert.id}`)
  t.equal(page.statusCode, 200)
  t.match(page.body, 'Noora Nieminen')
  t.match(page.body, 'alaikäinen')
  for (const hidden of [
    code, code.slice(0, 7), 'Henkilötunnus', 'Näytä henkilötunnus', 'identity-code-disclosure', 'Ensimmäinen rivi', 'Perhekeskus Forssa',
    'Ei ota palkkiota', '5\u00a0000,00', '2.1.2026', 'Verokortti', 'Tuloraja',
  ]) t.notMatch(page.body, hidden, `no ${hidden}`)
  const edit = await browser.get(`/experts/${expert.id}/edit`)
  t.equal(edit.statusCode, 200)
  for (const hidden of [code.slice(0, 7), 'name="identityCode"', 'Ensimmäinen rivi', 'name="excludedUnitIds"']) t.notMatch(edit.body, hidden, `edit: no ${hidden}`)
  t.equal(auditRows(db, 'read', expert.id).length, 2, 'the profile and the edit form are reads')
})

t.test('a coordinator reveals the identity code, and that is written to the audit log', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const { expert, code } = aFullExpert(db, user.regionId)
  const shown = await browser.post(`/experts/${expert.id}/identity-code-disclosure`, {}, { from: `/experts/${expert.id}` })
  t.equal(shown.statusCode, 200)
  t.match(shown.body, `<strong>${code}</strong>`)
  t.match(shown.body, 'Henkilötunnus näytetään vain tällä kertaa.')
  t.notMatch(shown.body, 'Näytä henkilötunnus')
  const [revealed, ...more] = auditRows(db, 'identity_code_revealed', expert.id)
  t.equal(more.length, 0)
  t.match(revealed, { actorUserId: user.id, detail: null })
  t.notMatch((await browser.get(`/experts/${expert.id}`)).body, code, 'only that once')

  const without = anExpert(db, { regionId: user.regionId })
  const none = await browser.post(`/experts/${without.id}/identity-code-disclosure`, {}, { from: `/experts/${without.id}` })
  t.equal(none.statusCode, 303)
  t.equal(none.headers.location, `/experts/${without.id}`)
  const page = await browser.get(none.headers.location!)
  t.match(page.body, 'Henkilötunnusta ei ole tallennettu.')
  t.match(page.body, 'Ei tallennettu')
  t.equal(auditRows(db, 'identity_code_revealed', without.id).length, 0)
})

t.test('an adult is not marked a minor; the account section follows the linked user', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const account = await aUser(db, { role: 'expert', regionId: user.regionId, email: 'aleksi@example.fi' })
  const expert = anExpert(db, { regionId: user.regionId, birthDate: bornYearsAgo(18), userId: account.id })
  const page = await browser.get(`/experts/${expert.id}`)
  t.match(page.body, '18 v')
  t.notMatch(page.body, 'alaikäinen')
  t.match(page.body, 'Käyttäjätunnus on käytössä (aleksi@example.fi).')
  t.notMatch(page.body, 'Lähetä kutsu')
  t.equal(expertOfUser(db, account.id)!.id, expert.id, 'the expert of a user account')
  t.equal(expertOfUser(db, user.id), undefined)
})

t.test('the identity code is stored only encrypted and appears in no response but the disclosure', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const s = aStructure(db, user.regionId)
  const birthDate = bornYearsAgo(25)
  const code = identityCodeFor(birthDate)
  const form = { realName: 'Ville Virtanen', displayName: 'Karhu', birthDate, groupId: String(s.group.id), preferredLanguage: 'fi', feePreference: 'paid', identityCode: code }
  const created = await browser.post('/experts', form, { from: '/experts/new' })
  const url = created.headers.location!
  const responses = [
    created, await browser.get(url), await browser.get(`${url}/edit`), await browser.get('/experts'), await browser.get('/experts?q=ville'),
    await browser.post(url, { ...form, email: 'bad' }, { from: `${url}/edit` }),
    await browser.post(url, { ...form, realName: 'Ville V' }, { from: `${url}/edit` }),
    await browser.post(`${url}/status-changes`, { status: 'ended' }, { from: url }),
  ]
  for (const response of responses) t.notMatch(response.body, code)
  // Every text cell of every table: the code is nowhere in clear.
  const tables = db.$client.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[]
  for (const table of tables) {
    const rows = db.$client.prepare(`select * from "${table}"`).all() as Record<string, unknown>[]
    for (const row of rows) for (const value of Object.values(row)) if (typeof value === 'string') t.notOk(value.includes(code.slice(0, 6) + code.slice(7)) || value.includes(code), `${table}: no code`)
  }
})
