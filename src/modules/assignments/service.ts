// An assignment after it is confirmed (design §4.9–4.11, §5). Rules:
// - only a confirmed assignment that has not started can be cancelled, with a reason; cancelling is
//   free until the region's free-cancellation hours before the start, later the fee stays due
//   (rules.ts); the place reopens, and the order's status follows;
// - only a confirmed assignment that has started can be completed; heavy work then gets a debrief,
//   due within the region's debrief days of the work's day;
// - a debrief records only when, by whom and whether support is needed;
// - orderers and coordinators are told by mail with display names only; every read and change is in
//   the audit log on the expert's record.
import type { Db } from '../../db.js'
import type { Errors } from '../../web/forms.js'
import type { CurrentUser } from '../../web/types.js'
import type { Canceller } from '../../../db/schema.js'
import { addDays, helsinkiDay, nowIso } from '../../lib/dates.js'
import { recordAudit } from '../audit/service.js'
import { refreshOrderStatus } from '../orders/status.js'
import { regionSettingsOf } from '../settings/queries.js'
import type { Outcome } from '../offers/service.js'
import { mailAssignmentCancelled, mailAssignmentCancelledForExpert } from '../mail/mails.js'
import { assignmentClaimLocked, claimAssignment } from '../fees/claims.js'
import { feeDueAfterCancellation } from './rules.js'
import type { ParsedCompletion, ParsedDebrief } from './forms.js'
import { debriefHolders, insertDebrief, updateAssignment, updateDebrief, type AssignmentView } from './queries.js'

export function keeps (user: CurrentUser): boolean {
  return user.role === 'coordinator' || user.role === 'pair_worker'
}

function audit (db: Db, user: CurrentUser, assignment: AssignmentView, action: string, detail = `assignment:${assignment.id}`): void {
  recordAudit(db, { regionId: assignment.regionId, actorUserId: user.id, action, subjectType: 'expert', subjectId: assignment.expertId, detail })
}

function refused<T> (key: string): Outcome<T> {
  return { ok: false, errors: { assignment: { key: `assignments.refused.${key}` } } }
}

// What the page of one assignment shows to this user; reading it is audited.
export function viewAssignment (db: Db, user: CurrentUser, assignment: AssignmentView, now = nowIso()) {
  audit(db, user, assignment, 'read')
  const keeper = keeps(user)
  const settings = regionSettingsOf(db, assignment.regionId)
  return {
    keeper,
    canCancel: assignment.status === 'confirmed' && assignment.startsAt > now,
    canComplete: keeper && assignment.status === 'confirmed' && assignment.startsAt <= now,
    canCorrect: keeper && assignment.status === 'completed' && !assignmentClaimLocked(db, assignment.id),
    canDebrief: keeper && assignment.debriefDueOn !== null,
    holders: keeper ? debriefHolders(db, assignment.regionId) : [],
    freeCancellationHours: settings.freeCancellationHours,
  }
}

export function cancellerOf (user: CurrentUser): Canceller {
  if (user.role === 'orderer' || user.role === 'expert') return user.role
  return 'coordinator'
}

export function cancelAssignment (db: Db, user: CurrentUser, assignment: AssignmentView, reason: string, siteUrl: string): Outcome<undefined> {
  const now = nowIso()
  if (assignment.status !== 'confirmed') return refused(assignment.status)
  if (assignment.startsAt <= now) return refused('started')
  const cancelledBy = cancellerOf(user)
  const feeDue = feeDueAfterCancellation(assignment.startsAt, now, regionSettingsOf(db, assignment.regionId).freeCancellationHours)
  db.transaction(() => {
    updateAssignment(db, assignment.id, { status: 'cancelled', cancelledAt: now, cancelledBy, cancelledByUserId: user.id, cancellationReason: reason, feeDue })
    refreshOrderStatus(db, assignment.orderId, now)
    claimAssignment(db, assignment.id, user.id, now)
    const work = { name: assignment.displayName, topic: assignment.topic, startsAt: assignment.startsAt }
    for (const userId of new Set([assignment.offeredByUserId, assignment.orderedByUserId])) {
      if (userId !== user.id) mailAssignmentCancelled(db, siteUrl, assignment.regionId, userId, { ...work, assignmentId: assignment.id })
    }
    if (cancelledBy !== 'expert' && assignment.expertEmail !== null) {
      mailAssignmentCancelledForExpert(db, siteUrl, { regionId: assignment.regionId, to: assignment.expertEmail, lang: assignment.expertLanguage }, work)
    }
    audit(db, user, assignment, 'assignment_cancelled', `assignment:${assignment.id},by:${cancelledBy},feeDue:${feeDue}`)
  })
  return { ok: true, value: undefined }
}

export function completeAssignment (db: Db, user: CurrentUser, assignment: AssignmentView, form: ParsedCompletion): Outcome<undefined> {
  const now = nowIso()
  if (assignment.status === 'completed') return correctCompletion(db, user, assignment, form)
  if (assignment.status !== 'confirmed') return refused(assignment.status)
  if (assignment.startsAt > now) return refused('notStarted')
  if (!form.ok) return { ok: false, errors: form.errors }
  db.transaction(() => {
    updateAssignment(db, assignment.id, { ...form.fields, status: 'completed', completedAt: now, completedByUserId: user.id })
    if (assignment.load === 'heavy') {
      insertDebrief(db, assignment.id, addDays(helsinkiDay(assignment.startsAt), regionSettingsOf(db, assignment.regionId).debriefDueDays))
    }
    refreshOrderStatus(db, assignment.orderId, now)
    claimAssignment(db, assignment.id, user.id, now)
    audit(db, user, assignment, 'assignment_completed')
  })
  return { ok: true, value: undefined }
}

const corrected = ['actualMinutes', 'preparationMinutes', 'kilometres', 'receiptsCents', 'audienceCame'] as const

// Recorded hours, travel, receipts and the audience can be corrected after completion; the audit row
// names each value changed, before and after (numbers only, nothing about the person). Once fees are
// paid from these figures, an approved claim locks them; until then the claim is computed again.
function correctCompletion (db: Db, user: CurrentUser, assignment: AssignmentView, form: ParsedCompletion): Outcome<undefined> {
  if (assignmentClaimLocked(db, assignment.id)) return refused('claimLocked')
  if (!form.ok) return { ok: false, errors: form.errors }
  const changes = corrected.filter((field) => form.fields[field] !== assignment[field])
  if (changes.length === 0) return { ok: true, value: undefined }
  db.transaction(() => {
    updateAssignment(db, assignment.id, form.fields)
    claimAssignment(db, assignment.id, user.id, nowIso())
    const detail = changes.map((field) => `${field}:${String(assignment[field])}>${String(form.fields[field])}`).join(',')
    audit(db, user, assignment, 'completion_corrected', `assignment:${assignment.id},${detail}`)
  })
  return { ok: true, value: undefined }
}

export function recordDebrief (db: Db, user: CurrentUser, assignment: AssignmentView, form: ParsedDebrief): Outcome<undefined> {
  if (assignment.debriefDueOn === null) return refused('noDebrief')
  const errors: Errors = { ...form.errors }
  const { fields } = form
  if (!errors.heldByUserId && !debriefHolders(db, assignment.regionId).some((holder) => holder.id === fields.heldByUserId)) {
    errors.heldByUserId = { key: 'form.invalidChoice' }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  db.transaction(() => {
    updateDebrief(db, assignment.id, { ...fields, recordedAt: nowIso() })
    audit(db, user, assignment, 'debrief_recorded')
  })
  return { ok: true, value: undefined }
}
