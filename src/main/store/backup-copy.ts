import type { ChainHead } from './audit-chain'
import { AppError } from '../../shared/domain/errors'
import { verifyAudit } from './audit-verify'
import { openExisting } from './db'
import type { DatabaseKey } from './db'
import { asStoreError } from './store-errors'

/** What a backup copy is made from: the live database's file, opened on a connection of the copy's own. */
export interface CopyRequest {
  source: string
  partial: string
  databaseKey: DatabaseKey
  auditKey: Buffer
  nativeBinding?: string
}

/** The checked copy: how many audit events it holds and the head of their chain (for its checkpoint). */
export interface CopyResult {
  events: number
  head: ChainHead | null
}

/**
 * Copy the live database into `partial` with `VACUUM INTO` on a connection of its own: one read transaction, so
 * writers carry on meanwhile (WAL), and the copy is encrypted with the database's own key. (SQLite's backup API
 * cannot write an encrypted copy through better-sqlite3, whose target connection cannot be keyed.) Then check the
 * copy (integrity_check, audit chain) and make it a single self-contained file. Synchronous: it runs in a thread of
 * its own (backup-thread.ts), so that the app's main thread is not held for the seconds a large copy takes.
 */
export function copyAndCheck(req: CopyRequest): CopyResult {
  const opts = req.nativeBinding ? { nativeBinding: req.nativeBinding } : {}
  const live = openExisting(req.source, req.databaseKey, opts)
  try {
    live.prepare('VACUUM INTO ?').run(req.partial)
  } finally {
    live.close()
  }
  const copy = openExisting(req.partial, req.databaseKey, opts)
  try {
    const check = copy.pragma('integrity_check', { simple: true })
    if (check !== 'ok') throw new AppError('STORE_CORRUPT', `the backup copy failed SQLite's integrity check: ${String(check)}`)
    const verdict = verifyAudit(copy, req.auditKey, null, { checkpointRequired: false })
    if (!verdict.ok)
      throw new AppError('AUDIT_BROKEN', `the audit chain being backed up is broken at event ${verdict.eventId}: ${verdict.problem}`)
    // A backup is one file: no WAL to lose on the way to a USB stick.
    copy.pragma('journal_mode = DELETE')
    return { events: verdict.events, head: verdict.head }
  } finally {
    copy.close()
  }
}

/** A failure as it crosses from the copying thread: the product's code where it has one (a full disk is DISK_FULL). */
export function portableError(err: unknown): { code: string | null; message: string } {
  const e = asStoreError(err)
  return { code: e instanceof AppError ? e.code : null, message: e instanceof Error ? e.message : String(e) }
}
