import { AppError, toErrorInfo } from '../../shared/domain/errors'
import type { ErrorInfo } from '../../shared/domain/errors'
import type { QueueProgress } from '../../shared/domain/document'
import type { PassportResponse } from '../../shared/domain/response'
import type { PageSplitter } from '../ingest/pages/file-pages'
import { settleReaderDocuments } from '../mrz-reader/reader-settle'
import type { Store } from '../store'
import { asStoreError, isDiskFull } from '../store/store-errors'
import type { EventBus } from './event-bus'

/** What the services need from the engine (it also takes files of pages apart): EnginePool fits, tests pass a fake. */
export interface Recognizer extends PageSplitter {
  recognize(bytes: Uint8Array, options: { outputFigure?: boolean }): Promise<PassportResponse>
}

/** Tuning of the queue. */
export interface QueueOptions {
  /** Jobs handed to the recognizer at once: enough to keep every worker busy, few enough to cancel cheaply. */
  concurrency?: number
  /** A document whose recognition takes longer fails with TIMEOUT (and can be retried) instead of blocking the queue. */
  timeoutMs?: number
  /** After a write the queue needs failed on a full disk (claiming a document, recording a failure), retry this much later. */
  diskFullRetryMs?: number
}

const DEFAULT_CONCURRENCY = 2
// Generous: a large TIFF on a busy two-core PC takes tens of seconds; only a hung engine takes minutes.
const DEFAULT_TIMEOUT_MS = 180_000
// A full disk is freed by a person, in minutes: a retry every few seconds costs nothing and resumes soon after.
const DEFAULT_DISK_FULL_RETRY_MS = 5_000

/** Who is recorded for events the machine does on its own. */
export const SYSTEM_OPERATOR = 'system'

/**
 * The persistent recognition queue: the documents table is the queue (status 'queued'), so work survives a restart;
 * this class only keeps the pool busy and counts the current batch for the progress bar.
 */
export class RecognitionQueue {
  private readonly running = new Set<number>()
  private readonly cancelled = new Set<number>()
  private batch = { done: 0, total: 0, failed: 0 }
  private idleWaiters: (() => void)[] = []
  private stopped = false
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  // Failures that could not be written yet (a full disk): the documents stay 'recognizing' in the file until they are.
  private readonly unrecorded = new Map<number, ErrorInfo>()

  constructor(
    private readonly store: Store,
    private readonly recognizer: Recognizer,
    private readonly events: EventBus,
    private readonly opts: QueueOptions = {}
  ) {}

  /** Begin (or resume after a restart) working through queued documents. */
  start(): void {
    this.enqueued(this.store.documents.counts().queued)
  }

  /** Documents were added to the queue: grow the batch and get going. */
  enqueued(n: number): void {
    if (n <= 0) return
    // A new batch starts when the previous one finished, so the bar reads "done of this batch".
    if (this.running.size === 0 && this.batch.done >= this.batch.total) this.batch = { done: 0, total: 0, failed: 0 }
    this.batch.total += n
    this.pump()
    this.emitProgress()
  }

  /** Cancel queued documents (they become failed/CANCELLED) and discard the results of running ones. */
  cancel(ids?: number[]): number {
    const moved = this.store.documents.moveStatus('queued', 'failed', ids, { code: 'CANCELLED', message: 'cancelled by the operator' })
    const running = [...this.running].filter((id) => !ids || ids.includes(id))
    for (const id of running) this.cancelled.add(id)
    this.batch.done += moved.length
    this.batch.failed += moved.length
    for (const id of moved) this.events.emit('documents:changed', { id, status: 'failed' })
    this.emitProgress()
    this.settleIfIdle()
    return moved.length + running.length
  }

  /** Put failed documents back in the queue. */
  retry(ids?: number[]): number {
    const moved = this.store.documents.moveStatus('failed', 'queued', ids)
    for (const id of moved) this.events.emit('documents:changed', { id, status: 'queued' })
    this.enqueued(moved.length)
    return moved.length
  }

  progress(): QueueProgress {
    return { ...this.batch, queued: this.store.documents.counts().queued, recognizing: this.running.size }
  }

  /** Resolves once nothing is queued or running (tests, orderly shutdown). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** Stop taking new work and stop recording results: the store is about to close. */
  stop(): void {
    this.stopped = true
    clearTimeout(this.retryTimer)
  }

