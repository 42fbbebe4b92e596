import type { FastifyInstance } from 'fastify'

export async function structureRoutes (_app: FastifyInstance) {
}
