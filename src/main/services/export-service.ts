import type { ExportFile } from '../../shared/contract'
import { AppError } from '../../shared/domain/errors'
import { auditEventsToCsv, operatorFiguresToCsv } from '../export/audit-csv'
import { documentsToCsv } from '../export/csv'
import { documentsToJson } from '../export/json'
import type { Store } from '../store'
import { currentOperator } from './operator'
import type { StatisticsService } from './statistics-service'

/** A file-name-safe timestamp, so repeated exports do not overwrite each other. */
const stamp = (iso: string): string => iso.replace(/[-:]/g, '').replace(/\..*$/, '')

/** CSV and JSON exports of the selection or of every approved document; each export is an audit event. */
export class ExportService {
  constructor(
    private readonly store: Store,
    private readonly stats: StatisticsService
  ) {}

  csv(ids?: number[]): ExportFile {
    return this.export('csv', ids)
  }

  json(ids?: number[]): ExportFile {
    return this.export('json', ids)
  }

  /** The audit history as CSV: its events, or the operator figures drawn from them. */
  audit(part: 'events' | 'figures'): ExportFile {
    const rows = part === 'events' ? this.stats.events() : this.stats.operatorFigures()
    const content = part === 'events' ? auditEventsToCsv(this.stats.events()) : operatorFiguresToCsv(this.stats.operatorFigures())
    const fileName = `audit-${part}-${stamp(new Date().toISOString())}.csv`
    const count = rows.length
    this.store.audit.append({
      documentId: null,
      type: 'exported',
      operator: currentOperator(this.store),
      detail: { format: `audit-${part}`, fileName, count }
    })
    return { fileName, mimeType: 'text/csv; charset=utf-8', content, count }
  }

  private export(format: 'csv' | 'json', ids?: number[]): ExportFile {
    const docs = this.store.documents.forExport(ids)
    if (docs.length === 0)
      throw new AppError('NOT_FOUND', ids ? 'none of the selected documents exist' : 'there are no approved documents to export')
    const content = format === 'csv' ? documentsToCsv(docs) : JSON.stringify(documentsToJson(docs), null, 2)
    const fileName = `passports-${stamp(new Date().toISOString())}.${format}`
    this.store.audit.append({
      documentId: null,
      type: 'exported',
      operator: currentOperator(this.store),
      detail: { format, fileName, count: docs.length, ids: docs.map((d) => d.id) }
    })
    return { fileName, mimeType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json', content, count: docs.length }
  }
}
