// npm run bench makes this data set when it is missing; by hand:
//   tsx scripts/scale-data.ts [--seed 1] [--experts 100000] [--out data/scale.db] [--force]
// A synthetic national data set (design §7, scale): 25 regions with their structure and a coordinator
// each, and 100 000 invented experts spread over them, with languages, areas, experience areas,
// channels, status history, consents in every state (own, and a guardian's for minors), trainings with
// enrolments and completions, weekly windows and unavailable periods; and ten years of work: orders of the
// region's ordering units (1–3 places, light or heavy by channel, some remote, some wanting groups) and a
// few weeks of upcoming ones, offers (an accepted one behind each assignment; declined, expired, withdrawn
// and pending ones), assignments (1 000 000 for 100 000 experts: completed with hours, cancelled, and
// confirmed upcoming ones) and debriefs of heavy work. The database's own guarantees hold (migration 0005:
// an expert's assignments fall on distinct days, no slot beyond the places). Deterministic: the same seed
// and day give the same rows. Fast: prepared better-sqlite3 statements, one transaction per region, and
// only one region's experts in memory at a time.
// Never for production: every coordinator has the known password below. Written to data/ (not committed).
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { openDatabase, closeDatabase, type Db } from '../src/db.js'
import { helsinkiInstant, today } from '../src/lib/dates.js'
import { orderStatusOf } from '../src/modules/orders/status.js'
import { hashPassword } from '../src/modules/auth/passwords.js'
import {
  basicTrainingHours, basicTrainingName, basicTrainingValidityMonths, channelRows, experienceAreaNames, firstNames,
  groupNames, pseudonyms, seededRandom, slug, surnames, type Random,
} from '../src/demo/demo-data.js'

export const defaultScalePath = 'data/scale.db'
// Kept in the file's user_version: a data set of another version is outdated (version 1 had no orders).
export const scaleDataVersion = 2
// Assignments per expert: 1 000 000 for the 100 000 experts of design §7.
export const assignmentsPerExpert = 10
export const scalePassword = 'kokemus-skaala'
export const regionCount = 25

// The coordinator of region n (1–25).
export function coordinatorEmail (region: number): string {
  return `koordinaattori.${String(region).padStart(2, '0')}@skaala.kokemus.fi`
}

const regionNames = ['Itä-Uusimaa', 'Keski-Uusimaa', 'Länsi-Uusimaa', 'Vantaa–Kerava', 'Helsinki', 'Varsinais-Suomi', 'Satakunta',
  'Kanta-Häme', 'Pirkanmaa', 'Päijät-Häme', 'Kymenlaakso', 'Etelä-Karjala', 'Etelä-Savo', 'Pohjois-Savo', 'Pohjois-Karjala',
  'Keski-Suomi', 'Etelä-Pohjanmaa', 'Pohjanmaa', 'Keski-Pohjanmaa', 'Pohjois-Pohjanmaa', 'Kainuu', 'Lappi', 'Ahvenanmaa',
  'Järvi-Suomi', 'Saaristo']
const municipalities = ['Keskusta', 'Pohjoinen alue', 'Eteläinen alue', 'Itäinen alue', 'Läntinen alue', 'Rannikko', 'Järviseutu',
  'Kirkonkylä', 'Asemanseutu', 'Ylänkö', 'Jokilaakso', 'Saaristo', 'Kaupunkiseutu', 'Maaseutu']
const ngos = ['Pesäpuu ry', 'Nuorten Ystävät', 'SOS-Lapsikylä', 'Pelastakaa Lapset', 'Lastensuojelun kokemusyhdistys']
const unitKinds = ['Lastensuojelun avohuolto', 'Sijaishuolto', 'Perhekeskus', 'Jälkihuolto', 'Nuorisopsykiatria', 'Oppilashuolto', 'Lastenkoti', 'Perhetyö']
const courseNames = ['Oma tarina turvallisesti', 'Vertaisryhmän ohjaaminen', 'Rekrytointiraadin jäsenenä', 'Media ja some', 'Kehittäjätiimin työskentely']
const slots: [string, string][] = [['08:00', '12:00'], ['09:00', '15:00'], ['12:00', '16:00'], ['16:00', '20:00'], ['17:00', '21:00']]
const periodNotes = ['Ylioppilaskirjoitukset', 'Kesäloma', 'Lomamatka', 'Työkiireitä', 'Tenttiviikko', null]
const otherLanguages = ['ar', 'so', 'ru', 'et', 'fa', 'ku', 'se', 'uk']

// Weighted choices as bags: an item appears as many times as its weight in percent.
function bag<T> (weights: [T, number][]): T[] {
  return weights.flatMap(([item, weight]) => Array<T>(weight).fill(item))
}
const statusBag = bag([['active', 60], ['candidate', 8], ['paused', 10], ['ended', 22]] as const)
// Indexes in groupNames, with the age range of each group.
const groupBag = bag([[0, 20], [1, 35], [2, 25], [3, 10], [4, 10]])
const groupAges: [number, number][] = [[13, 17], [18, 29], [25, 60], [30, 68], [15, 35]]
const consentBag = bag([['valid', 72], ['expiring', 5], ['expired', 10], ['missing', 13]] as const)
const feeBag = bag([['paid', 85], ['declined', 8], ['ask', 7]] as const)
const primaryLanguageBag = bag([['fi', 93], ['sv', 6], ['en', 1]] as const)

