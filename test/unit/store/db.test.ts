import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, openDatabase, readMigrations } from '../../../src/main/store/db'

const dirs: string[] = []
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'prw-db-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('openDatabase', () => {
  it('sets WAL, foreign keys and a busy timeout, and migrates to the latest version', () => {
    const db = openDatabase(join(tempDir(), 'a.sqlite'))
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    db.close()
  })

  it('is idempotent on reopen', () => {
    const file = join(tempDir(), 'a.sqlite')
    openDatabase(file).close()
    const db = openDatabase(file)
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    db.close()
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
