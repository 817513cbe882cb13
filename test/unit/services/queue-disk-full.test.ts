import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EnginePool } from '../../../src/main/recognition/engine-pool'
import { createWorkstation } from '../../../src/main/services/workstation'
import { passportImage } from '../helpers/passport-images'
import type { PassportImage } from '../helpers/passport-images'
import { readyEngine } from '../helpers/ready-engine'
import { storeProblems } from '../helpers/store-completeness'
import { tempStore } from '../helpers/temp-store'

// The real engine: the failure under test is the save of a real result, after a real recognition.
let pool: EnginePool
let pages: PassportImage[]
beforeAll(async () => {
  pool = await readyEngine()
  pages = await Promise.all([4, 5, 6].map((seed) => passportImage(seed)))
})
afterAll(() => pool.close())

const files = (): { fileName: string; bytes: Uint8Array }[] => pages.map((p) => ({ fileName: p.fileName, bytes: p.bytes }))

/** Collect unhandled rejections while `fn` runs: the failure under test used to be one. */
async function noUnhandled(fn: () => Promise<void>): Promise<void> {
  const unhandled: unknown[] = []
  const onUnhandled = (err: unknown): number => unhandled.push(err)
  process.on('unhandledRejection', onUnhandled)
  try {
    await fn()
  } finally {
    process.off('unhandledRejection', onUnhandled)
  }
  expect(unhandled).toEqual([])
}

describe('the recognition queue saving onto a full disk', () => {
  it('fails a document it cannot save with DISK_FULL, rolled back, finishes the batch, and retries once there is room', async () => {
    const t = tempStore()
    // All three claimed at import, before the limit: what meets the full disk is the save of each result.
    const ws = createWorkstation(t.store, pool, { concurrency: 3, diskFullRetryMs: 200 })
    try {
      await noUnhandled(async () => {
        const report = ws.documents.importFiles(files())
        expect(report.imported).toHaveLength(3)
        expect(t.store.documents.counts().recognizing).toBe(3)
        // No page to spare: a result (response, fields, audit event) needs new pages, so the first save hits SQLITE_FULL.
        t.store.db.pragma(`max_page_count = ${t.store.db.pragma('page_count', { simple: true }) as number}`)
        // The batch goes on while the disk is full: every document comes out of the engine and is counted.
        while (ws.queue.progress().done < 3) await sleep(100)
        expect(ws.queue.progress()).toMatchObject({ done: 3, total: 3, recognizing: 0 })
        const failedWhileFull = ws.queue.progress().failed
        expect(failedWhileFull).toBeGreaterThan(0)
        expect(storeProblems(t.store.db)).toEqual([])
        expect(t.store.verifyAudit()).toMatchObject({ ok: true })

        // Room again: the failures are written (a failure's record may itself not have fitted on the full disk).
        t.store.db.pragma('max_page_count = 4294967294')
        await ws.queue.whenIdle()
        const docs = report.imported.map(({ id }) => t.store.documents.get(id))
        const failed = docs.filter((d) => d?.status === 'failed')
        // Each one either saved whole or failed with DISK_FULL (a later save may fit in pages an earlier rollback freed).
        expect(failed).toHaveLength(failedWhileFull)
        for (const d of docs) expect(d?.status, `document ${d?.id}`).toMatch(/^(failed|needs_review)$/)
        for (const d of failed) {
          expect(d?.errorCode).toBe('DISK_FULL')
          expect(d?.errorMessage).toMatch(/disk is full.*nothing of this was saved/)
          expect(d?.response).toBeNull()
        }
        expect(storeProblems(t.store.db)).toEqual([])
        expect(t.store.verifyAudit()).toMatchObject({ ok: true })

        expect(ws.queue.retry()).toBe(failed.length)
        await ws.queue.whenIdle()
        for (const { id } of report.imported) expect(t.store.documents.get(id)?.status).toBe('needs_review')
        expect(storeProblems(t.store.db)).toEqual([])
        expect(t.store.verifyAudit()).toMatchObject({ ok: true })
      })
    } finally {
      await ws.close()
      t.cleanup()
    }
  })

  it('when not even the next document can be claimed, keeps it queued and resumes by itself once there is room', async () => {
    const t = tempStore()
    const ws = createWorkstation(t.store, pool, { concurrency: 1, diskFullRetryMs: 200 })
    try {
      await noUnhandled(async () => {
        const report = ws.documents.importFiles(files())
        t.store.db.pragma(`max_page_count = ${t.store.db.pragma('page_count', { simple: true }) as number}`)
        // Wait for the queue to stall: nothing running, documents still queued.
        while (ws.queue.progress().recognizing > 0 || t.store.documents.counts().recognizing > 0) await sleep(100)
        await sleep(1000)
        expect(ws.queue.progress().recognizing).toBe(0)
        expect(t.store.documents.counts().queued).toBeGreaterThan(0)
        expect(storeProblems(t.store.db)).toEqual([])

        t.store.db.pragma('max_page_count = 4294967294')
        await ws.queue.whenIdle()
        const statuses = report.imported.map(({ id }) => t.store.documents.get(id)?.status)
        expect(statuses.filter((s) => s === 'queued' || s === 'recognizing')).toEqual([])
        expect(t.store.documents.counts().needs_review).toBeGreaterThan(0)
        expect(storeProblems(t.store.db)).toEqual([])
        expect(t.store.verifyAudit()).toMatchObject({ ok: true })
      })
    } finally {
      await ws.close()
      t.cleanup()
    }
  })
})

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
