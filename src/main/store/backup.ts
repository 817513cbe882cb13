import { closeSync, copyFileSync, existsSync, mkdirSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { BackupInfo } from '../../shared/contract'
import { AppError } from '../../shared/domain/errors'
import { checkpointFileOf, fileCheckpoint } from './audit-checkpoint'
import { verifyAudit } from './audit-verify'
import { openExisting } from './db'
import type { DatabaseKey } from './db'
import { copyAndCheck } from './backup-copy'
import { copyInThread } from './backup-thread'
import { keyCheckFileOf, writeKeyCheck } from './encryption'
import { asStoreError } from './store-errors'

/** Backup files are named for the moment they were made, so that names sort by age. */
export const BACKUP_NAME = /^workstation-\d{8}T\d{6}\d{3}Z(-\d+)?\.sqlite$/

/** The live database a backup is made from: its file, and the better-sqlite3 build that opens it. */
export interface BackupSource {
  file: string
  nativeBinding?: string
}

/**
 * Below this size (database and WAL) the copy is made on the caller's thread: it takes less time than starting a
 * thread (tens of milliseconds for a few megabytes). A day's work of page images is far larger.
 */
const INLINE_COPY_BYTES = 8 * 1024 * 1024

/**
 * A checked copy of the live database (backup-copy.ts; a large one in a thread of its own), given its name only
 * once it is a single self-contained file, with its own audit checkpoint and key check beside it. A failed backup
 * leaves nothing behind. `inlineBelowBytes` is for tests of the threaded copy on a small database.
 */
export async function backupDatabase(
  source: BackupSource,
  key: Buffer,
  dir: string,
  databaseKey: DatabaseKey,
  opts: { inlineBelowBytes?: number } = {}
): Promise<BackupInfo> {
  mkdirSync(dir, { recursive: true })
  const stamp = new Date().toISOString().replace(/[-:.]/g, '')
  let name = `workstation-${stamp}.sqlite`
  for (let n = 2; listBackups(dir).some((b) => b.name === name); n++) name = `workstation-${stamp}-${n}.sqlite`
  const partial = join(dir, `.${name}.partial`)
  try {
    rmSync(partial, { force: true })
    const req = { source: source.file, partial, databaseKey, auditKey: key, nativeBinding: source.nativeBinding }
    const { events, head } =
      sizeOf(source.file) < (opts.inlineBelowBytes ?? INLINE_COPY_BYTES) ? copyAndCheck(req) : await copyInThread(req)
    fsyncFile(partial)
    const file = join(dir, name)
    renameSync(partial, file)
    if (head) fileCheckpoint(checkpointFileOf(file), key).write(head)
    writeKeyCheck(file, databaseKey.bytes)
    return { name, file, createdAt: new Date().toISOString(), bytes: statSync(file).size, events }
  } catch (err) {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) rmSync(f, { force: true })
    throw asStoreError(err)
  }
}

/** The backups in a folder, newest first. */
export function listBackups(dir: string): BackupInfo[] {
  let names: string[]
  try {
    names = readdirSync(dir).filter((n) => BACKUP_NAME.test(n))
  } catch {
    return []
  }
  return names
    .sort()
    .reverse()
    .map((name) => {
      const s = statSync(join(dir, name))
      return { name, file: join(dir, name), createdAt: s.mtime.toISOString(), bytes: s.size, events: null }
    })
}

/** Keep the newest `keep` backups; returns the names removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  const old = listBackups(dir).slice(keep)
  for (const b of old) for (const f of [b.file, checkpointFileOf(b.file), keyCheckFileOf(b.file)]) rmSync(f, { force: true })
  return old.map((b) => b.name)
}

/** A backup fit to restore: it exists, passes the integrity check, and its audit chain reaches its checkpoint. */
export function checkBackup(dir: string, name: string, key: Buffer, databaseKey: DatabaseKey): BackupInfo {
  if (!BACKUP_NAME.test(name)) throw new AppError('INVALID_REQUEST', `${name} is not the name of a backup`)
  const found = listBackups(dir).find((b) => b.name === name)
  if (!found) throw new AppError('NOT_FOUND', `there is no backup ${name} in ${dir}`)
  const db = openExisting(found.file, databaseKey, { readonly: true })
  try {
    const check = db.pragma('integrity_check', { simple: true })
    if (check !== 'ok') throw new AppError('STORE_CORRUPT', `the backup ${name} is damaged: ${String(check)}`)
    const verdict = verifyAudit(db, key, fileCheckpoint(checkpointFileOf(found.file), key).read())
    if (!verdict.ok)
      throw new AppError('AUDIT_BROKEN', `the backup ${name} fails its audit check at event ${verdict.eventId}: ${verdict.problem}`)
    return { ...found, events: verdict.events }
  } finally {
    db.close()
  }
}

/** Put a checked backup (and its checkpoint) in place of `file`, through a temporary name, so the swap is atomic. */
export function copyBackupInto(backup: BackupInfo, file: string): void {
  const tmp = `${file}.restoring-${process.pid}`
  copyFileSync(backup.file, tmp)
  fsyncFile(tmp)
  renameSync(tmp, file)
  copyFileSync(checkpointFileOf(backup.file), checkpointFileOf(file))
  if (existsSync(keyCheckFileOf(backup.file))) copyFileSync(keyCheckFileOf(backup.file), keyCheckFileOf(file))
}

/** A live database's bytes: its file and its WAL (absent ones count 0; a missing database fails in the copy). */
function sizeOf(file: string): number {
  return [file, `${file}-wal`].reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0)
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
