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

/**
 * The process's answer to a job: the response (or the pages) or a stable error; `retiring` when the process ends
 * after it (PoolOptions.recycleRssMb), so that no other job is sent to it.
 */
export type WorkerResult = { id: number; ok: true; value: unknown; retiring?: true } | { id: number; ok: false; error: ErrorInfo }

/** Sent once the engine's sessions exist and, when asked, have run once (or failed to load: each job then reports why). */
export interface WorkerReady {
  ready: true
}

/** Everything a recognition process sends its parent. */
export type WorkerMessage = WorkerResult | WorkerReady

/** The way to the parent: Electron's utilityProcess gives `process.parentPort`, Node's fork gives `process.send`. */
interface ParentChannel {
  /** Send, then run `sent` once the message has left this process. */
  post(message: WorkerMessage, sent?: () => void): void
  onMessage(listener: (job: WorkerJob) => void): void
}

interface ElectronParentPort {
  postMessage(message: unknown): void
  on(event: 'message', listener: (e: { data: unknown }) => void): void
}

function parentChannel(): ParentChannel | null {
  const port = (process as { parentPort?: ElectronParentPort }).parentPort
  if (port)
    return {
      // Electron queues the message in the port before postMessage returns.
      post: (m, sent) => {
        port.postMessage(m)
        if (sent) setImmediate(sent)
      },
      onMessage: (l) => port.on('message', (e) => l(e.data as WorkerJob))
    }
  const send = process.send?.bind(process)
  if (!send) return null
  // The parent is gone (it exited or closed the channel): nobody will read another answer.
  process.on('disconnect', () => process.exit(0))
  return { post: (m, sent) => send(m, undefined, {}, () => sent?.()), onMessage: (l) => process.on('message', (m) => l(m as WorkerJob)) }
}

async function serve(channel: ParentChannel): Promise<void> {
  const { values } = parseArgs({
    options: { threads: { type: 'string' }, 'recycle-rss-mb': { type: 'string' }, 'warm-up': { type: 'boolean' } },
    strict: false
  })
  const recycleRss = (Number(values['recycle-rss-mb']) || Infinity) * 1024 * 1024
  restrictDecoders()
  // One engine per process: sessions are created once and reused for every job.
  const ready = PassportEngine.create({ intraOpNumThreads: Number(values.threads) || undefined })
  channel.onMessage((job) => void answer(channel, ready, job, recycleRss))
  // The first inference allocates ONNX Runtime's arenas and kernels: done here, so the first caller does not wait.
  const warm = values['warm-up'] ? ready.then(async (engine) => engine.recognize(await warmUpPage())) : ready
  // A failed load is reported by each job (MODEL_MISSING, MODEL_CORRUPT); a failed warm-up page is no failure.
  await warm.then(
    () => undefined,
    () => undefined
  )
  channel.post({ ready: true })
}

/** Answer one job; after taking a file apart, end once answered if the process holds more than `recycleRss` bytes. */
async function answer(channel: ParentChannel, ready: Promise<PassportEngine>, job: WorkerJob, recycleRss: number): Promise<void> {
  try {
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength)
    if (job.kind === 'split') {
      const pages = await splitPages(bytes, { firstOnly: job.firstOnly })
      const recycle = process.memoryUsage().rss > recycleRss
      if (recycle) channel.post({ id: job.id, ok: true, value: pages, retiring: true }, () => process.exit(0))
      else channel.post({ id: job.id, ok: true, value: pages })
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
