/**
 * The store's maintenance commands: `verify-audit`, `backup`, `restore`. Kept apart from cli.ts, which is bundled
 * for a fast start of the engine: these need no engine, and run from source so that the store finds its migrations.
 */
import { existsSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { AppError, toErrorInfo } from '../shared/domain/errors'
import { checkpointFileOf, fileCheckpoint } from './store/audit-checkpoint'
import { keyFileSource } from './store/audit-key'
import { verifyAudit } from './store/audit-verify'
import { backupDatabase, checkBackup, copyBackupInto, pruneBackups } from './store/backup'
import { openExisting, refuseIfInUse } from './store/db'
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
options: --key (the audit key) defaults to $PRW_AUDIT_KEY_FILE or audit.key beside the database
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

function existingDb(db: string | undefined): string {
  if (!db) throw new AppError('USAGE', '--db is required')
  const file = resolve(db)
  if (!existsSync(file)) throw new AppError('FILE_NOT_FOUND', `${file} does not exist`)
  return file
}

function verifyCommand(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, key: { type: 'string' } } })
  const file = existingDb(values.db)
  const key = auditKey(file, values.key)
  // Read-only: checking a log must not change it (no migration, no requeue).
  const db = openExisting(file, { readonly: true })
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
    options: { db: { type: 'string' }, out: { type: 'string' }, keep: { type: 'string' }, key: { type: 'string' } }
  })
  const file = existingDb(values.db)
  const keep = values.keep === undefined ? null : Number(values.keep)
  if (keep !== null && !(Number.isInteger(keep) && keep >= 1)) throw new AppError('USAGE', '--keep must be a whole number of at least 1')
  const out = resolve(values.out ?? join(dirname(file), 'backups'))
  const key = auditKey(file, values.key)
  // Its own read-only connection: the online backup copies what is committed while the app or server writes on.
  const db = openExisting(file, { readonly: true })
  try {
    const made = await backupDatabase(db, key, out)
    const removed = keep === null ? [] : pruneBackups(out, keep)
    process.stdout.write(JSON.stringify({ ...made, removed }) + '\n')
    return 0
  } finally {
    db.close()
  }
}

function restoreCommand(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, from: { type: 'string' }, key: { type: 'string' } } })
  if (!values.db || !values.from) throw new AppError('USAGE', '--db and --from are required')
  const file = resolve(values.db)
  const from = resolve(values.from)
  if (!existsSync(from)) throw new AppError('FILE_NOT_FOUND', `${from} does not exist`)
  const key = auditKey(file, values.key)
  const backup = checkBackup(dirname(from), basename(from), key)
  if (existsSync(file)) refuseIfInUse(file)
  const movedAside = existsSync(file) ? moveAside(file, 'replaced', [checkpointFileOf(file)]) : null
  copyBackupInto(backup, file)
  const store = openStore(file, { auditKey: keyFileSource(keyFileOf(file, values.key)) })
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

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === 'verify-audit') return verifyCommand(rest)
    if (command === 'backup') return await backupCommand(rest)
    if (command === 'restore') return restoreCommand(rest)
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
