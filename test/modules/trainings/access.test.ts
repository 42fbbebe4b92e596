import t from 'tap'
import { build, signedIn, aRegion, aTraining, anExpert, aCompletion, aHostOrganisation, Browser } from '../../helper.js'
import { trainingEnrolments, trainings, type Role } from '../../../db/schema.js'
import { auditRows, rowCount } from '../consents/support.js'

const refused: Role[] = ['expert', 'orderer', 'manager', 'admin']
const pages = (id: number) => ['/trainings', '/trainings/new', `/trainings/${id}`]
const forms = (id: number) => ['/trainings', `/trainings/${id}/enrolments`, `/trainings/${id}/completions`]

t.test('experts, orderers, managers and admins may not use the trainings pages', async (t) => {
  const { app, db } = await build(t)
  for (const role of refused) {
    const { browser, user } = await signedIn(app, db, role)
    const training = aTraining(db, user.regionId)
    const expert = anExpert(db, { regionId: user.regionId })
    const host = aHostOrganisation(db, user.regionId)
    for (const url of pages(training.id)) t.equal((await browser.get(url)).statusCode, 403, `${role} GET ${url}`)
    for (const url of forms(training.id)) {
      const fields = { expertId: String(expert.id), completedOn: '2026-03-20', name: 'x', hostOrganisationId: String(host.id), hours: '5', startsOn: '2026-01-10', endsOn: '2026-01-10' }
      t.equal((await browser.post(url, fields, { from: '/' })).statusCode, 403, `${role} POST ${url}`)
    }
  }
  t.equal(rowCount(db, trainings), refused.length, 'no training created')
  t.equal(rowCount(db, trainingEnrolments), 0)
})

t.test('anonymous visitors are sent to sign in', async (t) => {
  const { app, db } = await build(t)
  const training = aTraining(db, aRegion(db).id)
  const anonymous = new Browser(app)
  for (const url of pages(training.id)) {
    const response = await anonymous.get(url)
    t.equal(response.statusCode, 303, url)
    t.equal(response.headers.location, `/login?next=${encodeURIComponent(url)}`)
  }
  for (const url of forms(training.id)) {
    const response = await anonymous.post(url, {}, { csrf: false })
    t.equal(response.statusCode, 303, url)
    t.equal(response.headers.location, '/login')
  }
})

t.test('another region’s coordinator neither sees nor touches the region’s training', async (t) => {
  const { app, db } = await build(t)
  const regionId = aRegion(db).id
  const training = aTraining(db, regionId, { name: 'Piilossa pysyvä koulutus' })
  const enrolled = anExpert(db, { regionId })
  aCompletion(db, training.id, enrolled.id, null)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const own = anExpert(db, { regionId: user.regionId })
  t.notMatch((await browser.get('/trainings')).body, 'Piilossa pysyvä koulutus')
  t.equal((await browser.get(`/trainings/${training.id}`)).statusCode, 404)
  const enrol = await browser.post(`/trainings/${training.id}/enrolments`, { expertId: String(own.id) }, { from: '/trainings' })
  t.equal(enrol.statusCode, 404)
  const complete = await browser.post(`/trainings/${training.id}/completions`, { expertId: String(enrolled.id), completedOn: '2026-03-20' }, { from: '/trainings' })
  t.equal(complete.statusCode, 404)
  t.equal(rowCount(db, trainingEnrolments), 1)
  t.match(db.select().from(trainingEnrolments).get(), { completedOn: null })
  t.equal(auditRows(db, 'list').length, 0)
})

t.test('a training id that is not a number is not found', async (t) => {
  const { app, db } = await build(t)
  const { browser } = await signedIn(app, db, 'coordinator')
  t.equal((await browser.get('/trainings/abc')).statusCode, 404)
  t.equal((await browser.get('/trainings/0')).statusCode, 404)
  t.equal((await browser.post('/trainings/1.5/enrolments', { expertId: '1' }, { from: '/trainings' })).statusCode, 404)
})
