// npm run backup [-- target-file] : an online, consistent copy of the database (better-sqlite3's
// backup API, never a file copy), checked with integrity_check and foreign_key_check, with the
// data-key and session secret beside it (target.data-key, target.session-secret; all 0600).
import { dirname, join } from 'node:path'
import { loadConfig } from '../src/config.js'
import { backupDatabase } from './lib/backup.js'

const config = loadConfig()
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
const target = process.argv[2] ?? join(dirname(config.databasePath), 'backups', `kokemus-${stamp}.db`)
backupDatabase(config.databasePath, target, config)
  .then(({ pages, secretFiles }) => process.stdout.write(
    `backup: ${pages} pages written to ${target} and checked; its data-key and session secret are in ${secretFiles.join(' and ')}: ` +
    'keep them with the copy (without the data-key its identity codes cannot be opened), secured apart from it.\n'))
  .catch((error: Error) => { process.stderr.write(`backup: ${error.message}\n`); process.exit(1) })
