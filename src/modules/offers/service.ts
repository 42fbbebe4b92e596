// Answering offers (design §4.8, §5). Rules:
// - an expert answers only their own offers, and only while the offer is pending, not past its answer
//   time, and the order is neither cancelled nor started;
// - accepting inserts the assignment in the order's lowest free slot inside one immediate transaction;
//   the database refuses a slot past the places and a double booking, and that refusal is the answer
//   ('already_filled', 'double_booked'), so two acceptances at once can never both win;
// - when the order is full, its other pending offers are withdrawn and those experts are thanked;
// - mails carry display names, topics, days and links only; every answer is in the audit log.
import type { Db } from '../../db.js'
import type { Errors } from '../../web/forms.js'
import { nowIso } from '../../lib/dates.js'
import { recordAudit } from '../audit/service.js'
import { mailOfferAnswer, mailOrderFilled } from '../mail/mails.js'
import { refreshOrderStatus } from '../orders/status.js'
import { regionSettingsOf } from '../settings/queries.js'
import { feeEstimateCents, refusalOf } from '../assignments/rules.js'
import { passesLimit, yearIncomes } from '../fees/income.js'
import { yearOf } from '../fees/rules.js'
import type { OwnExpert } from '../me/queries.js'
import {
  answerOffer, expertRecipients, insertAssignment, liveSlotsOf, lowestFreeSlot, offerToAnswer, openOffersOf, pastAnswersOf,
  upcomingAssignmentsOf, withdrawPendingOffers, type OfferToAnswer,
} from './queries.js'

export type Outcome<T> = { ok: true, value: T } | { ok: false, errors: Errors }

// The signed-in expert, as found by their own user, and that user.
export interface Answerer { expert: Pick<OwnExpert, 'id' | 'regionId' | 'displayName' | 'feePreference'>, userId: number }

export type Refusal = 'expired' | 'already_answered' | 'withdrawn' | 'order_cancelled' | 'order_started' | 'already_filled' | 'double_booked'

function refused<T> (refusal: Refusal): Outcome<T> {
  return { ok: false, errors: { offer: { key: `offers.refused.${refusal}` } } }
}

// Why an offer can no longer be answered, if it cannot. A withdrawn offer of a full order is
// answered as the full order it is.
function refusalBefore (offer: OfferToAnswer, now: string, full: () => boolean): Refusal | undefined {
  if (offer.status === 'accepted' || offer.status === 'declined') return 'already_answered'
  if (offer.orderStatus === 'cancelled') return 'order_cancelled'
  if (offer.startsAt <= now) return 'order_started'
  if (offer.status === 'withdrawn') return full() ? 'already_filled' : 'withdrawn'
  if (offer.status === 'expired' || offer.expiresAt <= now) return 'expired'
  return undefined
}

// Everything /me/offers shows; reading it is audited on the expert's own record.
export function offersPage (db: Db, answerer: Answerer, now = nowIso()) {
  const { expert } = answerer
  recordAudit(db, { regionId: expert.regionId, actorUserId: answerer.userId, action: 'read', subjectType: 'expert', subjectId: expert.id, detail: 'offers' })
  const settings = regionSettingsOf(db, expert.regionId)
  const open = openOffersOf(db, expert.id, now).map((offer) => {
    const feeCents = feeEstimateCents(offer.durationMinutes, settings.hourlyFeeCents)
    const income = yearIncomes(db, [expert.id], yearOf(offer.day)).get(expert.id)
    return { ...offer, hours: offer.durationMinutes / 60, feeCents, incomeWarning: expert.feePreference !== 'declined' && passesLimit(income, feeCents) }
  })
  const upcoming = upcomingAssignmentsOf(db, expert.id, now).map((assignment) => ({ ...assignment, started: assignment.startsAt <= now }))
  return {
    open,
    upcoming,
    past: pastAnswersOf(db, expert.id, now),
    feesDeclined: expert.feePreference === 'declined',
    hourlyFeeCents: settings.hourlyFeeCents,
    freeCancellationHours: settings.freeCancellationHours,
  }
}

