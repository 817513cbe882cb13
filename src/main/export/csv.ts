import { stringify } from 'csv-stringify/sync'
import { FIELD_KEYS } from '../../shared/domain/fields'
import type { DocumentDetail } from '../../shared/domain/document'

// Excel only reads a CSV as UTF-8 (and so shows Chinese) when the file starts with a byte-order mark.
const BOM = '\uFEFF'

const COLUMNS = ['id', 'fileName', ...FIELD_KEYS, 'status', 'operator', 'createdAt', 'recognizedAt', 'reviewedAt'] as const

/** One row per document: the fifteen current field values, then status, operator and times. */
export function documentsToCsv(docs: readonly DocumentDetail[]): string {
  const rows = docs.map((d) => [
    d.id,
    d.fileName,
    ...FIELD_KEYS.map((k) => d.fields[k]),
    d.status,
    d.operator ?? '',
    d.createdAt,
    d.recognizedAt ?? '',
    d.reviewedAt ?? ''
  ])
  return BOM + stringify([[...COLUMNS], ...rows], { record_delimiter: 'windows' })
}
