/**
 * The store's maintenance commands: `verify-audit`, `backup`, `restore`. Kept apart from cli.ts, which is bundled
 * for a fast start of the engine: these need no engine, and run from source so that the store finds its migrations.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { AppError, toErrorInfo } from '../shared/domain/errors'
import { checkpointFileOf, fileCheckpoint } from './store/audit-checkpoint'
import { verifyAudit } from './store/audit-verify'
import { backupDatabase, checkBackup, copyBackupInto, pruneBackups } from './store/backup'
import { openExisting, refuseIfInUse } from './store/db'
import type { DatabaseKey } from './store/db'
import { defaultDatabaseKeyFile, keyCheckFileOf, rekey } from './store/encryption'
import { KEY_BYTES, keyFileSource, writeSecretFile } from './store/key-source'
import { moveAside } from './store/quarantine'
import { currentOperator } from './services/operator'
import { defaultKeyFile, openStore } from './store'

const USAGE = `usage:
  verify-audit --db FILE [--key FILE]   check the audit chain (exit 0 holds, 1 broken: the first broken event and why)
  backup --db FILE [--out DIR] [--keep N] [--key FILE]
                                        a checked online backup (the app or server may keep working on FILE);
                                        --out defaults to backups/ beside FILE; --keep N removes all but the newest N
  restore --db FILE --from BACKUP [--key FILE]
                                        check BACKUP, move FILE aside (FILE.replaced-<time>), put BACKUP in its place
                                        and record the restore in its audit log; refused while FILE is open elsewhere
  rekey --db FILE                       encrypt FILE under a new database key; the old key file is kept as
                                        database.key.replaced-<time> (backups made before stay under the old key)
options: --key (the audit key) defaults to $PRW_AUDIT_KEY_FILE or audit.key beside the database;
  --database-key (the encryption key) to $PRW_DATABASE_KEY_FILE or database.key beside the database
exit status: 0 ok, 1 failed (error: CODE: message on stderr), 2 usage error`

const keyFileOf = (dbFile: string, keyOption: string | undefined): string =>
  resolve(keyOption ?? process.env.PRW_AUDIT_KEY_FILE ?? defaultKeyFile(dbFile))

/** The audit key a command needs: without it no chain can be checked, so there is nothing to fall back on. */
function auditKey(dbFile: string, keyOption: string | undefined): Buffer {
  const keyFile = keyFileOf(dbFile, keyOption)
  const key = keyFileSource(keyFile).load()
  if (!key)
    throw new AppError('AUDIT_KEY_MISSING', `no audit key at ${keyFile}: the chain cannot be checked without the key it was sealed with`)
  return key
}

const databaseKeyFileOf = (dbFile: string, keyOption: string | undefined): string =>
  resolve(keyOption ?? process.env.PRW_DATABASE_KEY_FILE ?? defaultDatabaseKeyFile(dbFile))

/** The database key: an encrypted file cannot be opened without it. */
function databaseKey(dbFile: string, keyOption: string | undefined): DatabaseKey {
  const source = keyFileSource(databaseKeyFileOf(dbFile, keyOption), 'database')
  const bytes = source.load()
  if (!bytes)
    throw new AppError(
      'STORE_KEY_MISSING',
      `no database key at ${databaseKeyFileOf(dbFile, keyOption)}: the database cannot be read without it`
    )
  return { bytes, description: source.description }
}

const KEY_OPTIONS = { key: { type: 'string' }, 'database-key': { type: 'string' } } as const

function existingDb(db: string | undefined): string {
  if (!db) throw new AppError('USAGE', '--db is required')
  const file = resolve(db)
  if (!existsSync(file)) throw new AppError('FILE_NOT_FOUND', `${file} does not exist`)
  return file
}

function verifyCommand(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, ...KEY_OPTIONS } })
  const file = existingDb(values.db)
  const key = auditKey(file, values.key)
  // Read-only: checking a log must not change it (no migration, no requeue).
  const db = openExisting(file, databaseKey(file, values['database-key']), { readonly: true })
  try {
    const verdict = verifyAudit(db, key, fileCheckpoint(checkpointFileOf(file), key).read())
    if (verdict.ok) {
      process.stdout.write(`ok: ${verdict.events} events, the chain holds up to event ${verdict.head?.eventId ?? 0} and the checkpoint\n`)
      return 0
    }
    process.stdout.write(`broken at event ${verdict.eventId}: ${verdict.problem} (${verdict.events} events before it hold)\n`)
    return 1
  } finally {
    db.close()
  }
}

