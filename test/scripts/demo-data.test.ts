// The demo seed's promises (design §6 and the expert register issue): a register that shows every case.
import t, { type Test } from 'tap'
import { openDatabase, closeDatabase, type Db } from '../../src/db.js'
import { seedDemo, groupNames, basicTrainingName } from '../../src/demo/demo-data.js'
import { consentStatus, type ConsentFacts } from '../../src/modules/consents/rules.js'
import { trainedOn } from '../../src/modules/trainings/rules.js'
import { addMonths, ageOn, nowIso, today } from '../../src/lib/dates.js'
import { orderStatuses, offerStatuses, assignmentStatuses, cancellers } from '../../db/schema.js'
import { refreshOrderStatus } from '../../src/modules/orders/status.js'
import { matchOrderOf } from '../../src/modules/matching/queries.js'
import { isOpen, matchOrder } from '../../src/modules/matching/service.js'
import { regionSettingsOf } from '../../src/modules/settings/queries.js'

async function seeded (t: Test): Promise<Db> {
  const db = openDatabase(':memory:')
  t.teardown(() => closeDatabase(db))
  await seedDemo(db)
  return db
}

function rows<T> (db: Db, sql: string, ...params: unknown[]): T[] {
  return db.$client.prepare(sql).all(...params) as T[]
}

interface ExpertRow { id: number, realName: string, displayName: string, birthDate: string, group: string, status: string, statusSince: string, userId: number | null }
const expertsOf = (db: Db) => rows<ExpertRow>(db, `select e.id, e.real_name as realName, e.display_name as displayName, e.birth_date as birthDate,
  g.name as "group", e.status, e.status_since as statusSince, e.user_id as userId from experts e join expert_groups g on g.id = e.group_id order by e.id`)
const consentsOf = (db: Db, expertId: number) => rows<ConsentFacts & { giverName: string | null }>(db,
  'select given_by as givenBy, giver_name as giverName, given_on as givenOn, expires_on as expiresOn from consents where expert_id = ?', expertId)

t.test('at least 40 experts in the demo region, across every group, area, status and both host organisations', async (t) => {
  const db = await seeded(t)
  const experts = expertsOf(db)
  t.ok(experts.length >= 40, `${experts.length} experts`)
  t.same(rows(db, 'select distinct region_id from experts'), [{ region_id: 1 }])
  t.same(new Set(experts.map((e) => e.group)), new Set(groupNames), 'every group')
  t.same(new Set(experts.map((e) => e.status)), new Set(['candidate', 'active', 'paused', 'ended']), 'every status')
  t.ok(experts.filter((e) => e.status === 'active').length > experts.length / 2, 'most are active')
  t.equal(rows(db, 'select id from areas except select area_id from expert_areas').length, 0, 'every area is reachable by someone')
  t.equal(rows(db, 'select id from host_organisations except select host_organisation_id from experts').length, 0, 'both host organisations')
  t.equal(new Set(experts.map((e) => e.displayName)).size, experts.length, 'display names are pseudonyms of their own')
  t.ok(experts.every((e) => e.displayName !== e.realName))
})

t.test('ages fit the groups, counted from today', async (t) => {
  const db = await seeded(t)
  const day = today()
  const ages = (group: string) => expertsOf(db).filter((e) => e.group === group).map((e) => ageOn(e.birthDate, day))
  t.ok(ages(groupNames[0]!).every((age) => age >= 13 && age <= 17), 'young people 13–17')
  t.ok(ages(groupNames[1]!).every((age) => age >= 18 && age <= 29), 'young adults 18–29')
  for (const group of [groupNames[2]!, groupNames[3]!]) t.ok(ages(group).every((age) => age >= 30), `${group} older`)
})

t.test('consents in every state today, given by guardians and custodial officials by name, minors about to turn 15 and 18', async (t) => {
  const db = await seeded(t)
  const day = today()
  const statuses = expertsOf(db).map((e) => consentStatus(consentsOf(db, e.id), e.birthDate, day))
  t.same(new Set(statuses.map((s) => s.state)), new Set(['valid', 'expiring', 'expired', 'missing', 'missing_guardian']))
  t.ok(statuses.some((s) => s.renewalReason === 'turns15'), 'a minor turning 15 soon')
  t.ok(statuses.some((s) => s.state === 'expiring' && s.renewalReason === 'turns18'), 'a minor turning 18 soon')
  const givers = rows<{ givenBy: string, giverName: string | null }>(db, 'select given_by as givenBy, giver_name as giverName from consents')
  for (const by of ['guardian', 'custodial_official']) {
    t.ok(givers.some((g) => g.givenBy === by), `some consents by a ${by}`)
    t.ok(givers.filter((g) => g.givenBy === by).every((g) => g.giverName), `a ${by} is named`)
  }
  t.ok(givers.filter((g) => g.givenBy === 'expert').every((g) => g.giverName === null))
})

