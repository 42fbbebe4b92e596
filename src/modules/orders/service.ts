// Orders (design §4.6) and their cancellation (§5).
// Rules:
// - an orderer orders for their own ordering unit only, and sees only that unit's orders, with the
//   display names of the experts coming and nothing else of them; a coordinator or pair worker orders
//   on behalf of any of the region's active units and sees the offers and assignments;
// - the unit, channel, area, groups and experience areas of an order are the region's own active ones;
//   an order starts in the future; its load, when not chosen, is the channel's default;
// - the order and its groups and experience areas are stored in one transaction, and the region's
//   coordinators are told by mail (topic, day and link only) when an orderer orders;
// - only an open order that has not started can be cancelled; in one transaction its open offers are
//   withdrawn and its confirmed assignments cancelled, the fee staying due when the cancellation comes
//   later than the region's free-cancellation hours before the start; every expert touched is told by
//   mail in their own language, without names or details, and the changes are in the audit log.
import type { Db } from '../../db.js'
import type { Errors } from '../../web/forms.js'
import type { Role } from '../../../db/schema.js'
import { recordAudit } from '../audit/service.js'
import { mailNewOrder, mailOrderCancelled } from '../mail/mails.js'
import { feeDueAfterCancellation } from '../assignments/rules.js'
import { regionSettingsOf } from '../settings/queries.js'
import { regionChoices } from '../experts/queries.js'
import { helsinkiInstant, minutesPlus } from '../../lib/dates.js'
import { refreshOrderStatus } from './status.js'
import type { ParsedCancellation, ParsedOrder } from './forms.js'
import {
  activeChannels, assignmentsOfOrder, cancelAssignment, cancelOrderRow, confirmedAssignmentsOf, coordinatorAddresses, insertOrder,
  offersOfOrder, openOffersOf, orderWishes, withdrawOffers, type OrderDetail, type Touched,
} from './queries.js'

export type Outcome<T> = { ok: true, value: T } | { ok: false, errors: Errors }

export interface Actor { id: number, regionId: number, role: Role, orderingUnitId: number | null }

// When, and the site's address (SITE_URL) for the links in mails.
export interface Context { now: string, siteUrl: string }

export function ordersForUnit (actor: Actor): boolean {
  return actor.role === 'orderer'
}

// What the order form offers: the region's active units, channels, areas, groups and experience areas.
export function orderChoices (db: Db, regionId: number) {
  const all = regionChoices(db, regionId)
  const active = <T extends { active: boolean }>(rows: T[]) => rows.filter((row) => row.active)
  return {
    units: active(all.units),
    channels: activeChannels(db, regionId),
    areas: active(all.areas),
    groups: active(all.groups),
    experienceAreas: active(all.experienceAreas),
  }
}

export type OrderChoices = ReturnType<typeof orderChoices>

export function createOrder (db: Db, actor: Actor, form: ParsedOrder, { now, siteUrl }: Context): Outcome<{ id: number }> {
  const errors = { ...form.errors }
  const { values, fields } = form
  const choices = orderChoices(db, actor.regionId)
  const offered = (rows: { id: number }[], chosen: number) => rows.some((row) => row.id === chosen)
  const unitId = ordersForUnit(actor) ? actor.orderingUnitId : fields.orderingUnitId
  if (unitId === null) errors.orderingUnitId = { key: 'orders.noUnit' }
  else if (!errors.orderingUnitId && !ordersForUnit(actor) && !offered(choices.units, unitId!)) errors.orderingUnitId = { key: 'form.invalidChoice' }
  const channel = choices.channels.find((row) => row.id === fields.channelId)
  if (!errors.channelId && !channel) errors.channelId = { key: 'form.invalidChoice' }
  if (!errors.areaId && fields.areaId !== undefined && !offered(choices.areas, fields.areaId)) errors.areaId = { key: 'form.invalidChoice' }
  if (!errors.groupIds && !fields.groupIds.every((one) => offered(choices.groups, one))) errors.groupIds = { key: 'form.invalidChoice' }
  if (!errors.experienceAreaIds && !fields.experienceAreaIds.every((one) => offered(choices.experienceAreas, one))) {
    errors.experienceAreaIds = { key: 'form.invalidChoice' }
  }
  const startsAt = errors.day || errors.startTime ? '' : helsinkiInstant(values.day, values.startTime)
  if (startsAt !== '' && startsAt <= now) errors.startTime = { key: 'orders.error.pastTime' }
  if (Object.keys(errors).length > 0) return { ok: false, errors }

  const id = db.transaction(() => {
    const id = insertOrder(db, {
      regionId: actor.regionId,
      orderingUnitId: unitId!,
      orderedByUserId: actor.id,
      channelId: channel!.id,
      topic: values.topic,
      description: values.description || null,
      day: values.day,
      startTime: values.startTime,
      durationMinutes: fields.durationMinutes,
      startsAt,
      endsAt: minutesPlus(startsAt, fields.durationMinutes),
      remote: values.remote,
      areaId: fields.areaId ?? null,
      address: values.remote ? null : values.address || null,
      audienceKind: values.audienceKind || null,
      audienceSize: fields.audienceSize ?? null,
      expertsWanted: fields.expertsWanted,
      language: values.language,
      preparationWanted: values.preparationWanted,
      load: fields.load ?? channel!.defaultLoad,
      status: 'new',
      createdAt: now,
      updatedAt: now,
    }, fields.groupIds, fields.experienceAreaIds)
    recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action: 'create', subjectType: 'order', subjectId: id })
    if (ordersForUnit(actor)) {
      for (const to of coordinatorAddresses(db, actor.regionId)) {
        mailNewOrder(db, siteUrl, { regionId: actor.regionId, to, lang: 'fi' }, { id, topic: values.topic, day: values.day })
      }
    }
    return id
  })
  return { ok: true, value: { id } }
}

