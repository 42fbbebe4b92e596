// One root error handler: expected refusals get their page (400, 403, 404, 429, whose retry-after the
// rate limiter has already set); anything else is a bug, logged without request data, and shown as a
// 500 page without a stack trace.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'

const known = new Set([400, 403, 404, 429])

export async function errorHandler (error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  let status = error.statusCode && known.has(error.statusCode) ? error.statusCode : 500
  if (error.validation) status = 400
  if (status === 500) request.log.error({ err: { message: error.message, stack: error.stack, code: error.code } }, 'request failed')
  const message = error.code?.startsWith('FST_CSRF') ? request.t('error.csrf') : request.t(`error.text.${status}`)
  return renderError(reply, status, message)
}

export async function notFoundHandler (request: FastifyRequest, reply: FastifyReply) {
  return renderError(reply, 404, request.t('error.text.404'))
}

async function renderError (reply: FastifyReply, status: number, message: string) {
  const t = reply.request.t
  try {
    return await reply.page('errors/error', { title: t(`error.title.${status}`), message }, status)
  } catch {
    return reply.code(status).type('text/plain; charset=utf-8').send(`${t(`error.title.${status}`)}\n${message}`)
  }
}

// What a handler throws for a record that is not there or not the user's to see (another region's,
// another unit's, another expert's): the same 404 either way, so nothing is revealed.
export function notFound (): Error {
  return Object.assign(new Error('not found'), { statusCode: 404 })
}
