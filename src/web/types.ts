import type { Role } from '../../db/schema.js'
import type { Lang, Translate } from './i18n/index.js'
import type { Access } from './access.js'
import type { Db } from '../db.js'
import type { Config } from '../config.js'
import type { Formats } from '../lib/format.js'

export interface CurrentUser {
  id: number
  regionId: number
  regionName: string
  name: string
  email: string
  role: Role
  orderingUnitId: number | null
}

export interface Flash { kind: 'success' | 'error', text: string }

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    config: Config
  }
  interface FastifyRequest {
    user: CurrentUser | null
    lang: Lang
    t: Translate
    // Dates, times and numbers in the request's language (lib/format.ts).
    formats: Formats
  }
  interface FastifyReply {
    page: (template: string, data?: Record<string, unknown>, status?: number) => Promise<string>
    flash: (kind: Flash['kind'], key: string, params?: Record<string, string | number>) => void
  }
  interface FastifyContextConfig {
    access?: Access
  }
}

declare module 'fastify' {
  interface Session {
    userId?: number
    flash?: Flash
  }
}
