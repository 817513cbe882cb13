import { parseArgs } from 'node:util'
import { toErrorInfo } from '../../shared/domain/errors'
import type { ErrorInfo } from '../../shared/domain/errors'
import { splitPages } from '../ingest/pages/split-pages'
import { restrictDecoders } from './image/decode'
import type { RecognizeOptions } from './pipeline'
import { PassportEngine } from './pipeline'
import { warmUpPage } from './warm-up'

/**
 * A job for a recognition process: read one page image, or take a file of pages (PDF, HEIF, TIFF) apart, since
 * decoding such a file is as much a risk as decoding an image.
 */
export type WorkerJob =
  | { id: number; kind: 'recognize'; bytes: Uint8Array; options: Omit<RecognizeOptions, 'today'> & { today?: string } }
  | { id: number; kind: 'split'; bytes: Uint8Array; firstOnly: boolean }

/** The process's answer to a job: the response (or the pages) or a stable error. */
export type WorkerResult = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ErrorInfo }

/** Sent once the engine's sessions exist and, when asked, have run once (or failed to load: each job then reports why). */
export interface WorkerReady {
  ready: true
}

/** Everything a recognition process sends its parent. */
export type WorkerMessage = WorkerResult | WorkerReady

/** The way to the parent: Electron's utilityProcess gives `process.parentPort`, Node's fork gives `process.send`. */
interface ParentChannel {
  post(message: WorkerMessage): void
  onMessage(listener: (job: WorkerJob) => void): void
}

interface ElectronParentPort {
  postMessage(message: unknown): void
  on(event: 'message', listener: (e: { data: unknown }) => void): void
}

function parentChannel(): ParentChannel | null {
  const port = (process as { parentPort?: ElectronParentPort }).parentPort
  if (port) return { post: (m) => port.postMessage(m), onMessage: (l) => port.on('message', (e) => l(e.data as WorkerJob)) }
  const send = process.send?.bind(process)
  if (!send) return null
  // The parent is gone (it exited or closed the channel): nobody will read another answer.
  process.on('disconnect', () => process.exit(0))
  return { post: (m) => send(m), onMessage: (l) => process.on('message', (m) => l(m as WorkerJob)) }
}

async function serve(channel: ParentChannel): Promise<void> {
  const { values } = parseArgs({ options: { threads: { type: 'string' }, 'warm-up': { type: 'boolean' } }, strict: false })
  restrictDecoders()
  // One engine per process: sessions are created once and reused for every job.
  const ready = PassportEngine.create({ intraOpNumThreads: Number(values.threads) || undefined })
  channel.onMessage((job) => void answer(channel, ready, job))
  // The first inference allocates ONNX Runtime's arenas and kernels: done here, so the first caller does not wait.
  const warm = values['warm-up'] ? ready.then(async (engine) => engine.recognize(await warmUpPage())) : ready
  // A failed load is reported by each job (MODEL_MISSING, MODEL_CORRUPT); a failed warm-up page is no failure.
  await warm.then(
    () => undefined,
    () => undefined
  )
  channel.post({ ready: true })
}

async function answer(channel: ParentChannel, ready: Promise<PassportEngine>, job: WorkerJob): Promise<void> {
  try {
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength)
    if (job.kind === 'split') {
      channel.post({ id: job.id, ok: true, value: await splitPages(bytes, { firstOnly: job.firstOnly }) })
      return
    }
    const engine = await ready
    const today = job.options.today ? new Date(job.options.today) : undefined
    const value = await engine.recognize(bytes, { ...job.options, today })
    channel.post({ id: job.id, ok: true, value })
  } catch (err) {
    channel.post({ id: job.id, ok: false, error: toErrorInfo(err) })
  }
}

const channel = parentChannel()
if (channel) void serve(channel)