async function backupCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, out: { type: 'string' }, keep: { type: 'string' }, ...KEY_OPTIONS }
  })
  const file = existingDb(values.db)
  const keep = values.keep === undefined ? null : Number(values.keep)
  if (keep !== null && !(Number.isInteger(keep) && keep >= 1)) throw new AppError('USAGE', '--keep must be a whole number of at least 1')
  const out = resolve(values.out ?? join(dirname(file), 'backups'))
  const key = auditKey(file, values.key)
  // The copy is made on a connection of its own: it holds what is committed while the app or server writes on.
  const made = await backupDatabase({ file }, key, out, databaseKey(file, values['database-key']))
  const removed = keep === null ? [] : pruneBackups(out, keep)
  process.stdout.write(JSON.stringify({ ...made, removed }) + '\n')
  return 0
}

function restoreCommand(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, from: { type: 'string' }, ...KEY_OPTIONS } })
  if (!values.db || !values.from) throw new AppError('USAGE', '--db and --from are required')
  const file = resolve(values.db)
  const from = resolve(values.from)
  if (!existsSync(from)) throw new AppError('FILE_NOT_FOUND', `${from} does not exist`)
  const key = auditKey(file, values.key)
  const dbKey = databaseKey(file, values['database-key'])
  const backup = checkBackup(dirname(from), basename(from), key, dbKey)
  if (existsSync(file)) refuseIfInUse(file, dbKey)
  const movedAside = existsSync(file) ? moveAside(file, 'replaced', [checkpointFileOf(file), keyCheckFileOf(file)]) : null
  copyBackupInto(backup, file)
  const store = openStore(file, {
    auditKey: keyFileSource(keyFileOf(file, values.key)),
    databaseKey: keyFileSource(databaseKeyFileOf(file, values['database-key']), 'database')
  })
  try {
    store.audit.append({
      documentId: null,
      type: 'restored',
      operator: currentOperator(store),
      detail: { backup: backup.name, movedAside: movedAside ?? '' }
    })
    process.stdout.write(JSON.stringify({ restoredFrom: backup.file, movedAside, events: backup.events }) + '\n')
    return 0
  } finally {
    store.close()
  }
}

/**
 * A new database key. Its file is written (as `.next`) before the database is re-encrypted and renamed into place
 * after, the old one kept aside: a crash at any point leaves a key that opens the file, and the key check says which.
 */
function rekeyCommand(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, 'database-key': { type: 'string' } } })
  const file = existingDb(values.db)
  const keyFile = databaseKeyFileOf(file, values['database-key'])
  const oldKey = databaseKey(file, values['database-key'])
  refuseIfInUse(file, oldKey)
  const next = `${keyFile}.next`
  rmSync(next, { force: true })
  const newKey = randomBytes(KEY_BYTES)
  writeSecretFile(next, newKey.toString('hex') + '\n')
  const db = openExisting(file, oldKey)
  try {
    rekey(db, file, newKey)
  } finally {
    db.close()
  }
  const keptAs = `${keyFile}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`
  renameSync(keyFile, keptAs)
  renameSync(next, keyFile)
  process.stdout.write(JSON.stringify({ rekeyed: file, keyFile, oldKeyKeptAs: keptAs }) + '\n')
  return 0
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === 'verify-audit') return verifyCommand(rest)
    if (command === 'backup') return await backupCommand(rest)
    if (command === 'restore') return restoreCommand(rest)
    if (command === 'rekey') return rekeyCommand(rest)
    throw new AppError('USAGE', command ? `unknown command ${command}` : '')
  } catch (err) {
    const info =
      err instanceof TypeError && (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')
        ? { code: 'USAGE', message: err.message }
        : toErrorInfo(err)
    if (info.code === 'USAGE') {
      if (info.message) process.stderr.write(`error: ${info.message}\n`)
      process.stderr.write(USAGE + '\n')
      return 2
    }
    process.stderr.write(`error: ${info.code}: ${info.message}\n`)
    return 1
  }
}

process.exitCode = await main(process.argv.slice(2))
