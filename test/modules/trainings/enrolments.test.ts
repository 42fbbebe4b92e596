import t from 'tap'
import { and, eq } from 'drizzle-orm'
import { build, signedIn, aRegion, aTraining, anExpert, aCompletion } from '../../helper.js'
import { trainingEnrolments } from '../../../db/schema.js'
import { addDays, formatDate, today } from '../../../src/lib/dates.js'
import { trainingSummary } from '../../../src/modules/trainings/queries.js'
import { auditRows, rowCount } from '../consents/support.js'

function enrolment (db: Parameters<typeof rowCount>[0], trainingId: number, expertId: number) {
  return db.select().from(trainingEnrolments).where(and(eq(trainingEnrolments.trainingId, trainingId), eq(trainingEnrolments.expertId, expertId))).get()
}

t.test('a training’s page names its experts and offers the region’s candidates, active and paused experts', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const regionId = user.regionId
  const training = aTraining(db, regionId, { name: 'Peruskoulutus', startsOn: '2026-01-10', endsOn: '2026-03-20' })
  const done = anExpert(db, { regionId, displayName: 'Aada', realName: 'Aada Aaltonen' })
  aCompletion(db, training.id, done.id, '2026-03-20')
  const going = anExpert(db, { regionId, displayName: 'Bertta', realName: 'Bertta Berg' })
  aCompletion(db, training.id, going.id, null)
  anExpert(db, { regionId, displayName: 'Cecilia', realName: 'Cecilia C', status: 'candidate' })
  anExpert(db, { regionId, displayName: 'Daniel', realName: 'Daniel D', status: 'paused' })
  anExpert(db, { regionId, displayName: 'Ended Eemeli', status: 'ended' })
  anExpert(db, { regionId: aRegion(db).id, displayName: 'Foreign Fanni' })

  const page = await browser.get(`/trainings/${training.id}`)
  t.equal(page.statusCode, 200)
  t.match(page.body, '<h1>Peruskoulutus</h1>')
  t.match(page.body, '10.1.2026–20.3.2026')
  t.match(page.body, /<h3>Aada<\/h3>\s*<dl class="facts">\s*<dt>Oikea nimi<\/dt><dd>Aada Aaltonen<\/dd>\s*<dt>Ilmoittautunut<\/dt><dd>1.1.2026<\/dd>\s*<dt>Suoritettu<\/dt><dd>20.3.2026<\/dd>/)
  t.match(page.body, /<h3>Bertta<\/h3>[\s\S]*?action="\/trainings\/\d+\/completions"/)
  t.match(page.body, `<label for="c-${going.id}-completedOn">Suorituspäivä: Bertta</label>`)
  t.match(page.body, 'value="2026-03-20"', 'the completion day defaults to the last day of a past training')
  t.notMatch(page.body, `c-${done.id}-completedOn`, 'no completion form for a completed enrolment')
  const options = [...page.body.matchAll(/<option value="(\d+)"[^>]*>([^<]+)<\/option>/g)].map((m) => m[2])
  t.same(options, ['Cecilia (Cecilia C)', 'Daniel (Daniel D)'], 'not the enrolled, the ended nor another region’s')
  const [list] = auditRows(db, 'list')
  t.match(list, { subjectType: 'expert', actorUserId: user.id, detail: `training:${training.id}` })
})

t.test('a pair worker enrols an expert, then records the completion; “trained” follows', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'pair_worker')
  const started = addDays(today(), -40)
  const training = aTraining(db, user.regionId, { startsOn: started, endsOn: addDays(today(), 10), validityMonths: null })
  const expert = anExpert(db, { regionId: user.regionId, displayName: 'Eliel' })
  const url = `/trainings/${training.id}`

  const enrolled = await browser.post(`${url}/enrolments`, { expertId: String(expert.id) }, { from: url })
  t.equal(enrolled.statusCode, 303)
  t.equal(enrolled.headers.location, url)
  t.match(enrolment(db, training.id, expert.id), { enrolledOn: today(), completedOn: null })
  t.match(auditRows(db, 'training_enrolled', expert.id)[0], { subjectType: 'expert', actorUserId: user.id, detail: `training:${training.id}` })
  const page = await browser.get(url)
  t.match(page.body, 'Kokemusasiantuntija on ilmoitettu koulutukseen.')
  t.match(page.body, '<h3>Eliel</h3>')
  t.match(page.body, `value="${today()}"`, 'the completion day defaults to today while the training goes on')
  t.match(page.body, 'Kaikki alueen kokemusasiantuntijat on jo ilmoitettu tähän koulutukseen.')
  t.notOk(trainingSummary(db, expert.id, today()).trained.trained)

  const completedOn = addDays(today(), -1)
  const completed = await browser.post(`${url}/completions`, { expertId: String(expert.id), completedOn: formatDate(completedOn) }, { from: url })
  t.equal(completed.statusCode, 303)
  t.equal(completed.headers.location, url)
  t.equal(enrolment(db, training.id, expert.id)!.completedOn, completedOn)
  t.match(auditRows(db, 'training_completed', expert.id)[0], { subjectType: 'expert', actorUserId: user.id, detail: `training:${training.id}` })
  const after = await browser.get(url)
  t.match(after.body, 'Suoritus on kirjattu.')
  t.match(after.body, formatDate(completedOn))
  t.same(trainingSummary(db, expert.id, today()).trained, { trained: true, validThrough: null }, 'trained is derived from the completion')
})

