import type { FastifyInstance } from 'fastify'

export async function assignmentsRoutes (app: FastifyInstance) {
}
