import { createHmac } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Database as Db } from 'better-sqlite3'
import { AppError } from '../../shared/domain/errors'

/**
 * Encryption at rest, by SQLite3 Multiple Ciphers (better-sqlite3-multiple-ciphers, installed under the name
 * better-sqlite3): every page of the database, its WAL and its backups is encrypted and authenticated with
 * ChaCha20-Poly1305, images included, since they are kept in the database.
 */

/** The database key's file in command-line and browser use, unless told otherwise. */
export const defaultDatabaseKeyFile = (dbFile: string): string => join(dirname(dbFile), 'database.key')

/**
 * A digest of the key kept beside each database file: it tells "this is not the key" (STORE_KEY_WRONG, the file left
 * alone) from "the key is right and the file is damaged" (STORE_CORRUPT), which SQLite reports alike when page 1
 * does not decrypt. It reveals nothing of the key (an HMAC under it).
 */
export const keyCheckFileOf = (dbFile: string): string => `${dbFile}.key-check`

const keyCheck = (key: Buffer): string => createHmac('sha256', key).update('passport-review-workstation database key check').digest('hex')

/** Record which key a database file is encrypted with (replacing any earlier record, through a temporary name). */
export function writeKeyCheck(dbFile: string, key: Buffer): void {
  const tmp = `${keyCheckFileOf(dbFile)}.tmp-${process.pid}`
  writeFileSync(tmp, keyCheck(key) + '\n', { mode: 0o600 })
  renameSync(tmp, keyCheckFileOf(dbFile))
}

/** Whether the key-check record beside a file names this key; null when there is no record. */
export function keyMatches(dbFile: string, key: Buffer): boolean | null {
  const file = keyCheckFileOf(dbFile)
  if (!existsSync(file)) return null
  return readFileSync(file, 'utf8').trim() === keyCheck(key)
}

/**
 * Key a fresh connection; it must come before any other statement. A build without the cipher (the plain
 * better-sqlite3, or an Electron binary built from it) ignores the pragma, which would store everything in clear text,
 * so that is refused here.
 */
export function applyKey(db: Db, key: Buffer): void {
  // The x'…' form hands the 32 bytes to the cipher as they are: the key is random, a passphrase KDF would only cost time.
  const answer = db.pragma(`key = "x'${key.toString('hex')}'"`) as unknown[]
  if (answer.length === 0)
    throw new AppError(
      'INTERNAL',
      'this SQLite build cannot encrypt (better-sqlite3-multiple-ciphers is expected under the name better-sqlite3)'
    )
}

/** The error for a file that does not decrypt: a wrong key unless its key check says the key is right. */
export function undecryptable(dbFile: string, key: Buffer, keyDescription: string): AppError | null {
  const matches = keyMatches(dbFile, key)
  if (matches === true) return null
  return new AppError(
    'STORE_KEY_WRONG',
    matches === false
      ? `the database ${dbFile} was encrypted with another key than the one in ${keyDescription}; put its own key back`
      : `the database ${dbFile} cannot be read with the key in ${keyDescription}: it was encrypted with another key, or its first page is damaged`
  )
}

/**
 * Encrypt a clear-text database (one from before encryption) in place, through an unkeyed connection to it. SQLite's
 * rekey rewrites every page inside one rollback-journal transaction, so a crash leaves either the old clear file or
 * the encrypted one, never a mix.
 */
export function encryptInPlace(plain: Db, dbFile: string, key: Buffer): void {
  plain.pragma('journal_mode = DELETE')
  plain.pragma(`rekey = "x'${key.toString('hex')}'"`)
  writeKeyCheck(dbFile, key)
}

/** Re-encrypt an open database under a new key (rekey is not possible in WAL mode, so it leaves WAL for the while). */
export function rekey(db: Db, dbFile: string, newKey: Buffer): void {
  db.pragma('journal_mode = DELETE')
  db.pragma(`rekey = "x'${newKey.toString('hex')}'"`)
  writeKeyCheck(dbFile, newKey)
  db.pragma('journal_mode = WAL')
}
