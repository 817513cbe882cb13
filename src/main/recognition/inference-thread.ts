// ONNX Runtime loads in the thread, but reads its telemetry switch from the process's real environment, which a
// thread's `process.env` (a copy) does not reach: the switch is set here, before the thread starts.
import './ort-telemetry-off'
import type { Worker } from 'node:worker_threads'
import { AppError } from '../../shared/domain/errors'
import type { ErrorInfo } from '../../shared/domain/errors'
import { startThread } from '../worker-thread'
import type { ModelOutput } from './session'

/** The models the engine runs. */
export type ModelId = 'det' | 'rec' | 'cls'

/** Runs of one model, whose session lives in the inference thread. */
export interface ModelRunner {
  /** Every output of the model for one float32 input, in the model's order. */
  run(data: Float32Array, dims: readonly number[]): Promise<ModelOutput[]>
}

/** What the thread is started with: each model's bytes and its intra-op thread count (undefined: the default). */
export interface ThreadSetup {
  models: Record<ModelId, Uint8Array>
  threads: Record<ModelId, number | undefined>
}

/** What the thread is sent: a run, or the word to end once the run in progress is done. */
export type ThreadRequest = { id: number; model: ModelId; data: Float32Array; dims: readonly number[] } | { close: true }

/** The thread's messages: once, whether its sessions exist; then the answer to each run. */
export type ThreadMessage =
  | { ready: true }
  | { ready: false; error: ErrorInfo }
  | { id: number; ok: true; outputs: ModelOutput[]; input: Float32Array }
  | { id: number; ok: false; error: ErrorInfo; input: Float32Array }

/** The engine has at most three runs in flight (readPage's detection, MRZ and value lines). */
const MAX_SPARE = 4

interface Pending {
  resolve: (outputs: ModelOutput[]) => void
  reject: (err: Error) => void
}

/**
 * The engine's ONNX Runtime sessions, in a worker thread of their own. A run in onnxruntime-node (1.30) holds the
 * calling thread until it ends (its binding runs synchronously), so in the engine's own thread no JavaScript
 * stage could overlap inference; here the pipeline's image work goes on while a model runs.
 */
export class InferenceThread {
  private readonly pending = new Map<number, Pending>()
  private nextId = 0
  /** Input buffers the thread gave back, for the next runs' copies: a fresh one is page-faulted in each time. */
  private readonly spare: ArrayBuffer[] = []
  /** Why the thread is gone; every run from then on fails with it. */
  private ended: Error | null = null

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: ThreadMessage) => {
      if (!('id' in m)) return
      const p = this.pending.get(m.id)
      if (!p) return
      this.pending.delete(m.id)
      if (this.spare.length < MAX_SPARE) this.spare.push(m.input.buffer as ArrayBuffer)
      if (this.pending.size === 0) worker.unref()
      if (m.ok) p.resolve(m.outputs)
      else p.reject(new AppError(m.error.code, m.error.message))
    })
    worker.on('error', (err) => this.end(err))
    worker.on('exit', (code) => this.end(new AppError('INTERNAL', `the inference thread ended (exit code ${code})`)))
  }

  /** Start the thread and create its sessions; rejects with the runtime's reason when a model does not load. */
  static start(setup: ThreadSetup): Promise<InferenceThread> {
    const worker = startThread(import.meta.url, 'inference-worker', setup)
    return new Promise((resolve, reject) => {
      const onExit = (code: number): void =>
        reject(new AppError('INTERNAL', `the inference thread ended (exit code ${code}) before it was ready`))
      worker.once('error', reject)
      worker.once('exit', onExit)
      worker.once('message', (m: ThreadMessage) => {
        worker.off('error', reject)
        worker.off('exit', onExit)
        // A thread whose sessions did not all load ends by itself.
        if (!('ready' in m)) return
        if (!m.ready) return reject(new AppError(m.error.code, m.error.message))
        // An idle thread does not keep its process alive: it is held only while a run is pending.
        worker.unref()
        resolve(new InferenceThread(worker))
      })
    })
  }

  /** The runs of one of the thread's models. */
  runner(model: ModelId): ModelRunner {
    return { run: (data, dims) => this.run(model, data, dims) }
  }

  /**
   * End the thread: pending and later runs fail at once. The thread itself ends once its run in progress is
   * done: onnxruntime-node aborts the whole process when a thread is terminated during a run.
   */
  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.worker.once('exit', resolve))
    // Held until it has ended: a process that exits first would stop the thread mid-run.
    this.worker.ref()
    this.end(new AppError('INTERNAL', 'the inference thread was closed'))
    this.worker.postMessage({ close: true } satisfies ThreadRequest)
    await exited
  }

  private run(model: ModelId, data: Float32Array, dims: readonly number[]): Promise<ModelOutput[]> {
    if (this.ended) return Promise.reject(this.ended)
    const id = this.nextId++
    // A copy of the input goes to the thread (moved, not cloned again) and comes back with the answer: the caller
    // keeps its own buffer for its next run, and a view into a larger one does not send all of it.
    const at = this.spare.findIndex((b) => b.byteLength >= data.byteLength)
    const input = at >= 0 ? new Float32Array(this.spare.splice(at, 1)[0], 0, data.length) : new Float32Array(data.length)
    input.set(data)
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref()
      this.pending.set(id, { resolve, reject })
      this.worker.postMessage({ id, model, data: input, dims } satisfies ThreadRequest, [input.buffer])
    })
  }

  private end(err: Error): void {
    this.ended ??= err
    for (const p of this.pending.values()) p.reject(this.ended)
    this.pending.clear()
  }
}
