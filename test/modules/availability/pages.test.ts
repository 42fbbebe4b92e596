import t from 'tap'
import { build, anExpert } from '../../helper.js'
import { addDays, formatDate, today } from '../../../src/lib/dates.js'
import { availabilityWindows, unavailablePeriods } from '../../../db/schema.js'
import { auditRows, expertRow, periodsOf, signedInExpert, windowsOf } from '../me/support.js'

const page = '/me/availability'

t.test('the availability page shows what the expert keeps, and each view is audited', async (t) => {
  const { app, db } = await build(t)
  const { browser, user, expert } = await signedInExpert(app, db)
  const empty = await browser.get(page)
  t.equal(empty.statusCode, 200)
  t.match(empty.body, '<h1>Milloin olet käytettävissä?</h1>')
  t.match(empty.body, 'Ei viikoittaisia aikoja.')
  t.match(empty.body, 'Ei poissaoloja.')
  t.match(empty.body, 'Sinulla ei ole omaa kuukausirajaa.')
  t.match(empty.body, 'Aloita tauko')
  db.insert(availabilityWindows).values({ expertId: expert.id, weekday: 3, startsAt: '09:00', endsAt: '11:30' }).run()
  db.insert(unavailablePeriods).values({ expertId: expert.id, startsOn: addDays(today(), 3), endsOn: addDays(today(), 5), note: 'koeviikko' }).run()
  const full = await browser.get(page)
  t.match(full.body, 'keskiviikko 9.00–11.30')
  t.match(full.body, 'aria-label="Poista keskiviikko 9.00–11.30"')
  t.match(full.body, `${formatDate(addDays(today(), 3))}–${formatDate(addDays(today(), 5))}`)
  t.match(full.body, 'koeviikko')
  const reads = auditRows(db, 'read', expert.id)
  t.equal(reads.length, 2)
  t.match(reads[0], { actorUserId: user.id, regionId: user.regionId, detail: 'availability' })
  t.match((await browser.get('/me/availability?lang=en')).body, 'Wednesday 09:00–11:30', 'times as English writes them')
})

t.test('an expert adds weekly windows; touching windows and other weekdays are fine', async (t) => {
  const { app, db } = await build(t)
  const { browser, user, expert } = await signedInExpert(app, db)
  const added = await browser.post(`${page}/windows`, { weekday: '1', startsAt: '16:00', endsAt: '18.30' }, { from: page })
  t.equal(added.statusCode, 303)
  t.equal(added.headers.location, page)
  t.match(windowsOf(db, expert.id), [{ weekday: 1, startsAt: '16:00', endsAt: '18:30' }])
  const shown = await browser.get(page)
  t.match(shown.body, 'Aika lisätty.')
  t.match(shown.body, 'maanantai 16.00–18.30')
  t.equal((await browser.post(`${page}/windows`, { weekday: '1', startsAt: '18:30', endsAt: '20:00' }, { from: page })).statusCode, 303, 'touching')
  t.equal((await browser.post(`${page}/windows`, { weekday: '2', startsAt: '9:00', endsAt: '17:00' }, { from: page })).statusCode, 303, 'another day')
  t.equal(windowsOf(db, expert.id).length, 3)
  const changes = auditRows(db, 'availability_changed', expert.id)
  t.equal(changes.length, 3)
  t.match(changes[0], { actorUserId: user.id, detail: `window_added:${windowsOf(db, expert.id)[0]!.id}` })
})

