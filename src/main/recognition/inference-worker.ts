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

/** The outputs' own buffers move back to the caller instead of being copied; a view into a shared one is copied. */
function movable(outputs: readonly ModelOutput[]): ArrayBuffer[] {
  const views = outputs.map((o) => o.data).filter((d) => ArrayBuffer.isView(d))
  return [...new Set(views.filter((d) => d.byteOffset === 0 && d.byteLength === d.buffer.byteLength).map((d) => d.buffer as ArrayBuffer))]
}

function serve(sessions: Record<ModelId, InferenceSession>): void {
  port.on('message', (req: ThreadRequest) => {
    // Closing the port lets the thread end by itself once the run in progress returns: it is never terminated.
    if ('close' in req) return port.close()
    runModelOutputs(sessions[req.model], req.data, req.dims).then(
      (outputs) => post({ id: req.id, ok: true, outputs }, movable(outputs)),
      (err: unknown) => post({ id: req.id, ok: false, error: toErrorInfo(err) })
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
