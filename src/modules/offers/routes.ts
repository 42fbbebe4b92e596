import type { FastifyInstance } from 'fastify'

export async function offersRoutes (app: FastifyInstance) {
}
