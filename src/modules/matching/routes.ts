import type { FastifyInstance } from 'fastify'

export async function matchingRoutes (app: FastifyInstance) {
}
