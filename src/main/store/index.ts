import { existsSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Database as Db } from 'better-sqlite3'
import type { StoreIncident } from '../../shared/contract'
import { AppError } from '../../shared/domain/errors'
import { GENESIS_MAC } from './audit-chain'
import { checkpointFileOf, fileCheckpoint } from './audit-checkpoint'
import type { AuditCheckpoint } from './audit-checkpoint'
import { keyFileSource } from './key-source'
import type { KeySource } from './key-source'
import { AuditRepository } from './audit-repository'
import { verifyAudit } from './audit-verify'
import type { AuditVerdict } from './audit-verify'
import { CorruptStoreError, openDatabase } from './db'
import type { DatabaseKey, OpenOptions } from './db'
import { defaultDatabaseKeyFile, keyCheckFileOf } from './encryption'
import { isPlaintextDatabase } from './file-checks'
import { DocumentsRepository } from './documents-repository'
import { moveAside } from './quarantine'
import { asStoreError } from './store-errors'
import { SettingsRepository } from './settings-repository'

/** The workstation's persistent state: one SQLite file, one repository per table family. */
export interface Store {
  readonly file: string
  /** The better-sqlite3 build it was opened with (the Electron one in the app), for connections of its own elsewhere. */
  readonly nativeBinding: string | undefined
  readonly db: Db
  readonly documents: DocumentsRepository
  readonly audit: AuditRepository
  readonly settings: SettingsRepository
  /** The audit chain's HMAC key. */
  readonly key: Buffer
  /** The database's encryption key (its backups are encrypted with it too). */
  readonly databaseKey: DatabaseKey
  readonly checkpoint: AuditCheckpoint
  /** Run several repository calls as one write transaction; the audit checkpoint follows its commit. */
  transaction<T>(fn: () => T): T
  /** Check the whole audit chain against the checkpoint kept outside the file. */
  verifyAudit(): AuditVerdict
  /** Close the connection, let `swap` replace the file (a restore), and open it again; the repositories follow. */
  reopenAfter(swap: () => void): void
  close(): void
}

/** Options of `openStore`, plus a clock tests can pin. */
export interface StoreOptions extends OpenOptions {
  now?: () => string
  /** The audit key's keeper; defaults to the 0600 file `audit.key` beside the database. */
  auditKey?: KeySource
  /** The database key's keeper; defaults to the 0600 file `database.key` beside the database. */
  databaseKey?: KeySource
  /** Where a checkpoint that could not be written is reported (the events are committed); defaults to stderr. */
  onCheckpointError?: (err: unknown) => void
}

/** The key file the command line and browser mode use for a database, unless told otherwise. */
export const defaultKeyFile = (dbFile: string): string => join(dirname(dbFile), 'audit.key')

/**
 * Open the store; work interrupted by the last shutdown goes back to the queue. A damaged file throws
 * CorruptStoreError (STORE_CORRUPT) and is left untouched: `openStoreRecovering` moves it aside.
 */
export function openStore(file: string, opts: StoreOptions = {}): Store {
  const now = opts.now ?? ((): string => new Date().toISOString())
  const onCheckpointError = opts.onCheckpointError ?? ((err: unknown): void => console.error('audit checkpoint:', err))
  const databaseKey = loadDatabaseKey(file, opts.databaseKey ?? keyFileSource(defaultDatabaseKeyFile(file), 'database'))
  let db = openDatabase(file, databaseKey, opts)
  try {
    const keySource = opts.auditKey ?? keyFileSource(defaultKeyFile(file))
    const key = keySource.load() ?? createKey(db, keySource)
    const checkpoint = fileCheckpoint(checkpointFileOf(file), key)
    const listeners = new Set<Parameters<AuditRepository['onAppend']>[0]>()
    const repositories = (): Pick<Store, 'documents' | 'audit' | 'settings'> => ({
      documents: new DocumentsRepository(db, now),
      audit: new AuditRepository(db, now, key, checkpoint, onCheckpointError, listeners),
      settings: new SettingsRepository(db)
    })
    const store: Store = {
      file,
      nativeBinding: opts.nativeBinding,
      db,
      key,
      databaseKey,
      checkpoint,
      ...repositories(),
      transaction(fn) {
        try {
          const result = db.transaction(fn).immediate()
          store.audit.committed()
          return result
        } catch (err) {
          store.audit.rolledBack()
          throw asStoreError(err)
        }
      },
      verifyAudit: () => verifyAudit(db, key, checkpoint.read()),
      reopenAfter(swap) {
        db.close()
        swap()
        db = openDatabase(file, databaseKey, opts)
        Object.assign(store, { db, ...repositories() })
        prepare(store)
      },
      close: () => db.close()
    }
    prepare(store)
    return store
  } catch (err) {
    db.close()
    throw err
  }
}

/**
 * What every open does once connected: start the checkpoint of a log that has none (a new file, or one from before
 * the chain, whose events are sealed now), and requeue interrupted work. A log that has sealed events and no
 * checkpoint is left for the verifier to report: sealing on request would let anyone without the key get a MAC.
 */
function prepare(store: Store): void {
  if (store.checkpoint.read() === null && !store.db.prepare('SELECT 1 FROM audit_events WHERE mac IS NOT NULL LIMIT 1').get()) {
    if (store.audit.sealUnsealed() === 0) store.checkpoint.write({ eventId: 0, mac: GENESIS_MAC })
  }
  store.documents.resetInterrupted()
}

/** The database key, made for a new file or one still in clear text; a missing key for an encrypted file is an error. */
function loadDatabaseKey(file: string, source: KeySource): DatabaseKey {
  const loaded = source.load()
  if (loaded) return { bytes: loaded, description: source.description }
  if (existsSync(file) && statSync(file).size > 0 && !isPlaintextDatabase(file))
    throw new AppError(
      'STORE_KEY_MISSING',
      `the database ${file} is encrypted and its key is missing (${source.description}); put the key back`
    )
  return { bytes: source.create(), description: source.description }
}

/** A first key, only for a log nobody sealed yet: a log sealed under a lost key must not look broken by a new one. */
function createKey(db: Db, source: KeySource): Buffer {
  if (db.prepare('SELECT 1 FROM audit_events WHERE mac IS NOT NULL LIMIT 1').get())
    throw new AppError(
      'AUDIT_KEY_MISSING',
      `the audit log of ${db.name} was sealed with a key that is missing (${source.description}); put the key back`
    )
  return source.create()
}

/**
 * Open the store; a damaged one is moved aside (never overwritten or repaired in place) and an empty store opened
 * in its place, so that the app can start, tell the operator, and offer a backup (`backup:restore`).
 */
export function openStoreRecovering(file: string, opts: StoreOptions = {}): { store: Store; incident: StoreIncident | null } {
  try {
    return { store: openStore(file, opts), incident: null }
  } catch (err) {
    if (!(err instanceof CorruptStoreError)) throw err
    const movedTo = moveAside(file, 'damaged', [checkpointFileOf(file), keyCheckFileOf(file)])
    const message = `${err.message}. It was moved aside, unchanged, to ${movedTo}; an empty database was started. Restore a backup to get its documents back.`
    return { store: openStore(file, opts), incident: { code: 'STORE_CORRUPT', message, movedTo, at: new Date().toISOString() } }
  }
}
