import { createHash } from 'node:crypto'
import type { MrzReadResult } from '../../shared/contract'
import type { ReaderMrz } from '../../shared/domain/document'
import { readerAgrees } from '../../shared/domain/reader-mrz'
import type { EventBus } from '../services/event-bus'
import { currentOperator } from '../services/operator'
import { SYSTEM_OPERATOR } from '../services/recognition-queue'
import type { Store } from '../store'
import { mrzOnlyResponse } from './mrz-response'
import { mrzReaderConfig } from './mrz-reader-config'
import { readReaderMrz } from './mrz-text'
import type { ReaderZone } from './mrz-text'

/** How a read reached the workstation (kept in the audit). */
export type MrzVia = 'keyboard' | 'box' | 'serial'

/**
 * Turn an MRZ reader's read into the store's terms. A passport's read (TD3) is taken by a page image of the same
 * passport (same number, birth date and expiry) to be checked against; otherwise, and always for an identity card's
 * or other travel document's zone (TD1, TD2: no page image the engine reads is of that document), the read becomes
 * a document of its own, from the MRZ alone, imported and recognised in the audit as a file would be. A read to
 * repeat throws with its code.
 */
export class MrzReaderService {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date()
  ) {}

  submit(text: string, via: MrzVia): MrzReadResult {
    const today = this.now()
    const zone = readReaderMrz(text, today)
    const { parsed } = zone
    const reader: ReaderMrz = { lines: zone.lines, at: today.toISOString() }
    const pages =
      zone.format === 'TD3' ? this.store.documents.withImageOf(parsed.passportNumber, parsed.birthDate.value, parsed.expiryDate.value) : []
    if (pages.length > 0) {
      this.store.transaction(() => pages.forEach((id) => this.store.documents.setReaderMrz(id, reader)))
      for (const id of pages) this.events.emit('documents:changed', { id, status: this.store.documents.get(id)?.status ?? 'deleted' })
      const doc = this.store.documents.get(pages[0])
      return { outcome: 'checked', id: pages[0], agrees: doc ? readerAgrees(doc.fields, reader) : null }
    }
    return this.createDocument(zone, reader, via, today)
  }

  /** A document from the MRZ alone; the same lines read again are a duplicate, as the same file imported twice. */
  private createDocument(zone: ReaderZone, reader: ReaderMrz, via: MrzVia, today: Date): MrzReadResult {
    const sha256 = createHash('sha256')
      .update(['mrz', ...zone.lines].join('\n'))
      .digest('hex')
    // The queue tells an identity card's or other travel document's read from a passport's by its name.
    const fileName = zone.format === 'TD3' ? mrzReaderConfig.fileName : `${mrzReaderConfig.fileName} (${zone.format})`
    const response = mrzOnlyResponse(zone, today)
    const operator = currentOperator(this.store)
    const r = this.store.transaction(() => {
      const inserted = this.store.documents.insert({ sha256, fileName, bytes: null, source: 'mrz-reader' })
      if (inserted.duplicate) return inserted
      this.store.audit.append({
        documentId: inserted.id,
        type: 'imported',
        operator,
        // A passport's import event is as it always was; another zone's names its format.
        detail: { fileName, sha256, source: 'mrz-reader', via, ...(zone.format === 'TD3' ? {} : { mrzFormat: zone.format }) }
      })
      this.store.documents.setRecognized(inserted.id, response)
      this.store.documents.setReaderMrz(inserted.id, reader)
      this.store.audit.append({
        documentId: inserted.id,
        type: 'recognized',
        operator: SYSTEM_OPERATOR,
        detail: { algoVersion: response.algo_version }
      })
      return inserted
    })
    if (!r.duplicate) this.events.emit('documents:changed', { id: r.id, status: 'needs_review' })
    return { outcome: r.duplicate ? 'duplicate' : 'created', id: r.id, agrees: null }
  }
}
