// The demo region's fees (design §6): the rules of the years of its history, tax cards for most experts,
// the claims of two years of completed work and late cancellations in every state — two exported
// payroll batches, one of them paid — one expert close to the income limit and one who declines fees.
// Called by the demo seed inside its transaction; every date is counted from `day`.
import type { Db } from '../../db.js'
import { addDays } from '../../lib/dates.js'
import { claimAssignment } from './claims.js'
import { claimById, saveChannelBases, saveRules, insertPackage, type RuleFields } from './queries.js'
import { approveClaim, returnClaim, submitClaim, chooseFee } from './workflow.js'
import { createBatch, markPaid } from '../payments/service.js'
import { batchOf, snapshotLines, updateBatch, type BatchRow } from '../payments/queries.js'

const rules = (kilometreCents: number): RuleFields => ({
  hourlyCents: 2500, meetingFeeCents: 6000, preparationPaid: true, preparationHourlyCents: 2500, kilometreCents, receiptsReimbursed: true,
  feeCode: '201', feeText: 'Kokemusasiantuntijapalkkio', preparationCode: '201', preparationText: 'Valmistautuminen',
  travelCode: '311', travelText: 'Verovapaa kilometrikorvaus', receiptsCode: '330', receiptsText: 'Kulukorvaus',
})

export function seedFeesDemo (db: Db, regionId: number, coordinatorId: number, channelIds: number[], day: string, now: string): void {
  const year = Number(day.slice(0, 4))
  const sqlite = db.$client
  for (const [one, km] of [[year - 2, 59], [year - 1, 57], [year, 55]] as const) {
    saveRules(db, regionId, one, rules(km), now)
    insertPackage(db, { regionId, year: one, name: 'Ryhmänohjauspaketti', amountCents: 15000, channelId: channelIds[5]! })
    saveChannelBases(db, regionId, one, [{ channelId: channelIds[4]!, basis: 'meeting' }, { channelId: channelIds[5]!, basis: 'package' }])
  }
  const experts = sqlite.prepare('select id from experts where region_id = ? order by id').all(regionId) as { id: number }[]
  // Most experts have sent their tax cards: every seventh has not.
  const card = sqlite.prepare('insert into tax_cards (expert_id, year, received_on, recorded_by_user_id) values (?, ?, ?, ?)')
  experts.forEach((expert, n) => {
    if (n % 7 === 3) return
    card.run(expert.id, year - 2, `${year - 2}-01-20`, coordinatorId)
    card.run(expert.id, year - 1, `${year - 1}-01-15`, coordinatorId)
    card.run(expert.id, year, `${year}-01-12`, coordinatorId)
  })
  const work = sqlite.prepare(`select a.id as id from assignments a join orders o on o.id = a.order_id
    where o.region_id = ? and (a.status = 'completed' or (a.status = 'cancelled' and a.fee_due = 1 and a.cancelled_by <> 'expert'))
    order by o.day, a.id`).all(regionId) as { id: number }[]
  const claims = work.map((one) => claimAssignment(db, one.id, coordinatorId, now)!)
  // Those asked each time chose the fee for all but their newest work.
  const newest = addDays(day, -30)
  for (const claim of claims) if (claim.feeChoice === null && claim.workDay < newest) chooseFee(db, coordinatorId, claim, 'paid', now)
  const fresh = (id: number) => claimById(db, id)!
  // Older work is sent and approved; then two batches: last year's (paid) and this year's (exported).
  const cutoffs = [addDays(day, -120), addDays(day, -45)]
  for (const claim of claims.filter((one) => one.workDay <= cutoffs[1]!)) {
    submitClaim(db, coordinatorId, fresh(claim.id), now)
    approveClaim(db, coordinatorId, fresh(claim.id), now)
  }
  const actor = { id: coordinatorId, regionId }
  cutoffs.forEach((upTo, n) => {
    const made = createBatch(db, actor, { upTo, paymentOn: addDays(upTo, 14) }, now) as { ok: true, value: BatchRow }
    snapshotLines(db, made.value.id)
    updateBatch(db, made.value.id, { exportedAt: now })
    if (n === 0) markPaid(db, actor, batchOf(db, regionId, made.value.id)!, addDays(upTo, 14), now)
  })
  // Recent work in every open state.
  const recent = claims.filter((one) => one.workDay > cutoffs[1]!)
  recent.forEach((claim, n) => {
    const state = n % 4
    if (state === 0) return
    submitClaim(db, coordinatorId, fresh(claim.id), now)
    if (state === 2) approveClaim(db, coordinatorId, fresh(claim.id), now)
    if (state === 3) returnClaim(db, coordinatorId, fresh(claim.id), 'Tarkista kilometrit: reitti oli lyhyempi.', now)
  })
  // One expert close to this year's income limit.
  const earning = sqlite.prepare(`select c.expert_id as id, sum(l.amount_cents) as fees from fee_claims c join fee_claim_lines l on l.claim_id = c.id
    where c.region_id = ? and c.year = ? and l.kind in ('fee', 'preparation') group by c.expert_id order by fees desc limit 1`).get(regionId, year) as { id: number, fees: number }
  sqlite.prepare('update experts set income_limit_cents = ? where id = ?').run(Math.ceil(earning.fees * 1.05 / 100) * 100, earning.id)
}