t.test('trainings: the 50-hour basic training valid 36 months, completions valid, expired and in progress, and another course', async (t) => {
  const db = await seeded(t)
  const day = today()
  const trainings = rows<{ name: string, hours: number, isBasic: number, validityMonths: number | null }>(db,
    'select name, hours, is_basic as isBasic, validity_months as validityMonths from trainings')
  t.ok(trainings.length >= 2)
  t.ok(trainings.filter((tr) => tr.isBasic).every((tr) => tr.name.startsWith(basicTrainingName) && tr.hours === 50 && tr.validityMonths === 36))
  t.ok(trainings.some((tr) => !tr.isBasic), 'another course')
  const completions = (expertId: number) => rows<{ completedOn: string | null, isBasic: number, validityMonths: number | null }>(db,
    `select e.completed_on as completedOn, t.is_basic as isBasic, t.validity_months as validityMonths
       from training_enrolments e join trainings t on t.id = e.training_id where e.expert_id = ?`, expertId)
    .map((c) => ({ ...c, isBasic: c.isBasic === 1 }))
  const experts = expertsOf(db).map((e) => ({ ...e, completions: completions(e.id) }))
  t.ok(experts.some((e) => trainedOn(e.completions, day).trained), 'some are trained')
  t.ok(experts.some((e) => !trainedOn(e.completions, day).trained && e.completions.some((c) => c.isBasic && c.completedOn)), 'some completions have expired')
  t.ok(experts.some((e) => e.completions.length > 0 && e.completions.every((c) => c.completedOn === null)), 'some are only enrolled')
  t.ok(experts.some((e) => e.completions.some((c) => !c.isBasic && c.completedOn)), 'the other course was completed by some')
})

t.test('availability, languages, channels, excluded units and remote work vary', async (t) => {
  const db = await seeded(t)
  const count = (sql: string) => (rows<{ n: number }>(db, sql)[0]!).n
  t.ok(count('select count(distinct expert_id) as n from availability_windows') > 20, 'weekly windows')
  t.ok(count('select count(*) as n from unavailable_periods') > 3, 'unavailable periods')
  t.ok(count('select count(*) as n from experts where monthly_cap is not null') > 3, 'monthly caps')
  t.ok(count(`select count(*) as n from experts where status = 'paused' and paused_until is not null`) > 0, 'a pause with an end')
  t.ok(count('select count(*) as n from expert_excluded_units') > 0, 'excluded units')
  t.ok(count('select count(*) as n from experts where remote_allowed = 1') > 5, 'remote work')
  t.ok(count(`select count(*) as n from expert_languages where language = 'fi'`) > 35, 'mostly Finnish')
  t.ok(count(`select count(distinct language) as n from expert_languages`) >= 6, 'and other languages')
  t.ok(count(`select count(*) as n from experts where preferred_language in ('sv', 'en')`) > 0, 'some prefer Swedish or English')
  t.equal(count('select count(*) as n from experts where id not in (select expert_id from expert_channels)'), 0, 'every expert prefers a channel')
  t.equal(count('select count(*) as n from experts where id not in (select expert_id from expert_experience_areas)'), 0)
})

t.test('the status history starts as a candidate and ends in the current status', async (t) => {
  const db = await seeded(t)
  for (const expert of expertsOf(db)) {
    const history = rows<{ status: string, changedOn: string }>(db, 'select status, changed_on as changedOn from expert_status_history where expert_id = ? order by id', expert.id)
    t.equal(history[0]!.status, 'candidate')
    t.same(history.at(-1), { status: expert.status, changedOn: expert.statusSince }, expert.displayName)
    t.same(history.map((h) => h.changedOn), history.map((h) => h.changedOn).sort(), 'in order')
  }
  t.equal(rows(db, `select id from audit_log where subject_type = 'expert' and action = 'create'`).length, expertsOf(db).length, 'each creation is in the audit log')
})

