import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportFile } from '../../../src/main/ingest/file-import'
import { createWorkstation } from '../../../src/main/services/workstation'
import type { Workstation } from '../../../src/main/services/workstation'
import { openStore } from '../../../src/main/store'
import type { Store } from '../../../src/main/store'
import { backupDatabase } from '../../../src/main/store/backup'
import { storeProblems } from '../helpers/store-completeness'

// Import only: the queue is stopped before anything is imported, so these tests exercise storage, not recognition.
const notRecognizing = {
  recognize: (): Promise<never> => Promise.reject(new Error('the queue is stopped: recognition must not run')),
  splitPages: (): Promise<never> => Promise.reject(new Error('the tests import page images: nothing is split'))
}

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'prw-full-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Distinct files that pass the import's checks (a PNG signature; import does not decode). */
function batch(n: number, size: number, tag: string): ImportFile[] {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Array.from({ length: n }, (_, i) => ({
    fileName: `${tag}-${i}.png`,
    bytes: new Uint8Array(Buffer.concat([png, randomBytes(size)]))
  }))
}

function workstation(file: string): { store: Store; ws: Workstation } {
  const store = openStore(file)
  const ws = createWorkstation(store, notRecognizing)
  ws.queue.stop()
  return { store, ws }
}

describe('SQLITE_FULL at every K-th page of a batch', () => {
  it('fails the file that did not fit with DISK_FULL, rolls it back whole, and the batch goes on once there is room', async () => {
    const { store, ws } = workstation(join(dir, 'pages.sqlite'))
    let tag = 0
    for (const k of [1, 2, 3, 5, 8, 13, 21, 34]) {
      const files = batch(40, 5000, `k${k}-${tag++}`)
      const pages = store.db.pragma('page_count', { simple: true }) as number
      store.db.pragma(`max_page_count = ${pages + k}`)
      const first = ws.documents.importFiles(files)
      expect(first.failed.length, `K=${k}`).toBeGreaterThan(0)
      for (const f of first.failed)
        expect(f.error, `K=${k}`).toMatchObject({
          code: 'DISK_FULL',
          message: expect.stringMatching(/disk is full.*nothing of this was saved/)
        })
      expect(storeProblems(store.db), `K=${k}`).toEqual([])
      expect(store.verifyAudit(), `K=${k}`).toMatchObject({ ok: true })
      store.db.pragma('max_page_count = 4294967294')
      const again = ws.documents.importFiles(files)
      expect(again.failed, `K=${k}`).toEqual([])
      expect(again.imported.length + again.duplicates.length, `K=${k}`).toBe(files.length)
      expect(again.imported.map((d) => d.fileName).sort(), `K=${k}`).toEqual(first.failed.map((f) => f.fileName).sort())
    }
    expect(storeProblems(store.db)).toEqual([])
    await ws.close()
  })
})

// A real full disk: a 3 MB tmpfs (root may mount one here, as in CI); elsewhere the test says why it cannot run.
function mountTmpfs(at: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', at], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

describe('ENOSPC on a real, full file system', () => {
  const mnt = join(tmpdir(), `prw-enospc-${process.pid}`)
  mkdirSync(mnt, { recursive: true })
  const mounted = mountTmpfs(mnt, '4m')
  afterAll(() => {
    if (mounted) execFileSync('umount', [mnt])
    rmSync(mnt, { recursive: true, force: true })
  })

  it.skipIf(!mounted)('refuses imports and backups with DISK_FULL, keeps the store whole, and resumes when space returns', async () => {
    const filler = join(mnt, 'filler')
    writeFileSync(filler, Buffer.alloc(2560 * 1024))
    const { store, ws } = workstation(join(mnt, 'workstation.sqlite'))
    const files = batch(30, 40_000, 'enospc')
    const report = ws.documents.importFiles(files)
    expect(report.failed.length).toBeGreaterThan(0)
    for (const f of report.failed) expect(f.error.code).toBe('DISK_FULL')
    expect(storeProblems(store.db)).toEqual([])
    expect(store.verifyAudit()).toMatchObject({ ok: true })

    // A backup onto the full disk fails the same way and leaves no partial file.
    await expect(backupDatabase(store, store.key, join(mnt, 'backups'), store.databaseKey)).rejects.toMatchObject({ code: 'DISK_FULL' })
    expect(readdirSync(join(mnt, 'backups'))).toEqual([])

    rmSync(filler)
    const again = ws.documents.importFiles(report.failed.map((f) => files.find((x) => x.fileName === f.fileName)!))
    expect(again.failed).toEqual([])
    expect(store.documents.counts().queued).toBe(files.length)
    expect(storeProblems(store.db)).toEqual([])
    expect(store.verifyAudit()).toMatchObject({ ok: true })
    await ws.close()
  })
})
