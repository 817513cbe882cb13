import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database as Db } from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openStore } from '../../../src/main/store'
import type { Store } from '../../../src/main/store'
import type { PassportResponse } from '../../../src/shared/domain/response'
import { storedResponse } from '../helpers/stored-response'

const MIGRATIONS = fileURLToPath(new URL('../../../src/main/store/migrations', import.meta.url))

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A folder holding the migrations up to `version`: the app as it was before 004. */
function migrationsUpTo(version: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'prw-migrations-'))
  dirs.push(dir)
  for (const f of readdirSync(MIGRATIONS).filter((f) => Number(f.slice(0, 3)) <= version)) copyFileSync(join(MIGRATIONS, f), join(dir, f))
  return dir
}

const response = (passportNumber: string): PassportResponse => storedResponse({ passportNumber, name: '张三', nameEn: 'ZHANG, SAN' })

/** A version-3 store with every kind of row: queued, reviewed, approved, a duplicate, failed, an edit, an erasure. */
function populate(store: Store): void {
  const d = store.documents
  const add = (n: number, source: 'import' | 'hot-folder' | 'api'): number =>
    store.transaction(() => {
      const { id } = d.insert({ sha256: `hash${n}`, fileName: `page-${n}.jpg`, bytes: new Uint8Array([n, 0xff, 0xd8, n]), source })
      store.audit.append({ documentId: id, type: 'imported', operator: 'anna', detail: { fileName: `page-${n}.jpg`, source } })
      return id
    })
  const approved = add(1, 'import')
  d.setRecognized(approved, response('E12345678'))
  // Raw SQL where the repository (today's, which reads columns 004 adds) would read the row back.
  store.db.prepare("UPDATE documents SET fields = json_set(fields, '$.name', '李四') WHERE id = ?").run(approved)
  store.audit.append({ documentId: approved, type: 'field_edited', field: 'name', oldValue: '张三', newValue: '李四', operator: 'anna' })
  d.setDecision(approved, 'approved', 'anna', null)
  store.audit.append({ documentId: approved, type: 'approved', operator: 'anna' })
  // Same passport number as the approved one: duplicate_of points at it, which a rebuild with foreign keys on would clear.
  const duplicate = add(2, 'hot-folder')
  d.setRecognized(duplicate, response('E12345678'))
  store.db.prepare(`UPDATE documents SET accepted_corrections = '["mrzLine2:0"]' WHERE id = ?`).run(duplicate)
  const failed = add(3, 'api')
  d.setFailed(failed, { code: 'NO_PASSPORT_FOUND', message: 'no page' })
  add(4, 'import')
  const erased = add(5, 'import')
  d.setRecognized(erased, response('E00000005'))
  store.transaction(() => {
    d.delete(erased)
    store.audit.erase(erased)
    store.audit.append({ documentId: erased, type: 'deleted', operator: 'anna', erases: erased })
  })
}

const rows = (db: Db, table: string): unknown[] => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()
const schemaOf = (db: Db, type: 'index' | 'trigger'): unknown[] =>
  db.prepare(`SELECT name, tbl_name, sql FROM sqlite_master WHERE type = ? ORDER BY name`).all(type)

