// The demo region of design §6: its structure, the demo accounts (password kokemus-demo) and a register
// of 45 invented experts that shows every case the app handles: all groups, areas, statuses and both
// host organisations; consents in every state (valid, expiring, expired, missing, a minor without a
// valid guardian's consent, minors about to turn 15 and 18); the basic training completed and valid,
// completed and expired, and only enrolled; varied availability. Every date is counted from today, so
// the demo stays right over time; the details come from a seeded PRNG, so every run gives the same register.
// Used by `npm start` on an empty database outside production, and by `npm run seed -- --yes`.
import { count, eq } from 'drizzle-orm'
import type { Db } from '../db.js'
import type { ConsentGiver, ExpertStatus, Role } from '../../db/schema.js'
import {
  areas, assignments, availabilityWindows, channels, consents, debriefs, experienceAreas, expertAreas, expertChannels, expertExcludedUnits,
  expertExperienceAreas, expertGroups, expertLanguages, experts, expertStatusHistory, hostOrganisations, offers, orderExperienceAreas, orderGroups, orderingUnits,
  orders, regions, regionSettings, trainingEnrolments, trainings, unavailablePeriods, users, type Canceller, type OfferStatus,
} from '../../db/schema.js'
import { hashPassword } from '../modules/auth/passwords.js'
import { recordAudit } from '../modules/audit/service.js'
import { addDays, addMonths, birthday, helsinkiDay, helsinkiInstant, minutesPlus, nowIso, today } from '../lib/dates.js'
import { orderStatusOf } from '../modules/orders/status.js'
import { seedFeesDemo } from '../modules/fees/demo.js'

export const demoPassword = 'kokemus-demo'
export const demoRegionName = 'Demohyvinvointialue'

export const demoAccounts: { email: string, name: string, role: Role }[] = [
  { email: 'admin@demo.kokemus.fi', name: 'Anna Ylläpitäjä', role: 'admin' },
  { email: 'koordinaattori@demo.kokemus.fi', name: 'Kaisa Koordinaattori', role: 'coordinator' },
  { email: 'tyopari@demo.kokemus.fi', name: 'Tuomas Työpari', role: 'pair_worker' },
  { email: 'tilaaja@demo.kokemus.fi', name: 'Olli Tilaaja', role: 'orderer' },
  { email: 'esihenkilo@demo.kokemus.fi', name: 'Eeva Esihenkilö', role: 'manager' },
  { email: 'nuori@demo.kokemus.fi', name: 'Noora Nieminen', role: 'expert' },
  { email: 'aikuinen@demo.kokemus.fi', name: 'Aleksi Aaltonen', role: 'expert' },
  { email: 'vanhempi@demo.kokemus.fi', name: 'Veera Virtanen', role: 'expert' },
]

const areaNames = ['Hämeenlinna', 'Riihimäki', 'Forssa', 'Janakkala']
const hostNames = ['Demohyvinvointialue, osallisuuspalvelut', 'Pesäpuu ry']
const unitNames: [string, number][] = [
  ['Lastensuojelun avohuolto, Hämeenlinna', 0],
  ['Sijaishuollon yksikkö Riihimäki', 1],
  ['Nuorisopsykiatrian osasto', 0],
  ['Perhekeskus Forssa', 2],
  ['Jälkihuollon palvelut', 1],
  ['Henkilöstön koulutus ja kehittäminen', 3],
]
export const channelRows: { name: string, defaultLoad: 'light' | 'heavy', requiresBasicTraining: boolean }[] = [
  { name: 'Kehittäjätiimi', defaultLoad: 'light', requiresBasicTraining: true },
  { name: 'Työpaja', defaultLoad: 'light', requiresBasicTraining: false },
  { name: 'Ammattilaisten koulutus', defaultLoad: 'heavy', requiresBasicTraining: true },
  { name: 'Rekrytointiraati', defaultLoad: 'light', requiresBasicTraining: true },
  { name: 'Ohjausryhmä', defaultLoad: 'light', requiresBasicTraining: true },
  { name: 'Vertaistukiryhmä', defaultLoad: 'heavy', requiresBasicTraining: true },
  { name: 'Media ja kirjoittaminen', defaultLoad: 'heavy', requiresBasicTraining: true },
  { name: 'Muu', defaultLoad: 'light', requiresBasicTraining: false },
]
// In this order: youth 13–17, young adult 18–29, parent, foster parent, sibling.
export const groupNames = ['Nuori 13–17 v', 'Nuori aikuinen 18–29 v', 'Vanhempi', 'Sijaisvanhempi', 'Sisarus']
export const experienceAreaNames = ['Avohuolto', 'Sijaisperhe', 'Laitoshuolto', 'Jälkihuolto', 'Psykiatrinen hoito', 'Kiireellinen sijoitus']
export const basicTrainingName = 'Kokemusasiantuntijoiden peruskoulutus'
export const basicTrainingHours = 50
export const basicTrainingValidityMonths = 36

// Invented names for guardians, custodial officials and the national scale data set.
export const firstNames = ['Aino', 'Eetu', 'Helmi', 'Onni', 'Siiri', 'Elias', 'Lumi', 'Veeti', 'Iida', 'Niilo', 'Emma', 'Joonas',
  'Ella', 'Leevi', 'Venla', 'Mikael', 'Sara', 'Otto', 'Pinja', 'Rasmus', 'Julia', 'Nelli', 'Sanna', 'Jari', 'Tiina', 'Marko',
  'Hanna', 'Katja', 'Petri', 'Laura', 'Pirjo', 'Juha', 'Riikka', 'Kari', 'Marja', 'Aada', 'Mikko', 'Emilia', 'Tuomas', 'Sari',
  'Maija', 'Heikki', 'Jenni', 'Ville', 'Outi', 'Antti', 'Minna', 'Teemu', 'Paula', 'Lauri']
