// How a claim is computed (design §5 "Fees"), in integer cents only. The rules are those of the year of
// the work's day. The fee follows the basis: an ordering unit's own override first, then the channel's
// (hour, package or meeting fee), by the hour when neither says. Preparation is paid when the year's
// rules say so, travel is kilometres × the year's kilometre rate, receipts are reimbursed when the rules
// say so. A late cancellation whose fee stays due is the fee alone (by the hour: the planned duration);
// an audience that did not come changes nothing. An expert who declines fees gets the expenses only.
import type { FeeBasis, FeeChoice, LineKind } from '../../../db/schema.js'

export interface LineCode { code: string, text: string }

export interface YearRules {
  hourlyCents: number
  meetingFeeCents: number
  preparationPaid: boolean
  preparationHourlyCents: number
  kilometreCents: number
  receiptsReimbursed: boolean
  codes: Record<LineKind, LineCode>
  // The year's packages of channels: a channel paid as a package is paid its package's amount.
  channelPackages: Map<number, number>
  channelBases: Map<number, FeeBasis>
  unitOverrides: Map<number, { basis: FeeBasis, amountCents: number }>
}

export interface Work {
  channelId: number
  orderingUnitId: number
  plannedMinutes: number
  // Null when the work was cancelled late with its fee due (then the fee alone, on the planned time).
  actualMinutes: number | null
  preparationMinutes: number | null
  kilometres: number | null
  receiptsCents: number | null
}

export interface Line {
  kind: LineKind
  basis: FeeBasis | null
  quantity: number | null
  rateCents: number | null
  amountCents: number
  incomeTypeCode: string
  incomeTypeText: string
}

// The year of a calendar day 'YYYY-MM-DD': the year whose rules apply.
export function yearOf (day: string): number {
  return Number(day.slice(0, 4))
}

// Minutes at an hourly rate, to the nearest cent (half a cent up), in integer arithmetic.
export function centsForMinutes (minutes: number, hourlyCents: number): number {
  return Math.floor((minutes * hourlyCents + 30) / 60)
}

// The basis and the amount (the hourly rate, the package or the meeting fee) of the work's fee.
export function feeBasisOf (rules: YearRules, work: Pick<Work, 'channelId' | 'orderingUnitId'>): { basis: FeeBasis, amountCents: number } {
  const override = rules.unitOverrides.get(work.orderingUnitId)
  if (override) return override
  const basis = rules.channelBases.get(work.channelId) ?? 'hour'
  const packageCents = rules.channelPackages.get(work.channelId)
  if (basis === 'package' && packageCents !== undefined) return { basis, amountCents: packageCents }
  if (basis === 'meeting') return { basis, amountCents: rules.meetingFeeCents }
  return { basis: 'hour', amountCents: rules.hourlyCents }
}

// The claim's lines, one per type, those worth nothing left out.
export function claimLines (rules: YearRules, work: Work, choice: FeeChoice): Line[] {
  const lines: Line[] = []
  const line = (kind: LineKind, amountCents: number, fields: Partial<Line> = {}) => {
    if (amountCents > 0) lines.push({ kind, basis: null, quantity: null, rateCents: null, amountCents, incomeTypeCode: rules.codes[kind].code, incomeTypeText: rules.codes[kind].text, ...fields })
  }
  const cancelled = work.actualMinutes === null
  if (choice === 'paid') {
    const { basis, amountCents } = feeBasisOf(rules, work)
    if (basis === 'hour') {
      const minutes = work.actualMinutes ?? work.plannedMinutes
      line('fee', centsForMinutes(minutes, amountCents), { basis, quantity: minutes, rateCents: amountCents })
    } else {
      line('fee', amountCents, { basis, quantity: 1, rateCents: amountCents })
    }
    if (!cancelled && rules.preparationPaid && work.preparationMinutes) {
      line('preparation', centsForMinutes(work.preparationMinutes, rules.preparationHourlyCents), { quantity: work.preparationMinutes, rateCents: rules.preparationHourlyCents })
    }
  }
  if (cancelled) return lines
  if (work.kilometres) line('travel', work.kilometres * rules.kilometreCents, { quantity: work.kilometres, rateCents: rules.kilometreCents })
  if (rules.receiptsReimbursed && work.receiptsCents) line('receipts', work.receiptsCents)
  return lines
}

export function totalOf (lines: readonly { amountCents: number }[]): number {
  return lines.reduce((sum, line) => sum + line.amountCents, 0)
}
