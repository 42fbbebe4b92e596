// Work done by the clock (src/server.ts runs it at start and every minute; tests call it directly):
// pending offers past their answer time become expired, orders that started without anyone become
// unfilled, and experts get a reminder mail 48 hours before confirmed work. Running it twice changes
// nothing the first run did not: each step picks only rows still waiting for it.
import type { Db } from '../../db.js'
import { formatDate, formatTime, isoPlus } from '../../lib/dates.js'
import { refreshOrderStatus } from '../orders/status.js'
import { mail } from '../offers/service.js'
import { translator } from '../../web/i18n/index.js'
import { assignmentsToRemind, expireOffers, lapsedOffers, markReminded, startedOpenOrders } from './queries.js'

export const reminderHours = 48

export function runScheduledWork (db: Db, now: string): { expired: number, reminded: number, closed: number } {
  return db.transaction(() => {
    const lapsed = lapsedOffers(db, now)
    if (lapsed.length > 0) expireOffers(db, lapsed.map((offer) => offer.id))
    const touched = new Set([...lapsed.map((offer) => offer.orderId), ...startedOpenOrders(db, now)])
    let closed = 0
    for (const orderId of touched) {
      if (refreshOrderStatus(db, orderId, now) === 'unfilled') closed++
    }
    const due = assignmentsToRemind(db, now, isoPlus(now, reminderHours * 3_600_000))
    let reminded = 0
    for (const work of due) {
      if (work.email === null) continue
      const t = translator(work.language)
      const place = work.remote ? t('assignments.remote') : [work.areaName, work.address].filter(Boolean).join(', ') || t('offers.placeLater')
      mail(db, work.regionId, work.email, work.language, 'assignments.mail.reminder', {
        name: work.displayName, topic: work.topic, day: formatDate(work.startsAt), time: formatTime(work.startsAt), place, link: '/me/offers',
      })
      reminded++
    }
    if (due.length > 0) markReminded(db, due.map((work) => work.id), now)
    return { expired: lapsed.length, reminded, closed }
  }, { behavior: 'immediate' })
}
