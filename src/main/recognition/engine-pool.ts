import { availableParallelism } from 'node:os'
import { AppError } from '../../shared/domain/errors'
import type { PassportResponse } from '../../shared/domain/response'
import type { PageImage } from '../ingest/pages/page-image'
import type { RecognizeOptions } from './pipeline'
import type { WorkerJob, WorkerMessage } from './worker'
import { forkWorker } from './worker-process'
import type { SpawnWorker, WorkerProcess } from './worker-process'

/** How many recognition processes, how many inference threads each, and how they are started. */
export interface PoolOptions {
  workers?: number
  threads?: number
  /** The worker script; defaults to worker.ts beside this file (a bundler passes its built path). */
  workerUrl?: URL | string
  /** Another host for the same worker script (the app passes Electron's utilityProcess); defaults to a child process. */
  spawn?: SpawnWorker
  /** A job running longer is taken for a hang: its process is killed and restarted, the job fails with TIMEOUT. */
  jobTimeoutMs?: number
  /**
   * Run each new process's models once before it takes a job (default true), so that a server's or the app's first
   * document takes what any other does. The command line turns it off: its first result would only come later.
   */
  warmUp?: boolean
  /**
   * A process that holds more than this (MB) once it has taken a file of pages apart ends after its answer and is
   * replaced: pdf.js keeps what it allocated for a page (750–900 MB after one drawn at 300 dpi, from about 360).
   */
  recycleRssMb?: number
}

const DEFAULT_RECYCLE_RSS_MB = 800

// Generous: a large TIFF on a busy two-core PC takes tens of seconds; a hung decoder takes forever.
const DEFAULT_JOB_TIMEOUT_MS = 120_000
// A process that dies this many times in a row before it is ready (missing library, broken install) is not restarted.
const MAX_START_FAILURES = 3
const RESTART_DELAY_MS = 200
// Loading and warming the models takes seconds, tens of seconds on a loaded PC; a process silent for longer is stuck.
const START_TIMEOUT_MS = 180_000

/** Defaults for a small PC: one worker using every core, since one image's inference already uses them all. */
export function defaultPoolOptions(): { workers: number; threads: number } {
  const cores = availableParallelism()
  const workers = Number(process.env.PASSPORT_WORKERS) || (cores >= 8 ? 2 : 1)
  const threads = Number(process.env.PASSPORT_THREADS) || Math.max(1, Math.floor(cores / workers))
  return { workers, threads }
}

interface Pending {
  resolve: (v: unknown) => void
  reject: (e: AppError) => void
}

/** One process slot: the running process, what it is doing, and how often it failed to start. */
interface Slot {
  proc: WorkerProcess
  ready: boolean
  /** Its process has ended; the slot waits for a replacement and takes no job. */
  ended: boolean
  job?: { id: number; pending: Pending; timer: ReturnType<typeof setTimeout> }
  startFailures: number
}

/**
 * Recognition in processes of their own, sharing one queue of jobs. A process that crashes, runs out of memory or
 * hangs fails only the job it was running (ENGINE_CRASHED or TIMEOUT) and is replaced; the queue goes on.
 */
export class EnginePool {
  private readonly slots: Slot[] = []
  private readonly queue: { job: WorkerJob; pending: Pending }[] = []
  private readonly spawn: SpawnWorker
  private readonly args: string[]
  private readonly jobTimeoutMs: number
  private readyWaiters: (() => void)[] = []
  private nextId = 1
  private closed = false
  /** Processes started to replace one that ended. */
  restarts = 0

  constructor(opts: PoolOptions = {}) {
    const d = defaultPoolOptions()
    this.spawn = opts.spawn ?? forkWorker(opts.workerUrl)
    this.args = [
      `--threads=${opts.threads ?? d.threads}`,
      `--recycle-rss-mb=${opts.recycleRssMb ?? DEFAULT_RECYCLE_RSS_MB}`,
      ...(opts.warmUp === false ? [] : ['--warm-up'])
    ]
    this.jobTimeoutMs = opts.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS
    for (let i = 0; i < (opts.workers ?? d.workers); i++) this.slots.push(this.start(0))
  }

  /** Queue one image; resolves with the response or rejects with an AppError. */
  recognize(bytes: Uint8Array, options: RecognizeOptions = {}): Promise<PassportResponse> {
    return this.submit<PassportResponse>((id) => ({
      id,
      kind: 'recognize',
      bytes,
      options: { ...options, today: options.today?.toISOString() }
    }))
  }

