import type { Database as Db, Statement } from 'better-sqlite3'
import { eventMac, GENESIS_MAC, personalDigest, sameMac } from './audit-chain'
import type { ChainHead } from './audit-chain'

/** The verifier's finding: the chain holds up to its head, or the first event at which it does not, and why. */
export type AuditVerdict =
  { ok: true; events: number; head: ChainHead | null } | { ok: false; events: number; eventId: number; problem: string }

// Columns in a fixed order, read as arrays in pages: far cheaper per row than an iterator, in bounded memory.
const WALK = `SELECT e.id, e.document_id, e.type, e.field, e.operator, e.at, e.erases, e.personal_digest, e.mac,
  p.salt, p.old_value, p.new_value, p.reason, p.detail
  FROM audit_events e LEFT JOIN audit_personal p ON p.event_id = e.id WHERE e.id > ? ORDER BY e.id LIMIT ?`
const PAGE = 5000

type WalkRow = [
  number,
  number | null,
  string,
  string | null,
  string,
  string,
  number | null,
  Buffer | null,
  Buffer | null,
  Buffer | null,
  string | null,
  string | null,
  string | null,
  string | null
]

/**
 * Walk the whole log from its first event: ids without gaps, each MAC recomputed over its predecessor's, each
 * personal digest recomputed from its values (or their erasure recorded by a later event), and, given the
 * checkpoint kept outside the file, the log still reaching the head it records. Only a copy being made (a backup,
 * whose own checkpoint is written from it) is walked with `checkpointRequired: false`.
 */
export function verifyAudit(db: Db, key: Buffer, checkpoint: ChainHead | null, opts: { checkpointRequired?: boolean } = {}): AuditVerdict {
  const erasedBy = new Map<number, number>()
  for (const r of db.prepare('SELECT erases, max(id) AS at FROM audit_events WHERE erases IS NOT NULL GROUP BY erases').all() as {
    erases: number
    at: number
  }[])
    erasedBy.set(r.erases, r.at)
  const fail = (events: number, eventId: number, problem: string): AuditVerdict => ({ ok: false, events, eventId, problem })

  let previous: Buffer = GENESIS_MAC
  let lastId = 0
  let events = 0
  let checkpointMac: Buffer | null = null
  const page = db.prepare(WALK).raw()
  for (const r of pages(page, PAGE)) {
    const [id, documentId, type, field, operator, at, erases, digest, mac, salt] = r
    if (id !== lastId + 1)
      return fail(events, lastId + 1, `event ${lastId + 1} is missing: the log goes from event ${lastId} to event ${id}`)
    if (!mac) return fail(events, id, `event ${id} has no MAC: it was never sealed, or its MAC was removed`)
    if (!sameMac(mac, eventMac(key, previous, { id, documentId, type, field, operator, at, erases, personalDigest: digest })))
      return fail(
        events,
        id,
        `event ${id} does not match its MAC: its columns were changed, it was inserted or moved, or its MAC was recomputed without the key`
      )
    if (salt) {
      if (!digest) return fail(events, id, `event ${id} had no personal values, but some were added`)
      const values = { oldValue: r[10], newValue: r[11], reason: r[12], detail: r[13] }
      if (!sameMac(digest, personalDigest(salt, values)))
        return fail(events, id, `event ${id}: its personal values (old or new value, reason, detail) were changed`)
    } else if (digest && !(documentId !== null && (erasedBy.get(documentId) ?? 0) > id))
      return fail(events, id, `event ${id}: its personal values were deleted, and no later event records their erasure`)
    if (checkpoint && id === checkpoint.eventId) checkpointMac = mac
    previous = mac
    lastId = id
    events += 1
  }
  const orphan = db
    .prepare('SELECT p.event_id AS id FROM audit_personal p LEFT JOIN audit_events e ON e.id = p.event_id WHERE e.id IS NULL LIMIT 1')
    .get() as { id: number } | undefined
  if (orphan) return fail(events, orphan.id, `personal values are kept for event ${orphan.id}, which is not in the log`)
  if (!checkpoint && lastId > 0 && opts.checkpointRequired !== false)
    return fail(
      events,
      lastId,
      `the checkpoint kept outside the file is missing, so a deleted tail or an older copy of the file cannot be ruled out (the log ends at event ${lastId})`
    )
  if (checkpoint && checkpoint.eventId > lastId)
    return fail(
      events,
      lastId + 1,
      `the log ends at event ${lastId}, but the checkpoint outside the file records event ${checkpoint.eventId}: its tail was deleted or the file was put back from an older copy`
    )
  if (checkpoint && checkpoint.eventId > 0 && !sameMac(checkpointMac, checkpoint.mac))
    return fail(
      events,
      checkpoint.eventId,
      `event ${checkpoint.eventId} is not the one the checkpoint recorded: the file was replaced by another copy`
    )
  return { ok: true, events, head: lastId ? { eventId: lastId, mac: previous } : null }
}

/** The walk's rows, page by page; ids are taken from the last row read, so a gap does not end the walk. */
function* pages(statement: Statement, size: number): Generator<WalkRow> {
  let after = -Infinity
  for (;;) {
    const rows = statement.all(after, size) as WalkRow[]
    yield* rows
    if (rows.length < size) return
    after = rows[rows.length - 1][0]
  }
}