export const surnames = ['Korhonen', 'Mäkinen', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen', 'Lehtonen', 'Saarinen',
  'Salminen', 'Heinonen', 'Niemi', 'Heikkilä', 'Kinnunen', 'Salonen', 'Turunen', 'Salo', 'Laitinen', 'Tuominen', 'Rantanen',
  'Karjalainen', 'Jokinen', 'Mattila', 'Lindholm', 'Leinonen', 'Kallio', 'Ahonen', 'Miettinen', 'Pitkänen', 'Lahtinen',
  'Savolainen', 'Hiltunen', 'Räsänen', 'Toivonen', 'Manninen', 'Koivisto', 'Seppälä', 'Berg', 'Lindqvist', 'Heino', 'Lahti',
  'Nurmi', 'Aalto', 'Peltonen', 'Hakala', 'Ketola', 'Vainio', 'Oksanen', 'Kivelä', 'Rinne']
export const pseudonyms = ['Kettu', 'Revontuli', 'Sisu-S.', 'Tähti', 'Myrsky', 'Kuura', 'Usva', 'Pilvi', 'Karhu', 'Kipinä', 'Kanerva',
  'Routa', 'Virta', 'Havu', 'Tuuli', 'Kallio', 'Ilves', 'Satu', 'Ruska', 'Halla', 'Kaste', 'Aallokko', 'Kaarna', 'Metsätähti',
  'Lumikki', 'Sade', 'Utu', 'Kuovi', 'Sorsa', 'Paju', 'Koivu', 'Pihlaja', 'Tyyni', 'Hehku', 'Kide', 'Laine', 'Saari', 'Polku']

// mulberry32: a small, fast PRNG; the same seed gives the same sequence on every machine.
export function seededRandom (seed: number) {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6D2B79F5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  // n distinct items, in the list's order.
  const sample = <T>(list: readonly T[], n: number): T[] => {
    const chosen = new Set<number>()
    while (chosen.size < Math.min(n, list.length)) chosen.add(Math.floor(next() * list.length))
    return [...chosen].sort((a, b) => a - b).map((i) => list[i]!)
  }
  return { next, int, pick, sample, chance: (p: number): boolean => next() < p }
}
export type Random = ReturnType<typeof seededRandom>

// 'Mäkinen' → 'makinen', for invented e-mail addresses.
export function slug (text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '.')
}

// How each person's consents stand today: the cases a coordinator must see.
type ConsentStory = 'valid' | 'expiring' | 'expired' | 'missing' | 'noGuardian' | 'guardianExpired' | 'turns15' | 'turns18'
// Basic training: A an old round (completion expired), B last year's round (valid), C the round going on
// now (enrolled only), '-' none.
type Round = 'A' | 'B' | 'C' | '-'
// Another course: completed, or enrolled without completing.
type Course = 'done' | 'enrolled' | ''

// [real name, display name, group (index in groupNames), age, status, consents, basic training, course,
//  languages (the first is the preferred language of the interface), demo account]
type Person = [string, string, number, number, ExpertStatus, ConsentStory, Round, Course, string, string?]
const people: Person[] = [
  ['Noora Nieminen', 'Revontuli', 0, 16, 'active', 'valid', 'B', '', 'fi en', 'nuori@demo.kokemus.fi'],
  ['Eetu Korhonen', 'Kettu', 0, 17, 'active', 'turns18', 'B', 'done', 'fi en'],
  ['Aino Mäkinen', 'Tähti', 0, 14, 'active', 'turns15', 'B', '', 'fi'],
  ['Onni Hämäläinen', 'Sisu-S.', 0, 15, 'active', 'valid', 'B', '', 'fi'],
  ['Helmi Laine', 'Kuura', 0, 16, 'active', 'noGuardian', 'B', '', 'fi sv'],
  ['Veeti Heikkinen', 'Myrsky', 0, 17, 'active', 'guardianExpired', 'B', '', 'fi'],
  ['Lumi Koskinen', 'Lumikki', 0, 13, 'candidate', 'missing', '-', '', 'fi'],
  ['Elias Järvinen', 'Aallokko', 0, 16, 'active', 'valid', 'B', '', 'fi ru'],
  ['Siiri Lehtonen', 'Pilvi', 0, 15, 'paused', 'valid', 'B', '', 'fi'],
  ['Niilo Saarinen', 'Karhu', 0, 17, 'active', 'valid', 'B', '', 'fi en'],
  ['Iida Salminen', 'Usva', 0, 14, 'candidate', 'valid', 'C', '', 'fi'],
  ['Aleksi Aaltonen', 'Kipinä', 1, 22, 'active', 'valid', 'B', 'done', 'fi en', 'aikuinen@demo.kokemus.fi'],
  ['Emma Heinonen', 'Kanerva', 1, 19, 'active', 'valid', 'B', 'done', 'fi en'],
  ['Joonas Niemi', 'Routa', 1, 24, 'active', 'expiring', 'B', '', 'fi'],
  ['Ella Heikkilä', 'Virta', 1, 20, 'active', 'valid', 'B', 'enrolled', 'fi'],
  ['Leevi Kinnunen', 'Havu', 1, 27, 'active', 'valid', 'A', '', 'fi en'],
  ['Venla Salonen', 'Tuuli', 1, 18, 'active', 'valid', 'B', '', 'sv fi'],
  ['Mikael Turunen', 'Kallio', 1, 25, 'active', 'expired', 'B', '', 'fi'],
  ['Sara Salo', 'Sade', 1, 23, 'paused', 'valid', 'B', '', 'fi'],
  ['Otto Laitinen', 'Ilves', 1, 29, 'ended', 'expired', 'A', '', 'fi'],
  ['Pinja Tuominen', 'Satu', 1, 21, 'active', 'valid', 'B', '', 'fi et'],
  ['Rasmus Rantanen', 'Polku', 1, 26, 'candidate', 'missing', 'C', '', 'fi'],
  ['Julia Karjalainen', 'Ruska', 1, 21, 'active', 'expiring', 'B', '', 'fi'],
  ['Daniel Jokinen', 'Halla', 1, 28, 'active', 'valid', 'B', '', 'en fi'],
  ['Amira Hassan', 'Kide', 1, 20, 'active', 'valid', 'C', '', 'fi ar en'],
  ['Nelli Mattila', 'Kaste', 1, 24, 'active', 'valid', 'B', '', 'fi'],
  ['Veera Virtanen', 'Veera V.', 2, 41, 'active', 'valid', 'B', 'done', 'fi', 'vanhempi@demo.kokemus.fi'],
  ['Sanna Lindholm', 'Sanna L.', 2, 38, 'active', 'valid', 'B', 'done', 'sv fi'],
  ['Jari Leinonen', 'Kaarna', 2, 47, 'active', 'valid', 'B', '', 'fi'],
  ['Tiina Kallio', 'Metsätähti', 2, 35, 'active', 'expiring', 'B', 'enrolled', 'fi'],
  ['Marko Ahonen', 'Marko A.', 2, 44, 'paused', 'valid', 'A', '', 'fi'],
  ['Hanna Miettinen', 'Pihlaja', 2, 39, 'active', 'valid', 'B', '', 'fi en'],
  ['Katja Pitkänen', 'Katja P.', 2, 52, 'ended', 'expired', 'A', '', 'fi'],
  ['Petri Lahtinen', 'Kuovi', 2, 49, 'active', 'valid', 'B', '', 'fi'],
  ['Laura Savolainen', 'Laura S.', 2, 33, 'candidate', 'missing', 'C', '', 'fi'],
  ['Fatima Ali', 'Hehku', 2, 36, 'active', 'valid', 'B', '', 'fi so'],
  ['Pirjo Hiltunen', 'Koivu', 3, 58, 'active', 'valid', 'A', '', 'fi'],
  ['Juha Räsänen', 'Juha R.', 3, 55, 'active', 'valid', 'B', '', 'fi'],
  ['Riikka Toivonen', 'Tyyni', 3, 46, 'active', 'valid', 'B', '', 'fi sv'],
  ['Kari Manninen', 'Kari M.', 3, 61, 'paused', 'valid', 'A', '', 'fi'],
  ['Marja Koivisto', 'Paju', 3, 50, 'candidate', 'valid', 'C', '', 'fi'],
  ['Aada Seppälä', 'Saari', 4, 20, 'active', 'valid', 'B', 'done', 'fi en'],
  ['Mikko Berg', 'Sorsa', 4, 26, 'active', 'valid', 'B', '', 'sv fi en'],
  ['Emilia Lindqvist', 'Laine', 4, 17, 'active', 'valid', 'B', '', 'fi'],
  ['Tuomas Heino', 'Utu', 4, 31, 'ended', 'expired', 'A', '', 'fi'],
]

