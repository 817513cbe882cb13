import { stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { watch } from 'chokidar'
import type { FSWatcher } from 'chokidar'
import type { ImportReport } from '../../shared/contract'
import { AppError } from '../../shared/domain/errors'
import { IMAGE_EXTENSIONS } from './image-type'

/** How the hot folder waits for a scanner to finish writing a file. */
export interface HotFolderOptions {
  /** A file counts as complete once its size has not changed for this long. */
  stableMs?: number
  pollMs?: number
}

// Scanners write a page in a few hundred milliseconds; two seconds of silence means the file is complete.
const DEFAULT_STABLE_MS = 2000
const DEFAULT_POLL_MS = 200

const isImage = (path: string): boolean => (IMAGE_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase())
// Scanner software writes temporary files with a leading dot or tilde before renaming them.
const isTemporary = (path: string): boolean => /^[.~]/.test(basename(path))
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Resolves true once the file has content and its size and modification time have not changed for `stableMs`,
 * false if it disappears first. Our own check rather than chokidar's awaitWriteFinish, which does not apply to files
 * found before the watcher is ready: a scan being written while the app starts would be imported cut short.
 */
async function whenWritten(path: string, stableMs: number, pollMs: number, cancelled: () => boolean): Promise<boolean> {
  let last = ''
  let since = Date.now()
  while (!cancelled()) {
    const s = await stat(path).catch(() => null)
    if (!s) return false
    const signature = `${s.size}:${s.mtimeMs}`
    if (signature !== last || s.size === 0) {
      last = signature
      since = Date.now()
    } else if (Date.now() - since >= stableMs) return true
    await sleep(pollMs)
  }
  return false
}

/** Watches one folder a scanner saves into and imports each new image once it is fully written. */
export class HotFolder {
  private watcher: FSWatcher | null = null
  private folder = ''

  constructor(
    private readonly importPaths: (paths: string[]) => Promise<ImportReport>,
    private readonly onError: (err: unknown) => void,
    private readonly opts: HotFolderOptions = {}
  ) {}

  /** The folder being watched, '' when none. */
  get current(): string {
    return this.folder
  }

  /**
   * Watch `folder` instead of the previous one ('' stops watching). Images already there are imported too:
   * scans saved while the app was closed are not lost, and duplicates are skipped by content hash.
   */
  async watch(folder: string): Promise<void> {
    if (folder === this.folder) return
    if (folder) {
      const s = await stat(folder).catch(() => null)
      if (!s?.isDirectory()) throw new AppError('FILE_NOT_FOUND', `hot folder ${folder} is not a folder`)
    }
    await this.stop()
    if (!folder) return
    this.folder = folder
    const watcher = watch(folder, {
      depth: 0,
      ignored: (path, stats) => stats?.isFile() === true && (isTemporary(path) || !isImage(path))
    })
    this.watcher = watcher
    const stopped = (): boolean => this.watcher !== watcher
    const stableMs = this.opts.stableMs ?? DEFAULT_STABLE_MS
    const pollMs = this.opts.pollMs ?? DEFAULT_POLL_MS
    // Each new path is added once; a file still being written is imported when the scanner is done with it.
    watcher.on('add', (path) => {
      whenWritten(path, stableMs, pollMs, stopped)
        .then((written) => (written && !stopped() ? this.importPaths([path]) : null))
        .catch(this.onError)
    })
    watcher.on('error', this.onError)
  }

  async stop(): Promise<void> {
    const w = this.watcher
    this.watcher = null
    this.folder = ''
    await w?.close()
  }
}