t.test('the demo experts are linked to their accounts: the 16-year-old, the young adult and the parent', async (t) => {
  const db = await seeded(t)
  const day = today()
  const linked = rows<ExpertRow & { email: string }>(db, `select e.id, e.birth_date as birthDate, g.name as "group", u.email
    from experts e join users u on u.id = e.user_id join expert_groups g on g.id = e.group_id order by u.email`)
  t.same(linked.map((e) => [e.email, e.group]), [
    ['aikuinen@demo.kokemus.fi', groupNames[1]], ['nuori@demo.kokemus.fi', groupNames[0]], ['vanhempi@demo.kokemus.fi', groupNames[2]]])
  const young = linked[1]!
  t.equal(ageOn(young.birthDate, day), 16, 'nuori is 16 today')
  const consents = consentsOf(db, young.id)
  t.equal(consentStatus(consents, young.birthDate, day).state, 'valid')
  t.same(consents.map((c) => c.givenBy).sort(), ['expert', 'guardian'], 'own and a guardian\'s consent')
  const completions = rows<{ completedOn: string | null, isBasic: number, validityMonths: number | null }>(db,
    `select e.completed_on as completedOn, t.is_basic as isBasic, t.validity_months as validityMonths
       from training_enrolments e join trainings t on t.id = e.training_id where e.expert_id = ?`, young.id)
  t.ok(trainedOn(completions.map((c) => ({ ...c, isBasic: c.isBasic === 1 })), day).trained, 'a valid basic training')
  t.ok(ageOn(linked[0]!.birthDate, day) >= 18 && ageOn(linked[0]!.birthDate, day) <= 29, 'aikuinen is a young adult')
})

t.test('the seed is deterministic: two runs give the same register', async (t) => {
  const one = await seeded(t)
  const two = await seeded(t)
  for (const table of ['experts', 'consents', 'expert_status_history', 'expert_areas', 'expert_languages', 'training_enrolments', 'availability_windows', 'unavailable_periods',
    'orders', 'order_groups', 'order_experience_areas', 'offers', 'assignments', 'debriefs', 'region_settings']) {
    t.same(rows(two, `select * from ${table} order by rowid`), rows(one, `select * from ${table} order by rowid`), table)
  }
})

t.test('two years of orders, offers and assignments in every state', async (t) => {
  const db = await seeded(t)
  const day = today()
  const now = nowIso()
  const count = (sql: string, ...params: unknown[]) => (rows<{ n: number }>(db, sql, ...params)[0]!).n
  t.same(new Set(rows<{ status: string }>(db, 'select distinct status from orders').map((r) => r.status)), new Set(orderStatuses), 'every order status')
  t.same(new Set(rows<{ status: string }>(db, 'select distinct status from offers').map((r) => r.status)), new Set(offerStatuses), 'every offer status')
  t.same(new Set(rows<{ status: string }>(db, 'select distinct status from assignments').map((r) => r.status)), new Set(assignmentStatuses), 'every assignment status')
  const past = count('select count(*) as n from orders where starts_at < ? and starts_at >= ?', now, `${addMonths(day, -25)}`)
  const coming = count('select count(*) as n from orders where starts_at > ?', now)
  t.ok(past >= 110 && past <= 130, `about 120 orders in the past two years (${past})`)
  t.ok(coming >= 12 && coming <= 18, `about 15 coming orders (${coming})`)
  t.equal(count('select count(*) as n from orders where starts_at < ?', `${addMonths(day, -25)}`), 0, 'none older than two years')
  t.equal(count('select count(*) as n from orders where starts_at > ?', `${addMonths(day, 2)}`), 0, 'none beyond six weeks')
  t.equal(count('select count(distinct channel_id) as n from orders'), 8, 'every channel')
  t.equal(count('select count(distinct ordering_unit_id) as n from orders'), 6, 'every unit')
  t.same(rows(db, 'select distinct load from orders order by load'), [{ load: 'heavy' }, { load: 'light' }])
  t.same(rows(db, 'select distinct remote from orders order by remote'), [{ remote: 0 }, { remote: 1 }])
  t.same(rows(db, 'select distinct experts_wanted as n from orders order by n'), [{ n: 1 }, { n: 2 }, { n: 3 }], '1–3 places')
  t.ok(count('select count(distinct order_id) as n from order_groups') > 10, 'groups wanted')
  t.equal(count('select count(*) as n from orders where remote = 0 and (area_id is null or address is null)'), 0, 'on site has a place')
  t.ok(count(`select count(*) as n from offers where status = 'declined' and decline_reason is not null`) > 0, 'declined with a reason')
  t.equal(count(`select count(*) as n from offers where status = 'pending' and expires_at <= ?`, now), 0, 'pending offers are open')
  t.equal(count(`select count(*) as n from offers where expires_at > (select starts_at from orders where orders.id = offers.order_id)`), 0, 'no offer outlives the start')
  for (const canceller of cancellers) t.ok(count(`select count(*) as n from assignments where status = 'cancelled' and cancelled_by = ?`, canceller) > 0, `cancelled by the ${canceller}`)
  t.ok(count(`select count(*) as n from assignments where status = 'cancelled' and fee_due = 1`) > 0, 'some late cancellations keep the fee')
  t.ok(count(`select count(*) as n from assignments where status = 'cancelled' and fee_due = 0`) > 0, 'and early ones do not')
  t.equal(count(`select count(*) as n from assignments where status = 'completed' and (actual_minutes is null or completed_at is null)`), 0, 'completed ones have hours')
  t.ok(count(`select count(*) as n from assignments where status = 'completed' and audience_came = 0`) > 0, 'the audience did not come to some')
  t.ok(count(`select count(*) as n from assignments where status = 'completed' and kilometres > 0`) > 0, 'travel')
  t.ok(count(`select count(*) as n from assignments where status = 'confirmed' and starts_at > ?`, now) > 0, 'confirmed coming work')
  t.ok(count(`select count(*) as n from assignments where status = 'confirmed' and starts_at <= ?`, now) >= 2, 'recent work waiting to be recorded')
  t.equal(count(`select count(*) as n from assignments a where a.status = 'completed' and a.load = 'heavy' and a.id not in (select assignment_id from debriefs)`), 0, 'heavy work has a debrief')
  t.ok(count('select count(*) as n from debriefs where done_on is not null') > 10, 'debriefs done')
  t.equal(count('select count(*) as n from debriefs where done_on is null and due_on < ?', day), 2, 'two overdue')
  t.equal(count('select count(*) as n from region_settings'), 1, 'the region has its settings')
})

