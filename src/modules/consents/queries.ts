import { and, asc, eq, sql } from 'drizzle-orm'
import { preparedOnce, type Db } from '../../db.js'
import { consents, experts } from '../../../db/schema.js'
import { consentDueOn, consentStatus, effectiveEnd, renewalWindowDays, type ConsentFacts, type ConsentState, type ConsentStatus } from './rules.js'
import { addDays } from '../../lib/dates.js'

export function listConsents (db: Db, expertId: number) {
  return preparedOnce(db, 'consents.ofExpert', () => db.select({
    id: consents.id, givenBy: consents.givenBy, giverName: consents.giverName,
    scopeRegister: consents.scopeRegister, scopeContact: consents.scopeContact, scopeMedia: consents.scopeMedia, scopeRealName: consents.scopeRealName,
    givenOn: consents.givenOn, expiresOn: consents.expiresOn,
  }).from(consents).where(eq(consents.expertId, sql.placeholder('expertId'))).orderBy(asc(consents.givenOn), asc(consents.id)).prepare()).all({ expertId })
}

export type ConsentRow = ReturnType<typeof listConsents>[number] & { effectiveEnd: string }

// The expert's consents with the state derived for a day (the profile's and /me's consent section).
export function consentSummary (db: Db, expert: { id: number, birthDate: string }, day: string): { status: ConsentStatus, rows: ConsentRow[] } {
  const rows = listConsents(db, expert.id).map((row) => ({ ...row, effectiveEnd: effectiveEnd(row, expert.birthDate) }))
  return { status: consentStatus(rows, expert.birthDate, day), rows }
}

// The expert of the region whose consents are kept on the consent page; another region's is not found.
export function findExpert (db: Db, regionId: number, id: number) {
  return db.select({
    id: experts.id, regionId: experts.regionId, displayName: experts.displayName, realName: experts.realName,
    birthDate: experts.birthDate, status: experts.status,
  }).from(experts).where(and(eq(experts.id, id), eq(experts.regionId, regionId))).get()
}

export type ConsentExpert = NonNullable<ReturnType<typeof findExpert>>

export type NewConsent = Omit<typeof consents.$inferInsert, 'id' | 'createdAt'>

export function insertConsent (db: Db, consent: NewConsent): number {
  return db.insert(consents).values(consent).returning({ id: consents.id }).get().id
}

// ——— Consents to renew (the coordinator's home) ———

export type RenewalState = Exclude<ConsentState, 'valid'>

export interface Renewal {
  expertId: number
  displayName: string
  state: RenewalState
  // For 'expiring' the last day the consents hold ('until'); otherwise the day the last one ended, if any.
  date: string | null
  reason?: NonNullable<ConsentStatus['renewalReason']>
}

interface CoverageRow {
  expertId: number
  displayName: string
  b15Eve: string
  b18: string
  b18Eve: string
  ownUntil: string | null
  guardianUntil: string | null
  ownCount: number
  ownEnded: string | null
  guardianEnded: string | null
}

// The same rules as rules.ts, in SQL, so that a region of thousands is one pass over its experts and
// their consents (rules.ts per expert costs luxon calls that add up to seconds for a region; measured
// here about 5× a bare join-and-count of the same 4 000 experts and 10 000 consents). A test checks
// that the two agree.
// Birthdays: 'floor' makes 29 February the 28th in other years, as birthday() does; they are computed
// once per expert (the materialized e), since date() per consent row was most of the cost.
// A consent's effective end is its expiry, cut to the eve of the 15th and 18th birthday when it was
// given before them; it covers the days from given_on to that end. Returned are only the experts
// whose consents do not cover them beyond the renewal window (own, and a guardian's while under 18).
function coverage (db: Db, regionId: number, day: string, expertIds: number[]): CoverageRow[] {
  const windowEnd = addDays(day, renewalWindowDays)
  return db.all<CoverageRow>(sql`
    with e as materialized (
      select id, display_name, b15, date(b15, '-1 day') as b15Eve, b18, date(b18, '-1 day') as b18Eve
        from (select id, display_name, date(birth_date, '+15 years', 'floor') as b15, date(birth_date, '+18 years', 'floor') as b18
                from experts
               where region_id = ${regionId} and status in ('candidate', 'active', 'paused')
                 and id in (select value from json_each(${JSON.stringify(expertIds)}))))
    select x.id as expertId, x.display_name as displayName, x.b15Eve, x.b18, x.b18Eve,
           max(case when x.own and x.given_on <= ${day} and ${day} <= x.end_on then x.end_on end) as ownUntil,
           max(case when not x.own and x.given_on <= ${day} and ${day} <= x.end_on then x.end_on end) as guardianUntil,
           count(case when x.own then 1 end) as ownCount,
           max(case when x.own and x.end_on < ${day} then x.end_on end) as ownEnded,
           max(case when not x.own and x.end_on < ${day} then x.end_on end) as guardianEnded
      from (select e.*, c.given_by = 'expert' as own, c.given_on,
                   min(c.expires_on,
                       case when c.given_on < e.b15 then e.b15Eve else c.expires_on end,
                       case when c.given_on < e.b18 then e.b18Eve else c.expires_on end) as end_on
              from e left join consents c on c.expert_id = e.id) x
     group by x.id
    having ownUntil is null or ownUntil <= ${windowEnd}
        or (x.b18 > ${day} and (guardianUntil is null or guardianUntil <= ${windowEnd}))`)
}

