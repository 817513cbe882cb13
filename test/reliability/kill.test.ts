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
// A fifth of the kills land in the start-up and the import (store open, engine load, pages stored), timed from the
// start; the rest just after a recognition, by count, so that every one interrupts work whatever the machine's
// pace (kills by time alone landed after the work was done once the engine got faster).
const EARLY_SHARE = 0.2
const EARLY_MS = [300, 3000] as const
/** After the counted recognition, the next one (or its write) is under way when the kill lands. */
const AFTER_MS = 400

/** When a run is killed: so long after it starts, or so long after its n-th recognition. */
type KillPlan = { afterMs: number } | { afterRecognized: number; thenMs: number }

let dir: string
let images: string
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'prw-kill-'))
  const started = Date.now()
  images = await killImages(12)
  process.stdout.write(`[kill] ${IMAGES} images in ${images} (${Date.now() - started} ms, reused when cached)\n`)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A fraction in [0, 1) drawn from a seed and a purpose (hashed: neighbouring seeds give unrelated moments). */
const drawn = (seed: number, what: string): number => createHash('sha256').update(`${seed}:${what}`).digest().readUInt32BE(0) / 2 ** 32

/** Round k's kill, from its seed: recognitions are spread so that the work lasts into the last round. */
function killPlan(seed: number, remaining: number, roundsLeft: number): KillPlan {
  if (drawn(seed, 'phase') < EARLY_SHARE) return { afterMs: Math.round(EARLY_MS[0] + drawn(seed, 'ms') * (EARLY_MS[1] - EARLY_MS[0])) }
  // Spread over one round more than are left, and never the last page: the last round still meets work.
  const mean = Math.max(1, remaining / (roundsLeft + 1))
  const count = 1 + Math.floor(drawn(seed, 'count') * (2 * mean - 1))
  return { afterRecognized: Math.min(count, Math.max(1, remaining - 1)), thenMs: Math.round(drawn(seed, 'ms') * AFTER_MS) }
}

const describePlan = (p: KillPlan): string =>
  'afterMs' in p ? `${p.afterMs} ms after the start` : `${p.thenMs} ms after its recognition no. ${p.afterRecognized}`

/** Run the child until it finishes or its kill plan comes due, then SIGKILL it; what it reported is returned. */
function runChild(
  db: string,
  plan: KillPlan | null
): Promise<{ stored: Set<number>; recognized: Set<number>; done: boolean; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/reliability/import-child.ts', db, images], {
      stdio: ['ignore', 'pipe', 'inherit']
    })
    const out = { stored: new Set<number>(), recognized: new Set<number>(), done: false, killed: false }
    let timer: ReturnType<typeof setTimeout> | undefined
    const killIn = (ms: number): void => {
      timer = setTimeout(() => ((out.killed = true), child.kill('SIGKILL')), ms)
    }
    if (plan && 'afterMs' in plan) killIn(plan.afterMs)
    let buffered = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        const [what, id] = line.split(' ')
        if (what === 'stored') out.stored.add(Number(id))
        else if (what === 'recognized') {
          out.recognized.add(Number(id))
          if (plan && 'afterRecognized' in plan && out.recognized.size === plan.afterRecognized) killIn(plan.thenMs)
        } else if (what === 'done') out.done = true
      }
    })
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
    let interrupted = 0
    for (let k = 0; k < KILLS; k++) {
      const seed = BASE_SEED + k
      const plan = killPlan(seed, IMAGES - recognized.size, KILLS - k)
      const r = await runChild(db, plan)
      // A child that ended before its kill must have finished: one that crashed would pass every check below.
      if (!r.killed) expect(r.done, `run ${k} (seed ${seed}) ended by itself without finishing`).toBe(true)
      if (r.killed) interrupted++
      r.stored.forEach((id) => stored.add(id))
      r.recognized.forEach((id) => recognized.add(id))
      const found = check(`after kill ${k} (seed ${seed})`)
      process.stdout.write(
        `[kill] ${k + 1}/${KILLS} seed ${seed}: SIGKILL ${describePlan(plan)}${r.killed ? '' : ' (finished first)'}; ` +
          `reported stored ${stored.size}, recognized ${recognized.size}; on restart: ${found}; integrity, foreign keys, ` +
          `completeness, audit chain ok\n`
      )
    }
    // The kills must have met work, not a finished run: all but the odd one that lost the race with its own end.
    expect(interrupted).toBeGreaterThanOrEqual(KILLS - 2)
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
