/**
 * The store's maintenance commands: `verify-audit`, `backup`, `restore`. Kept apart from cli.ts, which is bundled
 * for a fast start of the engine: these need no engine, and run from source so that the store finds its migrations.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { AppError, toErrorInfo } from '../shared/domain/errors'
import { checkpointFileOf, fileCheckpoint } from './store/audit-checkpoint'
import { keyFileSource } from './store/audit-key'
import { verifyAudit } from './store/audit-verify'
import { defaultKeyFile } from './store'

const USAGE = `usage:
  verify-audit --db FILE [--key FILE]   check the audit chain (exit 0 holds, 1 broken: the first broken event and why)
options: --key defaults to $PRW_AUDIT_KEY_FILE or audit.key beside the database
exit status: 0 ok, 1 failed, 2 usage error`

function verifyCommand(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, key: { type: 'string' } } })
  if (!values.db) throw new AppError('USAGE', '--db is required')
  const file = resolve(values.db)
  if (!existsSync(file)) throw new AppError('FILE_NOT_FOUND', `${file} does not exist`)
  const keyFile = resolve(values.key ?? process.env.PRW_AUDIT_KEY_FILE ?? defaultKeyFile(file))
  const key = keyFileSource(keyFile).load()
  if (!key)
    throw new AppError('AUDIT_KEY_MISSING', `no audit key at ${keyFile}: the chain cannot be checked without the key it was sealed with`)
  // Read-only: checking a log must not change it (no migration, no requeue).
  const db = new Database(file, { readonly: true, fileMustExist: true })
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

function main(argv: string[]): number {
  const [command, ...rest] = argv
  try {
    if (command === 'verify-audit') return verifyCommand(rest)
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

process.exitCode = main(process.argv.slice(2))
