// npm run db:check : fails when db/schema.ts and the committed migrations disagree, i.e. when
// `npm run db:generate` would write a new migration.
import { schemaMatchesMigrations } from './lib/db-check.js'

if (schemaMatchesMigrations()) {
  process.stdout.write('db:check: db/schema.ts and db/migrations agree.\n')
} else {
  process.stderr.write('db:check: db/schema.ts has changes without a migration. Run `npm run db:generate` and commit the result.\n')
  process.exit(1)
}
