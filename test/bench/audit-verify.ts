/**
 * `npm run bench:audit`: how long verifying the audit chain takes on a log of 100,000 events (the bar is
 * 2 s). A figure to read, printed; never asserted by a timed test, since the machine is shared.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openStore } from '../../src/main/store'

const EVENTS = Number(process.env.AUDIT_EVENTS ?? 100_000)
const RUNS = 3

const dir = mkdtempSync(join(tmpdir(), 'prw-bench-audit-'))
try {
  const store = openStore(join(dir, 'bench.sqlite'))
  const built = performance.now()
  store.transaction(() => {
    for (let i = 1; i <= EVENTS; i++) {
      const documentId = Math.ceil(i / 6)
      // One event in two carries personal values, so the walk recomputes digests as well as MACs.
      if (i % 2)
        store.audit.append({ documentId, type: 'field_edited', operator: 'li', field: 'name', oldValue: `张${i}`, newValue: `李${i}` })
      else store.audit.append({ documentId, type: 'approved', operator: 'li' })
    }
  })
  const buildMs = performance.now() - built
  // A log at rest has been checkpointed into the main file; 100,000 events still in the WAL read slower.
  store.db.pragma('wal_checkpoint(TRUNCATE)')
  const times: number[] = []
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now()
    const v = store.verifyAudit()
    times.push(performance.now() - t)
    if (!v.ok || v.events !== EVENTS) throw new Error(`verification failed on a clean log: ${JSON.stringify(v)}`)
  }
  store.close()
  const best = Math.min(...times)
  process.stdout.write(
    `audit: ${EVENTS} events appended in ${(buildMs / 1000).toFixed(2)} s; verified in ${times.map((t) => (t / 1000).toFixed(2)).join(' / ')} s ` +
      `(best ${(best / 1000).toFixed(2)} s, ${Math.round(EVENTS / (best / 1000))} events/s; bar 2 s)\n`
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
