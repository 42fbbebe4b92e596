// The orders' pages: the list, a new order, an order's page and its cancellation. Coordinators and
// pair workers work with the region's orders, an orderer with their own unit's; another region's or
// another unit's order is not found (404).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { allow } from '../../web/access.js'
import { notFound } from '../../web/errors.js'
import { id, type Body, type Errors } from '../../web/forms.js'
import { orderStatuses } from '../../../db/schema.js'
import { nowIso, today } from '../../lib/dates.js'
import { spokenLanguages } from '../me/forms.js'
import { blankOrder, durationChoices, listSorts, parseCancellation, parseOrder, parseOrderFilter, type OrderValues } from './forms.js'
import { findOrder, listOrders, type OrderDetail } from './queries.js'
import {
  cancelOrder, createOrder, isCancellable, orderChoices, ordersForUnit, viewOrder, visibleTo, type Context,
} from './service.js'
import './messages.js'
import { isLiveAssignment, isOpenForMatching } from './status.js'

const ordering = { config: allow(['coordinator', 'pair_worker', 'orderer']) }

export async function ordersRoutes (app: FastifyInstance) {
  app.get('/orders', ordering, async (request, reply) => {
    const user = request.user!
    const { filter, values, errors, page } = parseOrderFilter(request.query as Body)
    const unitless = ordersForUnit(user) && user.orderingUnitId === null
    const list = unitless
      ? { rows: [], page: 1, hasNext: false }
      : listOrders(app.db, { regionId: user.regionId, unitId: user.orderingUnitId ?? undefined }, filter, page, nowIso())
    const units = ordersForUnit(user) ? [] : orderChoices(app.db, user.regionId).units
    const data = { title: request.t('orders.title'), ...list, values, errors, query: values, units, statuses: orderStatuses, sorts: listSorts, unitless }
    return reply.page('orders/index', data, Object.keys(errors).length > 0 ? 422 : 200)
  })

  app.get('/orders/new', ordering, async (request, reply) => {
    return newPage(request, reply, blankOrder)
  })

  app.post('/orders', ordering, async (request, reply) => {
    const form = parseOrder(request.body as Body, { day: today(), choosesUnit: !ordersForUnit(request.user!) })
    const outcome = createOrder(app.db, request.user!, form, contextOf(request))
    if (!outcome.ok) return newPage(request, reply, form.values, outcome.errors)
    reply.flash('success', 'orders.created')
    return reply.redirect(`/orders/${outcome.value.id}`, 303)
  })

  app.get('/orders/:id', ordering, async (request, reply) => {
    return orderPage(request, reply, orderOf(request))
  })

  app.post('/orders/:id/cancellation', ordering, async (request, reply) => {
    const order = orderOf(request)
    const form = parseCancellation(request.body as Body)
    const outcome = cancelOrder(app.db, request.user!, order, form, contextOf(request))
    if (!outcome.ok) return orderPage(request, reply, order, form.values, outcome.errors)
    reply.flash('success', 'orders.cancelled')
    return reply.redirect(`/orders/${order.id}`, 303)
  })
}

function contextOf (request: FastifyRequest): Context {
  return { now: nowIso(), siteUrl: request.server.config.siteUrl }
}

function orderOf (request: FastifyRequest): OrderDetail {
  const orderId = id((request.params as { id: string }).id)
  const order = orderId === undefined ? undefined : findOrder(request.server.db, request.user!.regionId, orderId)
  if (!order || !visibleTo(request.user!, order)) throw notFound()
  return order
}

function newPage (request: FastifyRequest, reply: FastifyReply, values: OrderValues, errors: Errors = {}) {
  const user = request.user!
  const data = {
    title: request.t('orders.new'),
    values,
    errors,
    choices: orderChoices(request.server.db, user.regionId),
    choosesUnit: !ordersForUnit(user),
    unitless: ordersForUnit(user) && user.orderingUnitId === null,
    durations: durationChoices,
    languages: spokenLanguages,
    minDay: today(),
  }
  return reply.page('orders/new', data, Object.keys(errors).length > 0 ? 422 : 200)
}

function orderPage (request: FastifyRequest, reply: FastifyReply, found: OrderDetail, values = { reason: '' }, errors: Errors = {}) {
  const db = request.server.db
  const now = nowIso()
  const view = viewOrder(db, request.user!, found, now)
  const order = view.order
  const data = {
    title: order.topic,
    ...view,
    keeper: !ordersForUnit(request.user!),
    cancellable: isCancellable(order, now),
    matchable: isOpenForMatching(order),
    filled: view.assignments.filter(isLiveAssignment).length,
    values,
    errors,
  }
  return reply.page('orders/show', data, Object.keys(errors).length > 0 ? 422 : 200)
}