// Weekly windows. Most experts keep several days: young people after school (and in the daytime at
// weekends), the others in the daytime, in the afternoon and evening, or both; some keep one or two
// narrow windows, whose times the matching page shows when an order falls outside them.
const narrowSlots: [string, string][] = [['09:00', '12:00'], ['12:00', '16:00'], ['16:00', '20:00'], ['17:00', '21:00'], ['10:00', '15:00']]
const schoolSlots: [string, string][] = [['15:00', '21:00'], ['16:00', '21:00']]
const weekendSlot: [string, string] = ['10:00', '20:00']
const adultSlots: [string, string][] = [['08:00', '17:00'], ['12:00', '21:00'], ['09:00', '21:00'], ['09:00', '21:00']]
const periodNotes = ['Ylioppilaskirjoitukset', 'Kesäloma', 'Lomamatka', 'Työkiireitä', null]
const pauseReasons = ['Opiskelut', 'Oma jaksaminen', 'Perhevapaa']
const endReasons = ['Muutti pois alueelta', 'Oma toive']
const feePreferences = ['paid', 'paid', 'paid', 'paid', 'paid', 'paid', 'declined', 'ask'] as const

export function isEmpty (db: Db): boolean {
  return db.select({ n: count() }).from(regions).get()!.n === 0
}

export async function seedDemo (db: Db): Promise<true> {
  const passwordHash = await hashPassword(demoPassword)
  db.transaction((tx) => {
    const region = tx.insert(regions).values({ name: demoRegionName }).returning().get()
    const regionId = region.id
    const areaIds = areaNames.map((name) => tx.insert(areas).values({ regionId, name }).returning().get().id)
    const hostIds = hostNames.map((name) => tx.insert(hostOrganisations).values({ regionId, name }).returning().get().id)
    const unitIds = unitNames.map(([name, area]) => tx.insert(orderingUnits).values({ regionId, name, areaId: areaIds[area]! }).returning().get().id)
    const channelIds = channelRows.map((channel) => tx.insert(channels).values({ regionId, ...channel }).returning().get().id)
    // The young people's groups have their age ranges; a sibling may be any age.
    const groupAges: [number | null, number | null][] = [[13, 17], [18, 29], [null, null], [null, null], [null, null]]
    const groupIds = groupNames.map((name, i) => tx.insert(expertGroups).values({ regionId, name, minAge: groupAges[i]![0], maxAge: groupAges[i]![1] }).returning().get().id)
    const experienceIds = experienceAreaNames.map((name) => tx.insert(experienceAreas).values({ regionId, name }).returning().get().id)
    const userIds = new Map(demoAccounts.map((account) => [account.email, tx.insert(users).values({
      regionId,
      ...account,
      passwordHash,
      orderingUnitId: account.role === 'orderer' ? unitIds[0]! : null,
    }).returning().get().id]))
    const structure = { regionId, areaIds, hostIds, unitIds, channelIds, groupIds, experienceIds, userIds }
    // The register and its history run on the same connection, inside this transaction.
    seedRegister(db, structure)
    seedHistory(db, structure, today(), nowIso())
    seedFeesDemo(db, regionId, userIds.get('koordinaattori@demo.kokemus.fi')!, channelIds, today(), nowIso())
  })
  return true
}

