import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore, openStoreRecovering } from '../../../src/main/store'
import type { Store } from '../../../src/main/store'
import { backupDatabase } from '../../../src/main/store/backup'
import { keyCheckFileOf } from '../../../src/main/store/encryption'
import { passportImage } from '../helpers/passport-images'
import type { PassportImage } from '../helpers/passport-images'

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')
// A synthetic holder's values, as the review screen would save them.
const PASSPORT_NUMBER = 'E98765432'
const NAME = '欧阳娜娜'

let dir: string
let page: PassportImage
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'prw-encrypt-'))
  page = await passportImage(21)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A store in a folder of its own holding one document with the fixture's image and values, edited and audited. */
function fixtureStore(name: string): Store {
  mkdirSync(join(dir, name))
  const store = openStore(join(dir, name, 'workstation.sqlite'))
  store.transaction(() => {
    const { id } = store.documents.insert({
      sha256: createHash('sha256').update(page.bytes).digest('hex'),
      fileName: page.fileName,
      bytes: page.bytes,
      source: 'import'
    })
    store.audit.append({ documentId: id, type: 'imported', operator: 'system', detail: { fileName: page.fileName } })
    store.documents.setField(id, 'passportNumber', PASSPORT_NUMBER)
    store.documents.setField(id, 'name', NAME)
    store.audit.append({ documentId: id, type: 'field_edited', operator: '李雷', field: 'name', oldValue: '', newValue: NAME })
  })
  return store
}

/** What of the fixture a file's bytes give away. */
function leaks(file: string): string[] {
  const bytes = readFileSync(file)
  const found: string[] = []
  if (bytes.subarray(0, 16).equals(SQLITE_HEADER)) found.push('SQLite header')
  if (bytes.includes(Buffer.from(PASSPORT_NUMBER))) found.push('passport number (ASCII)')
  if (bytes.includes(Buffer.from(PASSPORT_NUMBER, 'utf16le'))) found.push('passport number (UTF-16)')
  if (bytes.includes(Buffer.from(NAME))) found.push('name (UTF-8)')
  for (const at of [100, 2000, page.bytes.length - 200])
    if (bytes.includes(Buffer.from(page.bytes.subarray(at, at + 48)))) found.push(`image bytes at ${at}`)
  return found
}

const storeCli = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/main/store-cli.ts', ...args], { encoding: 'utf8' })

