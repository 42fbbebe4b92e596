import t from 'tap'
import { eq } from 'drizzle-orm'
import { build, signedIn, anExpert, aUser, Browser } from '../../helper.js'
import { experts, users } from '../../../db/schema.js'
import { auditRows, expertRow, mailsTo } from './support.js'

function linkIn (body: string): string {
  const match = /http:\/\/localhost:3000(\/password\/[\w-]+)/.exec(body)
  if (!match) throw new Error('no password link in the mail')
  return match[1]!
}

t.test('an expert is invited to an account and signs in with it', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const expert = anExpert(db, { regionId: user.regionId, realName: 'Noora Nieminen', displayName: 'Revontuli', email: 'noora@example.fi' })
  const url = `/experts/${expert.id}`
  const invited = await browser.post(`${url}/invitation`, {}, { from: url })
  t.equal(invited.statusCode, 303)
  t.equal(invited.headers.location, `${url}#account`)
  const linked = expertRow(db, expert.id).userId!
  const account = db.select().from(users).where(eq(users.id, linked)).get()!
  t.match(account, { regionId: user.regionId, role: 'expert', email: 'noora@example.fi', name: 'Revontuli', passwordHash: null, active: true })
  const [mail, ...more] = mailsTo(db, 'noora@example.fi')
  t.equal(more.length, 0)
  t.equal(mail!.subject, 'Kutsu Kokemus-palveluun')
  t.match(mail!.body, 'Hei Revontuli!')
  t.match(mail!.body, 'voimassa 7 päivää')
  t.notMatch(mail!.body, 'Noora', 'the mail carries the display name only')
  t.match(auditRows(db, 'invite', expert.id), [{ actorUserId: user.id, detail: `user:${linked}` }])
  const page = await browser.get(invited.headers.location!)
  t.match(page.body, 'Kutsu on lähetetty.')
  t.match(page.body, 'Kutsu on lähetetty osoitteeseen noora@example.fi, mutta salasanaa ei ole vielä asetettu.')
  t.match(page.body, 'Lähetä uusi kutsulinkki')

  const invitee = new Browser(app)
  const link = linkIn(mail!.body)
  const saved = await invitee.post(link, { password: 'revontulet loistavat talvella', confirmation: 'revontulet loistavat talvella' }, { from: link })
  t.equal(saved.statusCode, 303)
  const home = await invitee.get('/')
  t.equal(home.statusCode, 200)
  t.match(home.body, 'Hei, Revontuli!')
  t.match(home.body, '(kokemusasiantuntija)')
  t.equal((await invitee.get('/experts')).statusCode, 403, 'an expert does not see the register')
  t.match((await browser.get(url)).body, 'Käyttäjätunnus on käytössä (noora@example.fi).')
})

t.test('a new link is sent while no password is set; never once the account is in use', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'pair_worker')
  const expert = anExpert(db, { regionId: user.regionId, displayName: 'Karhu', email: 'karhu@example.fi', preferredLanguage: 'sv' })
  const url = `/experts/${expert.id}`
  await browser.post(`${url}/invitation`, {}, { from: url })
  const userId = expertRow(db, expert.id).userId
  // The expert's address changes later: the account keeps its login address.
  db.update(experts).set({ email: 'uusi@example.fi' }).where(eq(experts.id, expert.id)).run()
  const again = await browser.post(`${url}/invitation`, {}, { from: url })
  t.equal(again.statusCode, 303)
  t.equal(expertRow(db, expert.id).userId, userId, 'the same account')
  const [first, second] = mailsTo(db, 'karhu@example.fi')
  t.equal(second!.subject, 'Inbjudan till Kokemus', 'in the expert’s language')
  t.match(second!.body, 'Hej Karhu!')
  t.equal((await new Browser(app).get(linkIn(first!.body))).statusCode, 404, 'the earlier link no longer works')
  t.equal(auditRows(db, 'invite', expert.id).length, 2)
  db.update(users).set({ passwordHash: 'set' }).where(eq(users.id, userId!)).run()
  const exists = await browser.post(`${url}/invitation`, {}, { from: url })
  t.equal(exists.statusCode, 303)
  t.match((await browser.get(url)).body, 'Asiantuntijalla on jo käytössä oleva käyttäjätunnus.')
  t.equal(mailsTo(db, 'karhu@example.fi').length, 2, 'no mail')
  db.update(users).set({ active: false, passwordHash: null }).where(eq(users.id, userId!)).run()
  await browser.post(`${url}/invitation`, {}, { from: url })
  const page = await browser.get(url)
  t.match(page.body, 'Asiantuntijan käyttäjätunnus on poistettu käytöstä.')
  t.match(page.body, 'Käyttäjätunnus (karhu@example.fi) on poistettu käytöstä.')
  t.notMatch(page.body, 'Lähetä uusi kutsulinkki')
  t.equal(mailsTo(db, 'karhu@example.fi').length, 2)
  t.equal(mailsTo(db, 'uusi@example.fi').length, 0)
  t.equal(auditRows(db, 'invite', expert.id).length, 2)
})

t.test('an invitation needs an e-mail address that no user has yet', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'coordinator')
  const without = anExpert(db, { regionId: user.regionId, email: null })
  const page = await browser.get(`/experts/${without.id}`)
  t.match(page.body, 'Lisää ensin asiantuntijan sähköpostiosoite.')
  t.notMatch(page.body, '/invitation"')
  const refused = await browser.post(`/experts/${without.id}/invitation`, {}, { from: `/experts/${without.id}` })
  t.equal(refused.statusCode, 303)
  t.match((await browser.get(`/experts/${without.id}`)).body, 'flash-error')
  t.equal(expertRow(db, without.id).userId, null)

  await aUser(db, { role: 'orderer', email: 'varattu@example.fi' })
  const taken = anExpert(db, { regionId: user.regionId, email: 'varattu@example.fi' })
  await browser.post(`/experts/${taken.id}/invitation`, {}, { from: `/experts/${taken.id}` })
  t.match((await browser.get(`/experts/${taken.id}`)).body, 'Tällä sähköpostiosoitteella on jo toinen käyttäjätunnus.')
  t.equal(expertRow(db, taken.id).userId, null)
  t.equal(mailsTo(db, 'varattu@example.fi').length, 0)
  t.equal(auditRows(db, 'invite').length, 0)
})
