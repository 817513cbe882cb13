import type { DocumentDetail } from '../../shared/domain/document'
import { zoneFormat } from '../../shared/domain/document-facts'
import { FIELD_KEYS } from '../../shared/domain/fields'
import type { Store } from '../store'

/**
 * Has the operator worked on an MRZ-only document: decided it, or changed a field from what the reader gave?
 * (A value edited and then put back is the reader's again: nothing of the operator's would be lost.)
 */
const handledByOperator = (d: DocumentDetail): boolean =>
  d.status !== 'needs_review' || FIELD_KEYS.some((k) => d.fields[k] !== (d.response?.data[k] ?? ''))

/**
 * Settle the MRZ-only passport documents (TD3) of the passport on page image `pageId`, just recognised (same number,
 * birth date and expiry): the page takes the newest reader's read, to be checked against (READER_MRZ_MISMATCH where a line differs),
 * and each document the reader made is
 * - retired into the page when the operator has not touched it: linked (merged_into), left out of the queue, its
 *   counts and exports, and audited as 'merged' naming both ids; kept whole, so nothing the reader gave is lost;
 * - kept as it is when the operator had corrected or decided it: retiring it would hide their work, and choosing
 *   between their values and the page's is the operator's call, so the page is flagged for review instead
 *   (readerMrz.keptDocument names it; the review shows the flag) and the link is audited the same way.
 * Runs inside the caller's transaction; returns the ids of the reader's documents it changed, for their events.
 */
export function settleReaderDocuments(store: Store, pageId: number, operator: string): number[] {
  // An identity card's or other travel document's read (TD1, TD2) is another document than the passport on the page,
  // even with the same number and dates: its zone can never agree with the page's, and it stays a document of its own.
  const readers = store.documents.readerDocumentsFor(pageId).filter((d) => zoneFormat(d.response) === 'TD3')
  const newest = readers[0]
  if (!newest?.readerMrz) return []
  const open = readers.filter((d) => d.mergedInto === null)
  const kept = open.find(handledByOperator)
  const { lines, at } = newest.readerMrz
  store.documents.setReaderMrz(pageId, { lines, at, ...(kept ? { keptDocument: kept.id } : {}) })
  for (const d of open) {
    const keep = handledByOperator(d)
    if (!keep) store.documents.setMergedInto(d.id, pageId)
    store.audit.append({ documentId: d.id, type: 'merged', operator, detail: { into: pageId, kept: keep } })
  }
  return open.map((d) => d.id)
}
