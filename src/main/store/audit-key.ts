import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync, fsyncSync } from 'node:fs'
import { AppError } from '../../shared/domain/errors'

/** Bytes of the audit key: the strength of HMAC-SHA256. */
export const AUDIT_KEY_BYTES = 32

/**
 * Where the audit's HMAC key comes from. It must not live in the database: whoever can rewrite the file could
 * otherwise recompute every MAC. The command line and browser mode use a 0600 key file (`keyFileSource`); the desktop
 * app wraps the key with Electron's safeStorage (src/main/security/audit-key-safe-storage.ts).
 */
export interface AuditKeySource {
  /** The stored key, or null when there is none yet. */
  load(): Buffer | null
  /** Make and keep a new key; only for a log that has no sealed event (one made for an existing log would fail it). */
  create(): Buffer
  /** Where the key is kept, for messages. */
  readonly description: string
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
export function keyFileSource(file: string): AuditKeySource {
  return {
    description: `key file ${file}`,
    load() {
      if (!existsSync(file)) return null
      // POSIX modes say nothing on Windows, where the profile folder's ACL protects the file instead.
      if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0)
        throw new AppError('AUDIT_KEY_INVALID', `the audit key file ${file} is readable by other users; run chmod 600 on it`)
      return parseKey(readFileSync(file, 'utf8'), file)
    },
    create() {
      const key = randomBytes(AUDIT_KEY_BYTES)
      writeSecretFile(file, key.toString('hex') + '\n')
      return key
    }
  }
}

/** The key from its hex text; anything else is a damaged key file, not a key to guess around. */
export function parseKey(text: string, where: string): Buffer {
  const hex = text.trim()
  if (!/^[0-9a-f]+$/i.test(hex) || hex.length !== AUDIT_KEY_BYTES * 2)
    throw new AppError('AUDIT_KEY_INVALID', `${where} does not hold a ${AUDIT_KEY_BYTES}-byte audit key`)
  return Buffer.from(hex, 'hex')
}