interface DemoStructure {
  regionId: number, areaIds: number[], hostIds: number[], unitIds: number[], channelIds: number[]
  groupIds: number[], experienceIds: number[], userIds: Map<string, number>
}

function seedRegister (db: Db, s: DemoStructure): void {
  const day = today()
  const random = seededRandom(20260101)
  const coordinatorId = s.userIds.get('koordinaattori@demo.kokemus.fi')!
  const rounds = seedTrainings(db, s, day)
  let minors = 0
  for (const [realName, displayName, group, age, status, story, round, course, languages, account] of people) {
    const birthDate = birthDateFor(random, day, age, story)
    const history = statusHistory(random, day, status, rounds[round])
    const activeOn = history[1]?.[1]
    const [first, last] = realName.split(' ') as [string, string]
    const langs = languages.split(' ')
    const fee = random.pick(feePreferences)
    const expert = db.insert(experts).values({
      regionId: s.regionId,
      userId: account ? s.userIds.get(account)! : null,
      realName,
      displayName,
      birthDate,
      groupId: s.groupIds[group]!,
      email: account ?? `${slug(first)}.${slug(last)}@demo.kokemus.fi`,
      phone: `04${random.int(0, 9)} ${random.int(100, 999)} ${random.int(1000, 9999)}`,
      preferredLanguage: langs[0] as 'fi' | 'sv' | 'en',
      remoteAllowed: random.chance(0.45),
      hostOrganisationId: s.hostIds[Number(random.chance(0.3))]!,
      status,
      statusSince: history.at(-1)![1],
      feePreference: fee,
      incomeLimitCents: random.chance(0.12) ? random.int(2, 6) * 100_000 : null,
      taxCardReceivedOn: fee === 'paid' && activeOn ? addDays(activeOn, random.int(1, 20)) : null,
      monthlyCap: random.chance(0.4) ? random.int(1, 4) : null,
      pausedUntil: status === 'paused' && random.chance(0.7) ? addDays(day, random.int(20, 90)) : null,
      createdAt: `${history[0]![1]}T09:00:00.000Z`,
      updatedAt: `${history.at(-1)![1]}T09:00:00.000Z`,
    }).returning({ id: experts.id }).get()
    const expertId = expert.id
    recordAudit(db, { regionId: s.regionId, actorUserId: null, action: 'create', subjectType: 'expert', subjectId: expertId, detail: 'demo seed' })
    for (const [state, changedOn, reason] of history) {
      db.insert(expertStatusHistory).values({ expertId, status: state, changedOn, reason, changedByUserId: coordinatorId, createdAt: `${changedOn}T09:00:00.000Z` }).run()
    }
    for (const language of langs) db.insert(expertLanguages).values({ expertId, language }).run()
    for (const areaId of random.sample(s.areaIds, random.int(1, 3))) db.insert(expertAreas).values({ expertId, areaId }).run()
    for (const experienceAreaId of random.sample(s.experienceIds, random.int(1, 3))) db.insert(expertExperienceAreas).values({ expertId, experienceAreaId }).run()
    for (const channelId of random.sample(s.channelIds, random.int(1, 3))) db.insert(expertChannels).values({ expertId, channelId }).run()
    if (random.chance(0.15)) db.insert(expertExcludedUnits).values({ expertId, orderingUnitId: random.pick(s.unitIds) }).run()
    const minor = age < 18
    if (minor) minors++
    const guardian = minors % 3 === 0
      ? { givenBy: 'custodial_official' as const, giverName: `${random.pick(firstNames)} ${random.pick(surnames)}` }
      : { givenBy: 'guardian' as const, giverName: `${random.pick(firstNames)} ${last}` }
    for (const consent of consentsFor(random, day, birthDate, story, minor, guardian)) {
      db.insert(consents).values({ expertId, ...consent, recordedByUserId: coordinatorId, createdAt: `${consent.givenOn}T09:00:00.000Z` }).run()
    }
    const basic = rounds[round]
    if (basic) {
      db.insert(trainingEnrolments).values({ trainingId: basic.id, expertId, enrolledOn: addDays(basic.startsOn, -random.int(7, 30)), completedOn: basic.completes ? basic.endsOn : null }).run()
    }
    if (course) {
      db.insert(trainingEnrolments).values({ trainingId: rounds.course.id, expertId, enrolledOn: addDays(rounds.course.startsOn, -random.int(7, 30)), completedOn: course === 'done' ? rounds.course.endsOn : null }).run()
    }
    seedAvailability(db, random, day, expertId, status, age)
  }
}

interface TrainingRun { id: number, startsOn: string, endsOn: string, completes: boolean }

// The basic training is run as rounds: one that ended over three years ago (its completions have
// expired), last year's (valid), and the one going on now. The other course is not a qualification.
function seedTrainings (db: Db, s: DemoStructure, day: string): Record<Round, TrainingRun | undefined> & { course: TrainingRun } {
  const add = (startsOn: string, endsOn: string, isBasic: boolean, name: string, hours: number, hostId: number): TrainingRun => {
    const row = db.insert(trainings).values({
      regionId: s.regionId, name, hostOrganisationId: hostId, hours, startsOn, endsOn, isBasic,
      validityMonths: isBasic ? basicTrainingValidityMonths : null, createdAt: `${startsOn}T09:00:00.000Z`,
    }).returning({ id: trainings.id }).get()
    return { id: row.id, startsOn, endsOn, completes: endsOn < day }
  }
  const basic = (startsOn: string, endsOn: string) => add(startsOn, endsOn, true, `${basicTrainingName} ${startsOn.slice(0, 4)}`, basicTrainingHours, s.hostIds[0]!)
  return {
    A: basic(addMonths(day, -41), addMonths(day, -38)),
    B: basic(addMonths(day, -14), addMonths(day, -11)),
    C: basic(addDays(day, -30), addMonths(day, 2)),
    '-': undefined,
    course: add(addMonths(day, -5), addMonths(day, -4), false, 'Oma tarina turvallisesti – esiintymiskoulutus', 12, s.hostIds[1]!),
  }
}

