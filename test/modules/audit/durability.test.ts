// How audit rows reach the disk (audit/service.ts): a change with its transaction at synchronous=FULL;
// a read outside a transaction without waiting on the disk, then synced within a second or at close.
import t, { type Test } from 'tap'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, closeDatabase, type Db } from '../../../src/db.js'
import { recordAudit, syncReadAudits, syncReadAuditsOrLog } from '../../../src/modules/audit/service.js'
import { build, aRegion } from '../../helper.js'

const synchronous = (db: Db) => db.$client.pragma('synchronous', { simple: true })
const rows = (db: Db) => db.$client.prepare('select action from audit_log order by id').pluck().all()

function onDisk (t: Test): Db {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'kokemus-audit-')), 'audit.db'))
  t.teardown(() => closeDatabase(db))
  return db
}

t.test('a read is committed at once and synced later; the connection stays at FULL', async (t) => {
  const db = onDisk(t)
  const region = aRegion(db)
  t.equal(synchronous(db), 2, 'FULL to begin with')
  t.notOk(syncReadAudits(db), 'nothing to sync')
  recordAudit(db, { regionId: region.id, actorUserId: null, action: 'read', subjectType: 'expert', subjectId: 1 })
  t.same(rows(db), ['read'], 'the row is committed')
  t.equal(synchronous(db), 2, 'FULL again for everything else')
  // Another connection sees it: it is in the write-ahead log, not only in this process.
  const other = openDatabase(db.$client.name)
  t.same(rows(other), ['read'])
  closeDatabase(other)
  t.ok(syncReadAudits(db), 'the log is synced')
  t.notOk(syncReadAudits(db), 'once')
  recordAudit(db, { regionId: region.id, actorUserId: null, action: 'update', subjectType: 'expert', subjectId: 1 })
  t.notOk(syncReadAudits(db), 'a change was durable when it was committed')
})

t.test('a read audited inside a transaction is written with it; a failing read leaves FULL on', async (t) => {
  const db = onDisk(t)
  const region = aRegion(db)
  db.transaction(() => {
    recordAudit(db, { regionId: region.id, actorUserId: null, action: 'list', subjectType: 'expert' })
  })
  t.same(rows(db), ['list'])
  t.notOk(syncReadAudits(db), 'durable with its transaction')
  t.throws(() => recordAudit(db, { regionId: 999_999, actorUserId: null, action: 'read', subjectType: 'expert' }), /FOREIGN KEY/)
  t.equal(synchronous(db), 2, 'FULL again after the failed insert')
  t.same(rows(db), ['list'], 'nothing stored')
})

t.test('the app syncs the reads when it closes; a closed database is not touched', async (t) => {
  const db = onDisk(t)
  const { app } = await build(t, { db })
  recordAudit(db, { regionId: aRegion(db).id, actorUserId: null, action: 'read', subjectType: 'expert', subjectId: 1 })
  await app.close()
  t.notOk(syncReadAudits(db), 'synced at close')
  recordAudit(db, { regionId: aRegion(db).id, actorUserId: null, action: 'read', subjectType: 'expert', subjectId: 2 })
  closeDatabase(db)
  t.notOk(syncReadAudits(db), 'nothing to do on a closed database')
})

t.test('a reader on an older snapshot holds the sync back until it is done', async (t) => {
  const db = onDisk(t)
  const region = aRegion(db)
  const reader = openDatabase(db.$client.name)
  t.teardown(() => closeDatabase(reader))
  reader.$client.prepare('begin').run()
  reader.$client.prepare('select count(*) from audit_log').get()
  recordAudit(db, { regionId: region.id, actorUserId: null, action: 'read', subjectType: 'expert', subjectId: 1 })
  t.notOk(syncReadAudits(db), 'the end of the log could not be copied, so it may not be synced: not done')
  reader.$client.prepare('commit').run()
  t.ok(syncReadAudits(db), 'done on the next try')
})

t.test('the timer logs a failing sync instead of throwing', async (t) => {
  const db = onDisk(t)
  recordAudit(db, { regionId: aRegion(db).id, actorUserId: null, action: 'read', subjectType: 'expert', subjectId: 1 })
  const logged: unknown[][] = []
  const log = { error: (details: object, message: string) => { logged.push([details, message]) } }
  const pragma = db.$client.pragma
  db.$client.pragma = () => { throw new Error('disk I/O error') }
  t.doesNotThrow(() => syncReadAuditsOrLog(db, log))
  db.$client.pragma = pragma
  t.same(logged, [[{ err: { message: 'disk I/O error' } }, 'syncing the audit log failed']])
  syncReadAuditsOrLog(db, log)
  t.equal(logged.length, 1, 'and it works again')
  t.notOk(syncReadAudits(db), 'synced')
})
