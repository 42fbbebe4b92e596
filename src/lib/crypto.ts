// Field encryption with node:crypto AES-256-GCM and DATA_KEY: 'v1.' + base64url(iv | tag | ciphertext).
// A changed or foreign value fails to decrypt (the GCM tag), it never decrypts to something else.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

export function encryptField (key: Buffer, plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`
}

export function decryptField (key: Buffer, stored: string): string {
  if (!stored.startsWith('v1.')) throw new Error('unknown field encryption')
  const raw = Buffer.from(stored.slice(3), 'base64url')
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12))
  decipher.setAuthTag(raw.subarray(12, 28))
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
}
