// Every mail the register writes, in one place: one function per kind of mail. Each writes the
// subject and body in the recipient's language and queues the mail in the outbox.
// Rules:
// - every link is absolute and made from the site's address (SITE_URL, config.siteUrl), never from
//   a request: a Host or X-Forwarded-Host header must never reach a mail sent to someone else;
// - mails carry display names, topics, days, times, places and links only;
// - staff users have no language of their own: their mails are in Finnish, except the password links
//   an admin sends, which are in the admin's language (the language of the page they sent it from).
// The texts stay in the messages of the module the mail belongs to.
import type { Db } from '../../db.js'
import { translator, type Lang } from '../../web/i18n/index.js'
import { formatDate } from '../../lib/dates.js'
import { formatsFor } from '../../lib/format.js'
import { passwordLinkDays } from '../auth/service.js'
import { userEmail } from '../offers/queries.js'
import { queueMail } from './service.js'
import '../users/messages.js'
import '../experts/messages.js'
import '../orders/messages.js'
import '../matching/messages.js'
import '../offers/messages.js'
import '../assignments/messages.js'

type Params = Record<string, string | number>

// A recipient: the address, its region's outbox and the language to write in.
export interface Recipient { regionId: number, to: string, lang: Lang }

// What a mail about a piece of work names: whose display name, the topic and when it starts.
export interface Work { name: string, topic: string, startsAt: string }

export function siteLink (siteUrl: string, path: string): string {
  return `${siteUrl}${path}`
}

function send (db: Db, { regionId, to, lang }: Recipient, key: string, params: Params, bodyKey = `${key}.body`): void {
  const t = translator(lang)
  queueMail(db, { regionId, to, subject: t(`${key}.subject`, params), body: t(bodyKey, params) })
}

// A staff user by id, when they have an address; in Finnish.
function sendToUser (db: Db, regionId: number, userId: number | null, key: string, params: Params): void {
  const to = userEmail(db, userId)
  if (to !== undefined) send(db, { regionId, to, lang: 'fi' }, key, params)
}

// The work's day and time as the recipient's language writes them (staff mail is in Finnish).
function workParams (siteUrl: string, work: Work, path: string, lang: Lang = 'fi'): Params {
  return { name: work.name, topic: work.topic, day: formatDate(work.startsAt), time: formatsFor(lang).time(work.startsAt), link: siteLink(siteUrl, path) }
}

// ——— Accounts ———

// A user's invitation or new password link (users/service.ts).
export function mailPasswordLink (db: Db, siteUrl: string, to: Recipient, purpose: 'invitation' | 'reset', token: string): void {
  send(db, to, `users.mail.${purpose}`, { link: siteLink(siteUrl, `/password/${token}`), days: passwordLinkDays })
}

// An expert's invitation to an account, by display name (experts/service.ts).
export function mailExpertInvitation (db: Db, siteUrl: string, to: Recipient, name: string, token: string): void {
  send(db, to, 'experts.mail', { name, link: siteLink(siteUrl, `/password/${token}`), days: passwordLinkDays })
}

// ——— Orders ———

// A coordinator is told of an orderer's new order (orders/service.ts).
export function mailNewOrder (db: Db, siteUrl: string, to: Recipient, order: { id: number, topic: string, day: string }): void {
  send(db, to, 'orders.mail.new', { topic: order.topic, day: formatDate(order.day), link: siteLink(siteUrl, `/orders/${order.id}`) })
}

// An expert is told that a cancelled order took their offer or their assignment with it.
export function mailOrderCancelled (db: Db, siteUrl: string, to: Recipient, day: string, kind: 'offer' | 'assignment'): void {
  send(db, to, 'orders.mail.cancelled', { day: formatDate(day), link: siteLink(siteUrl, '/me/offers') }, `orders.mail.cancelled.${kind}`)
}

// ——— Offers ———

// The offer to an expert (matching/service.ts): the topic, the day and time, and where to answer;
// no unit, no real names.
export function mailOffer (db: Db, siteUrl: string, to: Recipient, work: Work): void {
  send(db, to, 'matching.mail', workParams(siteUrl, work, '/me/offers', to.lang))
}

// The expert's answer, to the coordinator who offered ('accepted', 'declined') or to the orderer ('coming').
export function mailOfferAnswer (db: Db, siteUrl: string, regionId: number, userId: number | null, answer: 'accepted' | 'declined' | 'coming', work: Work & { orderId: number }): void {
  sendToUser(db, regionId, userId, `offers.mail.${answer}`, workParams(siteUrl, work, `/orders/${work.orderId}`))
}

// An expert whose offer was withdrawn because the order filled.
export function mailOrderFilled (db: Db, siteUrl: string, to: Recipient, work: Work): void {
  send(db, to, 'offers.mail.filled', workParams(siteUrl, work, '/me/offers', to.lang))
}

// ——— Assignments ———

// A staff user is told that an assignment was cancelled.
export function mailAssignmentCancelled (db: Db, siteUrl: string, regionId: number, userId: number | null, work: Work & { assignmentId: number }): void {
  sendToUser(db, regionId, userId, 'assignments.mail.cancelled', workParams(siteUrl, work, `/assignments/${work.assignmentId}`))
}

// The expert is told that someone else cancelled their assignment.
export function mailAssignmentCancelledForExpert (db: Db, siteUrl: string, to: Recipient, work: Work): void {
  send(db, to, 'assignments.mail.cancelledForExpert', workParams(siteUrl, work, '/me/offers', to.lang))
}

// The reminder before confirmed work (assignments/schedule.ts): the place as the expert reads it.
export function mailReminder (db: Db, siteUrl: string, to: Recipient, work: Work & { remote: boolean, areaName: string | null, address: string | null }): void {
  const t = translator(to.lang)
  const place = work.remote ? t('assignments.remote') : [work.areaName, work.address].filter(Boolean).join(', ') || t('offers.placeLater')
  send(db, to, 'assignments.mail.reminder', { ...workParams(siteUrl, work, '/me/offers', to.lang), place })
}