t.test('bad windows come back with a message at the field and store nothing', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert } = await signedInExpert(app, db)
  db.insert(availabilityWindows).values({ expertId: expert.id, weekday: 1, startsAt: '17:00', endsAt: '19:00' }).run()
  const good = { weekday: '1', startsAt: '12:00', endsAt: '14:00' }
  const cases: [string, Record<string, string>, string, string][] = [
    ['no weekday', { weekday: '' }, 'weekday', 'Tämä tieto on pakollinen.'],
    ['weekday out of range', { weekday: '8' }, 'weekday', 'Valitse jokin vaihtoehdoista.'],
    ['no start', { startsAt: '' }, 'startsAt', 'Tämä tieto on pakollinen.'],
    ['not a time', { startsAt: 'aamulla' }, 'startsAt', 'Anna kellonaika muodossa 16.00.'],
    ['no such hour', { endsAt: '25:00' }, 'endsAt', 'Anna kellonaika muodossa 16.00.'],
    ['no such minute', { endsAt: '14:60' }, 'endsAt', 'Anna kellonaika muodossa 16.00.'],
    ['end before start', { startsAt: '15:00', endsAt: '14:00' }, 'endsAt', 'Päättymisajan pitää olla alkamisajan jälkeen.'],
    ['end at start', { startsAt: '14:00', endsAt: '14:00' }, 'endsAt', 'Päättymisajan pitää olla alkamisajan jälkeen.'],
    ['overlapping', { startsAt: '18:00', endsAt: '20:00' }, 'startsAt', 'Tämä menee päällekkäin saman päivän ajan 17.00–19.00 kanssa.'],
    ['inside another', { startsAt: '17:30', endsAt: '18:00' }, 'startsAt', 'Tämä menee päällekkäin saman päivän ajan 17.00–19.00'],
    ['around another', { startsAt: '16:00', endsAt: '20:00' }, 'startsAt', 'Tämä menee päällekkäin saman päivän ajan 17.00–19.00'],
  ]
  for (const [name, change, field, message] of cases) {
    const response = await browser.post(`${page}/windows`, { ...good, ...change }, { from: page })
    t.equal(response.statusCode, 422, name)
    t.match(response.body, `<p class="field-error" id="f-${field}-error">${message}`, name)
    t.match(response.body, 'aria-invalid="true"', name)
    t.match(response.body, 'href="#window-form"', `${name}: a link to the form`)
  }
  const kept = await browser.post(`${page}/windows`, { weekday: '1', startsAt: '25:00', endsAt: '14:00' }, { from: page })
  t.match(kept.body, 'value="25:00"', 'values kept')
  t.match(kept.body, '<option value="1" selected>')
  t.equal(windowsOf(db, expert.id).length, 1)
  t.equal(auditRows(db, 'availability_changed', expert.id).length, 0)
})

t.test('an expert adds unavailable periods, not wholly past ones', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert } = await signedInExpert(app, db)
  const start = addDays(today(), 10)
  const end = addDays(today(), 12)
  const finnish = (day: string) => `${Number(day.slice(8))}.${Number(day.slice(5, 7))}.${day.slice(0, 4)}`
  const added = await browser.post(`${page}/periods`, { startsOn: start, endsOn: finnish(end), note: 'ylioppilaskirjoitukset' }, { from: page })
  t.equal(added.statusCode, 303)
  t.equal(added.headers.location, page)
  t.match(periodsOf(db, expert.id), [{ startsOn: start, endsOn: end, note: 'ylioppilaskirjoitukset' }])
  const shown = await browser.get(page)
  t.match(shown.body, 'Poissaolo lisätty.')
  t.match(shown.body, `${formatDate(start)}–${formatDate(end)}`)
  const ongoing = await browser.post(`${page}/periods`, { startsOn: addDays(today(), -2), endsOn: today(), note: '' }, { from: page })
  t.equal(ongoing.statusCode, 303, 'a period that is still going on')
  t.equal(periodsOf(db, expert.id)[1]!.note, null, 'an empty note is no note')
  t.match(auditRows(db, 'availability_changed', expert.id)[0], { detail: `period_added:${periodsOf(db, expert.id)[0]!.id}` })
})

