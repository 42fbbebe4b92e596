// The navigation each role sees: only what that role may open.
import type { CurrentUser } from './types.js'

export interface NavItem { href: string, key: string }

const byRole: Record<CurrentUser['role'], NavItem[]> = {
  admin: [
    { href: '/admin/structure', key: 'nav.structure' },
    { href: '/admin/users', key: 'nav.users' },
    { href: '/admin/audit', key: 'nav.audit' },
    { href: '/admin/outbox', key: 'nav.outbox' },
    { href: '/admin/fees', key: 'nav.settings' },
    { href: '/payments', key: 'payments.title' },
  ],
  coordinator: [
    { href: '/orders', key: 'nav.orders' },
    { href: '/experts', key: 'nav.experts' },
    { href: '/trainings', key: 'nav.trainings' },
    { href: '/payments', key: 'payments.title' },
  ],
  pair_worker: [
    { href: '/orders', key: 'nav.orders' },
    { href: '/experts', key: 'nav.experts' },
    { href: '/trainings', key: 'nav.trainings' },
    { href: '/payments', key: 'payments.title' },
  ],
  expert: [
    { href: '/me', key: 'nav.me' },
    { href: '/me/offers', key: 'nav.offers' },
    { href: '/me/availability', key: 'availability.title' },
    { href: '/me/fees', key: 'ownFees.title' },
  ],
  orderer: [
    { href: '/orders', key: 'nav.orders' },
    { href: '/orders/new', key: 'nav.newOrder' },
  ],
  manager: [],
}

export function navigationFor (user: CurrentUser | null): NavItem[] {
  if (!user) return []
  return [{ href: '/', key: 'nav.home' }, ...byRole[user.role]]
}
