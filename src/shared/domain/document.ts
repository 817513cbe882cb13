import type { FieldKey, PassportData } from './fields'
import type { ErrorCode } from './errors'
import type { PassportResponse } from './response'

/** Where a document is in its life: queued → recognizing → needs_review → approved | rejected, or failed. */
export const DOCUMENT_STATUSES = ['queued', 'recognizing', 'needs_review', 'approved', 'rejected', 'failed'] as const
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number]

/** How a document entered the workstation. */
export const DOCUMENT_SOURCES = ['import', 'hot-folder', 'api', 'scan', 'camera', 'mrz-reader'] as const
export type DocumentSource = (typeof DOCUMENT_SOURCES)[number]

/** What the queue list shows for one document. */
export interface DocumentSummary {
  id: number
  fileName: string
  status: DocumentStatus
  source: DocumentSource
  passportNumber: string
  name: string
  /** Id of an approved document with the same passport number, if any: the operator must look twice. */
  duplicateOf: number | null
  /** An MRZ-only document settled by the page image of the same passport: that page's id (the queue leaves it out). */
  mergedInto: number | null
  /** A page image checked against an MRZ reader's read of the same passport: whether the lines agree; null if unchecked. */
  readerCheck: 'agrees' | 'differs' | null
  /** False for a document read from an MRZ reader alone: there is no page image to show or recognise. */
  hasImage: boolean
  errorCode: ErrorCode | null
  errorMessage: string | null
  operator: string | null
  createdAt: string
  updatedAt: string
}

/** Everything the review screen needs; the image itself is fetched by URL, never inlined. */
export interface DocumentDetail extends DocumentSummary {
  sha256: string
  fields: PassportData
  response: PassportResponse | null
  algoVersion: string | null
  rejectReason: string | null
  recognizedAt: string | null
  reviewedAt: string | null
  /** The engine's MRZ corrections of this reading that the operator kept (a new recognition starts afresh). */
  acceptedCorrections: CorrectionKey[]
  /** The MRZ an MRZ reader gave for this passport: an MRZ-only document's source, or what a page's MRZ is checked against. */
  readerMrz: ReaderMrz | null
}

/** An MRZ as a reader gave it (keyboard wedge, MRZ box or serial reader), and when. */
export interface ReaderMrz {
  lines: string[]
  at: string
  /**
   * On a page image: an MRZ-only document of the same passport that the operator had already corrected or decided,
   * kept beside this page instead of retired into it, for the operator to compare with.
   */
  keptDocument?: number
}

/** An MRZ line's field. */
export type MrzLineKey = 'mrzLine1' | 'mrzLine2'

/** One of the engine's MRZ corrections: its line, and its place among that line's corrections (`mrzLine2:0`). */
export type CorrectionKey = `${MrzLineKey}:${number}`

/** Audit event kinds; the log is append-only. */
export const AUDIT_TYPES = ['imported', 'recognized', 'field_edited', 'approved', 'rejected', 'exported', 'deleted', 'restored', 'merged'] as const
export type AuditType = (typeof AUDIT_TYPES)[number]

/** One row of the audit log. */
export interface AuditEvent {
  id: number
  /** Null for events about no single document (exports); kept after the document is deleted. */
  documentId: number | null
  type: AuditType
  field: FieldKey | null
  oldValue: string | null
  newValue: string | null
  reason: string | null
  /** Free-form context (file name, export format and count…), as JSON text. */
  detail: string | null
  operator: string
  at: string
  /** Its personal values (old and new value, reason, detail) were erased with their document. */
  redacted: boolean
}

/** The operator-set preferences. */
export interface Settings {
  operatorName: string
  /** Folder a scanner saves into; '' when none. */
  hotFolder: string
  language: 'zh-CN' | 'en'
  /** The scanner last scanned from ('' none), remembered with its settings. */
  scanner: string
  /** eSCL addresses the operator added by hand (http://HOST[:PORT]/eSCL). */
  scannerAddresses: string[]
  scanResolution: number
  scanMode: 'color' | 'gray'
  scanInput: 'flatbed' | 'feeder'
  /** The serial (virtual COM) MRZ reader's port, '' for none (a keyboard-wedge reader needs no setting). */
  mrzReaderPort: string
  mrzReaderBaud: number
}

/** Counts per status, for the queue header. */
export type StatusCounts = Record<DocumentStatus, number>

/** The recognition batch's progress: done out of total since the queue last went idle. */
export interface QueueProgress {
  done: number
  total: number
  queued: number
  recognizing: number
  failed: number
}
