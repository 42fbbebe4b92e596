// The coordinator's payments: GET /payments (claims to approve, returned, waiting for the tax card,
// approved and not batched; batches with totals; filters by year, state and expert), POST
// /payments/batches, GET /payments/batches/:id, its export GET /payments/batches/:id.csv and POST
// /payments/batches/:id/payment (marked paid). Coordinators and admins act; pair workers read the lists
// and batches (never an identity code) and cannot export.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { and, eq, inArray, type SQL } from 'drizzle-orm'
import { allow } from '../../web/access.js'
import { notFound } from '../../web/errors.js'
import { calendarDay, id, result, text, type Body, type Errors } from '../../web/forms.js'
import { addDays, nowIso, today } from '../../lib/dates.js'
import { claimStates, feeClaims, taxCards, type ClaimState } from '../../../db/schema.js'
import { recordAudit } from '../audit/service.js'
import { claimRows, linesOf } from '../fees/queries.js'
import { yearOf } from '../fees/rules.js'
import { batchOf, batchesOf, claimIdsOf } from './queries.js'
import { createBatch, exportBatch, markPaid } from './service.js'
import '../fees/messages.js'

const readers = { config: allow(['coordinator', 'pair_worker', 'admin']) }
const keepers = { config: allow(['coordinator', 'admin']) }

export function parseBatch (body: Body | undefined) {
  const errors: Errors = {}
  const values = { upTo: text(body, 'upTo'), paymentOn: text(body, 'paymentOn') }
  const fields = { upTo: calendarDay(errors, 'upTo', values.upTo), paymentOn: calendarDay(errors, 'paymentOn', values.paymentOn) }
  return { ...result(values, errors), fields }
}

export function parsePaid (body: Body | undefined) {
  const errors: Errors = {}
  const values = { paidOn: text(body, 'paidOn') }
  const paidOn = calendarDay(errors, 'paidOn', values.paidOn)
  return { ...result(values, errors), paidOn }
}

// The filters from the address; anything unreadable is ignored.
function filtersOf (query: Record<string, string | undefined>) {
  const year = /^\d{4}$/.test(query.year ?? '') ? Number(query.year) : undefined
  const state = (claimStates as readonly string[]).includes(query.state ?? '') ? query.state as ClaimState : undefined
  const expertId = id(query.expert)
  return { year, state, expertId }
}

export function paymentsData (request: FastifyRequest) {
  const db = request.server.db
  const regionId = request.user!.regionId
  const filters = filtersOf(request.query as Record<string, string | undefined>)
  const where: (SQL | undefined)[] = [eq(feeClaims.regionId, regionId)]
  if (filters.year) where.push(eq(feeClaims.year, filters.year))
  if (filters.state) where.push(eq(feeClaims.state, filters.state))
  if (filters.expertId) where.push(eq(feeClaims.expertId, filters.expertId))
  const claims = claimRows(db, and(...where))
  recordAudit(db, { regionId, actorUserId: request.user!.id, action: 'list', subjectType: 'fee_claims', detail: `payments:${claims.length}` })
  const taxYear = yearOf(today())
  const cards = new Set(db.select({ expertId: taxCards.expertId }).from(taxCards).where(eq(taxCards.year, taxYear)).all().map((row) => row.expertId))
  const approved = claims.filter((claim) => claim.state === 'approved')
  const waiting = approved.filter((claim) => claim.feeCents > 0 && !cards.has(claim.expertId))
  return {
    filters,
    taxYear,
    toApprove: claims.filter((claim) => claim.state === 'submitted'),
    returned: claims.filter((claim) => claim.state === 'returned'),
    waiting,
    ready: approved.filter((claim) => !waiting.includes(claim)),
    all: claims,
    claimStates,
    experts: [...new Map(claims.map((claim) => [claim.expertId, claim.realName])).entries()].sort((a, b) => a[1].localeCompare(b[1])),
    batches: batchesOf(db, regionId),
  }
}

export async function paymentsRoutes (app: FastifyInstance) {
  app.get('/payments', readers, async (request, reply) => paymentsPage(request, reply))

  app.post('/payments/batches', keepers, async (request, reply) => {
    const form = parseBatch(request.body as Body)
    if (!form.ok) return paymentsPage(request, reply, form)
    const outcome = createBatch(app.db, request.user!, form.fields, nowIso())
    if (!outcome.ok) return paymentsPage(request, reply, { values: form.values, errors: outcome.errors })
    reply.flash('success', 'payments.batchCreated')
    return reply.redirect(`/payments/batches/${outcome.value.id}`, 303)
  })

  app.get('/payments/batches/:id.csv', keepers, async (request, reply) => {
    const batch = batchOfRequest(request)
    const csv = exportBatch(app.db, request.user!, batch, app.config.dataKey, nowIso())
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="maksuera-${batch.id}.csv"`).send(csv)
  })

  app.get('/payments/batches/:id', readers, async (request, reply) => batchPage(request, reply, batchOfRequest(request)))

  app.post('/payments/batches/:id/payment', keepers, async (request, reply) => {
    const batch = batchOfRequest(request)
    const form = parsePaid(request.body as Body)
    const outcome = form.ok ? markPaid(app.db, request.user!, batch, form.paidOn, nowIso()) : form
    if (!outcome.ok) return batchPage(request, reply, batch, { values: form.values, errors: outcome.errors })
    reply.flash('success', 'payments.paidFlash')
    return reply.redirect(`/payments/batches/${batch.id}`, 303)
  })
}

function batchOfRequest (request: FastifyRequest) {
  const batchId = id((request.params as { id: string }).id)
  const batch = batchId === undefined ? undefined : batchOf(request.server.db, request.user!.regionId, batchId)
  if (!batch) throw notFound()
  return batch
}

interface Failed { values: Record<string, string>, errors: Errors }

function paymentsPage (request: FastifyRequest, reply: FastifyReply, failed?: Failed) {
  const day = today()
  return reply.page('payments/index', {
    title: request.t('payments.title'),
    ...paymentsData(request),
    keeper: request.user!.role !== 'pair_worker',
    values: failed?.values ?? { upTo: addDays(day, -1), paymentOn: addDays(day, 7) },
    errors: failed?.errors ?? {},
  }, failed ? 422 : 200)
}

function batchPage (request: FastifyRequest, reply: FastifyReply, batch: NonNullable<ReturnType<typeof batchOf>>, failed?: Failed) {
  const db = request.server.db
  const ids = claimIdsOf(db, batch.id)
  const claims = claimRows(db, and(eq(feeClaims.regionId, batch.regionId), inArray(feeClaims.id, ids)), ids.length)
  recordAudit(db, { regionId: batch.regionId, actorUserId: request.user!.id, action: 'list', subjectType: 'payroll_batch', subjectId: batch.id, detail: `claims:${ids.length}` })
  return reply.page('payments/batch', {
    title: request.t('payments.batchTitle', { id: batch.id }),
    batch,
    claims,
    lines: linesOf(db, ids),
    keeper: request.user!.role !== 'pair_worker',
    values: failed?.values ?? { paidOn: batch.paymentOn },
    errors: failed?.errors ?? {},
  }, failed ? 422 : 200)
}
