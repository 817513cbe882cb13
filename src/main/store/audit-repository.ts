import { randomBytes } from 'node:crypto'
import type { Database as Db } from 'better-sqlite3'
import type { FieldKey } from '../../shared/domain/fields'
import type { AuditEvent, AuditType } from '../../shared/domain/document'
import { eventMac, GENESIS_MAC, personalDigest } from './audit-chain'
import type { ChainedEvent, ChainHead, PersonalValues } from './audit-chain'
import type { AuditCheckpoint } from './audit-checkpoint'
import { asStoreError } from './store-errors'

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
  /** The document whose personal values this event erased (see `erase`). */
  erases?: number
}

/** Filters of the audit view. */
export interface AuditQuery {
  documentId?: number
  type?: AuditType
  operator?: string
  limit: number
}

/** What listeners hear of an appended event. */
export interface AppendedEvent {
  id: number
  documentId: number | null
  type: AuditType
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
  erases: number | null
  personal_digest: Buffer | null
  salt: Buffer | null
}

const SALT_BYTES = 16

/**
 * The append-only, HMAC-chained audit log (the database's triggers refuse UPDATE and DELETE; audit-verify.ts checks
 * the chain). Appends run inside a write transaction; the checkpoint and the listeners hear of them once it commits.
 */
export class AuditRepository {
  private uncommitted: AppendedEvent[] = []
  private uncommittedHead: ChainHead | null = null

  constructor(
    private readonly db: Db,
    private readonly now: () => string,
    private readonly key: Buffer,
    private readonly checkpoint: AuditCheckpoint,
    /** Where a checkpoint that could not be written is reported; the events themselves are committed. */
    private readonly onCheckpointError: (err: unknown) => void,
    /** Shared with the repository of the next connection, so that listeners outlive a restore. */
    private readonly listeners: Set<(e: AppendedEvent) => void> = new Set()
  ) {}

  /** Be told of every committed event (the audit view refreshes live); returns the unsubscribe function. */
  onAppend(listener: (e: AppendedEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  append(e: NewAuditEvent): number {
    if (this.db.inTransaction) return this.appendInTransaction(e)
    try {
      const id = this.db.transaction(() => this.appendInTransaction(e)).immediate()
      this.committed()
      return id
    } catch (err) {
      this.rolledBack()
      throw asStoreError(err)
    }
  }

  /**
   * Erase the personal values of every event about a document (a data-subject request, a deletion): their rows and
   * salts go, the digests in the chain stay. The caller records the erasure itself with an event whose `erases` is
   * the document, in the same transaction; without that event the verifier reports the values as deleted.
   */
  erase(documentId: number): number {
    return this.db
      .prepare('DELETE FROM audit_personal WHERE event_id IN (SELECT id FROM audit_events WHERE document_id = ?)')
      .run(documentId).changes
  }

  /** The store committed: checkpoint the new head and tell listeners. */
  committed(): void {
    const head = this.uncommittedHead
    const events = this.uncommitted
    this.uncommittedHead = null
    this.uncommitted = []
    if (head) {
      try {
        this.checkpoint.write(head)
      } catch (err) {
        this.onCheckpointError(err)
      }
    }
    for (const e of events) for (const l of this.listeners) l(e)
  }

  /** The store rolled back: what was appended in it never happened. */
  rolledBack(): void {
    this.uncommittedHead = null
    this.uncommitted = []
  }

  /** Seal events stored before the chain existed (migration 002 copies them unsealed), in order; returns how many. */
  sealUnsealed(): number {
    const rows = this.db
      .prepare(
        'SELECT e.*, p.salt, p.old_value, p.new_value, p.reason, p.detail FROM audit_events e LEFT JOIN audit_personal p ON p.event_id = e.id WHERE e.mac IS NULL ORDER BY e.id'
      )
      .all() as AuditRow[]
    if (rows.length === 0) return 0
    const seal = this.db.prepare('UPDATE audit_events SET personal_digest = ?, mac = ? WHERE id = ?')
    this.db
      .transaction(() => {
        for (const r of rows) {
          const before = this.db.prepare('SELECT mac FROM audit_events WHERE id < ? ORDER BY id DESC LIMIT 1').get(r.id) as
            { mac: Buffer } | undefined
          const digest = r.salt ? personalDigest(r.salt, valuesOf(r)) : null
          const mac = eventMac(this.key, before?.mac ?? GENESIS_MAC, chainedOf(r, digest))
          seal.run(digest, mac, r.id)
          this.uncommittedHead = { eventId: r.id, mac }
        }
      })
      .immediate()
    this.committed()
    return rows.length
  }

  /** Newest first. */
  list(q: AuditQuery): AuditEvent[] {
    const where: string[] = []
    const params: (string | number)[] = []
    if (q.documentId !== undefined) {
      where.push('e.document_id = ?')
      params.push(q.documentId)
    }
    if (q.type) {
      where.push('e.type = ?')
      params.push(q.type)
    }
    if (q.operator) {
      where.push('e.operator = ?')
      params.push(q.operator)
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const rows = this.db
      .prepare(
        `SELECT e.*, p.salt, p.old_value, p.new_value, p.reason, p.detail FROM audit_events e
         LEFT JOIN audit_personal p ON p.event_id = e.id ${clause} ORDER BY e.id DESC LIMIT ?`
      )
      .all(...params, q.limit) as AuditRow[]
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
      at: r.at,
      redacted: r.personal_digest !== null && r.salt === null
    }))
  }

