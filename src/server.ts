// Starts Kokemus: settings → database (migrated; refused when DATA_KEY does not open it) → demo seed
// on an empty database outside production → app → listen. SIGTERM and SIGINT close the server and
// then the database.
import { loadConfig, ConfigError } from './config.js'
import { openDatabase, closeDatabase } from './db.js'
import { dataKeyOpens } from './data-key.js'
import { buildApp } from './app.js'
import { isEmpty, seedDemo, demoAccounts, demoPassword } from './demo/demo-data.js'
import { deliverOutbox, smtpMailer } from './modules/mail/service.js'
import { runScheduledWork } from './modules/assignments/schedule.js'

async function main () {
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Kokemus cannot start: invalid setting ${error.message}\n`)
      process.exit(1)
    }
    throw error
  }
  const db = openDatabase(config.databasePath)
  if (!dataKeyOpens(db, config.dataKey)) {
    closeDatabase(db)
    process.stderr.write(`Kokemus cannot start: DATA_KEY does not open the identity codes in ${config.databasePath}; restore the data-key that belongs with this database (the file data-key beside it, or the DATA_KEY setting)\n`)
    process.exit(1)
  }
  const seeded = !config.production && isEmpty(db) ? await seedDemo(db) : false
  const app = await buildApp({ db, config, logger: { level: config.production ? 'info' : 'warn' } })

  let mailTimer: NodeJS.Timeout | undefined
  if (config.smtpUrl) {
    const mailer = smtpMailer(config.smtpUrl)
    const deliver = () => { deliverOutbox(db, mailer).catch((err: Error) => app.log.error({ err: { message: err.message } }, 'mail delivery failed')) }
    deliver()
    mailTimer = setInterval(deliver, 15_000)
  }
  // Offers expire, started orders close and reminders go out by the clock (errors without personal data).
  const schedule = () => {
    try {
      runScheduledWork(db, new Date().toISOString(), config.siteUrl)
    } catch (err) {
      app.log.error({ err: { message: (err as Error).message } }, 'scheduled work failed')
    }
  }
  schedule()
  const scheduleTimer = setInterval(schedule, 60_000)

  let closing = false
  const close = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.warn({ signal }, 'closing')
    clearInterval(mailTimer)
    clearInterval(scheduleTimer)
    await app.close()
    closeDatabase(db)
    process.exit(0)
  }
  process.on('SIGTERM', () => { void close('SIGTERM') })
  process.on('SIGINT', () => { void close('SIGINT') })

  const address = await app.listen({ port: config.port, host: config.host })
  process.stdout.write(`Kokemus is running at ${address.replace('127.0.0.1', 'localhost')}\n`)
  if (seeded) {
    process.stdout.write(`The demo region was created. Sign in with any of these (password ${demoPassword}):\n`)
    for (const account of demoAccounts) process.stdout.write(`  ${account.email.padEnd(34)} ${account.role}\n`)
  }
}

main().catch((error: Error) => {
  process.stderr.write(`Kokemus failed to start: ${error.message}\n`)
  process.exit(1)
})
