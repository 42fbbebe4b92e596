// npm run backup [-- target-file] : an online, consistent copy of the database (better-sqlite3's
// backup API, never a file copy), checked with integrity_check and foreign_key_check.
import { dirname, join } from 'node:path'
import { loadConfig } from '../src/config.js'
import { backupDatabase } from './lib/backup.js'

const config = loadConfig()
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
const target = process.argv[2] ?? join(dirname(config.databasePath), 'backups', `kokemus-${stamp}.db`)
backupDatabase(config.databasePath, target)
  .then(({ pages }) => process.stdout.write(`backup: ${pages} pages written to ${target} and checked.\n`))
  .catch((error: Error) => { process.stderr.write(`backup: ${error.message}\n`); process.exit(1) })
