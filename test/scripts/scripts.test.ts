import t from 'tap'
import { mkdtempSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openDatabase, closeDatabase } from '../../src/db.js'
import { isEmpty, seedDemo, demoAccounts, demoPassword } from '../../src/demo/demo-data.js'
import { createUser } from '../../scripts/lib/user-create.js'
import { backupDatabase } from '../../scripts/lib/backup.js'
import { schemaMatchesMigrations } from '../../scripts/lib/db-check.js'
import { build, Browser } from '../helper.js'
import { testConfig } from '../../src/config.js'
import { users, regions, areas, orderingUnits, hostOrganisations, channels } from '../../db/schema.js'

t.test('the demo seed: every demo account of design §6 signs in to its home', async (t) => {
  const { app, db } = await build(t)
  t.ok(isEmpty(db))
  await seedDemo(db)
  t.notOk(isEmpty(db))
  t.ok(db.select().from(areas).all().length >= 3)
  t.ok(db.select().from(orderingUnits).all().length >= 6)
  t.equal(db.select().from(hostOrganisations).all().length, 2)
  t.equal(db.select().from(channels).all().length, 8)
  t.same(demoAccounts.map((a) => a.email).sort(), [
    'admin@demo.kokemus.fi', 'aikuinen@demo.kokemus.fi', 'esihenkilo@demo.kokemus.fi', 'koordinaattori@demo.kokemus.fi',
    'nuori@demo.kokemus.fi', 'tilaaja@demo.kokemus.fi', 'tyopari@demo.kokemus.fi', 'vanhempi@demo.kokemus.fi'])
  for (const account of demoAccounts) {
    const browser = new Browser(app)
    await browser.login(account.email, demoPassword)
    const home = await browser.get('/')
    t.equal(home.statusCode, 200, account.email)
    t.match(home.body, `Hei, ${account.name}!`)
  }
})

t.test('user:create makes the first admin of a region, and refuses bad input', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => closeDatabase(db))
  const good = { email: 'Admin@Alue.fi', name: 'Anna', role: 'admin' as const, region: 'Kanta-Häme', password: 'pitkä ja hyvä lause' }
  const created = await createUser(db, good)
  t.ok(created.ok)
  t.equal(db.select().from(users).get()?.email, 'admin@alue.fi')
  t.equal(db.select().from(regions).get()?.name, 'Kanta-Häme')
  t.same(await createUser(db, good), { ok: false, error: 'a user with the e-mail admin@alue.fi exists' })
  t.same(await createUser(db, { ...good, email: 'nope' }), { ok: false, error: '--email is not an e-mail address' })
  t.same(await createUser(db, { ...good, email: 'b@alue.fi', name: ' ' }), { ok: false, error: '--name is required' })
  t.match(await createUser(db, { ...good, email: 'b@alue.fi', role: 'boss' as never }), { ok: false, error: /--role must be one of/ })
  t.match(await createUser(db, { ...good, email: 'b@alue.fi', role: 'orderer' }), { ok: false, error: /ordering unit/ })
  t.same(await createUser(db, { ...good, email: 'b@alue.fi', region: '' }), { ok: false, error: '--region is required' })
  t.match(await createUser(db, { ...good, email: 'b@alue.fi', password: 'short' }), { ok: false, error: /password/ })
  const second = await createUser(db, { ...good, email: 'c@alue.fi', role: 'coordinator' })
  t.ok(second.ok)
  t.equal(db.select().from(regions).all().length, 1, 'an existing region is reused')
})

t.test('backup writes a checked copy', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kokemus-backup-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const source = join(dir, 'kokemus.db')
  const db = openDatabase(source)
  await seedDemo(db)
  closeDatabase(db)
  const target = join(dir, 'backups', 'copy.db')
  const { pages } = await backupDatabase(source, target, testConfig())
  t.ok(pages > 0)
  t.ok(existsSync(target))
  const copy = openDatabase(target)
  t.equal(copy.select().from(users).all().length, demoAccounts.length)
  closeDatabase(copy)
})

t.test('a backup whose copy fails its checks is refused: a row whose region does not exist', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kokemus-backup-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const source = join(dir, 'kokemus.db')
  closeDatabase(openDatabase(source))
  // Written past the app (which keeps foreign keys on), as a damaged or hand-edited file could hold it.
  const raw = new Database(source)
  raw.pragma('foreign_keys = OFF')
  raw.prepare(`insert into areas (region_id, name) values (999, 'Orpo')`).run()
  raw.close()
  await t.rejects(backupDatabase(source, join(dir, 'copy.db'), testConfig()), /the copy failed its integrity check/)
  t.notOk(existsSync(join(dir, 'copy.db')), 'and the copy is not left behind')
  t.notOk(existsSync(join(dir, 'copy.db.data-key')), 'nor a key beside it')
})

t.test('db/schema.ts and the committed migrations agree', async (t) => {
  t.ok(schemaMatchesMigrations())
})
