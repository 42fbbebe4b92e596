// The income limit (design §5 "Fees"): an expert may set a yearly income limit (because of benefits).
// The coordinator is warned — never stopped — when the year's fees (paid and open claims, the fee and
// preparation lines; expenses are not income) and a work's estimate would pass it, and the home page
// lists the experts within 10 % of their limit.
import type { Db } from '../../db.js'
import { recordAudit } from '../audit/service.js'

export interface YearIncome { limitCents: number, feesCents: number }

// Each expert's limit and fees of the year, for those of the experts who have set a limit.
export function yearIncomes (db: Db, expertIds: number[], year: number): Map<number, YearIncome> {
  if (expertIds.length === 0) return new Map()
  const rows = db.$client.prepare(`select e.id as id, e.income_limit_cents as limitCents,
      (select coalesce(sum(l.amount_cents), 0) from fee_claims c join fee_claim_lines l on l.claim_id = c.id
        where c.expert_id = e.id and c.year = ? and l.kind in ('fee', 'preparation')) as feesCents
    from experts e where e.income_limit_cents is not null and e.id in (select value from json_each(?))`)
    .all(year, JSON.stringify(expertIds)) as { id: number, limitCents: number, feesCents: number }[]
  return new Map(rows.map((row) => [row.id, { limitCents: row.limitCents, feesCents: row.feesCents }]))
}

// Whether this work's estimate would take the year's fees past the limit.
export function passesLimit (income: YearIncome | undefined, estimateCents: number): boolean {
  return income !== undefined && income.feesCents + estimateCents > income.limitCents
}

// The region's experts whose year's fees are within 10 % of their limit (or past it), nearest first.
export function nearLimit (db: Db, regionId: number, year: number, limit = 20) {
  return db.$client.prepare(`select id, displayName, realName, limitCents, feesCents from (
      select e.id as id, e.display_name as displayName, e.real_name as realName, e.income_limit_cents as limitCents,
        (select coalesce(sum(l.amount_cents), 0) from fee_claims c join fee_claim_lines l on l.claim_id = c.id
          where c.expert_id = e.id and c.year = ? and l.kind in ('fee', 'preparation')) as feesCents
      from experts e where e.region_id = ? and e.income_limit_cents is not null and e.status <> 'ended')
    where feesCents * 10 >= limitCents * 9 order by limitCents - feesCents, id limit ?`)
    .all(year, regionId, limit) as { id: number, displayName: string, realName: string, limitCents: number, feesCents: number }[]
}

// The coordinator's home list; reading it names experts, so it is audited as a list.
export function viewNearLimit (db: Db, user: { id: number, regionId: number }, year: number) {
  const rows = nearLimit(db, user.regionId, year)
  recordAudit(db, { regionId: user.regionId, actorUserId: user.id, action: 'list', subjectType: 'expert', detail: `near_income_limit:${rows.length}` })
  return rows
}
