import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EnginePool } from '../../../src/main/recognition/engine-pool'
import { createWorkstation } from '../../../src/main/services/workstation'
import { heicOf, imagesPdf } from '../../fixtures/page-files'
import { passportImage } from '../helpers/passport-images'
import type { PassportImage } from '../helpers/passport-images'
import { tempStore } from '../helpers/temp-store'

/** Resolves once the pool has handed a job to a process (the crash must land inside recognition, not before it). */
async function whenRunning(pool: EnginePool): Promise<void> {
  while (pool.running === 0) await new Promise((r) => setTimeout(r, 5))
}

/** Resolves once `pid` is gone. */
async function gone(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0)
    } catch {
      return
    }
    await new Promise((r) => setTimeout(r, 10))
  }
}

let pages: PassportImage[]
beforeAll(async () => {
  pages = await Promise.all([11, 12, 13].map((seed) => passportImage(seed)))
})

describe('recognition in a process of its own', () => {
  let pool: EnginePool
  beforeAll(async () => {
    pool = new EnginePool({ workers: 1 })
    await pool.ready()
  })
  afterAll(() => pool.close())

  it('runs in another process than the caller', () => {
    expect(pool.pids).toHaveLength(1)
    expect(pool.pids[0]).not.toBe(process.pid)
  })

  for (const signal of ['SIGSEGV', 'SIGKILL'] as const) {
    // SIGSEGV is what a native decoder's crash raises; SIGKILL is what the kernel's OOM killer sends.
    it(`a ${signal} ends only that process: its job fails with ENGINE_CRASHED, a new process reads the next`, async () => {
      const [crashed] = pool.pids
      const restarts = pool.restarts
      const job = pool.recognize(pages[0].bytes)
      const next = pool.recognize(pages[1].bytes)
      await whenRunning(pool)
      process.kill(crashed, signal)
      await expect(job).rejects.toMatchObject({ code: 'ENGINE_CRASHED', message: expect.stringContaining(signal) as unknown })
      const read = await next
      expect(read.data.passportNumber).toBe(pages[1].passportNumber)
      expect(pool.restarts).toBe(restarts + 1)
      expect(pool.pids).toHaveLength(1)
      expect(pool.pids[0]).not.toBe(crashed)
      await gone(crashed)
    })
  }

  it('a job that hangs past the time limit fails with TIMEOUT and its process is replaced', async () => {
    const quick = new EnginePool({ workers: 1, jobTimeoutMs: 1 })
    try {
      await quick.ready()
      const [first] = quick.pids
      await expect(quick.recognize(pages[0].bytes)).rejects.toMatchObject({ code: 'TIMEOUT' })
      await gone(first)
      expect(quick.restarts).toBe(1)
    } finally {
      await quick.close()
    }
  })
})

describe('a crash in the middle of a batch', () => {
  it('fails that document with ENGINE_CRASHED and reads the rest of the batch', async () => {
    const pool = new EnginePool({ workers: 1 })
    const t = tempStore()
    const ws = createWorkstation(t.store, pool, { concurrency: 1 })
    try {
      await pool.ready()
      const [crashed] = pool.pids
      const report = ws.documents.importFiles(pages.map((p) => ({ fileName: p.fileName, bytes: p.bytes })))
      expect(report.imported).toHaveLength(3)
      await whenRunning(pool)
      process.kill(crashed, 'SIGSEGV')
      await ws.queue.whenIdle()
      const docs = report.imported.map((d) => t.store.documents.get(d.id))
      expect(docs.map((d) => [d?.status, d?.errorCode])).toEqual([
        ['failed', 'ENGINE_CRASHED'],
        ['needs_review', null],
        ['needs_review', null]
      ])
    } finally {
      await ws.close()
      await pool.close()
      t.cleanup()
    }
  })
})

