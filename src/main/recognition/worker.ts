import { parentPort, workerData } from 'node:worker_threads'
import { toErrorInfo } from '../../shared/domain/errors'
import type { RecognizeOptions } from './pipeline'
import { PassportEngine } from './pipeline'

/** A job for a recognition worker. */
export interface WorkerJob {
  id: number
  bytes: Uint8Array
  options: Omit<RecognizeOptions, 'today'> & { today?: string }
}

/** The worker's answer: the response or a stable error. */
export type WorkerResult = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { code: string; message: string } }

/** Sent once the engine's sessions exist (or failed to): until then the thread is inside ONNX Runtime. */
export interface WorkerReady {
  ready: true
}

// One engine per worker: sessions are created once and reused for every job.
const port = parentPort
if (port) {
  const ready = PassportEngine.create({ intraOpNumThreads: (workerData as { threads?: number } | undefined)?.threads })
  const loaded = (): void => port.postMessage({ ready: true } satisfies WorkerReady)
  ready.then(loaded, loaded)
  port.on('message', (job: WorkerJob) => {
    void (async (): Promise<void> => {
      try {
        const engine = await ready
        const today = job.options.today ? new Date(job.options.today) : undefined
        const value = await engine.recognize(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength), {
          ...job.options,
          today
        })
        port.postMessage({ id: job.id, ok: true, value } satisfies WorkerResult)
      } catch (err) {
        port.postMessage({ id: job.id, ok: false, error: toErrorInfo(err) } satisfies WorkerResult)
      }
    })()
  })
}
