// What the fee pages show: the expert's own claims (/me/fees), their yearly statement and one claim for
// a coordinator. Reading them is audited on the expert's record (claims name a person).
import type { Db } from '../../db.js'
import { recordAudit } from '../audit/service.js'
import { yearOf } from './rules.js'
import { claimOfRegion, eventsOf, linesOf, ownClaims, taxCardsOf, userNames, type ClaimListRow } from './queries.js'

export interface Reader { userId: number, regionId: number }

function audited (db: Db, reader: Reader, expertId: number, detail: string) {
  recordAudit(db, { regionId: reader.regionId, actorUserId: reader.userId, action: 'read', subjectType: 'expert', subjectId: expertId, detail })
}

function withLines<T extends { id: number }> (db: Db, claims: T[]) {
  const lines = linesOf(db, claims.map((claim) => claim.id))
  return claims.map((claim) => ({ ...claim, lines: lines.filter((line) => line.claimId === claim.id) }))
}

// The year a claim is paid in, or expected to be: its batch's payment day, else today's year.
export function paymentYear (claim: Pick<ClaimListRow, 'paidOn' | 'paymentOn'>, day: string): number {
  return yearOf(claim.paidOn ?? claim.paymentOn ?? day)
}

// The expert's own claims of a year (of the work's day) with the year's totals, and what is missing:
// a tax card for the year in which an unpaid fee will be paid.
export function ownFees (db: Db, reader: Reader, expertId: number, year: number, day: string) {
  audited(db, reader, expertId, 'fees')
  const all = ownClaims(db, expertId)
  const cards = taxCardsOf(db, expertId)
  const claims = withLines(db, all.filter((claim) => claim.year === year))
  const missingYears = [...new Set(all.filter((claim) => claim.state !== 'paid' && claim.feeCents > 0)
    .map((claim) => paymentYear(claim, day)))].filter((one) => !cards.some((card) => card.year === one)).sort()
  const sum = (rows: ClaimListRow[], field: 'feeCents' | 'expenseCents') => rows.reduce((total, row) => total + row[field], 0)
  const paid = all.filter((claim) => claim.paidOn !== null && yearOf(claim.paidOn) === year)
  const open = claims.filter((claim) => claim.state !== 'paid')
  return {
    year,
    years: [...new Set([...all.map((claim) => claim.year), yearOf(day)])].sort((a, b) => b - a),
    claims,
    missingYears,
    totals: { paidFees: sum(paid, 'feeCents'), paidExpenses: sum(paid, 'expenseCents'), openFees: sum(open, 'feeCents'), openExpenses: sum(open, 'expenseCents') },
  }
}

// The yearly statement: what was paid in the year (by the payment day), fees and expenses apart.
export function ownStatement (db: Db, reader: Reader, expertId: number, year: number) {
  audited(db, reader, expertId, `statement:${year}`)
  const claims = withLines(db, ownClaims(db, expertId).filter((claim) => claim.paidOn !== null && yearOf(claim.paidOn) === year))
    .sort((a, b) => (a.paidOn! + a.workDay).localeCompare(b.paidOn! + b.workDay))
  return {
    year,
    claims,
    fees: claims.reduce((total, claim) => total + claim.feeCents, 0),
    expenses: claims.reduce((total, claim) => total + claim.expenseCents, 0),
  }
}

// One claim of the region (found by the caller) for a coordinator: its lines, history (with who) and
// the expert's tax cards.
export function claimPage (db: Db, reader: Reader, claimId: number) {
  const claim = claimOfRegion(db, reader.regionId, claimId)!
  audited(db, reader, claim.expertId, `claim:${claim.id}`)
  const events = eventsOf(db, claim.id)
  const names = userNames(db, events.map((event) => event.userId).filter((one): one is number => one !== null))
  return {
    claim: withLines(db, [claim])[0]!,
    events: events.map((event) => ({ ...event, userName: event.userId === null ? null : names.get(event.userId)! })),
    taxCards: taxCardsOf(db, claim.expertId),
  }
}
