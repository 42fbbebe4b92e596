// Passwords: argon2id (19 MiB memory, 2 passes, as OWASP recommends), 8–128 characters,
// no composition rules, and none of the ~50 000 most common passwords.
import argon2 from 'argon2'
import { dictionary } from '@zxcvbn-ts/language-common'

const options = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const

const common = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()))

export const minLength = 8
export const maxLength = 128

export function passwordProblem (password: string): string | undefined {
  const length = [...password].length
  if (length < minLength) return 'password.tooShort'
  if (length > maxLength) return 'password.tooLong'
  if (common.has(password.toLowerCase())) return 'password.common'
  return undefined
}

export function hashPassword (password: string): Promise<string> {
  return argon2.hash(password, options)
}

// A hash to verify against when the account does not exist, so that timing does not tell.
let dummyHash: Promise<string> | undefined

export async function verifyPassword (hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword('not-a-real-password-at-all')
    await argon2.verify(await dummyHash, password)
    return false
  }
  return argon2.verify(hash, password)
}
