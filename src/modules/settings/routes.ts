import type { FastifyInstance } from 'fastify'

export async function settingsRoutes (app: FastifyInstance) {
}
