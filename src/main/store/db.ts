import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { AppError } from '../../shared/domain/errors'
import { applyKey, encryptInPlace, keyMatches, undecryptable, writeKeyCheck } from './encryption'
import { fileProblem, isPlaintextDatabase, walProblem } from './file-checks'

/** How to open the store. */
export interface OpenOptions {
  /** Folder of `NNN-name.sql` files; defaults to `migrations/` beside this module (the build copies it there). */
  migrationsDir?: string
  /** A better-sqlite3 `.node` built for another ABI (Electron's); the Node build is used when absent. */
  nativeBinding?: string
}

/** The database's encryption key, with where it is kept (for messages). */
export interface DatabaseKey {
  readonly bytes: Buffer
  readonly description: string
}

/** A numbered migration read from disk. */
export interface Migration {
  version: number
  name: string
  sql: string
}

// Writers wait this long for a lock instead of failing at once (the server and a CLI may share the file).
const BUSY_TIMEOUT_MS = 5000

/** The migration files in order; a gap or a duplicate number is a packaging error, not something to skip over. */
export function readMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => {
      const m = /^(\d{3})-([\w-]+)\.sql$/.exec(f)
      if (!m) throw new AppError('INTERNAL', `migration file ${f} is not named NNN-name.sql`)
      return { version: Number(m[1]), name: m[2], sql: readFileSync(join(dir, f), 'utf8') }
    })
    .sort((a, b) => a.version - b.version)
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new AppError('INTERNAL', `migration ${m.version}-${m.name} is out of sequence (expected ${i + 1})`)
  })
  return migrations
}

/**
 * Apply every migration newer than the file's `user_version`, each in its own transaction with its version bump.
 * Foreign keys are off meanwhile, as SQLite's table-rebuild procedure requires (dropping a table with them on would
 * run its ON DELETE actions against the copy), and checked before each commit instead: a migration that leaves a
 * dangling reference rolls back.
 */