t.test('bad enrolments come back with a message and store nothing', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const training = aTraining(db, user.regionId)
  const already = anExpert(db, { regionId: user.regionId })
  aCompletion(db, training.id, already.id, null)
  const other = anExpert(db, { regionId: user.regionId, displayName: 'Olli Other' })
  const ended = anExpert(db, { regionId: user.regionId, status: 'ended' })
  const foreign = anExpert(db, { regionId: aRegion(db).id })
  const url = `/trainings/${training.id}`
  const cases: [string, string, string][] = [
    ['nobody chosen', '', 'Tämä tieto on pakollinen.'],
    ['not an id', 'x', 'Valitse jokin vaihtoehdoista.'],
    ['an ended expert', String(ended.id), 'Valitse jokin vaihtoehdoista.'],
    ['another region’s expert', String(foreign.id), 'Valitse jokin vaihtoehdoista.'],
    ['a duplicate enrolment', String(already.id), 'Kokemusasiantuntija on jo ilmoitettu tähän koulutukseen.'],
  ]
  for (const [name, expertId, message] of cases) {
    const response = await browser.post(`${url}/enrolments`, { expertId }, { from: url })
    t.equal(response.statusCode, 422, name)
    t.match(response.body, message, name)
    t.match(response.body, 'id="f-expertId-error"', `${name}: the message is at the field`)
    t.match(response.body, 'aria-invalid="true"', name)
  }
  t.equal(rowCount(db, trainingEnrolments), 1, 'nothing more stored')
  t.equal(auditRows(db, 'training_enrolled').length, 0)

  await browser.post(`${url}/enrolments`, { expertId: String(other.id) }, { from: url })
  const twice = await browser.post(`${url}/enrolments`, { expertId: String(other.id) }, { from: url })
  t.equal(twice.statusCode, 422, 'the same enrolment posted twice')
  t.match(twice.body, 'Kokemusasiantuntija on jo ilmoitettu tähän koulutukseen.', 'the message shows even when nobody is left to choose')
  t.equal(rowCount(db, trainingEnrolments), 2)
})

t.test('bad completions come back with a message and store nothing', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const training = aTraining(db, user.regionId, { startsOn: '2026-01-10', endsOn: '2026-03-20' })
  const enrolled = anExpert(db, { regionId: user.regionId, displayName: 'Enni' })
  aCompletion(db, training.id, enrolled.id, null)
  const outsider = anExpert(db, { regionId: user.regionId })
  const url = `/trainings/${training.id}`
  const atRow = `id="c-${enrolled.id}-completedOn-error"`
  const cases: [string, Record<string, string>, string, string | undefined][] = [
    ['no day', { expertId: String(enrolled.id), completedOn: '' }, 'Tämä tieto on pakollinen.', atRow],
    ['not a date', { expertId: String(enrolled.id), completedOn: '30.2.2026' }, 'Anna päivämäärä muodossa 23.11.2026.', atRow],
    ['in the future', { expertId: String(enrolled.id), completedOn: addDays(today(), 1) }, 'Suorituspäivä ei voi olla tulevaisuudessa.', atRow],
    ['before the training began', { expertId: String(enrolled.id), completedOn: '2026-01-09' }, 'Suorituspäivä ei voi olla ennen koulutuksen alkua (10.1.2026).', atRow],
    ['someone not enrolled', { expertId: String(outsider.id), completedOn: '2026-03-20' }, 'Kokemusasiantuntija ei ole ilmoittautunut tähän koulutukseen.', undefined],
    ['no expert', { expertId: '', completedOn: '2026-03-20' }, 'Tämä tieto on pakollinen.', undefined],
    ['not enrolled and a bad day', { expertId: String(outsider.id), completedOn: 'huomenna' }, 'Anna päivämäärä muodossa 23.11.2026.', undefined],
  ]
  for (const [name, fields, message, at] of cases) {
    const response = await browser.post(`${url}/completions`, fields, { from: url })
    t.equal(response.statusCode, 422, name)
    t.match(response.body, message, name)
    t.match(response.body, 'Tarkista lomake', name)
    if (at) t.match(response.body, at, `${name}: the message is at the row`)
    else t.notMatch(response.body, atRow, `${name}: not at another row`)
  }
  const kept = await browser.post(`${url}/completions`, { expertId: String(enrolled.id), completedOn: '2026-01-09' }, { from: url })
  t.match(kept.body, 'value="2026-01-09"', 'the day is kept')
  t.equal(enrolment(db, training.id, enrolled.id)!.completedOn, null, 'nothing stored')
  t.equal(auditRows(db, 'training_completed').length, 0)
})
