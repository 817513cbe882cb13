import type { Database as Db } from 'better-sqlite3'
import type { FieldKey } from '../../shared/domain/fields'
import type { AuditEvent, AuditType } from '../../shared/domain/document'

/** An event to append; `at` is stamped by the repository's clock. */
export interface NewAuditEvent {
  documentId: number | null
  type: AuditType
  operator: string
  field?: FieldKey
  oldValue?: string
  newValue?: string
  reason?: string
  /** Context worth keeping (file name, export format…); stored as JSON. */
  detail?: Record<string, unknown>
}

/** Filters of the audit view. */
export interface AuditQuery {
  documentId?: number
  type?: AuditType
  operator?: string
  limit: number
}

interface AuditRow {
  id: number
  document_id: number | null
  type: AuditType
  field: FieldKey | null
  old_value: string | null
  new_value: string | null
  reason: string | null
  detail: string | null
  operator: string
  at: string
}

/** The append-only audit log (the database's triggers refuse UPDATE and DELETE). */
export class AuditRepository {
  private readonly listeners = new Set<(e: { id: number; documentId: number | null; type: AuditType }) => void>()

  constructor(
    private readonly db: Db,
    private readonly now: () => string
  ) {}

  /** Be told of every appended event (the audit view refreshes live); returns the unsubscribe function. */
  onAppend(listener: (e: { id: number; documentId: number | null; type: AuditType }) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  append(e: NewAuditEvent): number {
    const r = this.db
      .prepare(
        `INSERT INTO audit_events (document_id, type, field, old_value, new_value, reason, detail, operator, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        e.documentId,
        e.type,
        e.field ?? null,
        e.oldValue ?? null,
        e.newValue ?? null,
        e.reason ?? null,
        e.detail ? JSON.stringify(e.detail) : null,
        e.operator,
        this.now()
      )
    const id = Number(r.lastInsertRowid)
    for (const l of this.listeners) l({ id, documentId: e.documentId, type: e.type })
    return id
  }

  /** Newest first. */
  list(q: AuditQuery): AuditEvent[] {
    const where: string[] = []
    const params: (string | number)[] = []
    if (q.documentId !== undefined) {
      where.push('document_id = ?')
      params.push(q.documentId)
    }
    if (q.type) {
      where.push('type = ?')
      params.push(q.type)
    }
    if (q.operator) {
      where.push('operator = ?')
      params.push(q.operator)
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const rows = this.db.prepare(`SELECT * FROM audit_events ${clause} ORDER BY id DESC LIMIT ?`).all(...params, q.limit) as AuditRow[]
    return rows.map((r) => ({
      id: r.id,
      documentId: r.document_id,
      type: r.type,
      field: r.field,
      oldValue: r.old_value,
      newValue: r.new_value,
      reason: r.reason,
      detail: r.detail,
      operator: r.operator,
      at: r.at
    }))
  }
}