t.test('the demo experts each have an open offer', async (t) => {
  const db = await seeded(t)
  const open = rows<{ email: string, n: number }>(db, `select u.email, count(*) as n from offers f join experts e on e.id = f.expert_id
    join users u on u.id = e.user_id where f.status = 'pending' and f.expires_at > ? group by u.email order by u.email`, nowIso())
  t.same(open.map((o) => [o.email, o.n]), [['aikuinen@demo.kokemus.fi', 1], ['nuori@demo.kokemus.fi', 1], ['vanhempi@demo.kokemus.fi', 1]], 'one each')
})

t.test('the database guarantees hold: no double booking, no overfilled order, clean foreign keys, statuses as the rule says', async (t) => {
  const db = await seeded(t)
  t.same(rows(db, `select a.id from assignments a join assignments b on a.expert_id = b.expert_id and a.id < b.id
    where a.status <> 'cancelled' and b.status <> 'cancelled' and a.starts_at < b.ends_at and b.starts_at < a.ends_at`), [], 'no overlapping live assignments')
  t.same(rows(db, `select o.id from orders o where o.experts_wanted < (select count(*) from assignments a where a.order_id = o.id and a.status <> 'cancelled')`), [], 'no overfilled order')
  t.same(rows(db, `select a.id from assignments a join orders o on o.id = a.order_id where a.starts_at <> o.starts_at or a.ends_at <> o.ends_at`), [], 'times copied from the order')
  t.same(rows(db, `select a.id from assignments a join orders o on o.id = a.order_id join experts e on e.id = a.expert_id where e.region_id <> o.region_id`), [], 'experts of the region')
  t.same(rows(db, 'pragma foreign_key_check'), [])
  t.same(rows(db, 'pragma integrity_check'), [{ integrity_check: 'ok' }])
  const now = nowIso()
  const before = rows<{ id: number, status: string }>(db, 'select id, status from orders order by id')
  const after = before.map((o) => ({ id: o.id, status: refreshOrderStatus(db, o.id, now) }))
  t.same(after, before, 'every stored order status is what the order-status rule gives')
})

t.test('matching in the demo: a typical open order has several eligible experts, some not asked for six months, and near misses', async (t) => {
  const db = await seeded(t)
  const now = nowIso()
  const open = rows<{ id: number, regionId: number }>(db, 'select id, region_id as regionId from orders where starts_at > ? order by starts_at', now)
    .map((o) => matchOrderOf(db, o.regionId, o.id)!).filter((order) => isOpen(order, now))
  t.ok(open.length >= 8, `${open.length} open orders`)
  const matched = open.map((order) => matchOrder(db, order, regionSettingsOf(db, order.regionId), now, { excluded: 0, nearMisses: Infinity }))
  const counts = matched.map((m) => m.eligible.length).sort((a, b) => a - b)
  t.ok(counts[Math.floor((counts.length - 1) / 2)]! >= 4, `the median open order has at least 4 eligible (${counts.join(', ')})`)
  t.ok(matched.some((m) => m.eligible.some((c) => c.standing.notAsked)), 'an open order shows an expert not asked for six months')
  t.ok(matched.some((m) => m.nearMisses.some((c) => c.failures[0]!.detail === 'outside_windows' && c.failures[0]!.windows!.length > 0)),
    'a near miss outside their weekly windows, with the windows')
  t.ok(matched.every((m) => m.nearMisses.length > 0), 'every open order has near misses')
})