describe('encryption at rest', () => {
  it('leaves no SQLite header and none of the values or image bytes in the database, its WAL or a backup', async () => {
    const store = fixtureStore('plain-view')
    // Before the checkpoint the last commits are only in the WAL: it must be as opaque as the file.
    expect(readFileSync(`${store.file}-wal`).length).toBeGreaterThan(0)
    expect(leaks(`${store.file}-wal`)).toEqual([])
    store.db.pragma('wal_checkpoint(TRUNCATE)')
    expect(leaks(store.file)).toEqual([])
    const backup = await backupDatabase(store, store.key, join(dir, 'plain-view', 'backups'), store.databaseKey)
    expect(leaks(backup.file)).toEqual([])
    // And through the key, all of it is there.
    expect(store.documents.get(1)?.fields).toMatchObject({ passportNumber: PASSPORT_NUMBER, name: NAME })
    expect(Buffer.from(store.documents.getBytes(1) ?? []).equals(Buffer.from(page.bytes))).toBe(true)
    store.close()
    // A plain SQLite connection cannot read it.
    const plain = new Database(store.file)
    expect(() => plain.prepare('SELECT * FROM documents').all()).toThrow(/file is not a database/)
    plain.close()
  })

  it('refuses a wrong key with STORE_KEY_WRONG and leaves the file alone, and tells a damaged first page apart', () => {
    const store = fixtureStore('wrong-key')
    const file = store.file
    store.close()
    const keyFile = join(dir, 'wrong-key', 'database.key')
    const rightKey = readFileSync(keyFile)
    const before = readFileSync(file)
    const wrong = { description: 'a key of another workstation', load: () => Buffer.alloc(32, 9), create: () => Buffer.alloc(32, 9) }
    const expected = expect.objectContaining({ code: 'STORE_KEY_WRONG', message: expect.stringContaining('another key') })
    expect(() => openStore(file, { databaseKey: wrong })).toThrow(expected)
    // Not taken for damage: the app must not move a good file aside because it was given the wrong key.
    expect(() => openStoreRecovering(file, { databaseKey: wrong })).toThrow(expected)
    expect(readFileSync(file).equals(before)).toBe(true)
    expect(readdirSync(join(dir, 'wrong-key')).filter((f) => f.includes('damaged'))).toEqual([])

    rmSync(keyFile)
    expect(() => openStore(file)).toThrow(expect.objectContaining({ code: 'STORE_KEY_MISSING' }))
    writeFileSync(keyFile, 'not a key\n', { mode: 0o600 })
    expect(() => openStore(file)).toThrow(expect.objectContaining({ code: 'STORE_KEY_INVALID' }))
    writeFileSync(keyFile, rightKey, { mode: 0o600 })
    openStore(file).close()

    // The right key and a damaged first page: damage (the key check vouches for the key), moved aside as such.
    const damaged = readFileSync(file)
    damaged[200] ^= 0xff
    writeFileSync(file, damaged)
    expect(() => openStore(file)).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT' }))
    const { store: fresh, incident } = openStoreRecovering(file)
    expect(incident).toMatchObject({ code: 'STORE_CORRUPT' })
    expect(existsSync(keyCheckFileOf(incident!.movedTo))).toBe(true)
    fresh.close()
  })

  it('rekeys from the command line and back, each key opening the file only while it is its key', () => {
    const store = fixtureStore('rekey')
    const file = store.file
    store.close()
    const keyFile = join(dir, 'rekey', 'database.key')
    const first = readFileSync(keyFile, 'utf8')
    const once = storeCli('rekey', '--db', file)
    expect(once.stderr).toBe('')
    expect(once.status).toBe(0)
    const { oldKeyKeptAs } = JSON.parse(once.stdout) as { oldKeyKeptAs: string }
    expect(readFileSync(oldKeyKeptAs, 'utf8')).toBe(first)
    expect(readFileSync(keyFile, 'utf8')).not.toBe(first)

    const reopened = openStore(file)
    expect(reopened.documents.get(1)?.fields).toMatchObject({ passportNumber: PASSPORT_NUMBER, name: NAME })
    expect(reopened.verifyAudit()).toMatchObject({ ok: true, events: 2 })
    reopened.close()
    const old = { description: 'the old key', load: () => Buffer.from(first.trim(), 'hex'), create: () => Buffer.alloc(0) }
    expect(() => openStore(file, { databaseKey: old })).toThrow(expect.objectContaining({ code: 'STORE_KEY_WRONG' }))
    expect(storeCli('verify-audit', '--db', file)).toMatchObject({ status: 0 })

    // Back under the first key: the round trip ends where it began.
    copyFileSync(oldKeyKeptAs, join(dir, 'rekey', 'first.key'))
    const twice = storeCli('rekey', '--db', file)
    expect(twice.status).toBe(0)
    const again = openStore(file)
    expect(again.documents.get(1)?.fields).toMatchObject({ passportNumber: PASSPORT_NUMBER, name: NAME })
    again.close()
    // While the file is open elsewhere it is not rekeyed.
    const busy = openStore(file)
    expect(storeCli('rekey', '--db', file)).toMatchObject({ status: 1, stderr: expect.stringMatching(/^error: STORE_IN_USE: /) })
    busy.close()
  })

  it('encrypts a clear-text database from before encryption in place at its first open, values intact', () => {
    mkdirSync(join(dir, 'legacy'))
    const file = join(dir, 'legacy', 'workstation.sqlite')
    const plain = new Database(file)
    plain.exec(`CREATE TABLE kept (v TEXT); INSERT INTO kept VALUES ('${PASSPORT_NUMBER}')`)
    plain.close()
    expect(leaks(file)).toEqual(['SQLite header', 'passport number (ASCII)'])
    const store = openStore(file)
    expect(store.db.prepare('SELECT v FROM kept').get()).toEqual({ v: PASSPORT_NUMBER })
    store.db.pragma('wal_checkpoint(TRUNCATE)')
    store.close()
    expect(leaks(file)).toEqual([])
  })
})
