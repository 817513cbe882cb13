import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createWorkstation } from '../../../src/main/services/workstation'
import type { Workstation } from '../../../src/main/services/workstation'
import { dispatch } from '../../../src/main/services/dispatch'
import { fakePng, FakeRecognizer } from '../helpers/fake-recognizer'
import { tempStore } from '../helpers/temp-store'
import type { TempStore } from '../helpers/temp-store'

let t: TempStore
let ws: Workstation
let dir: string
const errors: unknown[] = []

beforeEach(() => {
  t = tempStore()
  dir = mkdtempSync(join(tmpdir(), 'prw-hot-'))
  ws = createWorkstation(t.store, new FakeRecognizer(), {
    hotFolder: { stableMs: 100, pollMs: 20 },
    onBackgroundError: (e) => errors.push(e)
  })
})
afterEach(async () => {
  await ws.close()
  t.cleanup()
  rmSync(dir, { recursive: true, force: true })
})

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 25))
  }
}

describe('hot folder', () => {
  it('imports images already there and new ones, once each, skipping temporary and non-image files', async () => {
    writeFileSync(join(dir, 'old.png'), fakePng(1))
    expect(await dispatch(ws.handlers, 'settings:update', { hotFolder: dir })).toMatchObject({ ok: true, value: { hotFolder: dir } })
    await until(() => t.store.documents.counts().needs_review === 1)
    writeFileSync(join(dir, 'new.png'), fakePng(2))
    writeFileSync(join(dir, 'copy-of-old.png'), fakePng(1))
    writeFileSync(join(dir, '~scan.tmp.png'), fakePng(3))
    writeFileSync(join(dir, 'notes.txt'), 'x')
    await until(() => t.store.audit.list({ type: 'imported', limit: 10 }).length === 2)
    await new Promise((r) => setTimeout(r, 300))
    const docs = t.store.documents.list({ limit: 10, offset: 0 }).items
    expect(docs.map((d) => [d.fileName, d.source])).toEqual([
      ['new.png', 'hot-folder'],
      ['old.png', 'hot-folder']
    ])
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
