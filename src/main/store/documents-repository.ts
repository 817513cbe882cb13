import type { Database as Db } from 'better-sqlite3'
import { emptyPassportData } from '../../shared/domain/fields'
import type { FieldKey } from '../../shared/domain/fields'
import type { ErrorInfo } from '../../shared/domain/errors'
import { DOCUMENT_STATUSES } from '../../shared/domain/document'
import type {
  CorrectionKey,
  DocumentDetail,
  DocumentSource,
  DocumentStatus,
  DocumentSummary,
  ReaderMrz,
  StatusCounts
} from '../../shared/domain/document'
import type { PassportResponse } from '../../shared/domain/response'
import { COLUMNS, toDetail, toSummary } from './document-rows'
import type { DocumentRow } from './document-rows'

/** Filters of the queue list. */
export interface ListQuery {
  status?: DocumentStatus
  /** Matched against the file name, passport number, name and Latin name. */
  search?: string
  limit: number
  offset: number
}

/** A new document's content. */
export interface NewDocument {
  sha256: string
  fileName: string
  /** Null only for an MRZ reader's document (the schema refuses it from any other source). */
  bytes: Uint8Array | null
  source: DocumentSource
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => '\\' + c)

/** The documents table: import, the persistent recognition queue, review state. */
export class DocumentsRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => string
  ) {}

  /** Insert unless the same content is already stored; returns the new id, or the existing one as a duplicate. */
  insert(doc: NewDocument): { id: number; duplicate: boolean } {
    const t = this.now()
    const row = this.db
      .prepare(
        `INSERT INTO documents (sha256, file_name, bytes, source, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'queued', ?, ?)
         ON CONFLICT (sha256) DO NOTHING RETURNING id`
      )
      .get(
        doc.sha256,
        doc.fileName,
        doc.bytes && Buffer.from(doc.bytes.buffer, doc.bytes.byteOffset, doc.bytes.byteLength),
        doc.source,
        t,
        t
      ) as { id: number } | undefined
    if (row) return { id: row.id, duplicate: false }
    const existing = this.db.prepare('SELECT id FROM documents WHERE sha256 = ?').get(doc.sha256) as { id: number }
    return { id: existing.id, duplicate: true }
  }

  get(id: number): DocumentDetail | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM documents WHERE id = ?`).get(id) as DocumentRow | undefined
    return row ? toDetail(row) : null
  }

  /** The original image bytes; null when there is no such document or it has no image (an MRZ reader's). */
  getBytes(id: number): Buffer | null {
    const row = this.db.prepare('SELECT bytes FROM documents WHERE id = ?').get(id) as { bytes: Buffer | null } | undefined
    return row?.bytes ?? null
  }

  list(q: ListQuery): { items: DocumentSummary[]; total: number } {
    // An MRZ-only document merged into its page is that page's now: the queue shows the page alone.
    const where: string[] = ['merged_into IS NULL']
    const params: (string | number)[] = []
    if (q.status) {
      where.push('status = ?')
      params.push(q.status)
    }
    const search = q.search?.trim()
    if (search) {
      where.push(
        `(file_name LIKE ? ESCAPE '\\' OR passport_number LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\'
          OR json_extract(fields, '$.nameEn') LIKE ? ESCAPE '\\')`
      )
      const like = `%${escapeLike(search)}%`
      // Passport numbers and Latin names are stored in capitals; operators type them either way.
      params.push(like, like.toUpperCase(), like, like.toUpperCase())
    }
    const clause = `WHERE ${where.join(' AND ')}`
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM documents ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...params, q.limit, q.offset) as DocumentRow[]
    const { n } = this.db.prepare(`SELECT count(*) AS n FROM documents ${clause}`).get(...params) as { n: number }
    return { items: rows.map(toSummary), total: n }
  }

  counts(): StatusCounts {
    const counts = Object.fromEntries(DOCUMENT_STATUSES.map((s) => [s, 0])) as StatusCounts
    const rows = this.db.prepare('SELECT status, count(*) AS n FROM documents WHERE merged_into IS NULL GROUP BY status').all() as {
      status: DocumentStatus
      n: number
    }[]
    for (const r of rows) counts[r.status] = r.n
    return counts
  }

  /** Take the oldest queued document and mark it recognizing, atomically. */
  claimNextQueued(): number | null {
    const row = this.db
      .prepare(
        `UPDATE documents SET status = 'recognizing', updated_at = ?
         WHERE id = (SELECT id FROM documents WHERE status = 'queued' ORDER BY id LIMIT 1) RETURNING id`
      )
      .get(this.now()) as { id: number } | undefined
    return row?.id ?? null
  }

  /** After a restart nothing is running: interrupted work goes back to the queue. */
  resetInterrupted(): number {
    return this.db.prepare(`UPDATE documents SET status = 'queued', updated_at = ? WHERE status = 'recognizing'`).run(this.now()).changes
  }

  /** Store the engine's answer; the document then waits for review, with its fields as read. */
  setRecognized(id: number, response: PassportResponse): void {
    const t = this.now()
    this.db
      .prepare(
        `UPDATE documents SET status = 'needs_review', engine_response = ?, algo_version = ?, fields = ?, error_code = NULL,
         error_message = NULL, accepted_corrections = '[]', recognized_at = ?, updated_at = ? WHERE id = ?`
      )
      .run(JSON.stringify(response), response.algo_version, JSON.stringify(response.data), t, t, id)
    this.refreshDuplicate(id)
  }

  setFailed(id: number, error: ErrorInfo): void {
    this.db
      .prepare(`UPDATE documents SET status = 'failed', error_code = ?, error_message = ?, updated_at = ? WHERE id = ?`)
      .run(error.code, error.message, this.now(), id)
  }

  /** Move documents from one status to another (all of them when `ids` is absent); returns the ids moved. */
  moveStatus(from: DocumentStatus, to: DocumentStatus, ids?: number[], error?: ErrorInfo): number[] {
    const filter = ids ? `AND id IN (SELECT value FROM json_each(?))` : ''
    const params: (string | null)[] = [to, error?.code ?? null, error?.message ?? null, this.now(), from]
    if (ids) params.push(JSON.stringify(ids))
    const rows = this.db
      .prepare(`UPDATE documents SET status = ?, error_code = ?, error_message = ?, updated_at = ? WHERE status = ? ${filter} RETURNING id`)
      .all(...params) as { id: number }[]
    return rows.map((r) => r.id)
  }

  /** Replace one field's current value; returns the previous one. */
  setField(id: number, key: FieldKey, value: string): string {
    const before = this.get(id)
    const old = before?.fields[key] ?? ''
    const fields = { ...(before?.fields ?? emptyPassportData()), [key]: value }
    this.db.prepare('UPDATE documents SET fields = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(fields), this.now(), id)
    if (key === 'passportNumber') this.refreshDuplicate(id)
    return old
  }

  /** Keep or drop one engine correction among those the operator accepted. */
  setCorrectionAccepted(id: number, key: CorrectionKey, accepted: boolean): void {
    const kept = new Set(this.get(id)?.acceptedCorrections ?? [])
    if (accepted) kept.add(key)
    else kept.delete(key)
    this.db
      .prepare('UPDATE documents SET accepted_corrections = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify([...kept].sort()), this.now(), id)
  }

  /** Record the operator's decision. */
  setDecision(id: number, status: 'approved' | 'rejected', operator: string, reason: string | null): void {
    const t = this.now()
    this.db
      .prepare('UPDATE documents SET status = ?, operator = ?, reject_reason = ?, reviewed_at = ?, updated_at = ? WHERE id = ?')
      .run(status, operator, reason, t, t, id)
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM documents WHERE id = ?').run(id).changes > 0
  }

  /** Documents to export: the given ids in order, or every approved one; a merged MRZ-only document is its page's. */
  forExport(ids?: number[]): DocumentDetail[] {
    const rows = ids
      ? (this.db
          .prepare(`SELECT ${COLUMNS} FROM documents WHERE id IN (SELECT value FROM json_each(?)) AND merged_into IS NULL ORDER BY id`)
          .all(JSON.stringify(ids)) as DocumentRow[])
      : (this.db
          .prepare(`SELECT ${COLUMNS} FROM documents WHERE status = 'approved' AND merged_into IS NULL ORDER BY id`)
          .all() as DocumentRow[])
    return rows.map(toDetail)
  }

  /** Record the MRZ a reader gave for this passport. */
  setReaderMrz(id: number, mrz: ReaderMrz): void {
    this.db.prepare('UPDATE documents SET reader_mrz = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(mrz), this.now(), id)
  }

  /** Documents with a page image of the passport with this number, birth date and expiry (YYYY.MM.DD), newest first. */
  withImageOf(passportNumber: string, birthDate: string, validToDate: string): number[] {
    const rows = this.db
      .prepare(
        `SELECT id FROM documents WHERE passport_number = ? AND bytes IS NOT NULL
           AND json_extract(fields, '$.birthDate') = ? AND json_extract(fields, '$.validToDate') = ? ORDER BY id DESC`
      )
      .all(passportNumber, birthDate, validToDate) as { id: number }[]
    return rows.map((r) => r.id)
  }

  /**
   * The MRZ-only documents of the passport on page image `id` (same number, birth date and expiry as it was read),
   * newest first, merged ones included; none when `id` has no image or no passport number.
   */
  readerDocumentsFor(id: number): DocumentDetail[] {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM documents WHERE id IN (
           SELECT o.id FROM documents o, documents d
           WHERE d.id = ? AND d.bytes IS NOT NULL AND d.passport_number <> '' AND o.id <> d.id AND o.bytes IS NULL
             AND o.reader_mrz IS NOT NULL AND o.passport_number = d.passport_number
             AND json_extract(o.fields, '$.birthDate') = json_extract(d.fields, '$.birthDate')
             AND json_extract(o.fields, '$.validToDate') = json_extract(d.fields, '$.validToDate'))
         ORDER BY id DESC`
      )
      .all(id) as DocumentRow[]
    return rows.map(toDetail)
  }

  /** Retire an MRZ-only document into the page image `pageId` of the same passport. */
  setMergedInto(id: number, pageId: number): void {
    this.db.prepare('UPDATE documents SET merged_into = ?, updated_at = ? WHERE id = ?').run(pageId, this.now(), id)
  }

  /**
   * Flag the document when an approved one of the same kind and state already carries its number: a passport and
   * an identity card (their MRZ zones' formats), or two states' documents, may share a number and are not copies.
   */
  private refreshDuplicate(id: number): void {
    this.db
      .prepare(
        `UPDATE documents SET duplicate_of = (
           SELECT o.id FROM documents o, documents d
           WHERE d.id = @id AND d.passport_number <> '' AND o.passport_number = d.passport_number AND o.status = 'approved' AND o.id <> d.id
             AND COALESCE(json_extract(o.engine_response, '$.validation.mrzZone.format'), 'TD3')
               = COALESCE(json_extract(d.engine_response, '$.validation.mrzZone.format'), 'TD3')
             AND json_extract(o.fields, '$.countryCode') IS json_extract(d.fields, '$.countryCode')
           ORDER BY o.id LIMIT 1)
         WHERE id = @id`
      )
      .run({ id })
  }
}
