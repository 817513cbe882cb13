import { stringify } from 'csv-stringify/sync'
import type { AuditEvent } from '../../shared/domain/document'
import type { OperatorDayFigures } from '../../shared/domain/operator-figures'

// Excel only reads a CSV as UTF-8 (and so shows Chinese) when the file starts with a byte-order mark.
const BOM = '\uFEFF'

// `redacted`: the document's personal values were erased from the event on deletion (1), or kept ('').
const EVENT_COLUMNS = [
  'id',
  'at',
  'operator',
  'type',
  'documentId',
  'field',
  'oldValue',
  'newValue',
  'reason',
  'detail',
  'redacted'
] as const
const FIGURE_COLUMNS = [
  'operator',
  'day',
  'documents',
  'approved',
  'rejected',
  'fieldsCorrected',
  'secondsPerDocument',
  'documentsPerHour'
] as const

const csv = (rows: unknown[][]): string => BOM + stringify(rows, { record_delimiter: 'windows' })
const oneDecimal = (n: number | null): string => (n === null ? '' : n.toFixed(1))

/** Every audit event, oldest first, as stored. */
export function auditEventsToCsv(events: readonly AuditEvent[]): string {
  return csv([[...EVENT_COLUMNS], ...events.map((e) => EVENT_COLUMNS.map((c) => e[c] ?? ''))])
}

/** One row per operator and day: what the statistics view shows. */
export function operatorFiguresToCsv(figures: readonly OperatorDayFigures[]): string {
  return csv([
    [...FIGURE_COLUMNS],
    ...figures.map((f) => [
      f.operator,
      f.day,
      f.documents,
      f.approved,
      f.rejected,
      f.fieldsCorrected,
      oneDecimal(f.secondsPerDocument),
      oneDecimal(f.documentsPerHour)
    ])
  ])
}
