import type { BackupInfo, StoreIncident, StoreStatus } from '../../shared/contract'
import { AppError } from '../../shared/domain/errors'
import type { Store } from '../store'
import { backupDatabase, checkBackup, copyBackupInto, listBackups, pruneBackups } from '../store/backup'
import { moveAside } from '../store/quarantine'
import { checkpointFileOf } from '../store/audit-checkpoint'
import { keyCheckFileOf } from '../store/encryption'
import { currentOperator } from './operator'
import type { RecognitionQueue } from './recognition-queue'

/** Where backups go, how many are kept, and how often one is made on its own. */
export interface BackupOptions {
  dir: string
  keep: number
  /** Between scheduled backups; none are scheduled when absent. */
  everyMs?: number
}

/** Backups from the app (and on a schedule) and restoring one in place of the live database. */
export class BackupService {
  private timer: ReturnType<typeof setInterval> | undefined

  constructor(
    private readonly store: Store,
    private readonly queue: RecognitionQueue,
    private readonly opts: BackupOptions,
    private readonly incident: StoreIncident | null
  ) {}

  status(): StoreStatus {
    return { incident: this.incident, backups: this.list() }
  }

  list(): BackupInfo[] {
    return listBackups(this.opts.dir)
  }

  /** A checked backup of the live database while work goes on; the oldest beyond the kept count are removed. */
  async create(): Promise<BackupInfo> {
    const made = await backupDatabase(this.store, this.store.key, this.opts.dir, this.store.databaseKey)
    pruneBackups(this.opts.dir, this.opts.keep)
    return made
  }

  /**
   * Replace the live database by a checked backup. The current file is moved aside, not deleted; the restored log
   * records the restore, so its chain carries on from the backup's head.
   */
  restore(name: string): { restoredFrom: string; movedAside: string } {
    if (this.queue.progress().recognizing > 0)
      throw new AppError('CONFLICT', 'recognition is running; cancel it or wait for it before restoring')
    const backup = checkBackup(this.opts.dir, name, this.store.key, this.store.databaseKey)
    let movedAside = ''
    this.store.reopenAfter(() => {
      movedAside = moveAside(this.store.file, 'replaced', [checkpointFileOf(this.store.file), keyCheckFileOf(this.store.file)])
      copyBackupInto(backup, this.store.file)
    })
    this.store.audit.append({
      documentId: null,
      type: 'restored',
      operator: currentOperator(this.store),
      detail: { backup: name, movedAside }
    })
    this.queue.start()
    return { restoredFrom: name, movedAside }
  }

  /** Make a backup every `everyMs`; failures go to `onError` (a full disk must not stop the app). */
  schedule(onError: (err: unknown) => void): void {
    if (!this.opts.everyMs) return
    this.timer = setInterval(() => void this.create().catch(onError), this.opts.everyMs)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
  }
}
