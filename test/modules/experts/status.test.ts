import t from 'tap'
import { build, signedIn, anExpert } from '../../helper.js'
import { addDays, today } from '../../../src/lib/dates.js'
import { auditRows, expertRow, historyOf } from './support.js'

t.test('a status change updates the expert and appends to the history', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'pair_worker', { name: 'Tuomas Työpari' })
  const expert = anExpert(db, { regionId: user.regionId, status: 'candidate', statusSince: addDays(today(), -30) })
  const url = `/experts/${expert.id}`
  const profile = await browser.get(url)
  t.match(profile.body, `action="${url}/status-changes"`)
  t.match(profile.body, `name="changedOn" type="date" value="${today()}"`, 'today by default')
  const yesterday = addDays(today(), -1)
  const activated = await browser.post(`${url}/status-changes`, { status: 'active', changedOn: yesterday, reason: '' }, { from: url })
  t.equal(activated.statusCode, 303)
  t.equal(activated.headers.location, url)
  t.match(expertRow(db, expert.id), { status: 'active', statusSince: yesterday })
  t.match(historyOf(db, expert.id), [{ status: 'active', changedOn: yesterday, reason: null, changedByUserId: user.id }])
  t.match(auditRows(db, 'status_change', expert.id), [{ actorUserId: user.id, detail: 'status' }])
  const page = await browser.get(url)
  t.match(page.body, 'Tila on muutettu.')
  t.match(page.body, 'Tuomas Työpari')

  const paused = await browser.post(`${url}/status-changes`, { status: 'paused', changedOn: '', reason: 'Ylioppilaskirjoitukset' }, { from: url })
  t.equal(paused.statusCode, 303)
  t.match(expertRow(db, expert.id), { status: 'paused', statusSince: today() }, 'an empty day is today')
  t.match(historyOf(db, expert.id).at(-1), { status: 'paused', reason: 'Ylioppilaskirjoitukset' })
  t.match((await browser.get(url)).body, 'Ylioppilaskirjoitukset')
})

t.test('a bad status change comes back with messages on the profile and changes nothing', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const since = addDays(today(), -10)
  const expert = anExpert(db, { regionId: user.regionId, status: 'active', statusSince: since })
  const url = `/experts/${expert.id}`
  const cases: [string, Record<string, string>, string, string][] = [
    ['no status', { status: '' }, 'status', 'Tämä tieto on pakollinen.'],
    ['an unknown status', { status: 'retired' }, 'status', 'Valitse jokin vaihtoehdoista.'],
    ['the same status', { status: 'active' }, 'status', 'Asiantuntijalla on jo tämä tila.'],
    ['ending without a reason', { status: 'ended', reason: ' ' }, 'reason', 'Kirjaa syy, kun asiantuntija jää tauolle tai lopettaa.'],
    ['pausing without a reason', { status: 'paused' }, 'reason', 'Kirjaa syy'],
    ['too long a reason', { status: 'ended', reason: 'x'.repeat(501) }, 'reason', 'Enintään 500 merkkiä.'],
    ['a day in the future', { status: 'candidate', changedOn: addDays(today(), 1) }, 'changedOn', 'Päivä ei voi olla tulevaisuudessa.'],
    ['not a day', { status: 'candidate', changedOn: 'huomenna' }, 'changedOn', 'Anna päivämäärä muodossa 23.11.2026.'],
    ['before the current status began', { status: 'candidate', changedOn: addDays(since, -1) }, 'changedOn', 'Päivä ei voi olla ennen nykyisen tilan alkua'],
  ]
  for (const [name, fields, field, message] of cases) {
    const response = await browser.post(`${url}/status-changes`, { changedOn: today(), reason: '', ...fields }, { from: url })
    t.equal(response.statusCode, 422, name)
    t.match(response.body, message, name)
    t.match(response.body, `id="f-${field}-error"`, `${name}: at the field`)
    t.match(response.body, 'Tarkista lomake', name)
  }
  const kept = await browser.post(`${url}/status-changes`, { status: 'paused', changedOn: today(), reason: 'x'.repeat(501) }, { from: url })
  t.match(kept.body, '<option value="paused" selected>', 'values kept')
  t.match(expertRow(db, expert.id), { status: 'active', statusSince: since })
  t.equal(historyOf(db, expert.id).length, 0)
  t.equal(auditRows(db, 'status_change').length, 0)
  t.ok(auditRows(db, 'read', expert.id).length > 0, 'the profile shown again is a read')
})