// Calendar days as day numbers since 1970-01-01: plain integer arithmetic, exact for calendar days
// (no time zone involved) and much faster than luxon over a million rows; each day's text is made once.
const msPerDay = 86_400_000
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / msPerDay
const dayTexts = new Map<number, string>()
const dayText = (n: number): string => {
  let text = dayTexts.get(n)
  if (text === undefined) {
    text = new Date(n * msPerDay).toISOString().slice(0, 10)
    dayTexts.set(n, text)
  }
  return text
}
const instant = (n: number): string => `${dayText(n)}T09:00:00.000Z`
const slugs = new Map([...firstNames, ...surnames].map((name) => [name, slug(name)]))

export interface ScaleOptions {
  seed: number
  experts: number
  // Told after each region, with the seconds so far.
  progress?: (line: string) => void
  // Assignments made per expert (default 10; the tests of the register alone ask for fewer).
  assignmentsPerExpert?: number
  // The day the data set is made for (default today): every date is counted from it.
  today?: string
  // The coordinators' password hash; without it they cannot sign in.
  passwordHash?: string | null
}

export interface ScaleReport { regions: number, experts: number, rows: Record<string, number>, totalRows: number, seconds: number }

export const scaleTables = ['regions', 'areas', 'host_organisations', 'ordering_units', 'channels', 'expert_groups', 'experience_areas',
  'users', 'experts', 'expert_status_history', 'expert_languages', 'expert_areas', 'expert_experience_areas', 'expert_channels',
  'expert_excluded_units', 'consents', 'trainings', 'training_enrolments', 'availability_windows', 'unavailable_periods', 'audit_log',
  'orders', 'order_groups', 'order_experience_areas', 'offers', 'assignments', 'debriefs']

