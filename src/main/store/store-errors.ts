import Database from 'better-sqlite3'
import { AppError } from '../../shared/domain/errors'

// SQLite's codes and the file system's for a full disk or a quota reached.
const FULL_SQLITE = /^SQLITE_FULL/
const FULL_ERRNO = new Set(['ENOSPC', 'EDQUOT'])

/** Whether a failure means the disk (or the database's page limit) is full. */
export function isDiskFull(err: unknown): boolean {
  if (err instanceof Database.SqliteError) return FULL_SQLITE.test(err.code)
  return FULL_ERRNO.has((err as NodeJS.ErrnoException | null)?.code ?? '')
}

/**
 * A storage failure in the product's terms: a full disk becomes DISK_FULL with what the operator can do, the rest
 * passes through unchanged. The transaction it interrupted has been rolled back, which the message says.
 */
export function asStoreError(err: unknown): unknown {
  if (!isDiskFull(err)) return err
  return new AppError(
    'DISK_FULL',
    `the disk is full, so nothing of this was saved (${(err as Error).message}); free some space and try again`
  )
}
