// The navigation each role sees: only what that role may open.
import type { CurrentUser } from './types.js'

export interface NavItem { href: string, key: string }

const byRole: Record<CurrentUser['role'], NavItem[]> = {
  admin: [
    { href: '/admin/structure', key: 'nav.structure' },
    { href: '/admin/users', key: 'nav.users' },
    { href: '/admin/audit', key: 'nav.audit' },
    { href: '/admin/outbox', key: 'nav.outbox' },
  ],
  coordinator: [
    { href: '/experts', key: 'nav.experts' },
    { href: '/trainings', key: 'nav.trainings' },
  ],
  pair_worker: [
    { href: '/experts', key: 'nav.experts' },
    { href: '/trainings', key: 'nav.trainings' },
  ],
  expert: [
    { href: '/me', key: 'nav.me' },
    { href: '/me/availability', key: 'availability.title' },
  ],
  orderer: [],
  manager: [],
}

export function navigationFor (user: CurrentUser | null): NavItem[] {
  if (!user) return []
  return [{ href: '/', key: 'nav.home' }, ...byRole[user.role]]
}
