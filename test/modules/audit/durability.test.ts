// How audit rows reach the disk (audit/service.ts): a change with its transaction at synchronous=FULL;
// a read outside a transaction without waiting on the disk, then synced within a second or at close.
import t, { type Test } from 'tap'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, closeDatabase, type Db } from '../../../src/db.js'
import { recordAudit, syncReadAudits } from '../../../src/modules/audit/service.js'
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
