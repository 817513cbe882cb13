import { AppError } from '../../shared/domain/errors'
import type { FieldKey } from '../../shared/domain/fields'
import { FIELDS } from '../../shared/domain/fields'
import type { DocumentDetail, MrzLineKey } from '../../shared/domain/document'
import { lineCorrections, zoneFormat } from '../../shared/domain/document-facts'
import { validateField } from '../../shared/domain/formats'
import type { Store } from '../store'
import type { DocumentsService } from './documents-service'
import type { EventBus } from './event-bus'
import { currentOperator, namedOperator } from './operator'

// Formats written in capitals on the page: operators may type them in lower case.
const UPPER_CASE_FORMATS = new Set(['mrz', 'passportNumber', 'code', 'nameEn'])

/** Normalise what an operator typed into the stored form. */
export function normalizeValue(key: FieldKey, value: string): string {
  const v = value.trim()
  const format = FIELDS.find((f) => f.key === key)?.format ?? 'text'
  return UPPER_CASE_FORMATS.has(format) ? v.toUpperCase() : v
}

/** Field corrections and the operator's decision, each recorded in the audit log. */
export class ReviewService {
  constructor(
    private readonly store: Store,
    private readonly documents: DocumentsService,
    private readonly events: EventBus
  ) {}

  /**
   * Save one field. The value must pass its format check, except '' (unread) and the engine's own reading
   * (so that undo can always restore what was read).
   */
  saveField(id: number, key: FieldKey, raw: string): DocumentDetail {
    const doc = this.underReview(id)
    if (doc.status !== 'needs_review' && doc.status !== 'failed')
      throw new AppError('CONFLICT', `document ${id} is ${doc.status}; only documents under review can be edited`)
    const value = normalizeValue(key, raw)
    const zone = zoneFormat(doc.response)
    // An identity card's or other travel document's zone (TD1, TD2) is kept as the reader read it: its check digits
    // held then, and these fields hold it in zoneFields' packing, which no TD3 editing (or recomputing) would keep.
    if (zone !== 'TD3' && (key === 'mrzLine1' || key === 'mrzLine2') && value !== doc.fields[key])
      throw new AppError(
        'INVALID_REQUEST',
        `${key}: a ${zone} zone is kept as the MRZ reader read it; swipe the document again to read it anew`
      )
    const issue = validateField(key, value, null, zone)
    const engineValue = doc.response?.data[key]
    if (issue && value !== '' && value !== engineValue) throw new AppError('INVALID_REQUEST', `${key}: ${issue}`)
    if (doc.fields[key] === value) return doc
    this.store.transaction(() => {
      const old = this.store.documents.setField(id, key, value)
      this.store.audit.append({
        documentId: id,
        type: 'field_edited',
        operator: currentOperator(this.store),
        field: key,
        oldValue: old,
        newValue: value
      })
    })
    this.events.emit('documents:changed', { id, status: doc.status })
    return this.documents.get(id)
  }

  /**
   * Keep one of the engine's MRZ corrections, or stop keeping it (the operator put the read character back, which
   * is a field edit of its own). Only a correction the document's reading has can be kept.
   */
  acceptCorrection(id: number, line: MrzLineKey, index: number, accepted: boolean): DocumentDetail {
    const doc = this.underReview(id)
    if (doc.status !== 'needs_review')
      throw new AppError('CONFLICT', `document ${id} is ${doc.status}; only documents under review can be edited`)
    if (index >= lineCorrections(doc.response, line).length)
      throw new AppError('NOT_FOUND', `document ${id} has no correction ${index} in ${line}`)
    this.store.documents.setCorrectionAccepted(id, `${line}:${index}`, accepted)
    this.events.emit('documents:changed', { id, status: doc.status })
    return this.documents.get(id)
  }

  approve(id: number): DocumentDetail {
    return this.decide(id, 'approved', null)
  }

  reject(id: number, reason: string): DocumentDetail {
    return this.decide(id, 'rejected', reason)
  }

  /** The document, unless it was merged into its page image: that page is the one to review now. */
  private underReview(id: number): DocumentDetail {
    const doc = this.documents.get(id)
    if (doc.mergedInto !== null)
      throw new AppError('CONFLICT', `document ${id} was merged into document ${doc.mergedInto}; review that one`)
    return doc
  }

  private decide(id: number, status: 'approved' | 'rejected', reason: string | null): DocumentDetail {
    const operator = namedOperator(this.store)
    const doc = this.underReview(id)
    const allowed = status === 'approved' ? ['needs_review'] : ['needs_review', 'failed']
    if (!allowed.includes(doc.status)) throw new AppError('CONFLICT', `document ${id} is ${doc.status} and cannot be ${status}`)
    this.store.transaction(() => {
      this.store.documents.setDecision(id, status, operator, reason)
      this.store.audit.append({ documentId: id, type: status, operator, ...(reason ? { reason } : {}) })
    })
    this.events.emit('documents:changed', { id, status })
    return this.documents.get(id)
  }
}
