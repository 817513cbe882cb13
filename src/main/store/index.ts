import type { Database as Db } from 'better-sqlite3'
import { AuditRepository } from './audit-repository'
import { openDatabase } from './db'
import type { OpenOptions } from './db'
import { DocumentsRepository } from './documents-repository'
import { SettingsRepository } from './settings-repository'

/** The workstation's persistent state: one SQLite file, one repository per table family. */
export interface Store {
  db: Db
  documents: DocumentsRepository
  audit: AuditRepository
  settings: SettingsRepository
  /** Run several repository calls as one transaction. */
  transaction<T>(fn: () => T): T
  close(): void
}

/** Options of `openStore`, plus a clock tests can pin. */
export interface StoreOptions extends OpenOptions {
  now?: () => string
}

/** Open the store; work interrupted by the last shutdown goes back to the queue. */
export function openStore(file: string, opts: StoreOptions = {}): Store {
  const db = openDatabase(file, opts)
  const now = opts.now ?? ((): string => new Date().toISOString())
  const documents = new DocumentsRepository(db, now)
  documents.resetInterrupted()
  return {
    db,
    documents,
    audit: new AuditRepository(db, now),
    settings: new SettingsRepository(db),
    transaction: (fn) => db.transaction(fn)(),
    close: () => db.close()
  }
}
