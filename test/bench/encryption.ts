/**
 * `npm run bench:encryption`: what encryption at rest costs, measured on the same SQLite build with and without the
 * key: committing a batch of documents one transaction each (as the import does, synchronous=FULL in WAL), reading
 * them back, a backup by VACUUM INTO, and opening the file (key, pragmas, quick_check). Figures to read, printed;
 * never asserted by a timed test, since the machine is shared.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { applyPragmas } from '../../src/main/store/db'
import { applyKey } from '../../src/main/store/encryption'

const DOCUMENTS = Number(process.env.ENCRYPTION_DOCUMENTS ?? 200)
// About the size of a phone photo of a data page as the queue stores it.
const IMAGE_BYTES = 400_000
const RUNS = 3
const KEY = randomBytes(32)

const images = Array.from({ length: DOCUMENTS }, () => randomBytes(IMAGE_BYTES))

function connect(file: string, encrypted: boolean): Db {
  const db = new Database(file)
  if (encrypted) applyKey(db, KEY)
  applyPragmas(db)
  return db
}

const time = (fn: () => void): number => {
  const t = performance.now()
  fn()
  return performance.now() - t
}

function run(dir: string, encrypted: boolean): Record<string, number> {
  const file = join(dir, `${encrypted ? 'encrypted' : 'clear'}.sqlite`)
  let db = connect(file, encrypted)
  db.exec('CREATE TABLE documents (id INTEGER PRIMARY KEY, sha256 TEXT UNIQUE, bytes BLOB, fields TEXT)')
  const insert = db.prepare('INSERT INTO documents (sha256, bytes, fields) VALUES (?, ?, ?)')
  const write = time(() => {
    for (const bytes of images)
      db.transaction(() => insert.run(createHash('sha256').update(bytes).digest('hex'), bytes, JSON.stringify({ name: '张三' })))()
  })
  db.pragma('wal_checkpoint(TRUNCATE)')
  const select = db.prepare('SELECT bytes FROM documents WHERE id = ?')
  const read = time(() => {
    for (let id = 1; id <= DOCUMENTS; id++) select.get(id)
  })
  const backupFile = join(dir, `${encrypted ? 'encrypted' : 'clear'}-backup.sqlite`)
  const backup = time(() => db.prepare('VACUUM INTO ?').run(backupFile))
  db.close()
  const open = time(() => {
    db = connect(file, encrypted)
    db.pragma('quick_check')
  })
  db.close()
  return { write, read, backup, open, mb: statSync(file).size / 1e6 }
}

const dir = mkdtempSync(join(tmpdir(), 'prw-bench-encryption-'))
try {
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const results: Record<'clear' | 'encrypted', Record<string, number[]>> = { clear: {}, encrypted: {} }
  for (let r = 0; r < RUNS; r++)
    for (const encrypted of [false, true]) {
      const runDir = mkdtempSync(join(dir, 'run-'))
      for (const [k, v] of Object.entries(run(runDir, encrypted))) (results[encrypted ? 'encrypted' : 'clear'][k] ??= []).push(v)
      rmSync(runDir, { recursive: true, force: true })
    }
  const mb = median(results.clear.mb)
  console.log(`${DOCUMENTS} documents of ${IMAGE_BYTES / 1000} kB (${mb.toFixed(0)} MB), median of ${RUNS} runs, ms:`)
  for (const [what, label] of [
    ['write', `commit ${DOCUMENTS} documents, one transaction each`],
    ['read', `read all ${DOCUMENTS} images back`],
    ['backup', 'backup (VACUUM INTO)'],
    ['open', 'open (key, pragmas, quick_check)']
  ] as const) {
    const clear = median(results.clear[what])
    const enc = median(results.encrypted[what])
    console.log(
      `  ${label.padEnd(48)} clear ${clear.toFixed(0).padStart(6)}  encrypted ${enc.toFixed(0).padStart(6)}  (${((enc / clear - 1) * 100).toFixed(0)} %)`
    )
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
