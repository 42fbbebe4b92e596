// npm run seed -- --yes : puts the demo region into an EMPTY database (npm start does this by itself
// outside production). Refuses without --yes, in production, and on a database that has data.
import { loadConfig } from '../src/config.js'
import { openDatabase, closeDatabase } from '../src/db.js'
import { isEmpty, seedDemo } from '../src/demo/demo-data.js'

const config = loadConfig()
if (!process.argv.includes('--yes')) {
  process.stderr.write('seed: this adds the demo region with known passwords. Run `npm run seed -- --yes` to do it.\n')
  process.exit(1)
}
if (config.production) {
  process.stderr.write('seed: refusing to seed demo accounts when NODE_ENV=production.\n')
  process.exit(1)
}
const db = openDatabase(config.databasePath)
if (!isEmpty(db)) {
  closeDatabase(db)
  process.stderr.write('seed: the database already has data; nothing was changed.\n')
  process.exit(1)
}
await seedDemo(db)
closeDatabase(db)
process.stdout.write('seed: the demo region was created.\n')
