// Mail goes to the outbox table first, so no message is lost. With SMTP_URL set it is then sent with
// nodemailer; without it, the outbox is where admins read it. Mails carry links, never sensitive data.
import nodemailer, { type Transporter } from 'nodemailer'
import { and, eq, isNull, lt } from 'drizzle-orm'
import type { Db } from '../../db.js'
import { outbox } from '../../../db/schema.js'
import { nowIso } from '../../lib/dates.js'

export interface Mail { regionId: number, to: string, subject: string, body: string }

export function queueMail (db: Db, mail: Mail): number {
  const row = db.insert(outbox).values({ regionId: mail.regionId, toAddress: mail.to, subject: mail.subject, body: mail.body })
    .returning({ id: outbox.id }).get()
  return row.id
}

export interface Mailer { send: (mail: { to: string, subject: string, text: string }) => Promise<void> }

export function smtpMailer (smtpUrl: string): Mailer {
  const transport: Transporter = nodemailer.createTransport(smtpUrl)
  const url = new URL(smtpUrl)
  const user = decodeURIComponent(url.username)
  const from = user.includes('@') ? user : `no-reply@${url.hostname}`
  return { send: async (mail) => { await transport.sendMail({ from: `Kokemus <${from}>`, ...mail }) } }
}

const maxAttempts = 5

// Sends what is waiting; a failure is kept on the row and tried again later, up to five times.
export async function deliverOutbox (db: Db, mailer: Mailer): Promise<{ sent: number, failed: number }> {
  const waiting = db.select().from(outbox).where(and(isNull(outbox.sentAt), lt(outbox.attempts, maxAttempts))).orderBy(outbox.id).limit(100).all()
  let sent = 0
  let failed = 0
  for (const mail of waiting) {
    try {
      await mailer.send({ to: mail.toAddress, subject: mail.subject, text: mail.body })
      db.update(outbox).set({ sentAt: nowIso(), attempts: mail.attempts + 1, lastError: null }).where(eq(outbox.id, mail.id)).run()
      sent++
    } catch (error) {
      db.update(outbox).set({ attempts: mail.attempts + 1, lastError: (error as Error).message.slice(0, 500) }).where(eq(outbox.id, mail.id)).run()
      failed++
    }
  }
  return { sent, failed }
}
