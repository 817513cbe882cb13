import { createHash } from 'node:crypto'
import type { Database as Db } from 'better-sqlite3'

interface Row {
  id: number
  sha256: string
  bytes: Buffer | null
  status: string
  engine_response: string | null
  fields: string | null
  imported: number
  recognized: number
}

/**
 * What is wrong with a store's documents, as one line each (none when every document is whole): its image is there
 * and hashes to its key, it has its import event, and it is recognised exactly when it has a response, fields and
 * a recognition event, so that nothing is half-written. Also SQLite's own integrity and foreign-key checks.
 */
export function storeProblems(db: Db): string[] {
  const problems: string[] = []
  const integrity = db.pragma('integrity_check', { simple: true })
  if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`)
  const fk = db.pragma('foreign_key_check') as unknown[]
  if (fk.length) problems.push(`foreign_key_check: ${JSON.stringify(fk)}`)
  const rows = db
    .prepare(
      `SELECT d.id, d.sha256, d.bytes, d.status, d.engine_response, d.fields,
         (SELECT count(*) FROM audit_events a WHERE a.document_id = d.id AND a.type = 'imported') AS imported,
         (SELECT count(*) FROM audit_events a WHERE a.document_id = d.id AND a.type = 'recognized') AS recognized
       FROM documents d ORDER BY d.id`
    )
    .all() as Row[]
  for (const r of rows) {
    if (!r.bytes?.length || createHash('sha256').update(r.bytes).digest('hex') !== r.sha256)
      problems.push(`document ${r.id}: image missing or not its own`)
    if (r.imported !== 1) problems.push(`document ${r.id}: ${r.imported} import events`)
    const recognized = ['needs_review', 'approved', 'rejected'].includes(r.status)
    if (recognized && (!r.engine_response || !r.fields || r.recognized < 1))
      problems.push(`document ${r.id}: ${r.status} without response, fields or event`)
    if (!recognized && r.status !== 'failed' && (r.engine_response || r.recognized > 0))
      problems.push(`document ${r.id}: ${r.status} with a recognition`)
  }
  return problems
}
