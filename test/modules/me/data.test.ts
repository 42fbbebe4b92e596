import t from 'tap'
import { build, aConsent, aTraining, aCompletion, anExpert, aUnit } from '../../helper.js'
import { availabilityWindows, expertExcludedUnits, expertStatusHistory, unavailablePeriods } from '../../../db/schema.js'
import { auditRows, signedInExpert } from './support.js'

t.test('an expert downloads their own data as JSON, without coordinator-only fields', async (t) => {
  const { app, db } = await build(t)
  const { browser, user, expert } = await signedInExpert(app, db, {
    displayName: 'Tähti', realName: 'Noora Nuori', birthDate: '2010-04-01', email: 'noora@example.fi', incomeLimitCents: 400000, monthlyCap: 3,
    internalNotes: 'SALAINEN MUISTIINPANO', identityCodeEncrypted: 'v1.SALATTU', taxCardReceivedOn: '2026-01-05',
  })
  db.insert(expertExcludedUnits).values({ expertId: expert.id, orderingUnitId: aUnit(db, expert.regionId, 'Salainen yksikkö').id }).run()
  db.insert(expertStatusHistory).values({ expertId: expert.id, status: 'active', changedOn: '2026-02-01', reason: 'SISÄINEN SYY' }).run()
  db.insert(availabilityWindows).values({ expertId: expert.id, weekday: 2, startsAt: '15:00', endsAt: '17:00' }).run()
  db.insert(unavailablePeriods).values({ expertId: expert.id, startsOn: '2026-12-20', endsOn: '2027-01-06', note: 'joululoma' }).run()
  aConsent(db, expert.id, { givenOn: '2026-01-10', expiresOn: '2027-01-10' })
  aCompletion(db, aTraining(db, expert.regionId, { name: 'Peruskoulutus' }).id, expert.id)
  const other = anExpert(db, { regionId: expert.regionId, realName: 'Toinen Henkilö' })
  aConsent(db, other.id)

  const response = await browser.get('/me/data')
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], 'application/json')
  t.match(response.headers['content-disposition'], /^attachment; filename="kokemus-omat-tiedot-\d{4}-\d{2}-\d{2}\.json"$/)
  t.equal(response.headers['cache-control'], 'no-store')
  const data = JSON.parse(response.body)
  t.same(data.account, { name: user.name, email: user.email })
  t.match(data.profile, { displayName: 'Tähti', realName: 'Noora Nuori', birthDate: '2010-04-01', email: 'noora@example.fi', incomeLimitCents: 400000, status: 'active' })
  t.same(data.statusHistory, [{ status: 'active', changedOn: '2026-02-01' }])
  t.match(data.consents, [{ givenBy: 'expert', givenOn: '2026-01-10', expiresOn: '2027-01-10' }])
  t.equal(data.consents.length, 1, 'only their own consents')
  t.match(data.trainings, [{ name: 'Peruskoulutus', completedOn: '2026-03-20' }])
  t.match(data.availability, { windows: [{ weekday: 2, startsAt: '15:00', endsAt: '17:00' }], unavailablePeriods: [{ note: 'joululoma' }], monthlyCap: 3, pausedUntil: null })
  for (const secret of ['SALAINEN MUISTIINPANO', 'v1.SALATTU', '2026-01-05', 'Salainen yksikkö', 'SISÄINEN SYY', 'Toinen Henkilö', 'internalNotes', 'identityCode', 'taxCard', 'excluded']) {
    t.notMatch(response.body, secret, `not in the download: ${secret}`)
  }
  const [exported] = auditRows(db, 'export', expert.id)
  t.match(exported, { actorUserId: user.id, regionId: expert.regionId })
})