t.test('bad periods come back with a message at the field and store nothing', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert } = await signedInExpert(app, db)
  const good = { startsOn: addDays(today(), 1), endsOn: addDays(today(), 2), note: 'loma' }
  const cases: [string, Record<string, string>, string, string][] = [
    ['no start', { startsOn: '' }, 'startsOn', 'Tämä tieto on pakollinen.'],
    ['not a date', { startsOn: 'huomenna' }, 'startsOn', 'Anna päivämäärä muodossa 23.11.2026.'],
    ['no such day', { endsOn: '31.2.2027' }, 'endsOn', 'Anna päivämäärä muodossa 23.11.2026.'],
    ['end before start', { startsOn: addDays(today(), 5), endsOn: addDays(today(), 4) }, 'endsOn', 'Viimeinen päivä ei voi olla ennen ensimmäistä päivää.'],
    ['wholly past', { startsOn: addDays(today(), -10), endsOn: addDays(today(), -1) }, 'endsOn', 'Tämä poissaolo on jo mennyt.'],
    ['note too long', { note: 'x'.repeat(201) }, 'note', 'Enintään 200 merkkiä.'],
  ]
  for (const [name, change, field, message] of cases) {
    const response = await browser.post(`${page}/periods`, { ...good, ...change }, { from: page })
    t.equal(response.statusCode, 422, name)
    t.match(response.body, `<p class="field-error" id="f-${field}-error">${message}`, name)
    t.match(response.body, 'href="#period-form"', name)
  }
  const kept = await browser.post(`${page}/periods`, { ...good, endsOn: '31.2.2027' }, { from: page })
  t.match(kept.body, 'value="31.2.2027"', 'values kept')
  t.match(kept.body, 'value="loma"')
  t.match(kept.body, 'Älä kirjoita tähän terveydestäsi', 'the note asks for nothing sensitive')
  t.equal(periodsOf(db, expert.id).length, 0)
  t.equal(auditRows(db, 'availability_changed', expert.id).length, 0)
})

t.test('an expert sets and clears their monthly cap', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert } = await signedInExpert(app, db)
  const set = await browser.post(`${page}/cap`, { monthlyCap: '4' }, { from: page })
  t.equal(set.statusCode, 303)
  t.equal(set.headers.location, page)
  t.equal(expertRow(db, expert.id).monthlyCap, 4)
  const shown = await browser.get(page)
  t.match(shown.body, 'Kuukausiraja tallennettu.')
  t.match(shown.body, 'Enintään 4 tehtävää kuukaudessa')
  t.match(shown.body, 'name="monthlyCap" type="number" value="4"')
  const caps: [string, string][] = [['zero', '0'], ['too many', '32'], ['not a number', 'neljä'], ['a fraction', '2.5']]
  for (const [name, monthlyCap] of caps) {
    const response = await browser.post(`${page}/cap`, { monthlyCap }, { from: page })
    t.equal(response.statusCode, 422, name)
    t.match(response.body, 'Anna luku 1–31 tai jätä kenttä tyhjäksi.', name)
    t.match(response.body, `value="${monthlyCap}"`, `${name}: value kept`)
  }
  t.equal(expertRow(db, expert.id).monthlyCap, 4, 'nothing stored')
  t.equal((await browser.post(`${page}/cap`, { monthlyCap: '' }, { from: page })).statusCode, 303)
  t.equal(expertRow(db, expert.id).monthlyCap, null)
  t.same(auditRows(db, 'availability_changed', expert.id).map((row) => row.detail), ['cap_set', 'cap_set'])
})

