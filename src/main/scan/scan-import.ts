import type { ImportReport, ScanReport } from '../../shared/contract'
import type { ErrorInfo } from '../../shared/domain/errors'
import { toErrorInfo } from '../../shared/domain/errors'
import type { DocumentsService } from '../services/documents-service'
import type { ScanControl, ScanSettings, ScanSource } from './scan-source'

/**
 * Scan into the store through the one import path (hashing, duplicates, audit, queue), page by page as each
 * arrives: a feeder's pages before a jam are kept, and the scan's own failure is reported beside them.
 */
export async function scanIntoStore(
  source: ScanSource,
  deviceId: string,
  settings: ScanSettings,
  documents: DocumentsService,
  control: ScanControl = {}
): Promise<ScanReport> {
  const report: ImportReport = { imported: [], duplicates: [], failed: [] }
  let scanError: ErrorInfo | null = null
  try {
    for await (const page of source.scan(deviceId, settings, control)) {
      const r = documents.importFiles([page], 'scan')
      report.imported.push(...r.imported)
      report.duplicates.push(...r.duplicates)
      report.failed.push(...r.failed)
    }
  } catch (err) {
    scanError = toErrorInfo(err)
  }
  return { ...report, scanError }
}