function renewalOf (row: CoverageRow, day: string): Renewal {
  const base = { expertId: row.expertId, displayName: row.displayName }
  if (row.ownUntil === null) return row.ownCount > 0 ? { ...base, state: 'expired', date: row.ownEnded } : { ...base, state: 'missing', date: null }
  const minor = row.b18 > day
  if (minor && row.guardianUntil === null) return { ...base, state: 'missing_guardian', date: row.guardianEnded }
  const until = minor && row.guardianUntil! < row.ownUntil ? row.guardianUntil! : row.ownUntil
  const reason = until === row.b15Eve ? 'turns15' : until === row.b18Eve ? 'turns18' : 'expiry'
  return { ...base, state: 'expiring', date: until, reason }
}

// Fills experts.consent_due_on (consentDueOn) for the region's experts whose value was forgotten (the
// triggers of migration 0007 forget it when a consent or the birth date changes): a cache kept by the
// database's own invalidation, filled on the next read.
export function fillConsentDue (db: Db, regionId: number): void {
  const sqlite = db.$client
  // By the due-day index (a seek), not the wider covering index the planner would scan.
  const stale = sqlite.prepare<[number], { id: number, birthDate: string }>(
    'select id, birth_date as birthDate from experts indexed by experts_region_consent_due where region_id = ? and consent_due_on is null').all(regionId)
  if (stale.length === 0) return
  const consentsOf = new Map<number, ConsentFacts[]>()
  const rows = sqlite.prepare<[number], ConsentFacts & { expertId: number }>(`
    select c.expert_id as expertId, c.given_by as givenBy, c.given_on as givenOn, c.expires_on as expiresOn
      from consents c join experts e on e.id = c.expert_id where e.region_id = ? and e.consent_due_on is null`).all(regionId)
  for (const { expertId, ...consent } of rows) consentsOf.set(expertId, [...(consentsOf.get(expertId) ?? []), consent])
  const save = sqlite.prepare('update experts set consent_due_on = ? where id = ?')
  db.transaction(() => {
    for (const expert of stale) save.run(consentDueOn(consentsOf.get(expert.id) ?? [], expert.birthDate), expert.id)
  })
}

const dueNow = `from experts where region_id = @regionId and consent_due_on <= @day and status in ('candidate', 'active', 'paused')`

const byName = new Intl.Collator('fi')

// The region's non-ended experts whose consent is expiring, expired, missing or lacks a guardian's on
// `day` — which includes those turning 15 or 18 within the window on a consent given before it.
// Those to act on now come first, then the expiring by the day their consent ends. The index on
// consent_due_on finds them and counts them; the state of the shown ones is then derived exactly.
export function consentsToRenew (db: Db, regionId: number, day: string, limit = 100): { rows: Renewal[], total: number } {
  fillConsentDue(db, regionId)
  const sqlite = db.$client
  const { total } = sqlite.prepare<[{ regionId: number, day: string }], { total: number }>(`select count(*) as total ${dueNow}`).get({ regionId, day })!
  const ids = sqlite.prepare<[{ regionId: number, day: string, limit: number }], { id: number }>(`select id ${dueNow} order by consent_due_on, id limit @limit`)
    .all({ regionId, day, limit }).map((row) => row.id)
  const rows = coverage(db, regionId, day, ids).map((row) => renewalOf(row, day))
  rows.sort((a, b) => Number(a.state === 'expiring') - Number(b.state === 'expiring') ||
    (a.date ?? '').localeCompare(b.date ?? '') || byName.compare(a.displayName, b.displayName) || a.expertId - b.expertId)
  return { rows, total }
}