t.test('an expert pauses until a day to come, changes it, and ends the pause', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert } = await signedInExpert(app, db)
  const back = addDays(today(), 30)
  const paused = await browser.post(`${page}/pause`, { pausedUntil: back }, { from: page })
  t.equal(paused.statusCode, 303)
  t.equal(paused.headers.location, page)
  t.equal(expertRow(db, expert.id).pausedUntil, back)
  const shown = await browser.get(page)
  t.match(shown.body, 'Tauko tallennettu.')
  t.match(shown.body, `Olet tauolla. Palaat ${formatDate(back)}.`)
  t.match(shown.body, 'Lopeta tauko nyt')
  t.match(shown.body, `name="pausedUntil" type="date" value="${back}"`)
  const days: [string, string, string][] = [['today', today(), 'Valitse paluupäiväksi jokin tuleva päivä.'], ['empty', '', 'Tämä tieto on pakollinen.'], ['not a date', 'ensi kuussa', 'Anna päivämäärä muodossa']]
  for (const [name, pausedUntil, message] of days) {
    const response = await browser.post(`${page}/pause`, { pausedUntil }, { from: page })
    t.equal(response.statusCode, 422, name)
    t.match(response.body, message, name)
    t.match(response.body, 'href="#pause-form"', name)
  }
  t.equal(expertRow(db, expert.id).pausedUntil, back, 'nothing stored')
  const resumed = await browser.post(`${page}/pause`, { resume: '1' }, { from: page })
  t.equal(resumed.statusCode, 303)
  t.equal(expertRow(db, expert.id).pausedUntil, null)
  const after = await browser.get(page)
  t.match(after.body, 'Tauko päättyi. Tervetuloa takaisin!')
  t.notMatch(after.body, 'Olet tauolla.')
  t.same(auditRows(db, 'availability_changed', expert.id).map((row) => row.detail), ['paused', 'resumed'])
})

t.test('an expert removes their own windows and periods, never another expert’s', async (t) => {
  const { app, db } = await build(t)
  const { browser, expert } = await signedInExpert(app, db)
  const other = anExpert(db, { regionId: expert.regionId })
  const own = db.insert(availabilityWindows).values({ expertId: expert.id, weekday: 1, startsAt: '10:00', endsAt: '12:00' }).returning().get()
  const theirs = db.insert(availabilityWindows).values({ expertId: other.id, weekday: 1, startsAt: '10:00', endsAt: '12:00' }).returning().get()
  const ownPeriod = db.insert(unavailablePeriods).values({ expertId: expert.id, startsOn: today(), endsOn: today() }).returning().get()
  const theirPeriod = db.insert(unavailablePeriods).values({ expertId: other.id, startsOn: today(), endsOn: today() }).returning().get()

  t.equal((await browser.post(`${page}/windows/${theirs.id}/removal`, {}, { from: page })).statusCode, 404)
  t.equal((await browser.post(`${page}/periods/${theirPeriod.id}/removal`, {}, { from: page })).statusCode, 404)
  t.equal((await browser.post(`${page}/windows/abc/removal`, {}, { from: page })).statusCode, 404)
  t.equal((await browser.post(`${page}/periods/0/removal`, {}, { from: page })).statusCode, 404)
  t.equal(windowsOf(db, other.id).length, 1)
  t.equal(periodsOf(db, other.id).length, 1)

  const removed = await browser.post(`${page}/windows/${own.id}/removal`, {}, { from: page })
  t.equal(removed.statusCode, 303)
  t.equal(removed.headers.location, page)
  t.equal(windowsOf(db, expert.id).length, 0)
  t.match((await browser.get(page)).body, 'Aika poistettu.')
  t.equal((await browser.post(`${page}/periods/${ownPeriod.id}/removal`, {}, { from: page })).statusCode, 303)
  t.equal(periodsOf(db, expert.id).length, 0)
  t.match((await browser.get(page)).body, 'Poissaolo poistettu.')
  t.same(auditRows(db, 'availability_changed', expert.id).map((row) => row.detail), [`window_removed:${own.id}`, `period_removed:${ownPeriod.id}`])
  t.equal(auditRows(db, 'availability_changed', other.id).length, 0)
  t.equal((await browser.post(`${page}/windows/${own.id}/removal`, {}, { from: page })).statusCode, 404, 'already gone')
})
