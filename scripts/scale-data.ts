// npm run bench makes this data set when it is missing; by hand:
//   tsx scripts/scale-data.ts [--seed 1] [--experts 100000] [--out data/scale.db] [--force]
// A synthetic national data set (design §7, scale): 25 regions with their structure and a coordinator
// each, and 100 000 invented experts spread over them, with languages, areas, experience areas,
// channels, status history, consents in every state (own, and a guardian's for minors), trainings with
// enrolments and completions, weekly windows and unavailable periods. Deterministic: the same seed and
// day give the same rows. Fast: prepared better-sqlite3 statements, one transaction per region.
// Never for production: every coordinator has the known password below. Written to data/ (not committed).
import { parseArgs } from 'node:util'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { openDatabase, closeDatabase, type Db } from '../src/db.js'
import { today } from '../src/lib/dates.js'
import { hashPassword } from '../src/modules/auth/passwords.js'
import {
  basicTrainingHours, basicTrainingName, basicTrainingValidityMonths, channelRows, experienceAreaNames, firstNames,
  groupNames, pseudonyms, seededRandom, slug, surnames, type Random,
} from './demo-data.js'

export const defaultScalePath = 'data/scale.db'
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
  // The day the data set is made for (default today): every date is counted from it.
  today?: string
  // The coordinators' password hash; without it they cannot sign in.
  passwordHash?: string | null
}

export interface ScaleReport { regions: number, experts: number, rows: Record<string, number>, totalRows: number, seconds: number }

export const scaleTables = ['regions', 'areas', 'host_organisations', 'ordering_units', 'channels', 'expert_groups', 'experience_areas',
  'users', 'experts', 'expert_status_history', 'expert_languages', 'expert_areas', 'expert_experience_areas', 'expert_channels',
  'expert_excluded_units', 'consents', 'trainings', 'training_enrolments', 'availability_windows', 'unavailable_periods', 'audit_log']

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
  id: number, coordinatorId: number, areaIds: number[], hostIds: number[], unitIds: number[], channelIds: number[]
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
    db.$client.transaction(() => {
      const region = structure(s, random, r, firstDay, options.passwordHash ?? null)
      for (let e = 0; e < count; e++) expert(s, random, region, todayN, firstDay)
    })()
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
  const unitIds = areaIds.flatMap((areaId, i) => random.sample(unitKinds, random.int(2, 4)).map((kind) => id(s.unit.run(regionId, areaId, `${kind}, ${areaNames[i]}`))))
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
  return { id: regionId, coordinatorId, areaIds, hostIds, unitIds, channelIds, groupIds, experienceIds, roundIds, courseIds }
}

function expert (s: Statements, random: Random, region: Region, todayN: number, firstDay: number): void {
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
  const expertId = id(s.expert.run(
    region.id, `${first} ${last}`, random.chance(0.5) ? random.pick(pseudonyms) : `${first} ${last[0]}.`, dayText(birth),
    region.groupIds[group]!, random.chance(0.7) ? `${slugs.get(first)}.${slugs.get(last)}.${random.int(1, 99_999)}@esimerkki.invalid` : null,
    random.chance(0.6) ? `04${random.int(0, 9)} ${random.int(1_000_000, 9_999_999)}` : null, primary, Number(random.chance(0.45)),
    random.pick(region.hostIds), status, dayText(sinceN), random.pick(feeBag), random.chance(0.3) ? random.int(1, 6) : null,
    status === 'paused' && random.chance(0.6) ? dayText(todayN + random.int(7, 180)) : null, instant(created), instant(sinceN)))
  s.audit.run(instant(created), region.id, expertId)
  for (const [state, on] of history) s.history.run(expertId, state, dayText(on), region.coordinatorId, instant(on))
  const languages = new Set<string>([primary, 'fi'].slice(0, random.chance(0.7) ? 2 : 1))
  if (random.chance(0.3)) languages.add('en')
  if (random.chance(0.05)) languages.add(random.pick(otherLanguages))
  for (const language of languages) s.language.run(expertId, language)
  for (const areaId of random.sample(region.areaIds, random.int(1, 3))) s.expertArea.run(expertId, areaId)
  for (const areaId of random.sample(region.experienceIds, random.int(1, 3))) s.expertExperience.run(expertId, areaId)
  for (const channelId of random.sample(region.channelIds, random.int(1, 3))) s.expertChannel.run(expertId, channelId)
  if (random.chance(0.1)) s.excluded.run(expertId, random.pick(region.unitIds))
  consentsOf(s, random, region, expertId, age < 18, last, created, todayN)
  trainingOf(s, random, region, expertId, candidate, created, firstDay, todayN)
  if (status !== 'ended') availabilityOf(s, random, expertId, todayN)
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

// Makes the data set in a new database file (migrated like the app's), under a temporary name until it
// is complete, so that a half-made file is never taken for the data set. Durability is off while it loads
// (a crash only loses that temporary file) and on again before it closes.
export async function writeScaleDatabase (path: string, options: { seed: number, experts: number }): Promise<ScaleReport> {
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
    // Indexes are built once after the load (a sort) instead of row by row.
    const indexes = db.$client.prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null`).all() as { name: string, sql: string }[]
    for (const index of indexes) db.$client.exec(`drop index "${index.name}"`)
    report = generateScaleData(db, { ...options, passwordHash })
    for (const index of indexes) db.$client.exec(index.sql)
    db.$client.pragma('synchronous = FULL')
    db.$client.pragma('foreign_keys = ON')
  } finally {
    closeDatabase(db)
  }
  renameSync(partial, path)
  return { ...report, seconds: Number(process.hrtime.bigint() - started) / 1e9 }
}

export function removeDatabaseFiles (path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
}

export function describeReport (report: ScaleReport, path: string, seed: number): string[] {
  const n = (value: number) => value.toLocaleString('fi-FI')
  return [
    `scale-data: ${report.regions} regions, ${n(report.experts)} experts, ${n(report.totalRows)} rows in ${report.seconds.toFixed(1)} s → ${path} (seed ${seed})`,
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
  const report = await writeScaleDatabase(values.out, { seed, experts: Number(values.experts) })
  for (const line of describeReport(report, values.out, seed)) print(line)
  return 0
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2))