function statements (db: Db) {
  const sqlite = db.$client
  const p = (sql: string) => sqlite.prepare(sql)
  return {
    region: p('insert into regions (name, created_at) values (?, ?)'),
    area: p('insert into areas (region_id, name) values (?, ?)'),
    host: p('insert into host_organisations (region_id, name) values (?, ?)'),
    unit: p('insert into ordering_units (region_id, area_id, name) values (?, ?, ?)'),
    channel: p('insert into channels (region_id, name, default_load, requires_basic_training) values (?, ?, ?, ?)'),
    group: p('insert into expert_groups (region_id, name) values (?, ?)'),
    experienceArea: p('insert into experience_areas (region_id, name) values (?, ?)'),
    user: p(`insert into users (region_id, email, name, role, password_hash, created_at, updated_at) values (?, ?, ?, 'coordinator', ?, ?, ?)`),
    training: p(`insert into trainings (region_id, name, host_organisation_id, hours, starts_on, ends_on, is_basic, validity_months, created_at)
                 values (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    expert: p(`insert into experts (region_id, real_name, display_name, birth_date, group_id, email, phone, preferred_language, remote_allowed,
                 host_organisation_id, status, status_since, fee_preference, monthly_cap, paused_until, created_at, updated_at)
               values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    history: p('insert into expert_status_history (expert_id, status, changed_on, changed_by_user_id, created_at) values (?, ?, ?, ?, ?)'),
    language: p('insert into expert_languages (expert_id, language) values (?, ?)'),
    expertArea: p('insert into expert_areas (expert_id, area_id) values (?, ?)'),
    expertExperience: p('insert into expert_experience_areas (expert_id, experience_area_id) values (?, ?)'),
    expertChannel: p('insert into expert_channels (expert_id, channel_id) values (?, ?)'),
    excluded: p('insert into expert_excluded_units (expert_id, ordering_unit_id) values (?, ?)'),
    consent: p(`insert into consents (expert_id, given_by, giver_name, scope_register, scope_contact, scope_media, scope_real_name,
                  given_on, expires_on, recorded_by_user_id, created_at) values (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`),
    enrolment: p('insert into training_enrolments (training_id, expert_id, enrolled_on, completed_on) values (?, ?, ?, ?)'),
    window: p('insert into availability_windows (expert_id, weekday, starts_at, ends_at) values (?, ?, ?, ?)'),
    period: p('insert into unavailable_periods (expert_id, starts_on, ends_on, note) values (?, ?, ?, ?)'),
    audit: p(`insert into audit_log (at, region_id, actor_user_id, action, subject_type, subject_id, detail) values (?, ?, null, 'create', 'expert', ?, 'scale data')`),
    order: p(`insert into orders (region_id, ordering_unit_id, channel_id, topic, day, start_time, duration_minutes, starts_at, ends_at, remote,
                area_id, address, audience_kind, audience_size, experts_wanted, language, preparation_wanted, load, status, cancellation_reason,
                created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    orderGroup: p('insert into order_groups (order_id, group_id) values (?, ?)'),
    orderExperience: p('insert into order_experience_areas (order_id, experience_area_id) values (?, ?)'),
    offer: p(`insert into offers (order_id, expert_id, offered_by_user_id, status, offered_at, expires_at, answered_at, decline_reason)
                values (?, ?, ?, ?, ?, ?, ?, ?)`),
    assignment: p(`insert into assignments (order_id, expert_id, offer_id, slot, starts_at, ends_at, load, status, confirmed_at, cancelled_at,
                cancelled_by, cancelled_by_user_id, cancellation_reason, fee_due, actual_minutes, preparation_minutes, kilometres, receipts_cents,
                audience_came, completed_at, completed_by_user_id, reminder_sent_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    debrief: p('insert into debriefs (assignment_id, due_on, done_on, held_by_user_id, support_needed, recorded_at) values (?, ?, ?, ?, ?, ?)'),
  }
}
type Statements = ReturnType<typeof statements>
const id = (result: { lastInsertRowid: number | bigint }): number => Number(result.lastInsertRowid)

// Rounds of the basic training twice a year for ten years, the last one going on now; one other
// course a year.
const basicRounds = 21
const roundEvery = 182
const courses = 10

interface Region {
  id: number, coordinatorId: number, areaIds: number[], hostIds: number[], unitIds: number[], unitAreaIds: number[], channelIds: number[]
  groupIds: number[], experienceIds: number[], roundIds: number[], courseIds: number[]
}

export function generateScaleData (db: Db, options: ScaleOptions): ScaleReport {
  const started = process.hrtime.bigint()
  const random = seededRandom(options.seed)
  const todayN = dayNumber(options.today ?? today())
  const firstDay = todayN - 3650
  const s = statements(db)
  for (let r = 0; r < regionCount; r++) {
    const count = Math.floor(options.experts * (r + 1) / regionCount) - Math.floor(options.experts * r / regionCount)
    const made = db.$client.transaction(() => {
      const region = structure(s, random, r, firstDay, options.passwordHash ?? null)
      const facts = Array.from({ length: count }, () => expert(s, random, region, todayN, firstDay))
      return work(s, random, region, facts, count * (options.assignmentsPerExpert ?? assignmentsPerExpert), todayN, firstDay)
    })()
    options.progress?.(`scale-data: region ${r + 1}/${regionCount}: ${count} experts, ${made} assignments (${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s)`)
  }
  const rows = Object.fromEntries(scaleTables.map((table) => [table, (db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n]))
  return {
    regions: rows.regions!,
    experts: rows.experts!,
    rows,
    totalRows: Object.values(rows).reduce((a, b) => a + b, 0),
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  }
}

function structure (s: Statements, random: Random, r: number, firstDay: number, passwordHash: string | null): Region {
  const name = regionNames[r]!
  const regionId = id(s.region.run(`${name} (synteettinen)`, instant(firstDay)))
  const areaNames = random.sample(municipalities, random.int(6, 12))
  const areaIds = areaNames.map((area) => id(s.area.run(regionId, area)))
  const hostIds = [`${name}, osallisuuspalvelut`, ...random.sample(ngos, random.int(1, 3))].map((host) => id(s.host.run(regionId, host)))
  const units = areaIds.flatMap((areaId, i) => random.sample(unitKinds, random.int(2, 4)).map((kind) => ({ areaId, id: id(s.unit.run(regionId, areaId, `${kind}, ${areaNames[i]}`)) })))
  const unitIds = units.map((unit) => unit.id)
  const unitAreaIds = units.map((unit) => unit.areaId)
  const channelIds = channelRows.map((c) => id(s.channel.run(regionId, c.name, c.defaultLoad, Number(c.requiresBasicTraining))))
  const groupIds = groupNames.map((group) => id(s.group.run(regionId, group)))
  const experienceIds = experienceAreaNames.map((area) => id(s.experienceArea.run(regionId, area)))
  const coordinatorName = `${random.pick(firstNames)} ${random.pick(surnames)}`
  const coordinatorId = id(s.user.run(regionId, coordinatorEmail(r + 1), coordinatorName, passwordHash, instant(firstDay), instant(firstDay)))
  const roundIds = Array.from({ length: basicRounds }, (_, k) => {
    const startsOn = dayText(firstDay + k * roundEvery)
    const season = Number(startsOn.slice(5, 7)) < 7 ? 'kevät' : 'syksy'
    return id(s.training.run(regionId, `${basicTrainingName} ${season} ${startsOn.slice(0, 4)}`, hostIds[0]!, basicTrainingHours,
      startsOn, dayText(firstDay + k * roundEvery + 70), 1, basicTrainingValidityMonths, instant(firstDay + k * roundEvery)))
  })
  const courseIds = Array.from({ length: courses }, (_, k) => {
    const start = firstDay + k * 365 + 60
    return id(s.training.run(regionId, `${courseNames[k % courseNames.length]!} ${dayText(start).slice(0, 4)}`, random.pick(hostIds), random.int(6, 20),
      dayText(start), dayText(start + 30), 0, null, instant(start)))
  })
  return { id: regionId, coordinatorId, areaIds, hostIds, unitIds, unitAreaIds, channelIds, groupIds, experienceIds, roundIds, courseIds }
}

// What the work of the region needs to know of an expert: when they were active (from the day they became
// active until the day they paused or ended; never for a candidate), group, preferred channels (bits by
// channel index), the excluded unit, Swedish, and their own monthly cap.
export interface ExpertFacts { id: number, from: number, until: number, group: number, channels: number, excludedUnitId: number, swedish: boolean, monthlyCap: number }

function expert (s: Statements, random: Random, region: Region, todayN: number, firstDay: number): ExpertFacts {
  const group = random.pick(groupBag)
  const [minAge, maxAge] = groupAges[group]!
  const age = random.int(minAge, maxAge)
  const birth = todayN - Math.floor(age * 365.25) - random.int(1, 364)
  const status = random.pick(statusBag)
  const candidate = status === 'candidate'
  const created = candidate ? todayN - random.int(5, 150) : todayN - random.int(60, 3650)
  const history: [string, number][] = [['candidate', created]]
  if (!candidate) history.push(['active', created + random.int(7, 60)])
  if (status === 'paused' || status === 'ended') {
    const since = history[1]![1]
    history.push([status, since + Math.floor((todayN - since) * random.next())])
  }
  const sinceN = history.at(-1)![1]
  const first = random.pick(firstNames)
  const last = random.pick(surnames)
  const primary = random.pick(primaryLanguageBag)
  const monthlyCap = random.chance(0.3) ? random.int(1, 6) : null
  const expertId = id(s.expert.run(
    region.id, `${first} ${last}`, random.chance(0.5) ? random.pick(pseudonyms) : `${first} ${last[0]}.`, dayText(birth),
    region.groupIds[group]!, random.chance(0.7) ? `${slugs.get(first)}.${slugs.get(last)}.${random.int(1, 99_999)}@esimerkki.invalid` : null,
    random.chance(0.6) ? `04${random.int(0, 9)} ${random.int(1_000_000, 9_999_999)}` : null, primary, Number(random.chance(0.45)),
    random.pick(region.hostIds), status, dayText(sinceN), random.pick(feeBag), monthlyCap,
    status === 'paused' && random.chance(0.6) ? dayText(todayN + random.int(7, 180)) : null, instant(created), instant(sinceN)))
  s.audit.run(instant(created), region.id, expertId)
  for (const [state, on] of history) s.history.run(expertId, state, dayText(on), region.coordinatorId, instant(on))
  const languages = new Set<string>([primary, 'fi'].slice(0, random.chance(0.7) ? 2 : 1))
  if (random.chance(0.3)) languages.add('en')
  if (random.chance(0.05)) languages.add(random.pick(otherLanguages))
  for (const language of languages) s.language.run(expertId, language)
  for (const areaId of random.sample(region.areaIds, random.int(1, 3))) s.expertArea.run(expertId, areaId)
  for (const areaId of random.sample(region.experienceIds, random.int(1, 3))) s.expertExperience.run(expertId, areaId)
  let channels = 0
  for (const channelId of random.sample(region.channelIds, random.int(1, 3))) {
    s.expertChannel.run(expertId, channelId)
    channels |= 1 << region.channelIds.indexOf(channelId)
  }
  const excludedUnitId = random.chance(0.1) ? random.pick(region.unitIds) : 0
  if (excludedUnitId) s.excluded.run(expertId, excludedUnitId)
  consentsOf(s, random, region, expertId, age < 18, last, created, todayN)
  trainingOf(s, random, region, expertId, candidate, created, firstDay, todayN)
  if (status !== 'ended') availabilityOf(s, random, expertId, todayN)
  return {
    id: expertId, from: candidate ? Infinity : history[1]![1], until: history[2]?.[1] ?? Infinity, group, channels, excludedUnitId,
    swedish: languages.has('sv'), monthlyCap: monthlyCap ?? Infinity,
  }
}

// Own consent (a renewal history for some); a minor's guardian or the custodial official on the same
// dates, except for some minors who lack it.
function consentsOf (s: Statements, random: Random, region: Region, expertId: number, minor: boolean, last: string, created: number, todayN: number): void {
  const story = random.pick(consentBag)
  if (story === 'missing') return
  const expires = { valid: todayN + random.int(31, 730), expiring: todayN + random.int(0, 30), expired: todayN - random.int(1, 1500) }[story]
  // Given up to two years before it expires, not long before registration; at least a month long.
  const given = Math.min(expires - 30, Math.max(created - 30, expires - 730))
  const contact = Number(random.chance(0.9))
  const media = Number(random.chance(0.4))
  const realName = Number(!minor && random.chance(0.3))
  const add = (by: string, giver: string | null, from: number, to: number) =>
    s.consent.run(expertId, by, giver, contact, media, realName, dayText(from), dayText(to), region.coordinatorId, instant(from))
  if (random.chance(0.25)) add('expert', null, given - 730, given - 1)
  add('expert', null, given, expires)
  if (minor && random.chance(0.88)) {
    const official = random.chance(0.2)
    add(official ? 'custodial_official' : 'guardian', `${random.pick(firstNames)} ${official ? random.pick(surnames) : last}`, given, expires)
  }
}

// The basic-training round after registration (completed, unless it is the round going on now);
// some renew it three years later; candidates are enrolled in the current round. Some take a course.
function trainingOf (s: Statements, random: Random, region: Region, expertId: number, candidate: boolean, created: number, firstDay: number, todayN: number): void {
  const round = candidate ? basicRounds - 1 : Math.min(basicRounds - 1, Math.ceil((created - firstDay) / roundEvery))
  if (candidate && random.chance(0.4)) return
  const enrol = (k: number, completed: boolean) => {
    const start = firstDay + k * roundEvery
    s.enrolment.run(region.roundIds[k]!, expertId, dayText(start - random.int(7, 40)), completed ? dayText(start + 70) : null)
  }
  enrol(round, firstDay + round * roundEvery + 70 < todayN)
  if (round + 6 < basicRounds - 1 && random.chance(0.1)) enrol(round + 6, true)
  if (!candidate && random.chance(0.15)) {
    const k = Math.min(courses - 1, Math.max(0, Math.ceil((created - firstDay - 60) / 365)))
    s.enrolment.run(region.courseIds[k]!, expertId, dayText(firstDay + k * 365 + 60 - random.int(7, 40)), random.chance(0.85) ? dayText(firstDay + k * 365 + 90) : null)
  }
}

function availabilityOf (s: Statements, random: Random, expertId: number, todayN: number): void {
  for (const weekday of random.sample([1, 2, 3, 4, 5, 6, 7], random.int(0, 4))) {
    const [startsAt, endsAt] = random.pick(slots)
    s.window.run(expertId, weekday, startsAt, endsAt)
  }
  for (let i = random.int(0, 2); i > 0; i--) {
    const start = todayN + random.int(-90, 180)
    s.period.run(expertId, dayText(start), dayText(start + random.int(2, 45)), random.pick(periodNotes))
  }
}

// ——— Ten years of work ———

const upcomingDays = 42
const placesBag = bag([[1, 50], [2, 35], [3, 15]])
const startTimes = ['09:00', '10:00', '12:30', '13:00', '14:00', '17:00', '17:30']
const durations = [60, 90, 120, 180, 240]
const topics = ['Nuorten osallisuus sijaishuollossa', 'Kokemuspuheenvuoro henkilöstön koulutuspäivillä', 'Palveluprosessin kehittäminen',
  'Sosiaalityöntekijän rekrytointi', 'Vertaistukiryhmän ilta', 'Perhetyön asiakaspalautteen läpikäynti', 'Jälkihuollon palvelujen kehittäminen',
  'Opiskelijoiden luento', 'Ohjausryhmän kokous', 'Artikkeli alueen lehteen', 'Työpaja vanhemmille', 'Lastenkodin arjen kehittäminen']
const audienceKinds = ['Ammattilaiset', 'Opiskelijat', 'Nuoret', 'Vanhemmat', 'Päättäjät']
const streets = ['Kauppakatu', 'Rantatie', 'Koulukatu', 'Asemakatu', 'Kirkkokatu', 'Puistotie', 'Sairaalantie']
const declineReasons = ['Ei sovi aikatauluun', 'Aihe tuntuu nyt liian raskaalta', 'Olen matkoilla', null]
const cancellationReasons = ['Sairastuminen', 'Tilaisuus siirtyi', 'Tilaisuus peruttiin', 'Menomatka ei onnistunut']
// What becomes of an upcoming place: confirmed, offered (pending) or still open.
const upcomingBag = bag([['confirmed', 50], ['pending', 25], ['open', 25]] as const)
const otherOfferBag = bag([['declined', 50], ['expired', 30], ['withdrawn', 20]] as const)
const cancellers = ['expert', 'orderer', 'coordinator'] as const
const msPerHour = 3_600_000
const iso = (ms: number): string => new Date(ms).toISOString()
// Helsinki's offset from UTC on a day (+2 h or +3 h), once per day: orders start between 09 and 18, far
// from the hour the clocks change.
const offsets = new Map<number, number>()
function helsinkiMs (n: number, time: string): number {
  let offset = offsets.get(n)
  if (offset === undefined) {
    offset = n * msPerDay + 12 * msPerHour - Date.parse(helsinkiInstant(dayText(n), '12:00'))
    offsets.set(n, offset)
  }
  return n * msPerDay + (Number(time.slice(0, 2)) * 60 + Number(time.slice(3))) * 60_000 - offset
}
const monthOf = (n: number): number => {
  const text = dayText(n)
  return Number(text.slice(0, 4)) * 12 + Number(text.slice(5, 7))
}
// The region's caps as an expert's week would meet them (the defaults of region_settings).
const heavyMonthlyCap = 2
const coolOffDays = 7
const debriefDueDays = 7
const freeCancellationHours = 24

// Who may still take work on a day: distinct days for each expert (so never two overlapping assignments,
// travel margins included), the expert's own monthly cap, the heavy cap and the cool-off after heavy work,
// no conflict of interest, the language of the work.
class Bookings {
  readonly lastDay: Int32Array
  readonly lastHeavy: Int32Array
  readonly month: Int32Array
  readonly inMonth: Int32Array
  readonly heavyInMonth: Int32Array
  constructor (readonly experts: ExpertFacts[]) {
    const n = experts.length
    this.lastDay = new Int32Array(n).fill(-1e9)
    this.lastHeavy = new Int32Array(n).fill(-1e9)
    this.month = new Int32Array(n)
    this.inMonth = new Int32Array(n)
    this.heavyInMonth = new Int32Array(n)
  }

  fits (i: number, day: number, month: number, heavy: boolean, unitId: number, swedish: boolean): boolean {
    const e = this.experts[i]!
    if (this.lastDay[i]! >= day || e.excludedUnitId === unitId || (swedish && !e.swedish)) return false
    if (heavy && this.lastHeavy[i]! + coolOffDays >= day) return false
    return this.month[i] !== month || (this.inMonth[i]! < e.monthlyCap && (!heavy || this.heavyInMonth[i]! < heavyMonthlyCap))
  }

  book (i: number, day: number, month: number, heavy: boolean): void {
    if (this.month[i] !== month) {
      this.month[i] = month
      this.inMonth[i] = 0
      this.heavyInMonth[i] = 0
    }
    this.lastDay[i] = day
    this.inMonth[i]!++
    if (heavy) {
      this.heavyInMonth[i]!++
      this.lastHeavy[i] = day
    }
  }
}

interface Order {
  id: number, day: number, month: number, channel: number, heavy: boolean, unitId: number, swedish: boolean
  startMs: number, endMs: number, createdMs: number, decidedBy: number, durationMinutes: number, remote: boolean, preparation: boolean
  taken: Set<number>
}

// The orders of a region, day by day over ten years and the coming weeks, as many a day as the region had
// active experts then (the register grew), fewer at weekends, until about `target` assignments are made.
// Returns the number of assignments made.
function work (s: Statements, random: Random, region: Region, experts: ExpertFacts[], target: number, todayN: number, firstDay: number): number {
  const lastN = todayN + upcomingDays
  const weights = new Float64Array(lastN - firstDay + 2)
  for (const e of experts) {
    const from = Math.max(e.from, firstDay + 1)
    const until = Math.min(e.until, lastN + 1)
    if (from < until) {
      weights[from - firstDay]! += 1
      weights[until - firstDay]! -= 1
    }
  }
  let weightLeft = 0
  for (let n = firstDay + 1; n <= lastN; n++) {
    weights[n - firstDay]! += weights[n - firstDay - 1]!
  }
  for (let n = firstDay + 1; n <= lastN; n++) {
    // Today itself has no work: before it is the past, after it the coming weeks.
    const weekend = (n + 3) % 7 >= 5
    weights[n - firstDay]! *= n === todayN ? 0 : weekend ? 0.2 : 1
    weightLeft += weights[n - firstDay]!
  }
  const byFrom = experts.map((_, i) => i).filter((i) => experts[i]!.from !== Infinity).sort((a, b) => experts[a]!.from - experts[b]!.from)
  const pool: number[] = []
  const bookings = new Bookings(experts)
  const nowMs = todayN * msPerDay + 9 * msPerHour
  let next = 0
  let made = 0
  let orders = 0
  let due = 0
  for (let n = firstDay + 1; n <= lastN; n++) {
    while (next < byFrom.length && experts[byFrom[next]!]!.from <= n) pool.push(byFrom[next++]!)
    const weight = weights[n - firstDay]!
    if (weight > 0) {
      due += weight * Math.max(0, target - made) / weightLeft / ((made + 1.5) / (orders + 1))
      weightLeft -= weight
    }
    for (; due >= 1; due--) {
      orders++
      made += order(s, random, region, experts, pool, bookings, n, n < todayN, nowMs, todayN)
    }
  }
  return made
}

// A random expert of the pool active on the day, not yet in the order, who fits the work (preferring
// one who likes the channel); -1 when none is found in a few tries. Who has ended or paused leaves the pool.
function pickExpert (random: Random, experts: ExpertFacts[], pool: number[], bookings: Bookings | null, o: Order): number {
  for (let attempt = 0; attempt < 30 && pool.length; attempt++) {
    const j = Math.floor(random.next() * pool.length)
    const i = pool[j]!
    if (experts[i]!.until <= o.day) {
      pool[j] = pool.at(-1)!
      pool.pop()
      continue
    }
    if (o.taken.has(i)) continue
    if (bookings && !bookings.fits(i, o.day, o.month, o.heavy, o.unitId, o.swedish)) continue
    if (bookings && attempt < 10 && !(experts[i]!.channels & (1 << o.channel))) continue
    o.taken.add(i)
    return i
  }
  return -1
}

function order (s: Statements, random: Random, region: Region, experts: ExpertFacts[], pool: number[], bookings: Bookings,
  day: number, past: boolean, nowMs: number, todayN: number): number {
  const channel = random.int(0, channelRows.length - 1)
  const unit = random.int(0, region.unitIds.length - 1)
  const time = random.pick(startTimes)
  const durationMinutes = random.pick(durations)
  const startMs = helsinkiMs(day, time)
  const createdDay = past ? day - random.int(7, 60) : todayN - random.int(1, 40)
  const o: Order = {
    id: 0, day, month: monthOf(day), channel, heavy: channelRows[channel]!.defaultLoad === 'heavy', unitId: region.unitIds[unit]!,
    swedish: random.chance(0.05), startMs, endMs: startMs + durationMinutes * 60_000, createdMs: createdDay * msPerDay + 8 * msPerHour,
    // Offers are made and answered before this moment: a day before the work, or now for the coming weeks.
    decidedBy: past ? startMs - 24 * msPerHour : nowMs, durationMinutes, remote: random.chance(0.2), preparation: random.chance(0.3), taken: new Set(),
  }
  const places = random.pick(placesBag)
  const cancelled = past && random.chance(0.03)
  const untouched = !past && random.chance(0.25)
  // Each place: its expert (or none) and what became of it.
  type Place = { slot: number, expert: number, fate: 'completed' | 'cancelled' | 'confirmed' | 'pending' }
  const plan: Place[] = []
  for (let slot = 1; slot <= places && !untouched; slot++) {
    const fate = past ? (cancelled || random.chance(0.05) ? 'cancelled' : 'completed') : random.pick(upcomingBag)
    if (fate === 'open') continue
    const expert = pickExpert(random, experts, pool, fate === 'pending' ? null : bookings, o)
    if (expert < 0) continue
    if (fate !== 'pending') bookings.book(expert, day, o.month, o.heavy)
    plan.push({ slot, expert, fate })
    // A place cancelled in an order that goes on is filled again by another expert, half of the time.
    if (fate === 'cancelled' && !cancelled && random.chance(0.5)) {
      const again = pickExpert(random, experts, pool, bookings, o)
      if (again >= 0) {
        bookings.book(again, day, o.month, o.heavy)
        plan.push({ slot, expert: again, fate: 'completed' })
      }
    }
  }
  const others = Array.from({ length: untouched ? 0 : random.int(0, 2) }, () => pickExpert(random, experts, pool, null, o)).filter((i) => i >= 0)
  const live = plan.filter((p) => p.fate === 'completed' || p.fate === 'confirmed').length
  const status = orderStatusOf({
    status: cancelled ? 'cancelled' : 'new', expertsWanted: places, startsAt: iso(o.startMs), endsAt: iso(o.endMs), live,
    completed: plan.filter((p) => p.fate === 'completed').length, offers: plan.length + others.length,
  }, iso(nowMs))
  const areaId = o.remote ? null : region.unitAreaIds[unit]!
  const audience = random.chance(0.7)
  o.id = id(s.order.run(region.id, o.unitId, region.channelIds[channel]!, random.pick(topics), dayText(day), time, durationMinutes,
    iso(o.startMs), iso(o.endMs), Number(o.remote), areaId, areaId === null ? null : `${random.pick(streets)} ${random.int(1, 80)}`,
    audience ? random.pick(audienceKinds) : null, audience ? random.int(5, 60) : null, places, o.swedish ? 'sv' : 'fi', Number(o.preparation),
    o.heavy ? 'heavy' : 'light', status, cancelled ? random.pick(cancellationReasons) : null, iso(o.createdMs),
    iso(past ? o.endMs + 26 * msPerHour : o.createdMs)))
  // Some orders want groups: those of the experts who came, or any one or two.
  if (random.chance(0.4)) {
    const groups = plan.length ? new Set(plan.map((p) => experts[p.expert]!.group)) : new Set(random.sample([0, 1, 2, 3, 4], random.int(1, 2)))
    for (const group of [...groups].sort()) s.orderGroup.run(o.id, region.groupIds[group]!)
  }
  for (const areaId of random.sample(region.experienceIds, random.int(0, 2))) s.orderExperience.run(o.id, areaId)
  for (const place of plan) placeOf(s, random, region, experts, o, place.slot, place.expert, place.fate, cancelled, todayN)
  for (const expert of others) {
    const fate = past ? random.pick(otherOfferBag) : random.chance(0.5) ? 'declined' : 'pending'
    const offered = offeredAt(random, o, fate === 'pending')
    const answered = fate === 'declined' ? between(random, offered, Math.min(offered + 72 * msPerHour, o.decidedBy)) : null
    s.offer.run(o.id, experts[expert]!.id, region.coordinatorId, fate, iso(offered), iso(Math.min(offered + 72 * msPerHour, o.startMs)),
      answered === null ? null : iso(answered), fate === 'declined' ? random.pick(declineReasons) : null)
  }
  return plan.filter((p) => p.fate !== 'pending').length
}

// When an offer was made: after the order came in, before the decisions; a pending one in the last 60 hours.
function offeredAt (random: Random, o: Order, pending: boolean): number {
  return between(random, pending ? Math.max(o.createdMs, o.decidedBy - 60 * msPerHour) : o.createdMs, o.decidedBy)
}

// A moment between two, to the minute.
function between (random: Random, fromMs: number, toMs: number): number {
  return Math.floor((fromMs + (toMs - fromMs) * random.next()) / 60_000) * 60_000
}

// The offer behind a place and, once accepted, the assignment (and the debrief of heavy work).
function placeOf (s: Statements, random: Random, region: Region, experts: ExpertFacts[], o: Order, slot: number, expert: number,
  fate: 'completed' | 'cancelled' | 'confirmed' | 'pending', orderCancelled: boolean, todayN: number): void {
  const expertId = experts[expert]!.id
  const offered = offeredAt(random, o, fate === 'pending')
  const expires = iso(Math.min(offered + 72 * msPerHour, o.startMs))
  if (fate === 'pending') {
    s.offer.run(o.id, expertId, region.coordinatorId, 'pending', iso(offered), expires, null, null)
    return
  }
  const answered = between(random, offered, Math.min(offered + 72 * msPerHour, o.decidedBy))
  const offerId = id(s.offer.run(o.id, expertId, region.coordinatorId, 'accepted', iso(offered), expires, iso(answered), null))
  const load = o.heavy ? 'heavy' : 'light'
  const starts = iso(o.startMs)
  const ends = iso(o.endMs)
  if (fate === 'cancelled') {
    const at = between(random, answered, o.startMs)
    const by = orderCancelled ? 'orderer' : random.pick(cancellers)
    s.assignment.run(o.id, expertId, offerId, slot, starts, ends, load, 'cancelled', iso(answered), iso(at), by,
      by === 'coordinator' ? region.coordinatorId : null, random.pick(cancellationReasons), Number(o.startMs - at < freeCancellationHours * msPerHour),
      null, null, null, null, null, null, null, null)
    return
  }
  const reminder = o.startMs - 24 * msPerHour
  if (fate === 'confirmed') {
    s.assignment.run(o.id, expertId, offerId, slot, starts, ends, load, 'confirmed', iso(answered), null, null, null, null, 1,
      null, null, null, null, null, null, null, null)
    return
  }
  const assignmentId = id(s.assignment.run(o.id, expertId, offerId, slot, starts, ends, load, 'completed', iso(answered), null, null, null, null, 1,
    o.durationMinutes + random.pick([0, 0, 0, 15, 30, -15]), o.preparation ? random.pick([30, 60, 90]) : null, o.remote ? null : random.int(0, 90),
    random.chance(0.2) ? random.int(200, 4000) : null, Number(random.chance(0.95)), iso(o.endMs + random.int(1, 48) * msPerHour),
    region.coordinatorId, iso(reminder)))
  if (!o.heavy) return
  // Done within the due days (a few late, and some of the last days' still open).
  const open = o.day + debriefDueDays >= todayN ? random.chance(0.5) : random.chance(0.02)
  const done = Math.min(o.day + random.int(0, debriefDueDays + 3), todayN - 1)
  s.debrief.run(assignmentId, dayText(o.day + debriefDueDays), open ? null : dayText(done), open ? null : region.coordinatorId,
    open ? null : Number(random.chance(0.08)), open ? null : instant(done))
}

// Makes the data set in a new database file (migrated like the app's), under a temporary name until it
// is complete, so that a half-made file is never taken for the data set. Durability is off while it loads
// (a crash only loses that temporary file) and on again before it closes.
export async function writeScaleDatabase (path: string, options: { seed: number, experts: number, progress: (line: string) => void }): Promise<ScaleReport> {
  const started = process.hrtime.bigint()
  const passwordHash = await hashPassword(scalePassword)
  const partial = `${path}.partial`
  removeDatabaseFiles(partial)
  mkdirSync(dirname(path), { recursive: true })
  const db = openDatabase(partial)
  let report: ScaleReport
  try {
    // Foreign keys are checked by the tests of the generator, not row by row here.
    db.$client.pragma('foreign_keys = OFF')
    db.$client.pragma('synchronous = OFF')
    db.$client.pragma('cache_size = -262144')
    // Indexes are built once after the load (a sort) instead of row by row; except those of assignments,
    // with which the database itself refuses a double booking or an overfilled order as the rows come in.
    const indexes = db.$client.prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name <> 'assignments'`)
      .all() as { name: string, sql: string }[]
    for (const index of indexes) db.$client.exec(`drop index "${index.name}"`)
    report = generateScaleData(db, { ...options, passwordHash })
    options.progress(`scale-data: building ${indexes.length} indexes…`)
    for (const index of indexes) db.$client.exec(index.sql)
    db.$client.pragma(`user_version = ${scaleDataVersion}`)
    db.$client.pragma('synchronous = FULL')
    db.$client.pragma('foreign_keys = ON')
  } finally {
    closeDatabase(db)
  }
  renameSync(partial, path)
  return { ...report, seconds: Number(process.hrtime.bigint() - started) / 1e9 }
}

// What a file holds: nothing yet, the data set of this version, an older scale data set (made again by the
// bench), or something else (never removed: it may be someone's database).
export function scaleDataState (path: string): 'missing' | 'current' | 'outdated' | 'other' {
  if (!existsSync(path)) return 'missing'
  const sqlite = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const ours = sqlite.prepare(`select 1 from sqlite_master where name = 'users'`).get() !== undefined &&
      sqlite.prepare('select 1 from users where email = ?').get(coordinatorEmail(1)) !== undefined
    if (!ours) return 'other'
    return sqlite.pragma('user_version', { simple: true }) === scaleDataVersion ? 'current' : 'outdated'
  } finally {
    sqlite.close()
  }
}

export function removeDatabaseFiles (path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
}

export function describeReport (report: ScaleReport, path: string, seed: number): string[] {
  const n = (value: number) => value.toLocaleString('fi-FI')
  return [
    `scale-data: ${report.regions} regions, ${n(report.experts)} experts, ${n(report.rows.orders!)} orders, ${n(report.rows.offers!)} offers, ` +
      `${n(report.rows.assignments!)} assignments, ${n(report.totalRows)} rows in ${report.seconds.toFixed(1)} s → ${path} (seed ${seed}, data version ${scaleDataVersion})`,
    ...Object.entries(report.rows).map(([table, rows]) => `  ${table.padEnd(26)} ${n(rows).padStart(12)}`),
    `  sign in as ${coordinatorEmail(1)} (regions 01–${regionCount}) with the password ${scalePassword}`,
  ]
}

const usage = 'usage: tsx scripts/scale-data.ts [--seed N] [--experts N] [--out path] [--force]'

export async function main (argv: string[], print: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  let values
  try {
    values = parseArgs({ args: argv, options: {
      seed: { type: 'string', default: '1' }, experts: { type: 'string', default: '100000' },
      out: { type: 'string', default: defaultScalePath }, force: { type: 'boolean', default: false },
    } }).values
  } catch (error) {
    print(`scale-data: ${(error as Error).message}\n${usage}`)
    return 1
  }
  if (!/^\d+$/.test(values.seed) || !/^[1-9]\d*$/.test(values.experts)) {
    print(`scale-data: --seed and --experts must be whole numbers (--experts at least 1)\n${usage}`)
    return 1
  }
  if (existsSync(values.out) && !values.force) {
    print(`scale-data: ${values.out} exists; nothing was changed (add --force to replace it)`)
    return 1
  }
  removeDatabaseFiles(values.out)
  const seed = Number(values.seed)
  const report = await writeScaleDatabase(values.out, { seed, experts: Number(values.experts), progress: print })
  for (const line of describeReport(report, values.out, seed)) print(line)
  return 0
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2))