  private isIdle(): boolean {
    return this.running.size === 0 && (this.stopped || (this.unrecorded.size === 0 && this.store.documents.counts().queued === 0))
  }

  private pump(): void {
    this.recordFailures()
    while (!this.stopped && this.running.size < (this.opts.concurrency ?? DEFAULT_CONCURRENCY)) {
      const id = this.claimNext()
      if (id === null) break
      this.running.add(id)
      this.events.emit('documents:changed', { id, status: 'recognizing' })
      void this.run(id)
    }
    this.settleIfIdle()
  }

  /**
   * The next queued document, now marked recognizing. When even that mark cannot be written (a full disk), the
   * document stays queued and the queue tries again later by itself, so the work goes on once there is room.
   */
  private claimNext(): number | null {
    try {
      return this.store.documents.claimNextQueued()
    } catch (err) {
      this.retryLater('cannot take the next document', err)
      return null
    }
  }

  /** A write the queue needs failed: on a full disk try again later; anything else is a fault to surface, not retry. */
  private retryLater(what: string, err: unknown): void {
    if (!isDiskFull(err)) throw err
    const { code, message } = toErrorInfo(asStoreError(err))
    const ms = this.opts.diskFullRetryMs ?? DEFAULT_DISK_FULL_RETRY_MS
    console.error(`recognition queue: ${what} (${code}: ${message}); trying again in ${ms / 1000} s`)
    clearTimeout(this.retryTimer)
    this.retryTimer = setTimeout(() => this.pump(), ms)
  }

  private async run(id: number): Promise<void> {
    const bytes = this.store.documents.getBytes(id)
    let outcome: { response: PassportResponse } | { error: unknown }
    try {
      if (!bytes) throw new AppError('NOT_FOUND', `document ${id} was deleted or has no image`)
      outcome = { response: await this.withTimeout(this.recognizer.recognize(bytes, { outputFigure: true })) }
    } catch (error) {
      outcome = { error }
    }
    // After stop() the store may be closed: the document stays 'recognizing' and the next open requeues it.
    if (this.stopped) return
    this.running.delete(id)
    const cancelled = this.cancelled.delete(id)
    const failure = cancelled
      ? new AppError('CANCELLED', 'cancelled by the operator')
      : 'error' in outcome
        ? outcome.error
        : this.saveRecognition(id, outcome.response)
    this.batch.done += 1
    if (failure !== null) {
      this.batch.failed += 1
      this.unrecorded.set(id, toErrorInfo(failure))
    } else {
      this.emitStatus(id)
    }
    this.emitProgress()
    this.pump()
  }

  /** Store a result with its audit event as one transaction; what stopped it (DISK_FULL, rolled back) is returned. */
  private saveRecognition(id: number, response: PassportResponse): unknown {
    try {
      const settled = this.store.transaction(() => {
        this.store.documents.setRecognized(id, response)
        this.store.audit.append({
          documentId: id,
          type: 'recognized',
          operator: SYSTEM_OPERATOR,
          detail: { algoVersion: response.algo_version }
        })
        // An MRZ reader may have read this passport before its page arrived: the page is checked against it.
        return settleReaderDocuments(this.store, id, SYSTEM_OPERATOR)
      })
      for (const other of settled) this.emitStatus(other)
      return null
    } catch (err) {
      return err
    }
  }

  /**
   * Fail the documents whose failures are not yet written, so the batch goes on. On a disk so full that not even this
   * fits, they stay 'recognizing' in the file (the next open would requeue them) and the queue tries again later.
   */
  private recordFailures(): void {
    if (this.stopped) return
    for (const [id, error] of this.unrecorded) {
      try {
        this.store.documents.setFailed(id, error)
      } catch (err) {
        this.retryLater(`cannot record that document ${id} failed with ${error.code}`, err)
        return
      }
      this.unrecorded.delete(id)
      this.emitStatus(id)
    }
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    const ms = this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError('TIMEOUT', `recognition took longer than ${ms / 1000} s`)), ms)
    })
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
  }

  private settleIfIdle(): void {
    if (!this.isIdle()) return
    for (const resolve of this.idleWaiters.splice(0)) resolve()
  }

  /** Tell the clients a document's status as stored (none when it was deleted meanwhile). */
  private emitStatus(id: number): void {
    const status = this.store.documents.get(id)?.status
    if (status) this.events.emit('documents:changed', { id, status })
  }

  private emitProgress(): void {
    this.events.emit('queue:progress', this.progress())
  }
}
