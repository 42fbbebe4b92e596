import type { FastifyInstance } from 'fastify'

export async function calendarRoutes (app: FastifyInstance) {
}