// A birth date that makes the person `age` today, with the next birthday at least two months away;
// those about to turn 15 or 18 have it in 20 or 25 days.
function birthDateFor (random: Random, day: string, age: number, story: ConsentStory): string {
  if (story === 'turns15') return addMonths(addDays(day, 20), -15 * 12)
  if (story === 'turns18') return addMonths(addDays(day, 25), -18 * 12)
  return addDays(addMonths(day, -age * 12), -random.int(40, 300))
}

// [status, day, reason]: registered as a candidate, active after the basic training (or two weeks
// after registration without it), then paused or ended.
function statusHistory (random: Random, day: string, status: ExpertStatus, round: TrainingRun | undefined): [ExpertStatus, string, string | null][] {
  const createdOn = round ? addDays(round.startsOn, -random.int(10, 40)) : addDays(day, -random.int(30, 60))
  const history: [ExpertStatus, string, string | null][] = [['candidate', createdOn, null]]
  if (status === 'candidate') return history
  history.push(['active', round?.completes ? addDays(round.endsOn, random.int(1, 14)) : addDays(createdOn, 14), null])
  if (status === 'paused') history.push(['paused', addDays(day, -random.int(10, 60)), random.pick(pauseReasons)])
  if (status === 'ended') history.push(['ended', addDays(day, -random.int(30, 200)), random.pick(endReasons)])
  return history
}

interface ConsentFields {
  givenBy: ConsentGiver, giverName: string | null, givenOn: string, expiresOn: string
  scopeRegister: boolean, scopeContact: boolean, scopeMedia: boolean, scopeRealName: boolean
}

function consentsFor (random: Random, day: string, birthDate: string, story: ConsentStory, minor: boolean, guardian: { givenBy: ConsentGiver, giverName: string }): ConsentFields[] {
  // A valid consent is given after the latest 15th or 18th birthday, which would otherwise end it.
  const renewedAfter = [15, 18].map((years) => birthday(birthDate, years)).filter((d) => d <= day)
  const validFrom = [addDays(day, -random.int(100, 330)), ...renewedAfter].sort().at(-1)!
  const expiringFrom = addDays(addMonths(day, -24), random.int(10, 25))
  const periods: Record<ConsentStory, [string, string] | undefined> = {
    valid: [validFrom, addMonths(validFrom, 24)],
    noGuardian: [validFrom, addMonths(validFrom, 24)],
    guardianExpired: [validFrom, addMonths(validFrom, 24)],
    expiring: [expiringFrom, addMonths(expiringFrom, 24)],
    expired: [addMonths(day, -30), addMonths(day, -6)],
    turns15: [addDays(day, -200), addMonths(addDays(day, -200), 24)],
    turns18: [addDays(day, -200), addMonths(addDays(day, -200), 24)],
    missing: undefined,
  }
  const period = periods[story]
  if (!period) return []
  const media = random.chance(0.4)
  const own: ConsentFields = {
    givenBy: 'expert', giverName: null, givenOn: period[0], expiresOn: period[1],
    scopeRegister: true, scopeContact: random.chance(0.9), scopeMedia: media, scopeRealName: !minor && random.chance(0.3),
  }
  if (!minor || story === 'noGuardian') return [own]
  const guardianPeriod = story === 'guardianExpired' ? { givenOn: addMonths(day, -14), expiresOn: addDays(day, -10) } : {}
  return [own, { ...own, ...guardian, ...guardianPeriod }]
}

// Weekly windows (young people after school and at weekends), sometimes an unavailable period (past,
// going on or coming).
function seedAvailability (db: Db, random: Random, day: string, expertId: number, status: ExpertStatus, age: number): void {
  if (status === 'ended') return
  const narrow = random.chance(0.2)
  const slot = age < 18 ? random.pick(schoolSlots) : random.pick(adultSlots)
  for (const weekday of random.sample([1, 2, 3, 4, 5, 6, 7], narrow ? random.int(1, 2) : random.int(5, 6))) {
    const [startsAt, endsAt] = narrow ? random.pick(narrowSlots) : age < 18 && weekday >= 6 ? weekendSlot : slot
    db.insert(availabilityWindows).values({ expertId, weekday, startsAt, endsAt }).run()
  }
  if (random.chance(0.4)) {
    const startsOn = addDays(day, random.int(-60, 120))
    db.insert(unavailablePeriods).values({ expertId, startsOn, endsOn: addDays(startsOn, random.int(3, 30)), note: random.pick(periodNotes) }).run()
  }
}

// ——— Two years of orders, offers, assignments and debriefs (issue 4) ———
// About 120 orders over the 24 months before the seed day and 16 from today over the coming six
// weeks, across the units and channels: every order, offer and assignment status, cancellations by
// each canceller (late ones keep the fee due), heavy work with debriefs done and two overdue, and an
// open offer for each demo expert. Experts are chosen only while active, from the groups an order
// wants. The orders fall on different days (the past ones 3 to 10 days apart), so nobody is ever booked
// twice at overlapping times, nor within the travel margin, and the database's guarantees hold. Every
// instant is counted from the seed day's Helsinki calendar, so runs on one day are equal.

