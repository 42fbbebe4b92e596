// Start-up refuses a database whose encrypted fields do not open with DATA_KEY. A backup restored
// without its data-key would otherwise start with a newly generated key, and every profile with an
// identity code would then fail. The first start stores a known text encrypted with its key (the
// key check); every later start must open it. A database from before the key check proves its key
// on a stored identity code instead, and then gets its key check.
import { eq, isNotNull } from 'drizzle-orm'
import type { Db } from './db.js'
import { databaseFacts, experts } from '../db/schema.js'
import { decryptField, encryptField } from './lib/crypto.js'

const keyCheck = 'data_key_check'

export function dataKeyOpens (db: Db, key: Buffer): boolean {
  const stored = db.select({ value: databaseFacts.value }).from(databaseFacts).where(eq(databaseFacts.name, keyCheck)).get()?.value ??
    db.select({ value: experts.identityCodeEncrypted }).from(experts).where(isNotNull(experts.identityCodeEncrypted)).limit(1).get()?.value
  if (stored && !opens(key, stored)) return false
  db.insert(databaseFacts).values({ name: keyCheck, value: encryptField(key, 'Kokemus data key check') }).onConflictDoNothing().run()
  return true
}

function opens (key: Buffer, stored: string): boolean {
  try {
    decryptField(key, stored)
    return true
  } catch {
    return false
  }
}