  /**
   * Queue a file of pages (PDF, HEIF, TIFF) to be taken apart in a recognition process, with the same crash, hang
   * and restart handling as a recognition; resolves with its pages in order (the first alone when `firstOnly`).
   */
  async splitPages(bytes: Uint8Array, opts: { firstOnly?: boolean } = {}): Promise<PageImage[]> {
    const pages = await this.submit<{ page: number; bytes: Uint8Array }[]>((id) => ({
      id,
      kind: 'split',
      bytes,
      firstOnly: opts.firstOnly === true
    }))
    // Bytes arrive as plain Uint8Arrays (structured clone); the callers hash, store and send them as Buffers.
    return pages.map((p) => ({ page: p.page, bytes: Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength) }))
  }

  private submit<T>(job: (id: number) => WorkerJob): Promise<T> {
    if (this.closed) return Promise.reject(new AppError('CANCELLED', 'the recognition pool is closed'))
    if (this.slots.length === 0) return Promise.reject(new AppError('ENGINE_CRASHED', 'no recognition process could be started'))
    return new Promise((resolve, reject) => {
      this.queue.push({ job: job(this.nextId++), pending: { resolve: (v) => resolve(v as T), reject } })
      this.pump()
    })
  }

  /** Resolves once every process has loaded and warmed its engine: the first job then runs at full speed. */
  ready(): Promise<void> {
    if (this.slots.every((s) => s.ready)) return Promise.resolve()
    return new Promise((resolve) => this.readyWaiters.push(resolve))
  }

  /** Jobs waiting for a process. */
  get queued(): number {
    return this.queue.length
  }

  /** Jobs a process is running. */
  get running(): number {
    return this.slots.filter((s) => s.job).length
  }

  /** The process ids, for a test or a monitor to watch (or kill) them. */
  get pids(): number[] {
    return this.slots.flatMap((s) => (s.proc.pid === undefined ? [] : [s.proc.pid]))
  }

  /** Stop every process; queued jobs are rejected as cancelled, running ones are let finish first (up to `graceMs`). */
  async close(graceMs = 30_000): Promise<void> {
    this.closed = true
    for (const { pending } of this.queue.splice(0)) pending.reject(new AppError('CANCELLED', 'the recognition pool was closed'))
    const deadline = Date.now() + graceMs
    while (this.running > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    const exits = this.slots.map((s) => new Promise<void>((resolve) => s.proc.onExit(() => resolve())))
    for (const s of this.slots) {
      if (s.job) this.finish(s)?.reject(new AppError('CANCELLED', 'the recognition pool was closed'))
      s.proc.kill()
    }
    await Promise.all(exits)
    this.wakeReadyWaiters()
  }

  private start(startFailures: number): Slot {
    const slot: Slot = { proc: this.spawn(this.args), ready: false, ended: false, startFailures }
    const stuck = setTimeout(() => slot.proc.kill(), START_TIMEOUT_MS)
    slot.proc.onMessage((m) => {
      if ('ready' in m) clearTimeout(stuck)
      this.onMessage(slot, m)
    })
    slot.proc.onExit((reason) => {
      clearTimeout(stuck)
      this.onExit(slot, reason)
    })
    return slot
  }

  private onMessage(slot: Slot, m: WorkerMessage): void {
    if ('ready' in m) {
      slot.ready = true
      slot.startFailures = 0
      this.wakeReadyWaiters()
      this.pump()
      return
    }
    if (slot.job?.id !== m.id) return
    // Its process ends after this answer and is replaced then: nothing more is sent to it.
    if (m.ok && m.retiring) slot.ended = true
    const pending = this.finish(slot)
    if (m.ok) pending?.resolve(m.value)
    else pending?.reject(new AppError(m.error.code, m.error.message))
    this.pump()
  }

  private onExit(slot: Slot, reason: string): void {
    slot.ended = true
    const i = this.slots.indexOf(slot)
    if (this.closed || i < 0) return
    // The crash fails the job that was running, and only that one.
    this.finish(slot)?.reject(new AppError('ENGINE_CRASHED', `${reason}; the document was not read`))
    const failures = slot.ready ? 0 : slot.startFailures + 1
    if (failures >= MAX_START_FAILURES) {
      this.slots.splice(i, 1)
      if (this.slots.length === 0) {
        for (const { pending } of this.queue.splice(0))
          pending.reject(new AppError('ENGINE_CRASHED', `${reason}; no recognition process is left`))
        this.wakeReadyWaiters()
      }
      return
    }
    const restart = (): void => {
      if (this.closed) return
      this.restarts++
      this.slots[this.slots.indexOf(slot)] = this.start(failures)
      this.pump()
    }
    if (failures === 0) restart()
    else setTimeout(restart, RESTART_DELAY_MS * failures)
  }

  private pump(): void {
    for (const slot of this.slots) {
      // Only a warm process takes a job: its time limit must not run while models load (a restart under load).
      if (!slot.ready || slot.job || slot.ended || this.queue.length === 0) continue
      const { job, pending } = this.queue.shift() as { job: WorkerJob; pending: Pending }
      const timer = setTimeout(() => this.timeOut(slot), this.jobTimeoutMs)
      slot.job = { id: job.id, pending, timer }
      slot.proc.post(job)
    }
  }

  private timeOut(slot: Slot): void {
    // Ended from now on, not from its exit event: the next job must not be sent to the process being killed.
    slot.ended = true
    this.finish(slot)?.reject(new AppError('TIMEOUT', `recognition took longer than ${this.jobTimeoutMs} ms; its process was restarted`))
    slot.proc.kill()
  }

  /** Detach the slot's job and hand back its promise's callbacks. */
  private finish(slot: Slot): Pending | undefined {
    const job = slot.job
    if (!job) return undefined
    clearTimeout(job.timer)
    slot.job = undefined
    return job.pending
  }

  private wakeReadyWaiters(): void {
    if (!this.closed && !this.slots.every((s) => s.ready)) return
    for (const w of this.readyWaiters.splice(0)) w()
  }
}
