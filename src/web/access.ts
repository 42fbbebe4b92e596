// Default deny: every route declares who may use it in its config (`access`). A route without a
// declaration is refused for everybody, and a test enumerates the routes to catch one.
// Region scoping: every signed-in route works inside request.user.regionId; queries take it as a
// parameter, so another region's rows are never found ('region'). Self-service routes are scoped to
// the signed-in user's own records ('own').
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Role } from '../../db/schema.js'

export type Access =
  | { public: true }
  | { roles: readonly Role[], scope: 'region' | 'own' }

export const publicAccess: Access = { public: true }

export function allow (roles: readonly Role[], scope: 'region' | 'own' = 'region'): { access: Access } {
  return { access: { roles, scope } }
}

export const anyone = { access: publicAccess }

export const signedInRoles: readonly Role[] = ['admin', 'coordinator', 'pair_worker', 'expert', 'orderer', 'manager']

export function accessOf (request: FastifyRequest): Access | undefined {
  return (request.routeOptions.config as { access?: Access } | undefined)?.access
}

// Runs on every request after the session and user are loaded.
export async function enforceAccess (request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.is404) return
  const access = accessOf(request)
  if (access && 'public' in access) return
  if (!request.user) {
    if (request.method === 'GET') {
      const next = encodeURIComponent(request.url)
      return reply.redirect(`/login?next=${next}`, 303)
    }
    return reply.redirect('/login', 303)
  }
  if (!access || !access.roles.includes(request.user.role)) {
    throw Object.assign(new Error('forbidden'), { statusCode: 403 })
  }
}
