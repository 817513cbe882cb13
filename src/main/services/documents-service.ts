import { createHash } from 'node:crypto'
import type { DocumentPage, ImportReport } from '../../shared/contract'
import { AppError, toErrorInfo } from '../../shared/domain/errors'
import type { DocumentDetail, DocumentSource } from '../../shared/domain/document'
import type { PassportResponse } from '../../shared/domain/response'
import { expandPaths, readImportFile } from '../ingest/file-import'
import type { ImportFile } from '../ingest/file-import'
import { ACCEPTED_FORMATS, sniffImageType } from '../ingest/image-type'
import { filePages, pageFileName } from '../ingest/pages/file-pages'
import type { PageSplitter } from '../ingest/pages/file-pages'
import { settleReaderDocuments } from '../mrz-reader/reader-settle'
import { config } from '../recognition/config'
import type { ListQuery } from '../store/documents-repository'
import type { Store } from '../store'
import type { EventBus } from './event-bus'
import { currentOperator } from './operator'
import type { RecognitionQueue } from './recognition-queue'
import { SYSTEM_OPERATOR } from './recognition-queue'

/** Import, list, read and delete documents. */
export class DocumentsService {
  constructor(
    private readonly store: Store,
    private readonly queue: RecognitionQueue,
    private readonly events: EventBus,
    private readonly splitter: PageSplitter
  ) {}

  /**
   * Import files as the operator has them: each page of a PDF or multi-page TIFF becomes a document of its own
   * (`scan.pdf#page=2`), a HEIF photo a JPEG one, split in the recognition process; a file that cannot be split
   * (or whose split crashed that process) fails alone, the others go on.
   */
  async importDocuments(files: readonly ImportFile[], source: DocumentSource = 'import'): Promise<ImportReport> {
    const pages: ImportFile[] = []
    const failed: ImportReport['failed'] = []
    for (const f of files) {
      try {
        const split = await filePages(f.bytes, this.splitter)
        for (const p of split) pages.push({ fileName: pageFileName(f.fileName, p.page, split.length), bytes: p.bytes })
      } catch (err) {
        failed.push({ fileName: f.fileName, error: toErrorInfo(err) })
      }
    }
    const r = this.importFiles(pages, source)
    return { ...r, failed: [...failed, ...r.failed] }
  }

  /** Store new page images (skipping content already stored) and queue them for recognition. */
  importFiles(files: readonly ImportFile[], source: DocumentSource = 'import'): ImportReport {
    const report: ImportReport = { imported: [], duplicates: [], failed: [] }
    const operator = currentOperator(this.store)
    for (const f of files) {
      try {
        if (f.bytes.byteLength > config.limits.maxFileBytes)
          throw new AppError('FILE_TOO_LARGE', `${f.fileName} is larger than ${config.limits.maxFileBytes} bytes`)
        if (!sniffImageType(f.bytes)) throw new AppError('UNSUPPORTED_FORMAT', `${f.fileName} is not a ${ACCEPTED_FORMATS} image`)
        const sha256 = createHash('sha256').update(f.bytes).digest('hex')
        const { id, duplicate } = this.store.transaction(() => {
          const r = this.store.documents.insert({ sha256, fileName: f.fileName, bytes: f.bytes, source })
          if (!r.duplicate)
            this.store.audit.append({ documentId: r.id, type: 'imported', operator, detail: { fileName: f.fileName, sha256, source } })
          return r
        })
        if (duplicate) report.duplicates.push({ fileName: f.fileName, existingId: id })
        else {
          report.imported.push(this.get(id))
          this.events.emit('documents:changed', { id, status: 'queued' })
        }
      } catch (err) {
        report.failed.push({ fileName: f.fileName, error: toErrorInfo(err) })
      }
    }
    this.queue.enqueued(report.imported.length)
    return report
  }

  /**
   * Keep an image that was already recognised elsewhere (the cloud-compatible API) for review: it goes straight to
   * needs_review with the engine's answer, without a second recognition. Returns null when the same image is stored.
   */
  storeRecognized(f: ImportFile, response: PassportResponse, source: DocumentSource): number | null {
    const sha256 = createHash('sha256').update(f.bytes).digest('hex')
    const stored = this.store.transaction(() => {
      const r = this.store.documents.insert({ sha256, fileName: f.fileName, bytes: f.bytes, source })
      if (r.duplicate) return null
      // Inside one transaction the queue never sees the row as 'queued', so it is not recognised twice.
      this.store.audit.append({
        documentId: r.id,
        type: 'imported',
        operator: SYSTEM_OPERATOR,
        detail: { fileName: f.fileName, sha256, source }
      })
      this.store.documents.setRecognized(r.id, response)
      this.store.audit.append({
        documentId: r.id,
        type: 'recognized',
        operator: SYSTEM_OPERATOR,
        detail: { algoVersion: response.algo_version }
      })
      return { id: r.id, settled: settleReaderDocuments(this.store, r.id, SYSTEM_OPERATOR) }
    })
    if (stored === null) return null
    this.events.emit('documents:changed', { id: stored.id, status: 'needs_review' })
    for (const id of stored.settled) this.events.emit('documents:changed', { id, status: this.get(id).status })
    return stored.id
  }

  /** Import files and folders from disk (File → Open, Import folder…, the hot folder). */
  async importPaths(paths: readonly string[], source: DocumentSource = 'import'): Promise<ImportReport> {
    const { files, failed } = await expandPaths([...paths])
    const read: ImportFile[] = []
    const report: ImportReport = {
      imported: [],
      duplicates: [],
      failed: failed.map((f) => ({ fileName: f.fileName, error: f.error.toJSON() }))
    }
    for (const p of files) {
      try {
        read.push(await readImportFile(p))
      } catch (err) {
        report.failed.push({ fileName: p, error: toErrorInfo(err) })
      }
    }
    const r = await this.importDocuments(read, source)
    return { imported: r.imported, duplicates: r.duplicates, failed: [...report.failed, ...r.failed] }
  }

  list(q: ListQuery): DocumentPage {
    return { ...this.store.documents.list(q), counts: this.store.documents.counts() }
  }

  get(id: number): DocumentDetail {
    const doc = this.store.documents.get(id)
    if (!doc) throw new AppError('NOT_FOUND', `document ${id} does not exist`)
    return doc
  }

  /** The original image and its type, for the image URL. */
  image(id: number): { bytes: Buffer; type: NonNullable<ReturnType<typeof sniffImageType>> } {
    const bytes = this.store.documents.getBytes(id)
    const type = bytes && sniffImageType(bytes)
    if (!bytes || !type) throw new AppError('NOT_FOUND', `document ${id} has no image`)
    return { bytes, type }
  }

  /**
   * Delete a document and its image, and erase the personal values its audit history holds (a data-subject request):
   * the events stay, chained, and this one records the erasure.
   */
  delete(id: number): { deleted: number } {
    const doc = this.get(id)
    if (doc.status === 'recognizing') throw new AppError('CONFLICT', `document ${id} is being recognized; cancel it first`)
    this.store.transaction(() => {
      this.store.documents.delete(id)
      this.store.audit.erase(id)
      this.store.audit.append({ documentId: id, type: 'deleted', operator: currentOperator(this.store), erases: id })
    })
    this.events.emit('documents:changed', { id, status: 'deleted' })
    return { deleted: 1 }
  }
}
