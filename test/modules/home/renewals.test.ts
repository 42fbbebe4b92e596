import t from 'tap'
import { build, signedIn, anExpert, aConsent, aRegion } from '../../helper.js'
import { addDays, birthday, formatDate, today } from '../../../src/lib/dates.js'
import type { Role } from '../../../db/schema.js'
import { auditRows } from '../consents/support.js'

// The expert's birth date that makes the `years`th birthday fall `inDays` days from today.
function turning (years: number, inDays: number): string {
  const day = addDays(today(), inDays)
  return `${Number(day.slice(0, 4)) - years}${day.slice(4, 10) === '-02-29' ? '-03-01' : day.slice(4, 10)}`
}

function rowOf (body: string, name: string): string {
  const match = new RegExp(`<tr>\\s*<th scope="row"><a href="/experts/(\\d+)/consents">${name}</a></th>[\\s\\S]*?</tr>`).exec(body)
  return match ? match[0] : ''
}

for (const role of ['coordinator', 'pair_worker'] as Role[]) {
  t.test(`the ${role}’s home lists whose consent to renew, in every state`, async (t) => {
    const { app, db } = await build(t)
    const { browser, user } = await signedIn(app, db, role)
    const regionId = user.regionId
    const day = today()
    const expiring = anExpert(db, { regionId, age: 30, displayName: 'Eero Expiring' })
    aConsent(db, expiring.id, { givenOn: addDays(day, -300), expiresOn: addDays(day, 20) })
    const expired = anExpert(db, { regionId, age: 30, displayName: 'Elli Expired' })
    aConsent(db, expired.id, { givenOn: addDays(day, -400), expiresOn: addDays(day, -3) })
    anExpert(db, { regionId, age: 25, displayName: 'Mikko Missing', status: 'candidate' })
    const noGuardian = anExpert(db, { regionId, age: 16, displayName: 'Greta Guardianless' })
    aConsent(db, noGuardian.id, { givenOn: addDays(day, -10), expiresOn: addDays(day, 300) })
    const fifteen = anExpert(db, { regionId, birthDate: turning(15, 12), displayName: 'Fanni Fifteen' })
    aConsent(db, fifteen.id, { givenOn: addDays(day, -100), expiresOn: addDays(day, 600) })
    aConsent(db, fifteen.id, { givenBy: 'guardian', giverName: 'Huoltaja', givenOn: addDays(day, -100), expiresOn: addDays(day, 600) })
    const eighteen = anExpert(db, { regionId, birthDate: turning(18, 25), displayName: 'Eino Eighteen' })
    aConsent(db, eighteen.id, { givenOn: addDays(day, -100), expiresOn: addDays(day, 600) })
    aConsent(db, eighteen.id, { givenBy: 'custodial_official', giverName: 'Sosiaalityöntekijä', givenOn: addDays(day, -100), expiresOn: addDays(day, 600) })
    const valid = anExpert(db, { regionId, age: 30, displayName: 'Ville Valid' })
    aConsent(db, valid.id, { givenOn: addDays(day, -10), expiresOn: addDays(day, 300) })
    anExpert(db, { regionId, age: 30, displayName: 'Erkki Ended', status: 'ended' })
    anExpert(db, { regionId: aRegion(db).id, age: 30, displayName: 'Outi Otherregion' })

    const home = await browser.get('/')
    t.equal(home.statusCode, 200)
    t.match(home.body, '<h2>Uusittavat suostumukset</h2>')
    t.match(home.body, 'Uusittavia yhteensä 6')
    t.match(rowOf(home.body, 'Eero Expiring'), `href="/experts/${expiring.id}/consents"`)
    t.match(rowOf(home.body, 'Eero Expiring'), `Uusittava pian</span></td>`)
    t.match(rowOf(home.body, 'Eero Expiring'), `voimassa ${formatDate(addDays(day, 20))} asti`)
    t.match(rowOf(home.body, 'Elli Expired'), 'Vanhentunut')
    t.match(rowOf(home.body, 'Elli Expired'), `päättyi ${formatDate(addDays(day, -3))}`)
    t.match(rowOf(home.body, 'Mikko Missing'), 'Puuttuu')
    t.match(rowOf(home.body, 'Greta Guardianless'), 'Huoltajan suostumus puuttuu')
    t.match(rowOf(home.body, 'Fanni Fifteen'), 'Suostumus kysytään uudelleen 15-vuotiaana.')
    t.match(rowOf(home.body, 'Fanni Fifteen'), `voimassa ${formatDate(addDays(birthday(fifteen.birthDate, 15), -1))} asti`)
    t.match(rowOf(home.body, 'Eino Eighteen'), 'Suostumus kysytään uudelleen 18-vuotiaana.')
    for (const hidden of ['Ville Valid', 'Erkki Ended', 'Outi Otherregion']) t.notMatch(home.body, hidden, `${hidden} is not listed`)
    t.ok(home.body.indexOf('Mikko Missing') < home.body.indexOf('Eero Expiring'), 'those to act on now come first')
    t.ok(home.body.indexOf('Fanni Fifteen') < home.body.indexOf('Eero Expiring'), 'the expiring by their last day')
    // One list row for the consents to renew, and one for the work lists beside them (and, for a
    // coordinator, the experts close to their income limit).
    const lists = auditRows(db, 'list')
    t.same(lists.map((row) => row.detail).sort(), ['consents_to_renew', 'home_work', ...(role === 'coordinator' ? ['near_income_limit:0'] : [])])
    t.match(lists.find((row) => row.detail === 'consents_to_renew'), { subjectType: 'expert', subjectId: null, actorUserId: user.id })

    const sv = await browser.get('/?lang=sv')
    t.match(sv.body, 'Samtycken att förnya')
    t.match(sv.body, 'Vårdnadshavarens samtycke saknas')
  })
}

t.test('with everyone’s consent valid the home says so', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const valid = anExpert(db, { regionId: user.regionId, age: 30 })
  aConsent(db, valid.id)
  const home = await browser.get('/')
  t.match(home.body, 'Kaikkien suostumukset ovat voimassa.')
  t.notMatch(home.body, '<table>')
})

t.test('a long list shows the most urgent twenty, says how many there are and links to the rest', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  for (let i = 0; i < 21; i++) anExpert(db, { regionId: user.regionId })
  const home = await browser.get('/')
  t.match(home.body, 'Näytetään kiireellisimmät 20 / 21.')
  const list = home.body.slice(home.body.indexOf('Uusittavat'))
  t.equal(list.match(/href="\/experts\/\d+\/consents"/g)?.length, 20)
  t.match(list, '<a href="/experts?consent=missing">')
  const filtered = await browser.get('/experts?consent=missing')
  t.equal(filtered.statusCode, 200, 'the link leads to the register filtered by the state')
})

t.test('other roles’ homes have no renewal list and write no audit row', async (t) => {
  const { app, db } = await build(t)
  for (const role of ['admin', 'expert', 'orderer', 'manager'] as Role[]) {
    const { browser, user } = await signedIn(app, db, role)
    anExpert(db, { regionId: user.regionId })
    const home = await browser.get('/')
    t.equal(home.statusCode, 200)
    t.notMatch(home.body, 'Uusittavat suostumukset', role)
  }
  t.equal(auditRows(db, 'list').length, 0)
})