export function findOwnOffer (db: Db, answerer: Answerer, offerId: number): OfferToAnswer | undefined {
  return offerToAnswer(db, answerer.expert.id, offerId)
}

export function acceptOffer (db: Db, answerer: Answerer, offerId: number, siteUrl: string): Outcome<{ assignmentId: number }> {
  const { expert } = answerer
  const now = nowIso()
  const answer = db.transaction(() => {
    const offer = offerToAnswer(db, expert.id, offerId)!
    const taken = liveSlotsOf(db, offer.orderId)
    const refusal = refusalBefore(offer, now, () => taken.length >= offer.expertsWanted)
    if (refusal) return refusal
    let assignmentId: number
    try {
      assignmentId = insertAssignment(db, {
        orderId: offer.orderId, expertId: expert.id, offerId: offer.id, slot: lowestFreeSlot(taken),
        startsAt: offer.startsAt, endsAt: offer.endsAt, load: offer.load, status: 'confirmed', confirmedAt: now,
      })
    } catch (error) {
      return refusalOf(error)
    }
    answerOffer(db, offer.id, { status: 'accepted', answeredAt: now })
    const withdrawn = refreshOrderStatus(db, offer.orderId, now) === 'filled' ? withdrawPendingOffers(db, offer.orderId) : []
    const work = { name: expert.displayName, topic: offer.topic, startsAt: offer.startsAt, orderId: offer.orderId }
    mailOfferAnswer(db, siteUrl, expert.regionId, offer.offeredByUserId, 'accepted', work)
    mailOfferAnswer(db, siteUrl, expert.regionId, offer.orderedByUserId, 'coming', work)
    for (const other of expertRecipients(db, withdrawn)) {
      mailOrderFilled(db, siteUrl, { regionId: expert.regionId, to: other.email, lang: other.language }, { name: other.displayName, topic: offer.topic, startsAt: offer.startsAt })
    }
    recordAudit(db, {
      regionId: expert.regionId, actorUserId: answerer.userId, action: 'offer_accepted', subjectType: 'expert', subjectId: expert.id,
      detail: `offer:${offer.id},assignment:${assignmentId}${withdrawn.length > 0 ? `,withdrawn:${withdrawn.length}` : ''}`,
    })
    for (const expertId of withdrawn) {
      recordAudit(db, { regionId: expert.regionId, actorUserId: answerer.userId, action: 'offer_withdrawn', subjectType: 'expert', subjectId: expertId, detail: `order:${offer.orderId}` })
    }
    return assignmentId
  }, { behavior: 'immediate' })
  if (typeof answer === 'string') return refused(answer)
  return { ok: true, value: { assignmentId: answer } }
}

export function declineOffer (db: Db, answerer: Answerer, offerId: number, reason: string, siteUrl: string): Outcome<undefined> {
  const { expert } = answerer
  const now = nowIso()
  const refusal = db.transaction(() => {
    const offer = offerToAnswer(db, expert.id, offerId)!
    const refusal = refusalBefore(offer, now, () => liveSlotsOf(db, offer.orderId).length >= offer.expertsWanted)
    if (refusal) return refusal
    answerOffer(db, offer.id, { status: 'declined', answeredAt: now, declineReason: reason === '' ? null : reason })
    refreshOrderStatus(db, offer.orderId, now)
    mailOfferAnswer(db, siteUrl, expert.regionId, offer.offeredByUserId, 'declined', { name: expert.displayName, topic: offer.topic, startsAt: offer.startsAt, orderId: offer.orderId })
    recordAudit(db, { regionId: expert.regionId, actorUserId: answerer.userId, action: 'offer_declined', subjectType: 'expert', subjectId: expert.id, detail: `offer:${offer.id}` })
    return undefined
  }, { behavior: 'immediate' })
  return refusal ? refused(refusal) : { ok: true, value: undefined }
}
