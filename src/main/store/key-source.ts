import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync, fsyncSync } from 'node:fs'
import { AppError } from '../../shared/domain/errors'
import type { ErrorCode } from '../../shared/domain/errors'

/** Bytes of each key: the strength of HMAC-SHA256 and of the database cipher (ChaCha20's 256-bit key). */
export const KEY_BYTES = 32

/** The store's two secrets: the audit chain's HMAC key and the database's encryption key. */
export type KeyKind = 'audit' | 'database'

const KINDS: Record<KeyKind, { label: string; invalid: ErrorCode }> = {
  audit: { label: 'audit key', invalid: 'AUDIT_KEY_INVALID' },
  database: { label: 'database key', invalid: 'STORE_KEY_INVALID' }
}

/**
 * Where a key comes from. Neither key may live in the database: whoever can rewrite the file could otherwise recompute
 * every MAC, and whoever copies it could read it. The command line and browser mode use a 0600 key file
 * (`keyFileSource`); the desktop app wraps the key with Electron's safeStorage (src/main/security/key-safe-storage.ts).
 */
export interface KeySource {
  /** The stored key, or null when there is none yet. */
  load(): Buffer | null
  /** Make and keep a new key; only for a store that has nothing under the old one (a log sealed, a file encrypted). */
  create(): Buffer
  /** Where the key is kept, for messages. */
  readonly description: string
}

/** The code and words for a key that is there but unusable. */
export function invalidKey(kind: KeyKind, problem: string): AppError {
  return new AppError(KINDS[kind].invalid, `the ${KINDS[kind].label} ${problem}`)
}

/** Write a new secret file readable by its owner only, never replacing one that exists. */
export function writeSecretFile(file: string, content: Buffer | string): void {
  const fd = openSync(file, 'wx', 0o600)
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content) : content)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** A key kept as hex in a file readable by its owner only. */
export function keyFileSource(file: string, kind: KeyKind = 'audit'): KeySource {
  return {
    description: `key file ${file}`,
    load() {
      if (!existsSync(file)) return null
      // POSIX modes say nothing on Windows, where the profile folder's ACL protects the file instead.
      if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0)
        throw invalidKey(kind, `file ${file} is readable by other users; run chmod 600 on it`)
      return parseKey(readFileSync(file, 'utf8'), file, kind)
    },
    create() {
      const key = randomBytes(KEY_BYTES)
      writeSecretFile(file, key.toString('hex') + '\n')
      return key
    }
  }
}

/** The key from its hex text; anything else is a damaged key file, not a key to guess around. */
export function parseKey(text: string, where: string, kind: KeyKind = 'audit'): Buffer {
  const hex = text.trim()
  if (!/^[0-9a-f]+$/i.test(hex) || hex.length !== KEY_BYTES * 2) throw invalidKey(kind, `in ${where} is not ${KEY_BYTES} bytes of hex`)
  return Buffer.from(hex, 'hex')
}