// An orderer finds only their own unit's orders; anyone else of the region any of the region's.
export function visibleTo (actor: Actor, order: OrderDetail): boolean {
  return !ordersForUnit(actor) || order.orderingUnitId === actor.orderingUnitId
}

// Open: still to be filled or filled, and not yet started.
export function isCancellable (order: Pick<OrderDetail, 'status' | 'startsAt'>, now: string): boolean {
  return ['new', 'matching', 'partly_filled', 'filled'].includes(order.status) && order.startsAt > now
}


// The experts an order's page shows: to a coordinator or pair worker the offers and assignments, to
// an orderer the display names of those coming. Showing any is one 'list' row of the audit log.
export function viewOrder (db: Db, actor: Actor, order: OrderDetail, now: string) {
  const status = db.transaction(() => refreshOrderStatus(db, order.id, now))
  const unit = ordersForUnit(actor)
  const offers = unit ? [] : offersOfOrder(db, order.id)
  const assignments = assignmentsOfOrder(db, order.id, unit)
  if (offers.length + assignments.length > 0) {
    recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action: 'list', subjectType: 'expert', detail: `order:${order.id}` })
  }
  const { freeCancellationHours } = regionSettingsOf(db, actor.regionId)
  return { order: { ...order, status }, offers, assignments, wishes: orderWishes(db, order.id), freeCancellationHours }
}

export function cancelOrder (db: Db, actor: Actor, order: OrderDetail, form: ParsedCancellation, { now, siteUrl }: Context): Outcome<undefined> {
  const errors = { ...form.errors }
  if (!isCancellable(order, now)) errors.reason = { key: 'orders.error.notCancellable' }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const { freeCancellationHours } = regionSettingsOf(db, actor.regionId)
  const feeDue = feeDueAfterCancellation(order.startsAt, now, freeCancellationHours)
  const cancelledBy = ordersForUnit(actor) ? 'orderer' : 'coordinator'
  const audit = (action: string, subjectType: string, subjectId: number, detail: string) =>
    recordAudit(db, { regionId: actor.regionId, actorUserId: actor.id, action, subjectType, subjectId, detail })
  db.transaction(() => {
    const offers = openOffersOf(db, order.id, now)
    const confirmed = confirmedAssignmentsOf(db, order.id)
    cancelOrderRow(db, order.id, form.values.reason, now)
    withdrawOffers(db, offers.map((offer) => offer.id))
    for (const offer of offers) audit('offer_withdrawn', 'expert', offer.expertId, `order:${order.id},offer:${offer.id}`)
    for (const assignment of confirmed) {
      cancelAssignment(db, assignment.id, { cancelledAt: now, cancelledBy, cancelledByUserId: actor.id, cancellationReason: form.values.reason, feeDue })
      audit('assignment_cancelled', 'expert', assignment.expertId, `order:${order.id},assignment:${assignment.id}`)
    }
    refreshOrderStatus(db, order.id, now)
    audit('order_cancelled', 'order', order.id, `offers:${offers.length},assignments:${confirmed.length}`)
    tellExperts(db, actor.regionId, order, offers, 'offer', siteUrl)
    tellExperts(db, actor.regionId, order, confirmed, 'assignment', siteUrl)
  })
  return { ok: true, value: undefined }
}

function tellExperts (db: Db, regionId: number, order: OrderDetail, touched: Touched[], kind: 'offer' | 'assignment', siteUrl: string): void {
  for (const one of touched) {
    if (one.email !== null) mailOrderCancelled(db, siteUrl, { regionId, to: one.email, lang: one.language }, order.day, kind)
  }
}
