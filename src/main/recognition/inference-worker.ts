// The inference thread (inference-thread.ts starts it; electron.vite.config.ts and scripts/cli.mjs build it as its
// own entry): it owns the engine's sessions and runs them one request at a time, in the order they come.
import { parentPort, workerData } from 'node:worker_threads'
import type { TransferListItem } from 'node:worker_threads'
import { toErrorInfo } from '../../shared/domain/errors'
import type { ModelId, ThreadMessage, ThreadRequest, ThreadSetup } from './inference-thread'
import type { InferenceSession, ModelOutput } from './session'
import { createSession, runModelOutputs } from './session'

const port = parentPort!
const setup = workerData as ThreadSetup
const ids: ModelId[] = ['det', 'rec', 'cls']
const post = (m: ThreadMessage, transfer: TransferListItem[] = []): void => port.postMessage(m, transfer)

/**
 * The input's buffer (the caller's to reuse) and the outputs' own buffers move back instead of being copied; an
 * output that is a view into a larger buffer is copied.
 */
function movable(input: Float32Array, outputs: readonly ModelOutput[]): ArrayBuffer[] {
  const whole = outputs
    .map((o) => o.data)
    .filter((d) => ArrayBuffer.isView(d) && d.byteOffset === 0 && d.byteLength === d.buffer.byteLength)
  return [...new Set([input, ...whole].map((d) => (d as ArrayBufferView).buffer as ArrayBuffer))]
}

function serve(sessions: Record<ModelId, InferenceSession>): void {
  port.on('message', (req: ThreadRequest) => {
    // Closing the port lets the thread end by itself once the run in progress returns: it is never terminated.
    if ('close' in req) return port.close()
    runModelOutputs(sessions[req.model], req.data, req.dims).then(
      (outputs) => post({ id: req.id, ok: true, outputs, input: req.data }, movable(req.data, outputs)),
      (err: unknown) => post({ id: req.id, ok: false, error: toErrorInfo(err), input: req.data }, movable(req.data, []))
    )
  })
  post({ ready: true })
}

// Every session is settled before the thread answers: one that failed ends the thread, which must not happen while
// another is still being created.
void Promise.allSettled(
  ids.map((id) => {
    const bytes = setup.models[id]
    return createSession(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { intraOpNumThreads: setup.threads[id] })
  })
).then((settled) => {
  const failed = settled.find((s) => s.status === 'rejected')
  if (failed) {
    post({ ready: false, error: toErrorInfo(failed.reason) })
    return port.close()
  }
  serve(
    Object.fromEntries(settled.map((s, i) => [ids[i], (s as PromiseFulfilledResult<InferenceSession>).value])) as Record<
      ModelId,
      InferenceSession
    >
  )
})
