import { emptyPassportData } from '../../shared/domain/fields'
import type { PassportData } from '../../shared/domain/fields'
import type { ErrorCode } from '../../shared/domain/errors'
import type {
  CorrectionKey,
  DocumentDetail,
  DocumentSource,
  DocumentStatus,
  DocumentSummary,
  ReaderMrz
} from '../../shared/domain/document'
import { readerAgrees } from '../../shared/domain/reader-mrz'
import type { PassportResponse } from '../../shared/domain/response'

/** The documents table as stored. */
export interface DocumentRow {
  id: number
  sha256: string
  file_name: string
  source: DocumentSource
  has_image: 0 | 1
  status: DocumentStatus
  engine_response: string | null
  algo_version: string | null
  fields: string | null
  passport_number: string
  name: string
  duplicate_of: number | null
  merged_into: number | null
  error_code: ErrorCode | null
  error_message: string | null
  operator: string | null
  reject_reason: string | null
  created_at: string
  updated_at: string
  recognized_at: string | null
  accepted_corrections: string
  reader_mrz: string | null
  reviewed_at: string | null
}

// Every column but the image bytes (only whether there are any): lists and details never drag the blob along.
export const COLUMNS = `id, sha256, file_name, source, bytes IS NOT NULL AS has_image, status, engine_response, algo_version, fields, passport_number, name, duplicate_of,
  error_code, error_message, operator, reject_reason, created_at, updated_at, recognized_at, reviewed_at, accepted_corrections,
  reader_mrz, merged_into`

// A page's check against a reader's read; an MRZ-only document's reader MRZ is its own source, not a check.
function readerCheck(r: DocumentRow): DocumentSummary['readerCheck'] {
  if (!r.reader_mrz || r.has_image !== 1 || !r.fields) return null
  const fields = JSON.parse(r.fields) as Pick<PassportData, 'mrzLine1' | 'mrzLine2'>
  return readerAgrees(fields, JSON.parse(r.reader_mrz) as ReaderMrz) ? 'agrees' : 'differs'
}

/** A row as the queue list shows it. */
export function toSummary(r: DocumentRow): DocumentSummary {
  return {
    id: r.id,
    fileName: r.file_name,
    status: r.status,
    source: r.source,
    passportNumber: r.passport_number,
    name: r.name,
    duplicateOf: r.duplicate_of,
    mergedInto: r.merged_into,
    readerCheck: readerCheck(r),
    hasImage: r.has_image === 1,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    operator: r.operator,
    createdAt: r.created_at,
    updatedAt: r.updated_at
  }
}

/** A row with everything the review screen needs; stored JSON is parsed back into its types. */
export function toDetail(r: DocumentRow): DocumentDetail {
  return {
    ...toSummary(r),
    sha256: r.sha256,
    fields: r.fields ? { ...emptyPassportData(), ...(JSON.parse(r.fields) as Partial<PassportData>) } : emptyPassportData(),
    response: r.engine_response ? (JSON.parse(r.engine_response) as PassportResponse) : null,
    algoVersion: r.algo_version,
    rejectReason: r.reject_reason,
    recognizedAt: r.recognized_at,
    acceptedCorrections: JSON.parse(r.accepted_corrections) as CorrectionKey[],
    readerMrz: r.reader_mrz ? (JSON.parse(r.reader_mrz) as ReaderMrz) : null,
    reviewedAt: r.reviewed_at
  }
}