describe('a crash while a PDF or a HEIC photo is taken apart', () => {
  let pool: EnginePool
  let scans: PassportImage[]
  let pdf: Buffer
  let heic: Buffer
  beforeAll(async () => {
    scans = await Promise.all([7, 9].map((seed) => passportImage(seed, 'scan')))
    pdf = imagesPdf(scans.map((s) => s.bytes))
    heic = heicOf(scans[0].bytes)
    // Kept however much the decoders leave it holding: these tests end their processes themselves.
    pool = new EnginePool({ workers: 1, recycleRssMb: 4096 })
    await pool.ready()
  })
  afterAll(() => pool.close())

  for (const [signal, kind] of [
    ['SIGSEGV', 'HEIC'],
    ['SIGKILL', 'PDF']
  ] as const) {
    it(`a ${signal} while a ${kind} is decoded fails that file with ENGINE_CRASHED; a new process splits the next`, async () => {
      const [crashed] = pool.pids
      const restarts = pool.restarts
      const job = pool.splitPages(kind === 'HEIC' ? heic : pdf)
      const next = pool.splitPages(pdf)
      await whenRunning(pool)
      process.kill(crashed, signal)
      await expect(job).rejects.toMatchObject({ code: 'ENGINE_CRASHED', message: expect.stringContaining(signal) as unknown })
      const pages = await next
      expect(pages.map((p) => [p.page, Buffer.compare(p.bytes, scans[p.page - 1].bytes)])).toEqual([
        [1, 0],
        [2, 0]
      ])
      expect(pool.restarts).toBe(restarts + 1)
      expect(pool.pids[0]).not.toBe(crashed)
      await gone(crashed)
    })
  }

  it('in an import: the crashed file fails with ENGINE_CRASHED, the files after it become documents and are read', async () => {
    const t = tempStore()
    const ws = createWorkstation(t.store, pool, { concurrency: 1 })
    try {
      const [crashed] = pool.pids
      const restarts = pool.restarts
      const importing = ws.documents.importDocuments([
        { fileName: 'photo.heic', bytes: heic },
        { fileName: 'scan.pdf', bytes: pdf },
        { fileName: pages[2].fileName, bytes: pages[2].bytes }
      ])
      await whenRunning(pool)
      process.kill(crashed, 'SIGSEGV')
      const report = await importing
      expect(report.failed.map((f) => [f.fileName, f.error.code])).toEqual([['photo.heic', 'ENGINE_CRASHED']])
      expect(report.imported.map((d) => d.fileName)).toEqual(['scan.pdf#page=1', 'scan.pdf#page=2', pages[2].fileName])
      expect(pool.restarts).toBe(restarts + 1)
      await ws.queue.whenIdle()
      const docs = report.imported.map((d) => t.store.documents.get(d.id))
      expect(docs.map((d) => [d?.status, d?.response?.data.passportNumber])).toEqual([
        ['needs_review', scans[0].passportNumber],
        ['needs_review', scans[1].passportNumber],
        ['needs_review', pages[2].passportNumber]
      ])
    } finally {
      await ws.close()
      t.cleanup()
    }
  })
})

describe('a process that grew large taking a file apart', () => {
  let pool: EnginePool
  beforeAll(async () => {
    // Any process holds more than 100 MB once it has drawn a page: this one is replaced after every file.
    pool = new EnginePool({ workers: 1, recycleRssMb: 100 })
    await pool.ready()
  })
  afterAll(() => pool.close())

  it('is replaced after its answer, and the job queued behind it goes to the new one', async () => {
    const [first] = pool.pids
    const restarts = pool.restarts
    // A passport placed on an A4 page: pdf.js draws the whole page at 300 dpi.
    const a4 = imagesPdf([pages[0].bytes], ['--pagesize', 'A4', '--imgsize', '150mmx'])
    const split = pool.splitPages(a4)
    const next = pool.recognize(pages[1].bytes)
    expect((await split).map((p) => p.page)).toEqual([1])
    expect((await next).data.passportNumber).toBe(pages[1].passportNumber)
    expect(pool.restarts).toBe(restarts + 1)
    expect(pool.pids[0]).not.toBe(first)
    await gone(first)
  })
})
