import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore } from '../../src/main/store'
import { storeProblems } from '../unit/helpers/store-completeness'
import { KILL_IMAGES, killImages } from './kill-images'

const IMAGES = KILL_IMAGES
const KILLS = 20
const BASE_SEED = Number(process.env.KILL_SEED ?? 20261202)
// Kills land anywhere from the start-up (store open, engine load) to deep in recognition.
const MIN_DELAY_MS = 300
const MAX_DELAY_MS = 20_000

let dir: string
let images: string
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'prw-kill-'))
  const started = Date.now()
  images = await killImages(12)
  process.stdout.write(`[kill] ${IMAGES} images in ${images} (${Date.now() - started} ms, reused when cached)\n`)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A fraction in [0, 1) drawn from a seed (hashed: neighbouring seeds give unrelated moments). */
const drawn = (seed: number): number => createHash('sha256').update(String(seed)).digest().readUInt32BE(0) / 2 ** 32

/** Run the child until it finishes or `killAfterMs` passes, then SIGKILL it; what it reported is returned. */
function runChild(
  db: string,
  killAfterMs: number | null
): Promise<{ stored: Set<number>; recognized: Set<number>; done: boolean; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/reliability/import-child.ts', db, images], {
      stdio: ['ignore', 'pipe', 'inherit']
    })
    const out = { stored: new Set<number>(), recognized: new Set<number>(), done: false, killed: false }
    let buffered = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        const [what, id] = line.split(' ')
        if (what === 'stored') out.stored.add(Number(id))
        else if (what === 'recognized') out.recognized.add(Number(id))
        else if (what === 'done') out.done = true
      }
    })
    const timer = killAfterMs === null ? undefined : setTimeout(() => ((out.killed = true), child.kill('SIGKILL')), killAfterMs)
    child.on('error', reject)
    child.on('exit', () => {
      clearTimeout(timer)
      resolve(out)
    })
  })
}

describe('kill test', () => {
  it(`a real import of ${IMAGES} images, killed with SIGKILL ${KILLS} times, loses nothing and half-writes nothing`, async () => {
    expect(readdirSync(images).filter((f) => !f.endsWith('.json'))).toHaveLength(IMAGES)
    const db = join(dir, 'workstation.sqlite')
    const stored = new Set<number>()
    const recognized = new Set<number>()
    const check = (label: string): string => {
      // The restart: the store's own recovery (WAL replay, requeue of interrupted work) runs on this open.
      const store = openStore(db)
      try {
        expect(storeProblems(store.db), label).toEqual([])
        expect(store.verifyAudit(), label).toMatchObject({ ok: true })
        for (const id of stored) expect(store.documents.get(id), `${label}: stored document ${id}`).not.toBeNull()
        for (const id of recognized) expect(store.documents.get(id)?.response, `${label}: recognised document ${id}`).not.toBeNull()
        const counts = store.documents.counts()
        // Interrupted recognitions are back in the queue, to be finished by the next run.
        expect(counts.recognizing, label).toBe(0)
        const rows = store.db.prepare('SELECT count(*) AS n, count(DISTINCT sha256) AS distinct_ FROM documents').get() as {
          n: number
          distinct_: number
        }
        expect(rows.n, `${label}: each image stored at most once`).toBe(rows.distinct_)
        expect(rows.n, label).toBeLessThanOrEqual(IMAGES)
        const events = store.db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }
        return `${rows.n} documents (${counts.queued} queued, ${counts.needs_review} read, ${counts.failed} failed), ${events.n} audit events`
      } finally {
        store.close()
      }
    }
    for (let k = 0; k < KILLS; k++) {
      const seed = BASE_SEED + k
      const delay = Math.round(MIN_DELAY_MS + drawn(seed) * (MAX_DELAY_MS - MIN_DELAY_MS))
      const r = await runChild(db, delay)
      // A child that ended before its kill must have finished: one that crashed would pass every check below.
      if (!r.killed) expect(r.done, `run ${k} (seed ${seed}) ended by itself without finishing`).toBe(true)
      r.stored.forEach((id) => stored.add(id))
      r.recognized.forEach((id) => recognized.add(id))
      const found = check(`after kill ${k} (seed ${seed})`)
      process.stdout.write(
        `[kill] ${k + 1}/${KILLS} seed ${seed}: SIGKILL after ${delay} ms${r.killed ? '' : ' (finished first)'}; ` +
          `reported stored ${stored.size}, recognized ${recognized.size}; on restart: ${found}; integrity, foreign keys, ` +
          `completeness, audit chain ok\n`
      )
    }
    const last = await runChild(db, null)
    expect(last.done).toBe(true)
    process.stdout.write(`[kill] final run: ${check('after the final run')}\n`)
    const store = openStore(db)
    const counts = store.documents.counts()
    store.close()
    process.stdout.write(`[kill] final: ${JSON.stringify(counts)}\n`)
    // Every image stored exactly once, and every one finished: none left queued or half-way.
    expect(Object.values(counts).reduce((a, b) => a + b)).toBe(IMAGES)
    expect(counts.queued + counts.recognizing).toBe(0)
  })
})
