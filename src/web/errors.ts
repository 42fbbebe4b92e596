// One root error handler: every refusal Fastify, a plugin or a handler raises with a 4xx status
// (a bad body 400, 403, 404, a body over the limit 413, an unsupported content type 415, 429 whose
// retry-after the rate limiter has already set, …) reaches the user as that status with a plain page;
// anything else is a bug, logged without request data, and shown as a 500 page without a stack trace.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'

// The refusals with words of their own; any other 4xx gets the words of a bad request.
const worded = new Set([400, 403, 404, 413, 415, 429, 500])

export async function errorHandler (error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const refused = error.validation ? 400 : error.statusCode
  const status = refused !== undefined && refused >= 400 && refused < 500 ? refused : 500
  if (status === 500) request.log.error({ err: { message: error.message, stack: error.stack, code: error.code } }, 'request failed')
  const words = worded.has(status) ? status : 400
  const message = error.code?.startsWith('FST_CSRF') ? request.t('error.csrf') : request.t(`error.text.${words}`)
  return renderError(reply, status, words, message)
}

export async function notFoundHandler (request: FastifyRequest, reply: FastifyReply) {
  return renderError(reply, 404, 404, request.t('error.text.404'))
}

async function renderError (reply: FastifyReply, status: number, words: number, message: string) {
  const t = reply.request.t
  try {
    return await reply.page('errors/error', { title: t(`error.title.${words}`), message }, status)
  } catch {
    return reply.code(status).type('text/plain; charset=utf-8').send(`${t(`error.title.${words}`)}\n${message}`)
  }
}

// What a handler throws for a record that is not there or not the user's to see (another region's,
// another unit's, another expert's): the same 404 either way, so nothing is revealed.
export function notFound (): Error {
  return Object.assign(new Error('not found'), { statusCode: 404 })
}
