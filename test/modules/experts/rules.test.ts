import t from 'tap'
import { isMinorOn, ageBand } from '../../../src/modules/experts/rules.js'
import { ageOn, birthday, today, addDays, addMonths } from '../../../src/lib/dates.js'
import { identityCodeBirthDate, isValidIdentityCode, maskIdentityCode } from '../../../src/lib/identity-code.js'
import { encryptField, decryptField } from '../../../src/lib/crypto.js'

t.test('age and minor status are derived from the birth date', async (t) => {
  t.equal(ageOn('2010-06-15', '2026-06-14'), 15)
  t.equal(ageOn('2010-06-15', '2026-06-15'), 16)
  t.ok(isMinorOn('2008-11-24', '2026-11-23'), 'turns 18 tomorrow')
  t.notOk(isMinorOn('2008-11-23', '2026-11-23'), '18 today')
  t.equal(birthday('2008-02-29', 18), '2026-02-28')
  t.equal(ageOn('2008-02-29', '2026-02-27'), 17)
  t.equal(ageOn('2008-02-29', '2026-02-28'), 18)
  t.equal(ageBand('2010-06-15', '2026-11-23'), '13-17')
  t.equal(ageBand('2004-01-01', '2026-11-23'), '18-29')
  t.equal(ageBand('1980-01-01', '2026-11-23'), '30-')
  t.equal(ageBand('2016-01-01', '2026-11-23'), 'under-13')
  t.equal(today(new Date('2026-11-23T22:30:00Z')), '2026-11-24', 'Helsinki day')
  t.equal(addDays('2026-12-31', 1), '2027-01-01')
  t.equal(addMonths('2026-01-31', 1), '2026-02-28')
})

t.test('Finnish identity codes are checked by their checksum', async (t) => {
  t.equal(identityCodeBirthDate('131052-308T'), '1952-10-13')
  t.equal(identityCodeBirthDate(' 010594y9032 '), '1994-05-01', 'trimmed, any case, new century signs')
  t.equal(identityCodeBirthDate('010106A9012'), '2006-01-01')
  t.equal(identityCodeBirthDate('131052-308U'), undefined, 'wrong check character')
  t.equal(identityCodeBirthDate('311152-308T'), undefined, 'no 31 November')
  t.equal(identityCodeBirthDate('131052-001T'), undefined, 'individual numbers start at 002')
  t.equal(identityCodeBirthDate('1310523-08T'), undefined)
  t.ok(isValidIdentityCode('131052-308T'))
  t.notOk(isValidIdentityCode('abc'))
  t.equal(maskIdentityCode('131052-308t'), '131052-****')
})

t.test('fields are encrypted with AES-256-GCM and tampering is detected', async (t) => {
  const key = Buffer.alloc(32, 3)
  const stored = encryptField(key, '131052-308T')
  t.notMatch(stored, '131052')
  t.not(encryptField(key, '131052-308T'), stored, 'a fresh IV each time')
  t.equal(decryptField(key, stored), '131052-308T')
  t.throws(() => decryptField(Buffer.alloc(32, 4), stored), 'another key fails')
  const tampered = stored.slice(0, -2) + (stored.endsWith('A') ? 'BB' : 'AA')
  t.throws(() => decryptField(key, tampered))
  t.throws(() => decryptField(key, 'plain'), /unknown field encryption/)
})
