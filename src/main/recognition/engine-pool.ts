import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { AppError } from '../../shared/domain/errors'
import type { ErrorCode } from '../../shared/domain/errors'
import type { PassportResponse } from '../../shared/domain/response'
import type { RecognizeOptions } from './pipeline'
import type { WorkerJob, WorkerReady, WorkerResult } from './worker'

/** How many workers, and how many inference threads each. */
export interface PoolOptions {
  workers?: number
  threads?: number
  /** The worker script; defaults to worker.ts beside this file (a bundler passes its built path). */
  workerUrl?: URL | string
}

/** Defaults for a small PC: one worker using every core, since one image's inference already uses them all. */
export function defaultPoolOptions(): Required<Omit<PoolOptions, 'workerUrl'>> {
  const cores = availableParallelism()
  const workers = Number(process.env.PASSPORT_WORKERS) || (cores >= 8 ? 2 : 1)
  const threads = Number(process.env.PASSPORT_THREADS) || Math.max(1, Math.floor(cores / workers))
  return { workers, threads }
}

interface Pending {
  resolve: (v: PassportResponse) => void
  reject: (e: AppError) => void
}

/** Recognition off the calling thread: a fixed set of workers sharing one queue of jobs. */
export class EnginePool {
  private readonly workers: Worker[] = []
  private readonly idle: Worker[] = []
  private readonly queue: { job: WorkerJob; pending: Pending }[] = []
  private readonly inflight = new Map<number, Pending>()
  private readonly jobOf = new Map<Worker, number>()
  /** Workers still creating their inference sessions. */
  private readonly loading = new Set<Worker>()
  private nextId = 1
  private closed = false

  constructor(opts: PoolOptions = {}) {
    const d = defaultPoolOptions()
    const n = opts.workers ?? d.workers
    const fromSource = import.meta.url.endsWith('.ts')
    const url = opts.workerUrl ?? new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url)
    // Run from TypeScript source (CLI, tests), a worker first registers tsx's loader, as its parent did.
    const viaTsx = fromSource && !opts.workerUrl
    const script = viaTsx ? `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.toString())}) })` : url
    for (let i = 0; i < n; i++) {
      const w = new Worker(script, { workerData: { threads: opts.threads ?? d.threads }, eval: viaTsx })
      w.on('message', (r: WorkerResult | WorkerReady) => ('ready' in r ? this.loading.delete(w) : this.settle(w, r)))
      w.on('error', (err) => this.fail(w, err))
      this.workers.push(w)
      this.idle.push(w)
      this.loading.add(w)
    }
  }

  /** Queue one image; resolves with the response or rejects with an AppError. */
  recognize(bytes: Uint8Array, options: RecognizeOptions = {}): Promise<PassportResponse> {
    if (this.closed) return Promise.reject(new AppError('CANCELLED', 'the recognition pool is closed'))
    return new Promise((resolve, reject) => {
      const job: WorkerJob = { id: this.nextId++, bytes, options: { ...options, today: options.today?.toISOString() } }
      this.queue.push({ job, pending: { resolve, reject } })
      this.pump()
    })
  }

  /** Jobs waiting for a worker. */
  get queued(): number {
    return this.queue.length
  }

  /** Jobs a worker is running. */
  get running(): number {
    return this.inflight.size
  }

  /**
   * Stop every worker; queued jobs are rejected as cancelled. Running jobs, and workers still creating their
   * sessions, are let finish first (up to `graceMs`): terminating a thread inside an ONNX Runtime call aborts
   * the whole process.
   */
  async close(graceMs = 30_000): Promise<void> {
    this.closed = true
    for (const { pending } of this.queue.splice(0)) pending.reject(new AppError('CANCELLED', 'the recognition pool was closed'))
    const deadline = Date.now() + graceMs
    while ((this.inflight.size > 0 || this.loading.size > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    await Promise.all(this.workers.map((w) => w.terminate()))
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop() as Worker
      const { job, pending } = this.queue.shift() as { job: WorkerJob; pending: Pending }
      this.inflight.set(job.id, pending)
      this.jobOf.set(w, job.id)
      w.postMessage(job)
    }
  }

  private settle(w: Worker, r: WorkerResult): void {
    const pending = this.inflight.get(r.id)
    this.inflight.delete(r.id)
    this.jobOf.delete(w)
    this.idle.push(w)
    if (pending) {
      if (r.ok) pending.resolve(r.value as PassportResponse)
      else pending.reject(new AppError(r.error.code as ErrorCode, r.error.message))
    }
    this.pump()
  }

  private fail(w: Worker, err: Error): void {
    // A crashed worker fails its own job only; the others carry on.
    const id = this.jobOf.get(w)
    this.jobOf.delete(w)
    const pending = id === undefined ? undefined : this.inflight.get(id)
    if (id !== undefined) this.inflight.delete(id)
    pending?.reject(new AppError('INTERNAL', `recognition worker failed: ${err.message}`))
    this.loading.delete(w)
    const i = this.workers.indexOf(w)
    if (i >= 0) this.workers.splice(i, 1)
    const idle = this.idle.indexOf(w)
    if (idle >= 0) this.idle.splice(idle, 1)
    // With no worker left, nothing would ever run the queue: fail it now rather than hang.
    if (this.workers.length === 0) {
      for (const { pending: p } of this.queue.splice(0)) p.reject(new AppError('INTERNAL', `recognition worker failed: ${err.message}`))
    }
  }
}
