import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { AppError } from '../../shared/domain/errors'

/** How to open the store. */
export interface OpenOptions {
  /** Folder of `NNN-name.sql` files; defaults to `migrations/` beside this module (the build copies it there). */
  migrationsDir?: string
  /** A better-sqlite3 `.node` built for another ABI (Electron's); the Node build is used when absent. */
  nativeBinding?: string
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

/** Apply every migration newer than the file's `user_version`, each in its own transaction with its version bump. */
export function migrate(db: Db, migrations: Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number
  const latest = migrations.at(-1)?.version ?? 0
  if (current > latest) throw new AppError('INTERNAL', `database schema ${current} is newer than this app (${latest}); update the app`)
  for (const m of migrations.filter((x) => x.version > current)) {
    db.transaction(() => {
      db.exec(m.sql)
      db.pragma(`user_version = ${m.version}`)
    })()
  }
  return latest
}

/** Open (or create) the store file with the pragmas we rely on, migrated to the latest schema. */
export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  const db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {})
  try {
    // WAL: readers (the list) never block the queue's writes.
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    const dir = opts.migrationsDir ?? fileURLToPath(new URL('./migrations', import.meta.url))
    migrate(db, readMigrations(dir))
    return db
  } catch (err) {
    db.close()
    throw err
  }
}
