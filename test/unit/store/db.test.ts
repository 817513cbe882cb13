import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { applyPragmas, migrate, openDatabase, readMigrations } from '../../../src/main/store/db'

const dirs: string[] = []
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'prw-db-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

// Any 32 bytes: these tests are about the connection, encryption/ has the key's own tests.
const KEY = { bytes: Buffer.alloc(32, 7), description: 'a test key' }

const LATEST = readMigrations(fileURLToPath(new URL('../../../src/main/store/migrations', import.meta.url))).length

describe('openDatabase', () => {
  it('reads back WAL, synchronous=FULL, foreign keys, secure delete and a busy timeout on every connection', () => {
    const file = join(tempDir(), 'a.sqlite')
    // Two connections at once: the second opens an existing file in WAL mode, where SQLite's build default is NORMAL.
    const first = openDatabase(file, KEY)
    const second = openDatabase(file, KEY)
    for (const db of [first, second]) {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('synchronous', { simple: true })).toBe(2)
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(db.pragma('secure_delete', { simple: true })).toBe(1)
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST)
    }
    first.close()
    second.close()
  })

  it('refuses a connection whose pragma does not read back (an in-memory database stays out of WAL without an error)', () => {
    const memory = new Database(':memory:')
    expect(() => applyPragmas(memory)).toThrow(/journal_mode reads memory after setting WAL/)
    memory.close()
  })

  it('is idempotent on reopen', () => {
    const file = join(tempDir(), 'a.sqlite')
    openDatabase(file, KEY).close()
    const db = openDatabase(file, KEY)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST)
    db.close()
  })

  it('builds a new file under another name, so a crash while creating it leaves no empty database', () => {
    const dir = tempDir()
    openDatabase(join(dir, 'a.sqlite'), KEY).close()
    expect(readdirSync(dir).sort()).toEqual(['a.sqlite', 'a.sqlite.key-check'])
  })
})

describe('migrate', () => {
  it('applies only newer migrations, each atomically', () => {
    const dir = tempDir()
    writeFileSync(join(dir, '001-a.sql'), 'CREATE TABLE a (x INTEGER);')
    writeFileSync(join(dir, '002-b.sql'), 'CREATE TABLE b (x INTEGER); CREATE TABLE a (x INTEGER);')
    const db = new Database(':memory:')
    expect(() => migrate(db, readMigrations(dir))).toThrow(/already exists/)
    // 001 committed; 002 rolled back entirely, so table b does not exist and the version stays at 1.
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined()
    db.close()
  })

  it('rejects gaps and badly named files', () => {
    const dir = tempDir()
    writeFileSync(join(dir, '002-b.sql'), 'SELECT 1;')
    expect(() => readMigrations(dir)).toThrow(/out of sequence/)
    writeFileSync(join(dir, 'x.sql'), 'SELECT 1;')
    expect(() => readMigrations(dir)).toThrow(/NNN-name/)
  })

  it('refuses a database newer than the app', () => {
    const db = new Database(':memory:')
    db.pragma('user_version = 9')
    expect(() => migrate(db, [{ version: 1, name: 'a', sql: 'SELECT 1' }])).toThrow(/newer than this app/)
    db.close()
  })
})