describe('migration 004 (document sources, MRZ-only documents)', () => {
  it('rebuilds documents keeping every row, index, trigger, generated column and the audit chain', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prw-m004-'))
    dirs.push(dir)
    const file = join(dir, 'workstation.sqlite')
    let tick = Date.UTC(2025, 0, 1)
    const now = (): string => new Date((tick += 1000)).toISOString()

    const old = openStore(file, { now, migrationsDir: migrationsUpTo(3) })
    expect(old.db.pragma('user_version', { simple: true })).toBe(3)
    populate(old)
    const before = {
      documents: rows(old.db, 'documents'),
      generated: old.db.prepare('SELECT id, passport_number, name FROM documents ORDER BY id').all(),
      audit: rows(old.db, 'audit_events'),
      personal: rows(old.db, 'audit_personal'),
      settings: rows(old.db, 'settings'),
      indexes: schemaOf(old.db, 'index'),
      triggers: schemaOf(old.db, 'trigger')
    }
    expect(old.db.prepare('SELECT duplicate_of FROM documents WHERE id = 2').get()).toEqual({ duplicate_of: 1 })
    old.close()

    const store = openStore(file, { now, migrationsDir: migrationsUpTo(4) })
    const db = store.db
    expect(db.pragma('user_version', { simple: true })).toBe(4)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    // Every row as it was, with the new column empty.
    const after = rows(db, 'documents') as Record<string, unknown>[]
    expect(after.map((r) => r.reader_mrz)).toEqual(before.documents.map(() => null))
    expect(after.map(({ reader_mrz: _, ...r }) => r)).toEqual(before.documents)
    expect(db.prepare('SELECT id, passport_number, name FROM documents ORDER BY id').all()).toEqual(before.generated)
    expect(rows(db, 'audit_events')).toEqual(before.audit)
    expect(rows(db, 'audit_personal')).toEqual(before.personal)
    expect(rows(db, 'settings')).toEqual(before.settings)
    expect(schemaOf(db, 'index')).toEqual(before.indexes)
    expect(schemaOf(db, 'trigger')).toEqual(before.triggers)
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'documents_new'").get()).toBeUndefined()
    expect(store.verifyAudit()).toMatchObject({ ok: true })
    // The indexes are still used by the queries that rely on them.
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM documents WHERE passport_number = 'E12345678'").all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/documents_passport_number/)
    // The foreign key still works after the rename: deleting the approved document clears its duplicate's pointer.
    store.documents.delete(1)
    expect(db.prepare('SELECT duplicate_of FROM documents WHERE id = 2').get()).toEqual({ duplicate_of: null })
    store.close()
  })

  it('takes the new sources, and a document without an image only from an MRZ reader', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prw-m004-'))
    dirs.push(dir)
    const store = openStore(join(dir, 'workstation.sqlite'), { migrationsDir: migrationsUpTo(4) })
    const insert = store.db.prepare(
      "INSERT INTO documents (sha256, file_name, bytes, source, created_at, updated_at) VALUES (?, 'x', ?, ?, 't', 't')"
    )
    for (const source of ['import', 'hot-folder', 'api', 'scan', 'camera', 'mrz-reader'])
      insert.run(`h-${source}`, Buffer.from([1]), source)
    insert.run('mrz-only', null, 'mrz-reader')
    expect(() => insert.run('no-image', null, 'import')).toThrow(/CHECK constraint failed/)
    expect(() => insert.run('unknown', Buffer.from([1]), 'fax')).toThrow(/CHECK constraint failed/)
    store.close()
  })

  it('rolls a migration back when it leaves a dangling reference', () => {
    const dir = migrationsUpTo(4)
    const home = mkdtempSync(join(tmpdir(), 'prw-m004-'))
    dirs.push(home)
    const file = join(home, 'workstation.sqlite')
    openStore(file, { migrationsDir: dir }).close()
    // Foreign keys are off while it runs, so only the check before its commit can catch this.
    writeFileSync(
      join(dir, '005-dangling.sql'),
      "INSERT INTO documents (sha256, file_name, bytes, source, duplicate_of, created_at, updated_at) VALUES ('d', 'x', x'01', 'import', 999, 't', 't');"
    )
    expect(() => openStore(file, { migrationsDir: dir })).toThrow(/migration 5-dangling leaves 1 dangling references/)
    const store = openStore(file, { migrationsDir: migrationsUpTo(4) })
    expect(store.db.pragma('user_version', { simple: true })).toBe(4)
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(store.db.prepare("SELECT count(*) AS n FROM documents WHERE sha256 = 'd'").get()).toEqual({ n: 0 })
    store.close()
  })
})

describe('migration 005 (MRZ-only documents merged into their page)', () => {
  it('adds the link and the merged event, keeping every row, index, trigger and the audit chain', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prw-m005-'))
    dirs.push(dir)
    const file = join(dir, 'workstation.sqlite')
    let tick = Date.UTC(2025, 0, 1)
    const now = (): string => new Date((tick += 1000)).toISOString()

    const old = openStore(file, { now, migrationsDir: migrationsUpTo(4) })
    populate(old)
    // An MRZ-only document, as 004 allows.
    const mrzOnly = old.transaction(() => {
      const { id } = old.documents.insert({ sha256: 'mrz', fileName: 'mrz-reader', bytes: null, source: 'mrz-reader' })
      old.audit.append({ documentId: id, type: 'imported', operator: 'anna', detail: { source: 'mrz-reader' } })
      return id
    })
    const before = {
      documents: rows(old.db, 'documents'),
      audit: rows(old.db, 'audit_events'),
      personal: rows(old.db, 'audit_personal'),
      indexes: schemaOf(old.db, 'index'),
      triggers: schemaOf(old.db, 'trigger')
    }
    old.close()

    const store = openStore(file, { now })
    const db = store.db
    expect(db.pragma('user_version', { simple: true })).toBe(5)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    const after = rows(db, 'documents') as Record<string, unknown>[]
    expect(after.map((r) => r.merged_into)).toEqual(before.documents.map(() => null))
    expect(after.map(({ merged_into: _, ...r }) => r)).toEqual(before.documents)
    expect(rows(db, 'audit_events')).toEqual(before.audit)
    expect(rows(db, 'audit_personal')).toEqual(before.personal)
    expect(schemaOf(db, 'index')).toEqual(before.indexes)
    expect(schemaOf(db, 'trigger')).toEqual(before.triggers)
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(store.verifyAudit()).toMatchObject({ ok: true })
    // The new event is taken and chained; the log is still append-only, and its values still erasable.
    store.transaction(() => {
      store.documents.setMergedInto(mrzOnly, 2)
      store.audit.append({ documentId: mrzOnly, type: 'merged', operator: 'system', detail: { into: 2, kept: false } })
    })
    expect(store.verifyAudit()).toMatchObject({ ok: true })
    expect(() => db.prepare("UPDATE audit_events SET operator = 'x' WHERE type = 'merged'").run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/)
    expect(() => db.prepare("INSERT INTO audit_events (type, operator, at) VALUES ('unknown', 'x', 't')").run()).toThrow(
      /CHECK constraint failed/
    )
    expect(() => db.prepare('UPDATE documents SET merged_into = 999 WHERE id = ?').run(mrzOnly)).toThrow(/FOREIGN KEY constraint failed/)
    // Erasing the page it was merged into unlinks it: it returns to the queue rather than vanish with the page.
    store.documents.delete(2)
    expect(store.documents.get(mrzOnly)?.mergedInto).toBeNull()
    store.close()
  })
})
