import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BackupInfo } from '../../../src/shared/contract'
import type { EnginePool } from '../../../src/main/recognition/engine-pool'
import { dispatch } from '../../../src/main/services/dispatch'
import { createWorkstation } from '../../../src/main/services/workstation'
import { openStore } from '../../../src/main/store'
import { backupDatabase, checkBackup, copyBackupInto, listBackups } from '../../../src/main/store/backup'
import { passportImage } from '../helpers/passport-images'
import { readyEngine } from '../helpers/ready-engine'
import { keyedDatabase } from '../helpers/keyed-db'
import { storeProblems } from '../helpers/store-completeness'

let pool: EnginePool
let dir: string
beforeAll(async () => {
  pool = await readyEngine()
  dir = mkdtempSync(join(tmpdir(), 'prw-backup-'))
})
afterAll(async () => {
  await pool.close()
  rmSync(dir, { recursive: true, force: true })
})

const BACKUPS = 20

describe('online backup while an import runs', () => {
  it('gives 20 copies that each restore whole: integrity, foreign keys, complete documents, a verified audit', async () => {
    const file = join(dir, 'live', 'workstation.sqlite')
    mkdirSync(join(dir, 'live'))
    const store = openStore(file)
    const ws = createWorkstation(store, pool, { backups: { keep: BACKUPS + 5 } })
    const pages = await Promise.all(Array.from({ length: 10 }, (_, i) => passportImage(300 + i)))
    const made: BackupInfo[] = []
    // Half the pages first, so that backups see recognitions landing; the rest are imported between backups.
    expect(await dispatch(ws.handlers, 'documents:importFiles', { files: pages.slice(0, 5) })).toMatchObject({ ok: true })
    for (let i = 0; i < BACKUPS; i++) {
      if (i % 4 === 0 && i / 4 + 5 < pages.length) ws.documents.importFiles([pages[i / 4 + 5]])
      const r = await dispatch(ws.handlers, 'backup:create', {})
      if (!r.ok) throw new Error(JSON.stringify(r.error))
      made.push(r.value as BackupInfo)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    await ws.queue.whenIdle()
    const states = new Set<string>()
    for (const [n, b] of made.entries()) {
      const checked = checkBackup(join(dir, 'live', 'backups'), b.name, store.key, store.databaseKey)
      const target = join(dir, `restored-${n}`, 'workstation.sqlite')
      mkdirSync(join(dir, `restored-${n}`))
      copyBackupInto(checked, target)
      const restored = openStore(target, {
        auditKey: { description: 'test', load: () => store.key, create: () => store.key },
        databaseKey: { description: 'test', load: () => store.databaseKey.bytes, create: () => store.databaseKey.bytes }
      })
      expect(storeProblems(restored.db), b.name).toEqual([])
      expect(restored.verifyAudit(), b.name).toMatchObject({ ok: true })
      states.add(JSON.stringify(restored.documents.counts()))
      restored.close()
    }
    // The copies were taken at different moments of the import, not all before or after it.
    expect(states.size).toBeGreaterThan(2)
    expect(listBackups(join(dir, 'live', 'backups'))).toHaveLength(BACKUPS)

    // Restore through the contract, in place of the live database: the later documents go, the current file is kept aside.
    const before = store.documents.counts()
    const first = made[0]
    const r = await dispatch(ws.handlers, 'backup:restore', { name: first.name })
    expect(r).toMatchObject({ ok: true, value: { restoredFrom: first.name } })
    const movedAside = (r as { value: { movedAside: string } }).value.movedAside
    expect(keyedDatabase(movedAside, { readonly: true }).prepare('SELECT count(*) AS n FROM documents').get()).toEqual({
      n: Object.values(before).reduce((a, b) => a + b)
    })
    expect(await dispatch(ws.handlers, 'audit:verify', {})).toMatchObject({ ok: true, value: { ok: true } })
    expect(store.audit.list({ type: 'restored', limit: 1 })).toHaveLength(1)
    await ws.queue.whenIdle()
    expect(storeProblems(store.db)).toEqual([])
    expect(await dispatch(ws.handlers, 'store:getStatus', {})).toMatchObject({ ok: true, value: { incident: null } })
    await ws.close()
  })

  it('keeps only the newest backups past the kept count, and refuses names that are not backups', async () => {
    const file = join(dir, 'kept', 'workstation.sqlite')
    mkdirSync(join(dir, 'kept'))
    const store = openStore(file)
    const ws = createWorkstation(store, pool, { backups: { keep: 3 } })
    for (let i = 0; i < 5; i++) expect(await dispatch(ws.handlers, 'backup:create', {})).toMatchObject({ ok: true })
    const names = listBackups(join(dir, 'kept', 'backups')).map((b) => b.name)
    expect(names).toHaveLength(3)
    expect(await dispatch(ws.handlers, 'backup:restore', { name: '../workstation.sqlite' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' }
    })
    expect(await dispatch(ws.handlers, 'backup:restore', { name: 'workstation-20000101T000000000Z.sqlite' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
    await ws.close()
  })
})

describe('a backup copied off the main thread', () => {
  it('lets the event loop run and the store take writes while a copy is made, and the copy is whole', async () => {
    mkdirSync(join(dir, 'busy'), { recursive: true })
    const store = openStore(join(dir, 'busy', 'workstation.sqlite'))
    const ws = createWorkstation(store, pool, { backups: { keep: 5 } })
    ws.documents.importFiles([await passportImage(0)])
    const second = await passportImage(1)
    let settled = false
    const made = backupDatabase(store, store.key, join(dir, 'busy', 'backups'), store.databaseKey, { inlineBelowBytes: 0 }).finally(
      () => (settled = true)
    )
    // The old copy (VACUUM INTO on the caller's connection) held the caller until it was done: the promise had
    // settled before any other callback ran. Now the caller's loop turns and its writes commit meanwhile.
    let turns = 0
    while (!settled) {
      await new Promise((r) => setImmediate(r))
      if (turns++ === 0) ws.documents.importFiles([second])
    }
    expect(turns).toBeGreaterThan(1)
    const backup = await made
    expect(checkBackup(join(dir, 'busy', 'backups'), backup.name, store.key, store.databaseKey).events).toBe(backup.events)
    expect(Object.values(store.documents.counts()).reduce((a, b) => a + b, 0)).toBe(2)
    expect(storeProblems(store.db)).toEqual([])
    await ws.close()
  })

  it('reports a failed copy with its code and leaves nothing behind', async () => {
    mkdirSync(join(dir, 'gone', 'backups'), { recursive: true })
    const store = openStore(join(dir, 'gone', 'workstation.sqlite'))
    const missing = { file: join(dir, 'gone', 'no-such.sqlite') }
    await expect(
      backupDatabase(missing, store.key, join(dir, 'gone', 'backups'), store.databaseKey, { inlineBelowBytes: 0 })
    ).rejects.toThrow(/unable to open/)
    expect(listBackups(join(dir, 'gone', 'backups'))).toEqual([])
    store.close()
  })
})
