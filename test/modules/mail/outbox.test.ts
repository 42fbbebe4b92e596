import t, { type Test } from 'tap'
import { createServer, type AddressInfo, type Socket } from 'node:net'
import { eq } from 'drizzle-orm'
import { build, signedIn, aRegion } from '../../helper.js'
import { queueMail, deliverOutbox, smtpMailer, type Mailer } from '../../../src/modules/mail/service.js'
import { auditLog, outbox } from '../../../db/schema.js'

t.test('queued mail is stored; delivery sends it and records failures for a retry', async (t) => {
  const { db } = await build(t)
  const region = aRegion(db)
  const first = queueMail(db, { regionId: region.id, to: 'a@example.fi', subject: 'Kutsu', body: 'Linkki' })
  const second = queueMail(db, { regionId: region.id, to: 'b@example.fi', subject: 'Kutsu', body: 'Linkki' })
  const sent: string[] = []
  const flaky: Mailer = { send: async (mail) => { if (mail.to === 'b@example.fi') throw new Error('mailbox unavailable'); sent.push(mail.to) } }
  t.same(await deliverOutbox(db, flaky), { sent: 1, failed: 1 })
  t.same(sent, ['a@example.fi'])
  const rows = db.select().from(outbox).all()
  t.ok(rows.find((r) => r.id === first)?.sentAt)
  const failed = rows.find((r) => r.id === second)!
  t.equal(failed.sentAt, null)
  t.equal(failed.attempts, 1)
  t.equal(failed.lastError, 'mailbox unavailable')
  const good: Mailer = { send: async (mail) => { sent.push(mail.to) } }
  t.same(await deliverOutbox(db, good), { sent: 1, failed: 0 }, 'the failed one is tried again, the sent one is not')
  t.equal(db.select().from(outbox).where(eq(outbox.id, second)).get()?.lastError, null)
})

t.test('mail is given up after five failed attempts', async (t) => {
  const { db } = await build(t)
  const region = aRegion(db)
  queueMail(db, { regionId: region.id, to: 'x@example.fi', subject: 's', body: 'b' })
  const broken: Mailer = { send: async () => { throw new Error('down') } }
  for (let i = 0; i < 5; i++) await deliverOutbox(db, broken)
  t.same(await deliverOutbox(db, broken), { sent: 0, failed: 0 })
})

// A minimal SMTP server on localhost that accepts every message and keeps its text.
async function smtpServer (t: Test): Promise<{ port: number, messages: string[] }> {
  const messages: string[] = []
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {}) // a client that hangs up is not the test's failure
    let buffer = ''
    let message: string | undefined
    socket.write('220 localhost ESMTP\r\n')
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8')
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (message !== undefined) {
          if (line === '.') {
            messages.push(message)
            message = undefined
            socket.write('250 queued\r\n')
          } else message += `${line}\n`
          continue
        }
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO') socket.write('250-localhost\r\n250 AUTH PLAIN\r\n')
        else if (verb === 'AUTH') socket.write('235 accepted\r\n')
        else if (verb === 'DATA') {
          message = ''
          socket.write('354 go on\r\n')
        } else if (verb === 'QUIT') socket.end('221 bye\r\n')
        else socket.write('250 ok\r\n')
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy()
    server.close(() => resolve())
  }))
  return { port: (server.address() as AddressInfo).port, messages }
}

t.test('an SMTP mailer sends through SMTP_URL, from its user or else from no-reply at its host', async (t) => {
  const smtp = await smtpServer(t)
  await smtpMailer(`smtp://kokemus%40alue.fi:secret@127.0.0.1:${smtp.port}`).send({ to: 'nuori@example.fi', subject: 'Uusi tarjous', text: 'Katso tarjous: https://x/me/offers' })
  await smtpMailer(`smtp://127.0.0.1:${smtp.port}`).send({ to: 'aikuinen@example.fi', subject: 'Muistutus', text: 'Huomenna klo 10.00' })
  t.equal(smtp.messages.length, 2)
  t.match(smtp.messages[0], /^From: Kokemus <kokemus@alue\.fi>$/m)
  t.match(smtp.messages[0], /^To: nuori@example\.fi$/m)
  t.match(smtp.messages[0], /^Subject: Uusi tarjous$/m)
  t.match(smtp.messages[0], 'Katso tarjous: https://x/me/offers')
  t.match(smtp.messages[1], /^From: Kokemus <no-reply@127\.0\.0\.1>$/m)
  const mailer = smtpMailer('smtp://127.0.0.1:1')
  await t.rejects(mailer.send({ to: 'a@example.fi', subject: 's', text: 't' }), 'nothing listens on port 1: the send fails, and deliverOutbox keeps the row')
})

t.test('admins read their own region\'s outbox; nobody else does', async (t) => {
  const { app, db } = await build(t)
  const { browser, user } = await signedIn(app, db, 'admin')
  queueMail(db, { regionId: user.regionId, to: 'uusi@example.fi', subject: 'Tervetuloa Kokemukseen', body: 'Aseta salasana: https://x/password/abc' })
  queueMail(db, { regionId: aRegion(db).id, to: 'other@example.fi', subject: 'Toisen alueen viesti', body: '…' })
  const page = await browser.get('/admin/outbox')
  t.equal(page.statusCode, 200)
  t.match(page.body, 'Tervetuloa Kokemukseen')
  t.match(page.body, 'uusi@example.fi')
  t.match(page.body, 'Sähköpostin lähetystä ei ole määritetty')
  t.notMatch(page.body, 'Toisen alueen viesti')
  t.ok(db.select().from(auditLog).all().some((row) => row.action === 'list' && row.subjectType === 'outbox' && row.actorUserId === user.id))
  for (const role of ['coordinator', 'pair_worker', 'expert', 'orderer', 'manager'] as const) {
    const { browser: other } = await signedIn(app, db, role)
    t.equal((await other.get('/admin/outbox')).statusCode, 403, `${role} is refused`)
  }
  t.equal((await app.inject({ url: '/admin/outbox' })).statusCode, 303)
})

t.test('the outbox pages through many messages and shows sent and failed states', async (t) => {
  const { app, db } = await build(t, { config: { smtpUrl: 'smtp://127.0.0.1:2525' } })
  const { browser, user } = await signedIn(app, db, 'admin')
  for (let i = 0; i < 51; i++) queueMail(db, { regionId: user.regionId, to: `p${i}@example.fi`, subject: `Viesti ${i}`, body: 'b' })
  db.update(outbox).set({ sentAt: '2026-11-23T12:30:00.000Z', attempts: 1 }).where(eq(outbox.toAddress, 'p50@example.fi')).run()
  db.update(outbox).set({ lastError: 'down', attempts: 2 }).where(eq(outbox.toAddress, 'p49@example.fi')).run()
  const first = await browser.get('/admin/outbox')
  t.match(first.body, 'Viestit lähetetään sähköpostilla')
  t.match(first.body, 'Lähetetty 23.11.2026 klo 14.30')
  t.match(first.body, 'Lähetys epäonnistui (2 yritystä)')
  t.match(first.body, 'Odottaa')
  t.match(first.body, 'href="?page=2"')
  const second = await browser.get('/admin/outbox?page=2')
  t.match(second.body, 'Viesti 0')
  t.match(second.body, 'href="?page=1"')
})
