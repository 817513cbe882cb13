import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkstation } from '../../../src/main/services/workstation'
import { openStore } from '../../../src/main/store'
import type { Store } from '../../../src/main/store'
import { storeProblems } from '../helpers/store-completeness'

// The commands as an operator runs them (`npm run --silent backup -- …`), in a process of their own.
function storeCli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main/store-cli.ts', ...args], { encoding: 'utf8' })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'prw-store-cli-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Import `n` distinct files (the queue stopped: storage only) and return the store. */
function importInto(store: Store, n: number, tag: string): void {
  const ws = createWorkstation(store, {
    recognize: () => Promise.reject(new Error('not recognising here')),
    splitPages: () => Promise.reject(new Error('not splitting here'))
  })
  ws.queue.stop()
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const files = Array.from({ length: n }, (_, i) => ({
    fileName: `${tag}-${i}.png`,
    bytes: new Uint8Array(Buffer.concat([png, randomBytes(2000)]))
  }))
  expect(ws.documents.importFiles(files).imported).toHaveLength(n)
}

const documentNames = (store: Store): string[] =>
  (store.db.prepare('SELECT file_name FROM documents ORDER BY id').all() as { file_name: string }[]).map((r) => r.file_name)

describe('npm run backup / restore', () => {
  it('backs up a database in use, and restores it in place of a later state with the restore audited', () => {
    const db = join(dir, 'ws', 'workstation.sqlite')
    const out = join(dir, 'usb')
    rmSync(join(dir, 'ws'), { recursive: true, force: true })
    mkdirSync(join(dir, 'ws'))
    let store = openStore(db)
    importInto(store, 3, 'before')
    const before = documentNames(store)

    // The store stays open (as the app would hold it) while the backup is taken.
    const made = storeCli('backup', '--db', db, '--out', out)
    expect(made.stderr).toBe('')
    expect(made.status).toBe(0)
    const info = JSON.parse(made.stdout) as { name: string; file: string; events: number; removed: string[] }
    expect(info.events).toBe(3)
    expect(existsSync(info.file)).toBe(true)
    expect(existsSync(`${info.file}.audit-head`)).toBe(true)

    importInto(store, 2, 'after')
    expect(storeCli('restore', '--db', db, '--from', info.file)).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/^error: STORE_IN_USE: .*close it first/)
    })
    store.close()

    const restored = storeCli('restore', '--db', db, '--from', info.file)
    expect(restored.stderr).toBe('')
    expect(restored.status).toBe(0)
    const r = JSON.parse(restored.stdout) as { movedAside: string }
    expect(readdirSync(join(dir, 'ws'))).toContain(r.movedAside.split('/').pop())

    store = openStore(db)
    expect(documentNames(store)).toEqual(before)
    expect(storeProblems(store.db)).toEqual([])
    expect(store.verifyAudit()).toMatchObject({ ok: true, events: 4 })
    expect(store.db.prepare(`SELECT type FROM audit_events ORDER BY id DESC LIMIT 1`).get()).toEqual({ type: 'restored' })
    store.close()
    // The file it replaced is kept whole, with the later documents.
    const aside = openStore(r.movedAside)
    expect(documentNames(aside)).toHaveLength(5)
    aside.close()
    expect(storeCli('verify-audit', '--db', db)).toMatchObject({ status: 0, stdout: expect.stringMatching(/^ok: 4 events/) })
  })

  it('keeps the newest N backups when told to', () => {
    const db = join(dir, 'keep.sqlite')
    const store = openStore(db)
    importInto(store, 1, 'keep')
    store.close()
    const out = join(dir, 'kept')
    const removed = [1, 2, 3].map(
      () => (JSON.parse(storeCli('backup', '--db', db, '--out', out, '--keep', '2').stdout) as { removed: string[] }).removed
    )
    expect(removed.map((r) => r.length)).toEqual([0, 0, 1])
    expect(readdirSync(out).filter((f) => f.endsWith('.sqlite'))).toHaveLength(2)
  })

  it('refuses a damaged backup with STORE_CORRUPT and leaves the database as it was', () => {
    const db = join(dir, 'damaged-target.sqlite')
    const store = openStore(db)
    importInto(store, 2, 'target')
    store.close()
    const info = JSON.parse(storeCli('backup', '--db', db, '--out', join(dir, 'to-damage')).stdout) as { file: string }
    const bytes = readFileSync(info.file)
    bytes.fill(0x5a, 4096 * 2, 4096 * 3)
    writeFileSync(info.file, bytes)
    const before = readFileSync(db)
    const r = storeCli('restore', '--db', db, '--from', info.file)
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/^error: STORE_CORRUPT: /)
    expect(readFileSync(db).equals(before)).toBe(true)
  })

  it('answers bad use with a stable code and exit status', () => {
    expect(storeCli('backup', '--db', join(dir, 'none.sqlite'))).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/^error: FILE_NOT_FOUND: /)
    })
    expect(storeCli('backup')).toMatchObject({ status: 2, stderr: expect.stringMatching(/--db is required/) })
    expect(storeCli('restore', '--db', join(dir, 'x.sqlite'))).toMatchObject({ status: 2, stderr: expect.stringMatching(/--from/) })
    expect(storeCli('backup', '--db', join(dir, 'keep.sqlite'), '--keep', '0')).toMatchObject({ status: 2 })
    expect(storeCli('restore', '--db', join(dir, 'x.sqlite'), '--from', join(dir, 'keep.sqlite'))).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/^error: INVALID_REQUEST: .*not the name of a backup/)
    })
  })
})
