import t from 'tap'
import { build, signedIn, anExpert, aConsent, aTraining, aCompletion, aGroup, anArea, aHostOrganisation, anExperienceArea, aRegion } from '../../helper.js'
import { addDays, today } from '../../../src/lib/dates.js'
import { listExperts, setLinks } from '../../../src/modules/experts/queries.js'
import { openDatabase, closeDatabase, type Db } from '../../../src/db.js'
import { auditRows, bornYearsAgo } from './support.js'

// The display names on a list page, in order.
function shown (body: string): string[] {
  return [...body.matchAll(/<th scope="row"><a href="\/experts\/\d+">([^<]+)<\/a><\/th>/g)].map((match) => match[1]!)
}

// Five named experts, each different in what the filters look at.
function aRegister (db: Db, regionId: number) {
  const young = aGroup(db, regionId, 'Nuoret')
  const parents = aGroup(db, regionId, 'Vanhemmat')
  const north = anArea(db, regionId, 'Pohjoinen')
  const south = anArea(db, regionId, 'Etelä')
  const host = aHostOrganisation(db, regionId, 'Pesäpuu ry')
  const foster = anExperienceArea(db, regionId, 'Sijaisperhe')
  const basic = aTraining(db, regionId, { validityMonths: null })
  const kettu = anExpert(db, { regionId, groupId: young.id, realName: 'Aino Äijälä', displayName: 'Kettu', status: 'active', hostOrganisationId: host.id })
  setLinks(db, kettu.id, 'areaIds', [north.id])
  setLinks(db, kettu.id, 'languages', ['fi', 'ru'])
  setLinks(db, kettu.id, 'experienceAreaIds', [foster.id])
  aConsent(db, kettu.id)
  aCompletion(db, basic.id, kettu.id, addDays(today(), -30))
  const karhu = anExpert(db, { regionId, groupId: parents.id, realName: 'Ville Virtanen', displayName: 'Karhu', status: 'candidate' })
  setLinks(db, karhu.id, 'languages', ['fi'])
  const revontuli = anExpert(db, { regionId, groupId: young.id, realName: 'Noora Nieminen', displayName: 'Revontuli', status: 'paused', birthDate: bornYearsAgo(16) })
  setLinks(db, revontuli.id, 'areaIds', [south.id])
  aConsent(db, revontuli.id)
  const susi = anExpert(db, { regionId, groupId: parents.id, realName: 'Eetu Erkkilä', displayName: 'Susi', status: 'ended' })
  aConsent(db, susi.id, { expiresOn: addDays(today(), 10) })
  aCompletion(db, aTraining(db, regionId, { isBasic: false }).id, susi.id, addDays(today(), -30))
  const ilves = anExpert(db, { regionId, groupId: parents.id, realName: 'Ella Elo', displayName: 'Ilves', status: 'active' })
  aConsent(db, ilves.id, { givenOn: addDays(today(), -400), expiresOn: addDays(today(), -1) })
  return { young, parents, north, south, host, foster }
}

t.test('the list shows the region’s experts with their state, and each view is written to the audit log', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  aRegister(db, user.regionId)
  anExpert(db, { regionId: aRegion(db).id, displayName: 'Vieras' })
  const list = await browser.get('/experts')
  t.equal(list.statusCode, 200)
  t.same(shown(list.body), ['Ilves', 'Karhu', 'Kettu', 'Revontuli', 'Susi'], 'by display name by default')
  t.match(list.body, 'Löytyi 5 kokemusasiantuntijaa.')
  t.match(list.body, /<td>Aino Äijälä<\/td>\s*<td>Nuoret<\/td>\s*<td>Aktiivinen<\/td>\s*<td>22 v<\/td>\s*<td><span class="badge badge-valid">Voimassa<\/span><\/td>\s*<td>Kyllä<\/td>/)
  t.match(list.body, /<td>Noora Nieminen<\/td>\s*<td>Nuoret<\/td>\s*<td>Tauolla<\/td>\s*<td>16 v<\/td>\s*<td><span class="badge badge-missing_guardian">Huoltajan suostumus puuttuu<\/span><\/td>\s*<td>Ei<\/td>/)
  t.match(list.body, '<a class="button" href="/experts/new">')
  t.match(auditRows(db, 'list'), [{ actorUserId: user.id, subjectId: null, detail: null }])
  await browser.get('/experts?q=kettu&status=active&sort=newest')
  t.match(auditRows(db, 'list')[1], { detail: 'q,status' }, 'the filters used, never their values')
  t.equal(auditRows(db, 'list').length, 2)
  const pair = await signedIn(app, db, 'pair_worker', { regionId: user.regionId })
  t.same(shown((await pair.browser.get('/experts?sort=name')).body), ['Kettu', 'Susi', 'Ilves', 'Revontuli', 'Karhu'], 'a pair worker sees the list too, here by real name')
})

