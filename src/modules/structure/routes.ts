// The admin's pages of the region's structure: one page lists every kind with its add form; a row
// is edited (and deactivated) on its own page. Another region's row, like an unknown kind, is a 404.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { allow } from '../../web/access.js'
import { notFound } from '../../web/errors.js'
import { id, type Body, type Errors } from '../../web/forms.js'
import type { Db } from '../../db.js'
import { loads } from '../../../db/schema.js'
import { blankItem, fieldsOf, kindOf, parseItem, type ItemValues, type Kind } from './forms.js'
import { findItem, listItems, type ItemRow } from './queries.js'
import { saveItem, structureOverview } from './service.js'
import './messages.js'

const admin = { config: allow(['admin']) }

export async function structureRoutes (app: FastifyInstance) {
  app.get('/admin/structure', admin, async (request, reply) => {
    return reply.page('structure/index', indexPage(app.db, request))
  })

  app.post('/admin/structure/:kind', admin, async (request, reply) => {
    const kind = kindParam(request)
    const form = parseItem(kind, request.body as Body, 'new')
    const outcome = saveItem(app.db, request.user!, kind, form)
    if (!outcome.ok) return reply.page('structure/index', indexPage(app.db, request, { kind, values: form.values, errors: outcome.errors }), 422)
    reply.flash('success', 'structure.created', { name: outcome.value.name })
    return reply.redirect('/admin/structure', 303)
  })

  app.get('/admin/structure/:kind/:id', admin, async (request, reply) => {
    const { kind, item } = itemParam(app.db, request)
    return reply.page('structure/edit', editPage(app.db, request, kind, item, item, {}))
  })

  app.post('/admin/structure/:kind/:id', admin, async (request, reply) => {
    const { kind, item } = itemParam(app.db, request)
    const form = parseItem(kind, request.body as Body, 'edit')
    const outcome = saveItem(app.db, request.user!, kind, form, item)
    if (!outcome.ok) return reply.page('structure/edit', editPage(app.db, request, kind, item, form.values, outcome.errors), 422)
    reply.flash('success', 'structure.saved', { name: outcome.value.name })
    return reply.redirect('/admin/structure', 303)
  })
}

interface Failed { kind: Kind, values: ItemValues, errors: Errors }

// Every kind's list and add form; a form that failed comes back with its values and messages.
function indexPage (db: Db, request: FastifyRequest, failed?: Failed) {
  const regionId = request.user!.regionId
  const sections = structureOverview(db, regionId).map((section) => ({
    ...section,
    ...(section.kind === failed?.kind ? failed : { values: blankItem(section.kind), errors: {} }),
  }))
  return { title: request.t('structure.title'), sections, failed, areas: listItems(db, 'areas', regionId), loads }
}

function editPage (db: Db, request: FastifyRequest, kind: Kind, item: ItemRow, values: ItemValues, errors: Errors) {
  const title = `${request.t(`structure.${kind}.edit`)}: ${item.name}`
  return { title, kind, item, fields: fieldsOf[kind], values, errors, areas: listItems(db, 'areas', request.user!.regionId), loads }
}

function missing (): never {
  throw notFound()
}

function kindParam (request: FastifyRequest): Kind {
  return kindOf((request.params as { kind: string }).kind) ?? missing()
}

function itemParam (db: Db, request: FastifyRequest): { kind: Kind, item: ItemRow } {
  const kind = kindParam(request)
  const itemId = id((request.params as { id: string }).id)
  const item = itemId === undefined ? undefined : findItem(db, kind, request.user!.regionId, itemId)
  return { kind, item: item ?? missing() }
}