export function migrate(db: Db, migrations: Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number
  const latest = migrations.at(-1)?.version ?? 0
  if (current > latest) throw new AppError('INTERNAL', `database schema ${current} is newer than this app (${latest}); update the app`)
  const pending = migrations.filter((x) => x.version > current)
  if (pending.length === 0) return latest
  // The pragma is a no-op inside a transaction, so it is set around them.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number
  db.pragma('foreign_keys = OFF')
  try {
    for (const m of pending) {
      db.transaction(() => {
        db.exec(m.sql)
        const dangling = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]
        if (dangling.length > 0) {
          const first = dangling[0]
          throw new AppError(
            'INTERNAL',
            `migration ${m.version}-${m.name} leaves ${dangling.length} dangling references (${first.table} row ${first.rowid} → ${first.parent})`
          )
        }
        db.pragma(`user_version = ${m.version}`)
      })()
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`)
  }
  return latest
}

// Each pragma with the value it must read back. Set in this order: switching to WAL resets `synchronous` to this
// build's WAL default (NORMAL, which can lose the last commits on power loss), so FULL comes after it.
const PRAGMAS: readonly [name: string, set: string, expect: string | number][] = [
  ['journal_mode', 'WAL', 'wal'], // readers (the list) never block the queue's writes
  ['synchronous', 'FULL', 2], // a commit is on disk before it is reported
  ['foreign_keys', 'ON', 1],
  ['secure_delete', 'ON', 1], // deleted personal values are overwritten, not left in free pages
  ['busy_timeout', String(BUSY_TIMEOUT_MS), BUSY_TIMEOUT_MS]
]

/** Set the connection's pragmas and read each back: one a build or a file silently refuses must stop the open. */
export function applyPragmas(db: Db): void {
  for (const [name, set, expect] of PRAGMAS) {
    db.pragma(`${name} = ${set}`)
    const actual = db.pragma(name, { simple: true })
    if (actual !== expect) throw new AppError('INTERNAL', `SQLite pragma ${name} reads ${String(actual)} after setting ${set}`)
  }
}

/** SQLite's result codes for a damaged file. */
export const isCorruption = (err: unknown): boolean => err instanceof Database.SqliteError && /^SQLITE_(CORRUPT|NOTADB)/.test(err.code)

/** A damaged store, with what was found; `openStore` moves such a file aside. */
export class CorruptStoreError extends AppError {
  constructor(
    readonly file: string,
    readonly problem: string
  ) {
    super('STORE_CORRUPT', `the database ${file} is damaged: ${problem}`)
  }
}

/**
 * A keyed connection to an existing store file for maintenance (backup, verification, restore): no migration, no
 * requeue, so that it can run beside the app or server that owns the file. A file the key does not open is refused.
 */
export function openExisting(file: string, key: DatabaseKey, opts: { readonly?: boolean } & OpenOptions = {}): Db {
  const db = rawConnection(file, { ...opts, fileMustExist: true })
  try {
    applyKey(db, key.bytes)
    db.prepare('SELECT count(*) FROM sqlite_master').get()
    return db
  } catch (err) {
    db.close()
    if (err instanceof Database.SqliteError && err.code === 'SQLITE_NOTADB')
      throw (
        undecryptable(file, key.bytes, key.description) ?? new CorruptStoreError(file, 'its first page does not decrypt with its own key')
      )
    if (isCorruption(err)) throw new CorruptStoreError(file, (err as Error).message)
    throw err
  }
}

function rawConnection(file: string, opts: { readonly?: boolean; fileMustExist?: boolean } & OpenOptions): Db {
  return new Database(file, {
    readonly: opts.readonly ?? false,
    fileMustExist: opts.fileMustExist ?? false,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {})
  })
}

/**
 * Refuse to replace a file another process has open. Every connection to a WAL database holds a shared lock on the
 * file, so an exclusive one is had only when nobody else is connected.
 */
export function refuseIfInUse(file: string, key: DatabaseKey): void {
  const db = openExisting(file, key)
  try {
    db.pragma('busy_timeout = 0')
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('BEGIN EXCLUSIVE; COMMIT')
  } catch (err) {
    if (err instanceof Database.SqliteError && /^SQLITE_BUSY/.test(err.code))
      throw new AppError('STORE_IN_USE', `${file} is open in the app or the server; close it first`)
    throw err
  } finally {
    db.close()
  }
}

/**
 * Open (or create) the store file, encrypted with `key`, with the pragmas we rely on, migrated to the latest schema.
 * A damaged file (see file-checks.ts, then SQLite's quick_check) throws CorruptStoreError and is left as it is; a
 * file the key does not open throws STORE_KEY_WRONG. A new file is built under another name and renamed into place,
 * so a crash while creating it never leaves an empty database behind. A clear-text file from before encryption is
 * encrypted in place first.
 */
export function openDatabase(file: string, key: DatabaseKey, opts: OpenOptions = {}): Db {
  const dir = opts.migrationsDir ?? fileURLToPath(new URL('./migrations', import.meta.url))
  const migrations = readMigrations(dir)
  if (!existsSync(file)) {
    const fresh = `${file}.new-${process.pid}`
    rmSync(fresh, { force: true })
    const db = connect(fresh, key, opts, migrations)
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    writeKeyCheck(file, key.bytes)
    renameSync(fresh, file)
  }
  const problem = fileProblem(file) ?? walProblem(`${file}-wal`)
  if (problem) throw new CorruptStoreError(file, problem)
  if (isPlaintextDatabase(file)) {
    const plain = rawConnection(file, opts)
    try {
      encryptInPlace(plain, file, key.bytes)
    } finally {
      plain.close()
    }
  }
  const db = connect(file, key, opts, migrations)
  // A file encrypted before its record was written (a crash in between) gets it now that the key is proven.
  if (keyMatches(file, key.bytes) !== true) writeKeyCheck(file, key.bytes)
  return db
}

function connect(file: string, key: DatabaseKey, opts: OpenOptions, migrations: Migration[]): Db {
  let db: Db
  try {
    db = rawConnection(file, opts)
  } catch (err) {
    if (isCorruption(err)) throw new CorruptStoreError(file, (err as Error).message)
    throw err
  }
  try {
    applyKey(db, key.bytes)
    applyPragmas(db)
    const check = db.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw new CorruptStoreError(file, `SQLite's check found: ${String(check).replace(/\s*\n\s*/g, ' ')}`)
    migrate(db, migrations)
    return db
  } catch (err) {
    db.close()
    // Page 1 does not decrypt: another key, or (when the key check says the key is right) a damaged first page.
    if (err instanceof Database.SqliteError && err.code === 'SQLITE_NOTADB') {
      const wrongKey = undecryptable(file, key.bytes, key.description)
      if (wrongKey) throw wrongKey
    }
    if (isCorruption(err)) throw new CorruptStoreError(file, (err as Error).message)
    throw err
  }
}