const topicsByChannel: string[][] = [
  ['Kehittäjätiimi: avohuollon asiakasprosessi', 'Kehittäjätiimi: nuorten osallisuus sijaishuollossa'],
  ['Työpaja: hyvä ensitapaaminen sosiaalityöntekijän kanssa', 'Työpaja: jälkihuollon palvelupolku', 'Työpaja: perhekeskuksen palvelut nuorten silmin'],
  ['Koulutus sosiaalityöntekijöille: nuoren kokemus kiireellisestä sijoituksesta', 'Koulutus hoitajille: nuori psykiatrisella osastolla', 'Perehdytyskoulutus uusille työntekijöille'],
  ['Rekrytointi: sosiaalityöntekijä, avohuolto', 'Rekrytointi: ohjaaja, nuorten kotiin'],
  ['Ohjausryhmä: lastensuojelun kehittämishanke', 'Osallisuustyön ohjausryhmä'],
  ['Vertaistukiryhmä sijoitettujen lasten vanhemmille', 'Nuorten vertaisryhmän ilta'],
  ['Blogikirjoitus: minun jälkihuoltoni', 'Haastattelu paikallislehteen'],
  ['Kokemuspuheenvuoro henkilöstöpäivillä', 'Messut: osallisuuden esittelypiste'],
]
const addresses = ['Raatihuoneenkatu 1, Hämeenlinna', 'Kauppakatu 5, Riihimäki', 'Torikatu 3, Forssa', 'Turenkitie 2, Janakkala']
const audienceKinds = ['sosiaalityöntekijät', 'ohjaajat', 'hoitajat', 'opiskelijat', 'vanhemmat']
const startTimes = ['09:00', '10:00', '12:30', '13:00', '14:00', '17:00', '18:00']
const durations = [60, 90, 120, 180, 240]
const declineReasons = ['Koeviikko', 'Olen silloin matkoilla', 'Aika ei sovi', 'Aihe tuntuu nyt liian raskaalta']
const orderCancellationReasons = ['Koulutus siirtyi', 'Liian vähän osallistujia', 'Tilaisuus peruttiin']
const assignmentCancellationReasons: Record<Canceller, string> = {
  expert: 'Sairastuin', orderer: 'Tilaisuus peruttiin', coordinator: 'Päällekkäinen tehtävä',
}

const hour = 60

type Outcome = 'done' | 'unfilled' | 'cancelled' | 'replaced' | 'new' | 'matching' | 'partly' | 'filled'

interface OrderPlan {
  dayOffset: number, time: string, duration: number, channel: number, unit: number, wanted: number, remote: boolean
  groups: number[], outcome: Outcome, late?: boolean, canceller?: Canceller, pendingFor?: string[], confirmedFor?: string[]
}

// The coming orders, written out so that each shows a case: [day, time, minutes, channel, unit,
// places, remote, groups wanted, outcome, demo experts with an open offer, demo experts confirmed].
const comingOrders: [number, string, number, number, number, number, boolean, number[], Outcome, string[]?, string[]?][] = [
  [0, '12:00', 120, 4, 0, 1, false, [], 'filled'],
  [1, '13:00', 90, 3, 1, 1, false, [], 'filled'],
  [2, '17:00', 120, 5, 3, 2, false, [2, 3], 'partly'],
  [4, '10:00', 180, 2, 0, 2, false, [1], 'filled', [], ['aikuinen@demo.kokemus.fi']],
  [6, '16:00', 120, 1, 0, 2, false, [0], 'matching', ['nuori@demo.kokemus.fi']],
  [7, '09:00', 240, 0, 4, 3, true, [], 'partly'],
  [9, '13:00', 90, 1, 2, 1, false, [1], 'matching', ['aikuinen@demo.kokemus.fi']],
  [11, '18:00', 120, 5, 3, 1, false, [2], 'matching', ['vanhempi@demo.kokemus.fi']],
  [13, '10:00', 120, 7, 5, 1, false, [], 'cancelled'],
  [15, '12:30', 60, 6, 0, 1, true, [], 'new'],
  [18, '09:00', 180, 2, 2, 2, false, [0, 1], 'matching'],
  [21, '14:00', 120, 4, 0, 1, false, [], 'new'],
  [25, '10:00', 240, 0, 5, 2, true, [], 'partly'],
  [29, '13:00', 90, 3, 1, 1, false, [1, 2], 'cancelled'],
  [35, '17:00', 120, 1, 0, 2, false, [], 'new'],
  [41, '10:00', 180, 2, 4, 2, false, [], 'filled'],
]

interface DemoExpert { id: number, displayName: string, groupId: number, activeOn: string, until: string | null, email: string | null }

// Experts nobody has offered work to for over seven months (one of them never): matching marks them
// "not asked for 6 months" (design §5: they are surfaced).
const unasked = new Set(['Satu', 'Kaarna', 'Tyyni', 'Kide'])
const demoExperts = new Set<string | null>(demoAccounts.filter((a) => a.role === 'expert').map((a) => a.email))

function pastOrderPlans (random: Random, channelCount: number, unitCount: number, groupCount: number): OrderPlan[] {
  const plans: OrderPlan[] = []
  for (let i = 0; i < 120; i++) {
    // The last four fall in the last ten days, so that recent work waits to be recorded (seedHistory).
    const spread = Math.min(-1, -730 + Math.floor((i * 729) / 120) + random.int(0, 3))
    const dayOffset = i >= 116 ? -(120 - i) * 2 - 1 : spread
    const channel = random.int(0, channelCount - 1)
    const cancelled = i % 13 === 5 || i % 13 === 11
    const outcome: Outcome = cancelled ? 'cancelled' : i % 14 === 7 ? 'unfilled' : i % 11 === 3 ? 'replaced' : 'done'
    plans.push({
      dayOffset,
      time: random.pick(startTimes),
      duration: random.pick(durations),
      channel,
      unit: random.int(0, unitCount - 1),
      wanted: random.chance(0.6) ? 1 : random.int(2, 3),
      remote: random.chance(0.3),
      groups: random.chance(0.35) ? random.sample([...Array(groupCount).keys()], random.int(1, 2)) : [],
      outcome,
      canceller: i % 13 === 5 ? 'orderer' : 'coordinator',
      late: i % 26 === 5,
    })
  }
  return plans
}