  private appendInTransaction(e: NewAuditEvent): number {
    const last = this.db.prepare('SELECT id, mac FROM audit_events ORDER BY id DESC LIMIT 1').get() as
      { id: number; mac: Buffer } | undefined
    // The id is chosen here, not by SQLite, because the MAC covers it.
    const id = (last?.id ?? 0) + 1
    const values: PersonalValues = {
      oldValue: e.oldValue ?? null,
      newValue: e.newValue ?? null,
      reason: e.reason ?? null,
      detail: e.detail ? JSON.stringify(e.detail) : null
    }
    const salt = Object.values(values).some((v) => v !== null) ? randomBytes(SALT_BYTES) : null
    const digest = salt ? personalDigest(salt, values) : null
    const chained: ChainedEvent = {
      id,
      documentId: e.documentId,
      type: e.type,
      field: e.field ?? null,
      operator: e.operator,
      at: this.now(),
      erases: e.erases ?? null,
      personalDigest: digest
    }
    const mac = eventMac(this.key, last?.mac ?? GENESIS_MAC, chained)
    this.db
      .prepare(
        'INSERT INTO audit_events (id, document_id, type, field, operator, at, erases, personal_digest, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
      )
      .run(id, chained.documentId, chained.type, chained.field, chained.operator, chained.at, chained.erases, digest, mac)
    if (salt)
      this.db
        .prepare('INSERT INTO audit_personal (event_id, salt, old_value, new_value, reason, detail) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, salt, values.oldValue, values.newValue, values.reason, values.detail)
    this.uncommittedHead = { eventId: id, mac }
    this.uncommitted.push({ id, documentId: e.documentId, type: e.type })
    return id
  }
}

/** The personal columns of a joined row. */
export function valuesOf(r: {
  old_value: string | null
  new_value: string | null
  reason: string | null
  detail: string | null
}): PersonalValues {
  return { oldValue: r.old_value, newValue: r.new_value, reason: r.reason, detail: r.detail }
}

/** The chained columns of a stored row. */
export function chainedOf(
  r: { id: number; document_id: number | null; type: string; field: string | null; operator: string; at: string; erases: number | null },
  digest: Buffer | null
): ChainedEvent {
  return {
    id: r.id,
    documentId: r.document_id,
    type: r.type,
    field: r.field,
    operator: r.operator,
    at: r.at,
    erases: r.erases,
    personalDigest: digest
  }
}