t.test('every filter and order of the list', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const r = aRegister(db, user.regionId)
  const cases: [string, string[]][] = [
    ['q=%C3%A4ij%C3%A4', ['Kettu']],
    ['q=%C3%84IJ%C3%84L%C3%84', ['Kettu']],
    ['q=KARHU', ['Karhu']],
    ['q=e&sort=name', ['Kettu', 'Susi', 'Ilves', 'Revontuli', 'Karhu']],
    ['q=nobody', []],
    ['status=paused', ['Revontuli']],
    ['status=active', ['Ilves', 'Kettu']],
    [`group=${r.young.id}`, ['Kettu', 'Revontuli']],
    [`area=${r.north.id}`, ['Kettu']],
    [`area=${r.south.id}`, ['Revontuli']],
    [`host=${r.host.id}`, ['Kettu']],
    ['trained=yes', ['Kettu']],
    ['trained=no', ['Ilves', 'Karhu', 'Revontuli', 'Susi']],
    [`experience=${r.foster.id}`, ['Kettu']],
    ['language=ru', ['Kettu']],
    ['language=fi', ['Karhu', 'Kettu']],
    ['consent=valid', ['Kettu']],
    ['consent=expiring', ['Susi']],
    ['consent=expired', ['Ilves']],
    ['consent=missing', ['Karhu']],
    ['consent=missing_guardian', ['Revontuli']],
    [`status=active&group=${r.parents.id}&consent=expired`, ['Ilves']],
    ['sort=name', ['Kettu', 'Susi', 'Ilves', 'Revontuli', 'Karhu']],
    ['sort=status', ['Karhu', 'Ilves', 'Kettu', 'Revontuli', 'Susi']],
    ['sort=newest', ['Ilves', 'Susi', 'Revontuli', 'Karhu', 'Kettu']],
    ['status=retired&group=abc&consent=maybe&sort=age&trained=perhaps&language=xx', ['Ilves', 'Karhu', 'Kettu', 'Revontuli', 'Susi']],
  ]
  for (const [query, names] of cases) {
    const response = await browser.get(`/experts?${query}`)
    t.equal(response.statusCode, 200, query)
    t.same(shown(response.body), names, query)
  }
  const empty = await browser.get('/experts?q=nobody')
  t.match(empty.body, 'Hakuehdoilla ei löytynyt kokemusasiantuntijoita.')
  const kept = await browser.get(`/experts?q=Kettu&status=active&area=${r.north.id}&consent=valid&sort=name`)
  t.match(kept.body, 'name="q" type="search" value="Kettu"', 'the filter form keeps its values')
  t.match(kept.body, '<option value="active" selected>')
  t.match(kept.body, `<option value="${r.north.id}" selected>Pohjoinen</option>`)
  t.match(kept.body, '<option value="valid" selected>Voimassa</option>')
  t.match(kept.body, '<option value="name" selected>Oikea nimi</option>')
})

t.test('the list is paged 50 at a time, keeping the filters', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const groupId = aGroup(db, user.regionId).id
  for (let n = 1; n <= 53; n++) anExpert(db, { regionId: user.regionId, groupId, displayName: `Henkilö ${String(n).padStart(2, '0')}`, status: 'active' })
  anExpert(db, { regionId: user.regionId, groupId, displayName: 'Ehdokas', status: 'candidate' })
  const first = await browser.get('/experts?status=active&sort=name')
  t.equal(shown(first.body).length, 50)
  t.match(first.body, 'Löytyi 53 kokemusasiantuntijaa.')
  t.match(first.body, 'href="?status=active&amp;sort=name&amp;page=2" rel="next"')
  const second = await browser.get('/experts?status=active&sort=name&page=2')
  t.same(shown(second.body), ['Henkilö 51', 'Henkilö 52', 'Henkilö 53'])
  t.match(second.body, 'rel="prev"')
  t.notMatch(second.body, 'rel="next"')
  t.same(shown((await browser.get('/experts?status=active&page=9')).body), [], 'past the last page')
})

t.test('the list stays fast for a region of 4 000 experts among many', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => closeDatabase(db))
  const day = today()
  const regions = [aRegion(db).id, aRegion(db).id, aRegion(db).id]
  const statement = db.$client.prepare(`insert into experts (region_id, real_name, display_name, birth_date, group_id, status, status_since)
    values (?, ?, ?, ?, ?, ?, ?)`)
  const consent = db.$client.prepare("insert into consents (expert_id, given_by, given_on, expires_on) values (?, 'expert', ?, ?)")
  db.$client.transaction(() => {
    for (const regionId of regions) {
      const groupId = aGroup(db, regionId).id
      for (let n = 0; n < 4000; n++) {
        const id = statement.run(regionId, `Nimi ${n}`, `Nimimerkki ${n}`, `${1980 + (n % 30)}-0${1 + (n % 9)}-1${n % 10}`, groupId, n % 3 === 0 ? 'candidate' : 'active', day).lastInsertRowid
        if (n % 2 === 0) consent.run(id, addDays(day, -(n % 500)), addDays(day, n % 400))
      }
    }
  })()
  const timed = (filter: Parameters<typeof listExperts>[2]) => {
    const times: number[] = []
    let total = 0
    for (let i = 0; i < 7; i++) {
      const started = process.hrtime.bigint()
      total = listExperts(db, regions[1]!, filter, 1, day).total
      times.push(Number(process.hrtime.bigint() - started) / 1e6)
    }
    return { median: times.sort((a, b) => a - b)[3]!, total }
  }
  for (const filter of [{ sort: 'displayName' as const }, { sort: 'name' as const }, { sort: 'name' as const, q: 'nimi 12' }, { sort: 'name' as const, consent: 'valid' as const }, { sort: 'name' as const, trained: false }]) {
    const { median, total } = timed(filter)
    t.comment(`${JSON.stringify(filter)}: ${total} experts, median ${median.toFixed(1)} ms`)
    t.ok(median < 100, `${JSON.stringify(filter)} well under 100 ms`)
  }
  t.equal(timed({ sort: 'name' }).total, 4000, 'only the region’s own')
})
