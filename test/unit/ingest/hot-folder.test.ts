import { createHash } from 'node:crypto'
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { EnginePool } from '../../../src/main/recognition/engine-pool'
import { createWorkstation } from '../../../src/main/services/workstation'
import type { Workstation } from '../../../src/main/services/workstation'
import { dispatch } from '../../../src/main/services/dispatch'
import { passportImage } from '../helpers/passport-images'
import type { PassportImage } from '../helpers/passport-images'
import { readyEngine } from '../helpers/ready-engine'
import { tempStore } from '../helpers/temp-store'
import type { TempStore } from '../helpers/temp-store'

// Short enough for a quick test, long enough that a loaded machine does not pause that long between two writes.
const STABLE_MS = 400

let pool: EnginePool
let pages: PassportImage[]
let t: TempStore
let ws: Workstation
let dir: string
const errors: unknown[] = []

beforeAll(async () => {
  pool = await readyEngine()
  pages = await Promise.all([1, 2, 3].map((seed) => passportImage(seed)))
})
afterAll(() => pool.close())

beforeEach(() => {
  t = tempStore()
  dir = mkdtempSync(join(tmpdir(), 'prw-hot-'))
  errors.length = 0
  ws = createWorkstation(t.store, pool, { hotFolder: { stableMs: STABLE_MS, pollMs: 50 }, onBackgroundError: (e) => errors.push(e) })
})
afterEach(async () => {
  await ws.close()
  t.cleanup()
  rmSync(dir, { recursive: true, force: true })
})

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function until(check: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await sleep(25)
  }
}

const imports = (): number => t.store.audit.list({ type: 'imported', limit: 100 }).length

describe('hot folder', () => {
  it('imports images already there and new ones, once each, skipping temporary and non-image files', async () => {
    const [a, b, c] = pages
    writeFileSync(join(dir, 'old.jpg'), a.bytes)
    expect(await dispatch(ws.handlers, 'settings:update', { hotFolder: dir })).toMatchObject({ ok: true, value: { hotFolder: dir } })
    await until(() => t.store.documents.counts().needs_review === 1)
    writeFileSync(join(dir, 'new.jpg'), b.bytes)
    writeFileSync(join(dir, 'copy-of-old.jpg'), a.bytes)
    writeFileSync(join(dir, '~scan.tmp.jpg'), c.bytes)
    writeFileSync(join(dir, 'notes.txt'), 'x')
    await until(() => imports() === 2)
    await ws.queue.whenIdle()
    await sleep(2 * STABLE_MS)
    const docs = t.store.documents.list({ limit: 10, offset: 0 }).items
    expect(docs.map((d) => [d.fileName, d.source, d.status, d.passportNumber])).toEqual([
      ['new.jpg', 'hot-folder', 'needs_review', b.passportNumber],
      ['old.jpg', 'hot-folder', 'needs_review', a.passportNumber]
    ])
    expect(imports()).toBe(2)
    expect(errors).toEqual([])
  })

  it('waits until the scanner has finished writing a file, then imports the whole image once', async () => {
    const [a] = pages
    await dispatch(ws.handlers, 'settings:update', { hotFolder: dir })
    // A slow scanner: the file appears at once and grows in pieces, each within the stability window of the last.
    const fd = openSync(join(dir, 'scan-0001.jpg'), 'w')
    const pieces = 4
    const size = Math.ceil(a.bytes.length / pieces)
    for (let i = 0; i < pieces; i++) {
      writeSync(fd, a.bytes.subarray(i * size, (i + 1) * size))
      await sleep(STABLE_MS / 4)
      expect(imports(), `after piece ${i + 1}`).toBe(0)
    }
    closeSync(fd)
    await until(() => imports() === 1)
    await ws.queue.whenIdle()
    await sleep(2 * STABLE_MS)
    expect(imports()).toBe(1)
    expect(ws.documents.get(1)).toMatchObject({
      status: 'needs_review',
      passportNumber: a.passportNumber,
      sha256: createHash('sha256').update(a.bytes).digest('hex')
    })
    expect(errors).toEqual([])
  })

  it('refuses a folder that does not exist, without saving it', async () => {
    expect(await dispatch(ws.handlers, 'settings:update', { hotFolder: join(dir, 'missing') })).toMatchObject({
      ok: false,
      error: { code: 'FILE_NOT_FOUND' }
    })
    expect(t.store.settings.get().hotFolder).toBe('')
  })
})
