import type { FastifyInstance } from 'fastify'

export async function ordersRoutes (app: FastifyInstance) {
}
