// Work done by the clock (src/server.ts runs it at start and every minute; tests call it directly):
// pending offers past their answer time become expired, orders that started without anyone become
// unfilled, and experts get a reminder mail 48 hours before confirmed work. Running it twice changes
// nothing the first run did not: each step picks only rows still waiting for it.
import type { Db } from '../../db.js'
import { isoPlus } from '../../lib/dates.js'
import { refreshOrderStatus } from '../orders/status.js'
import { mailReminder } from '../mail/mails.js'
import { assignmentsToRemind, expireOffers, lapsedOffers, markReminded, startedOpenOrders } from './queries.js'

export const reminderHours = 48

// The reminders' links are made from the site's address (SITE_URL).
export function runScheduledWork (db: Db, now: string, siteUrl: string): { expired: number, reminded: number, closed: number } {
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
      mailReminder(db, siteUrl, { regionId: work.regionId, to: work.email, lang: work.language }, {
        name: work.displayName, topic: work.topic, startsAt: work.startsAt, remote: work.remote, areaName: work.areaName, address: work.address,
      })
      reminded++
    }
    if (due.length > 0) markReminded(db, due.map((work) => work.id), now)
    return { expired: lapsed.length, reminded, closed }
  }, { behavior: 'immediate' })
}
