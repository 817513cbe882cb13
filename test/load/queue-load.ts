/**
 * Many images through the recognition queue, as an import of a day's scans runs: a real store on a temporary file,
 * the real engine in its own processes. Figures: throughput, memory (this process and the recognition processes)
 * after the first 100 and at the end, open file descriptors, recognition processes and temporary files before and
 * after, and what became of every image. `npm run load-test:queue` prints them; test/reliability asserts them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import sharp from 'sharp'
import { EnginePool } from '../../src/main/recognition/engine-pool'
import { createWorkstation } from '../../src/main/services/workstation'
import { generateSample } from '../fixtures/generator'
import { tempStore } from '../unit/helpers/temp-store'

/** What one run measured. */
export interface QueueLoadFigures {
  images: number
  seconds: number
  perSecond: number
  /** Resident memory (MB) of this process plus its recognition processes. */
  memoryAfter100Mb: number
  memoryPeakAfter100Mb: number
  memoryEndMb: number
  fdsBefore: number
  fdsAfter: number
  childProcessesBefore: number
  childProcessesDuring: number
  childProcessesAfter: number
  tempEntriesBefore: number
  tempEntriesAfter: number
  /** What was left there, by name. */
  tempLeft: string[]
  restarts: number
  /** Documents by final status; every image is one of them. */
  statuses: Record<string, number>
  failedCodes: Record<string, number>
}

const rssMb = (pid: number | 'self'): number => {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
  } catch {
    return 0
  }
}
const children = (): number[] =>
  readFileSync(`/proc/self/task/${process.pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number)
const fds = (): number => readdirSync('/proc/self/fd').length

/**
 * `count` distinct images: generated pages (synthetic holders) from `count / 5` seeds, each re-encoded at five JPEG
 * qualities, so that no two have the same content hash (the store keeps one copy of identical bytes).
 */
export async function loadImages(count: number): Promise<{ fileName: string; bytes: Uint8Array }[]> {
  const out: { fileName: string; bytes: Uint8Array }[] = []
  for (let seed = 0; out.length < count; seed++) {
    const page = await generateSample(5000 + seed, 'scan')
    for (let q = 0; q < 5 && out.length < count; q++) {
      const bytes = await sharp(page.image).jpeg({ quality: 80 + q * 3 }).toBuffer()
      out.push({ fileName: `load-${seed}-${q}.jpg`, bytes: new Uint8Array(bytes) })
    }
  }
  return out
}

/** Import `images` in batches of 50 (as a hot folder or repeated imports would) and wait for the queue to drain. */
export async function runQueueLoad(images: { fileName: string; bytes: Uint8Array }[], workers = 1): Promise<QueueLoadFigures> {
  // A temporary folder of the run's own (inherited by the recognition processes), so that others' files do not count.
  const runTmp = mkdtempSync(join(tmpdir(), 'prw-queue-load-'))
  const savedTmp = process.env.TMPDIR
  process.env.TMPDIR = runTmp
  const tempEntries = (): number => readdirSync(runTmp).length
  const fdsBefore = fds()
  const childProcessesBefore = children().length
  const tempEntriesBefore = tempEntries()
  const t = tempStore()
  const pool = new EnginePool({ workers })
  const ws = createWorkstation(t.store, pool)
  const memory = (): number => rssMb('self') + pool.pids.reduce((sum, pid) => sum + rssMb(pid), 0)
  let done = 0
  let memoryAfter100Mb = 0
  let memoryPeakAfter100Mb = 0
  ws.events.on('documents:changed', (e) => {
    if (e.status !== 'needs_review' && e.status !== 'failed') return
    done++
    if (done === 100) memoryAfter100Mb = memory()
    if (done >= 100) memoryPeakAfter100Mb = Math.max(memoryPeakAfter100Mb, memory())
  })
  await pool.ready()
  const childProcessesDuring = children().length
  const started = performance.now()
  for (let i = 0; i < images.length; i += 50) {
    ws.documents.importFiles(images.slice(i, i + 50))
    // The next batch arrives once this one is under way, as scans do: the queue never holds all of them at once.
    while (t.store.documents.counts().queued > 25) await new Promise((r) => setTimeout(r, 100))
  }
  await ws.queue.whenIdle()
  const seconds = (performance.now() - started) / 1000
  const memoryEndMb = memory()
  const statuses = Object.fromEntries(Object.entries(t.store.documents.counts()).filter(([, n]) => n > 0))
  const failedCodes: Record<string, number> = {}
  for (const d of t.store.documents.list({ status: 'failed', limit: 1000, offset: 0 }).items) {
    const code = d.errorCode ?? 'none'
    failedCodes[code] = (failedCodes[code] ?? 0) + 1
  }
  const restarts = pool.restarts
  await ws.close()
  await pool.close()
  t.cleanup()
  const tempEntriesAfter = tempEntries()
  const tempLeft = readdirSync(runTmp)
  process.env.TMPDIR = savedTmp
  rmSync(runTmp, { recursive: true, force: true })
  return {
    images: images.length,
    seconds,
    perSecond: images.length / seconds,
    memoryAfter100Mb,
    memoryPeakAfter100Mb,
    memoryEndMb,
    fdsBefore,
    fdsAfter: fds(),
    childProcessesBefore,
    childProcessesDuring,
    childProcessesAfter: children().length,
    tempEntriesBefore,
    tempEntriesAfter,
    tempLeft,
    restarts,
    statuses,
    failedCodes
  }
}

/** The figures as lines of text. */
export function describeQueueLoad(f: QueueLoadFigures): string {
  const growth = ((f.memoryPeakAfter100Mb / f.memoryAfter100Mb - 1) * 100).toFixed(1)
  return [
    `${f.images} images through the queue in ${f.seconds.toFixed(0)} s: ${f.perSecond.toFixed(2)} images/s`,
    `memory (this process + recognition processes): ${f.memoryAfter100Mb.toFixed(0)} MB after the first 100, peak ${f.memoryPeakAfter100Mb.toFixed(0)} MB after that (${growth} %), ${f.memoryEndMb.toFixed(0)} MB at the end`,
    `file descriptors ${f.fdsBefore} before, ${f.fdsAfter} after; child processes ${f.childProcessesBefore} before, ${f.childProcessesDuring} during, ${f.childProcessesAfter} after; restarts ${f.restarts}`,
    `entries in the run's temporary folder: ${f.tempEntriesBefore} before, ${f.tempEntriesAfter} after ${JSON.stringify(f.tempLeft)}`,
    `documents: ${Object.entries(f.statuses).map(([s, n]) => `${s} ${n}`).join(', ')}; failed by code: ${JSON.stringify(f.failedCodes)}`
  ].join('\n')
}