function seedHistory (db: Db, s: DemoStructure, day: string, now: string): void {
  const random = seededRandom(20240601)
  const sqlite = db.$client
  const coordinatorId = s.userIds.get('koordinaattori@demo.kokemus.fi')!
  const pairWorkerId = s.userIds.get('tyopari@demo.kokemus.fi')!
  const ordererId = s.userIds.get('tilaaja@demo.kokemus.fi')!
  db.insert(regionSettings).values({
    regionId: s.regionId, heavyMonthlyCap: 2, coolOffDays: 7, travelMarginMinutes: 45, offerExpiryHours: 72,
    freeCancellationHours: 24, debriefDueDays: 7, hourlyFeeCents: 2500, updatedAt: `${addDays(day, -200)}T08:00:00.000Z`,
  }).run()
  const pool = sqlite.prepare<[number], DemoExpert>(`
    select e.id, e.display_name as displayName, e.group_id as groupId, e.email,
           (select h.changed_on from expert_status_history h where h.expert_id = e.id and h.status = 'active') as activeOn,
           (select h.changed_on from expert_status_history h where h.expert_id = e.id and h.status in ('paused', 'ended')) as until
      from experts e where e.region_id = ? order by e.id`).all(s.regionId).filter((e) => e.activeOn !== null)
  const unitAreas = s.unitIds.map((id) => db.select({ areaId: orderingUnits.areaId }).from(orderingUnits).where(eq(orderingUnits.id, id)).get()!.areaId)
  const heavyDone: { assignmentId: number, endsAt: string }[] = []
  const byEmail = (email: string) => pool.find((e) => e.email === email)!

  const plans = [
    ...pastOrderPlans(random, s.channelIds.length, s.unitIds.length, s.groupIds.length),
    ...comingOrders.map(([dayOffset, time, duration, channel, unit, wanted, remote, groups, outcome, pendingFor, confirmedFor]): OrderPlan =>
      ({ dayOffset, time, duration, channel, unit, wanted, remote, groups, outcome, pendingFor, confirmedFor, canceller: 'orderer' })),
  ]
  plans.forEach((plan, index) => {
    const orderDay = addDays(day, plan.dayOffset)
    const startsAt = helsinkiInstant(orderDay, plan.time)
    const endsAt = minutesPlus(startsAt, plan.duration)
    const load = channelRows[plan.channel]!.defaultLoad
    const createdAt = helsinkiInstant(addDays(orderDay, -random.int(20, 45)), '09:00')
    const order = db.insert(orders).values({
      regionId: s.regionId, orderingUnitId: s.unitIds[plan.unit]!, orderedByUserId: plan.unit === 0 ? ordererId : coordinatorId,
      channelId: s.channelIds[plan.channel]!, topic: random.pick(topicsByChannel[plan.channel]!),
      description: random.chance(0.5) ? 'Kokemusasiantuntija kertoo omasta kokemuksestaan ja vastaa kysymyksiin.' : null,
      day: orderDay, startTime: plan.time, durationMinutes: plan.duration, startsAt, endsAt, remote: plan.remote,
      areaId: plan.remote ? null : unitAreas[plan.unit]!, address: plan.remote ? null : addresses[s.areaIds.indexOf(unitAreas[plan.unit]!)]!,
      audienceKind: random.pick(audienceKinds), audienceSize: random.int(5, 60), expertsWanted: plan.wanted,
      preparationWanted: load === 'heavy', load, status: 'new', createdAt, updatedAt: createdAt,
    }).returning({ id: orders.id }).get()
    const groupIds = plan.groups.map((g) => s.groupIds[g]!)
    for (const groupId of groupIds) db.insert(orderGroups).values({ orderId: order.id, groupId }).run()
    if (random.chance(0.5)) db.insert(orderExperienceAreas).values({ orderId: order.id, experienceAreaId: random.pick(s.experienceIds) }).run()
    if (plan.outcome === 'new') return

    // Who may be offered the work: active that day, of a wanted group, and not one of the unasked in
    // their seven months (no two orders share a day, so nobody is busy at the time).
    const eligible = (e: DemoExpert) => e.activeOn <= orderDay && (e.until === null || orderDay < e.until) &&
      (groupIds.length === 0 || groupIds.includes(e.groupId)) && !(unasked.has(e.displayName) && orderDay > addMonths(day, -7))
    const named = [...(plan.confirmedFor ?? []), ...(plan.pendingFor ?? [])].map(byEmail)
    // The demo experts' coming work and offers are the ones written out for them (one open offer each).
    const others = pool.filter((e) => eligible(e) && !named.includes(e) && !(plan.dayOffset >= 0 && demoExperts.has(e.email)))
    const candidates = [...named, ...others]
    shuffle(random, candidates, named.length)
    const offeredAt = plan.dayOffset > 3 ? helsinkiInstant(addDays(day, -1), '10:00') : helsinkiInstant(addDays(orderDay, -random.int(6, 20)), '10:00')
    const expiresAt = plan.dayOffset > 3 ? helsinkiInstant(addDays(day, 2), '10:00') : minutesPlus(offeredAt, 72 * hour)
    const answeredAt = (n: number) => minutesPlus(offeredAt, (2 + n) * hour)
    const offeredBy = index % 3 === 0 ? pairWorkerId : coordinatorId
    const offer = (expertId: number, status: OfferStatus, n: number) => db.insert(offers).values({
      orderId: order.id, expertId, offeredByUserId: offeredBy, status, offeredAt, expiresAt,
      answeredAt: status === 'accepted' || status === 'declined' ? answeredAt(n) : null,
      declineReason: status === 'declined' ? random.pick(declineReasons) : null,
    }).returning({ id: offers.id }).get().id
    const assign = (expertId: number, offerId: number, slot: number, n: number, extra: Partial<typeof assignments.$inferInsert> = {}) => {
      return db.insert(assignments).values({
        orderId: order.id, expertId, offerId, slot, startsAt, endsAt, load, status: 'confirmed', confirmedAt: answeredAt(n), ...extra,
      }).returning({ id: assignments.id }).get().id
    }
    const complete = (assignmentId: number) => {
      const audienceCame = !random.chance(0.1)
      db.update(assignments).set({
        status: 'completed', actualMinutes: plan.duration + random.pick([0, 0, 15, 30]), preparationMinutes: load === 'heavy' ? 60 : null,
        kilometres: plan.remote ? null : random.int(4, 70), receiptsCents: random.chance(0.15) ? random.int(3, 25) * 100 : null,
        audienceCame, completedAt: minutesPlus(endsAt, random.int(1, 3) * 24 * hour), completedByUserId: coordinatorId,
      }).where(eq(assignments.id, assignmentId)).run()
      if (load === 'heavy') heavyDone.push({ assignmentId, endsAt })
    }

    const places = plan.outcome === 'partly' ? plan.wanted - 1 : plan.wanted
    const takers = plan.outcome === 'unfilled' || plan.outcome === 'matching' ? [] : candidates.splice(0, places)
    let n = 0
    takers.forEach((expert, i) => {
      const offerId = offer(expert.id, 'accepted', n++)
      if (plan.outcome === 'replaced' && i === 0 && candidates.length > 0) {
        // The first to accept fell ill; another took the place.
        assign(expert.id, offerId, 1, n, { status: 'cancelled', cancelledAt: minutesPlus(startsAt, -3 * 24 * hour), cancelledBy: 'expert', cancellationReason: assignmentCancellationReasons.expert, feeDue: false })
        const stand = candidates.shift()!
        complete(assign(stand.id, offer(stand.id, 'accepted', n++), 1, n))
        return
      }
      const assignmentId = assign(expert.id, offerId, i + 1, n)
      // Work of the last week is left for the coordinator to record, as it is in real life.
      if ((plan.outcome === 'done' && plan.dayOffset < -7) || plan.outcome === 'replaced') complete(assignmentId)
      if (plan.outcome === 'cancelled') {
        const cancelledAt = plan.late ? minutesPlus(startsAt, -5 * hour) : minutesPlus(startsAt, -4 * 24 * hour)
        db.update(assignments).set({
          status: 'cancelled', cancelledAt: plan.dayOffset > 0 ? helsinkiInstant(addDays(day, -1), '15:00') : cancelledAt, cancelledBy: plan.canceller!,
          cancelledByUserId: plan.canceller === 'orderer' ? ordererId : coordinatorId,
          cancellationReason: assignmentCancellationReasons[plan.canceller!], feeDue: Boolean(plan.late),
        }).where(eq(assignments.id, assignmentId)).run()
      }
    })
    // The others asked: open offers for coming work, otherwise declined, expired or withdrawn.
    const asked = plan.outcome === 'matching' ? Math.max(2, named.length) : random.int(1, 3)
    for (const expert of candidates.slice(0, asked)) {
      const open = plan.dayOffset > 3 && (plan.outcome === 'matching' || plan.outcome === 'partly')
      const closed: OfferStatus = plan.outcome === 'unfilled' ? random.pick(['declined', 'expired'] as const)
        : plan.outcome === 'cancelled' || plan.outcome === 'filled' ? 'withdrawn' : random.pick(['declined', 'expired', 'withdrawn'] as const)
      offer(expert.id, open ? 'pending' : closed, n++)
    }
    const facts = sqlite.prepare<[{ id: number }], { live: number, completed: number, offers: number }>(`
      select (select count(*) from assignments where order_id = @id and status <> 'cancelled') as live,
             (select count(*) from assignments where order_id = @id and status = 'completed') as completed,
             (select count(*) from offers where order_id = @id) as offers`).get({ id: order.id })!
    const stored = plan.outcome === 'cancelled' ? 'cancelled' : 'new'
    const status = orderStatusOf({ status: stored, expertsWanted: plan.wanted, startsAt, endsAt, ...facts }, now)
    db.update(orders).set({
      status, cancellationReason: status === 'cancelled' ? random.pick(orderCancellationReasons) : null, updatedAt: minutesPlus(createdAt, 24 * hour),
    }).where(eq(orders.id, order.id)).run()
  })

  // Debriefs after heavy work: done within the due days, except the two latest already overdue
  // (and any not yet due).
  const overdue = heavyDone.filter((h) => addDays(helsinkiDay(h.endsAt), 7) < day).sort((a, b) => b.endsAt.localeCompare(a.endsAt)).slice(0, 2)
  for (const { assignmentId, endsAt } of heavyDone) {
    const dueOn = addDays(helsinkiDay(endsAt), 7)
    const done = dueOn < day && !overdue.some((o) => o.assignmentId === assignmentId)
    const doneOn = done ? addDays(helsinkiDay(endsAt), random.int(1, 6)) : null
    db.insert(debriefs).values({
      assignmentId, dueOn, doneOn, heldByUserId: done ? random.pick([coordinatorId, pairWorkerId]) : null,
      supportNeeded: done ? random.chance(0.15) : null, recordedAt: doneOn ? `${doneOn}T12:00:00.000Z` : null,
    }).run()
  }
}

// Shuffles list[from…] in place (Fisher–Yates with the seeded generator).
function shuffle<T> (random: Random, list: T[], from = 0): void {
  for (let i = list.length - 1; i > from; i--) {
    const j = random.int(from, i)
    ;[list[i], list[j]] = [list[j]!, list[i]!]
  }
}
