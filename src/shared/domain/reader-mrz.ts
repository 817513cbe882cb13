/** A reader's MRZ against a document's own: the flag the review screen shows where they differ. */

import type { ReaderMrz } from './document'
import type { FieldFlags } from './field-flags'
import type { PassportData } from './fields'

/**
 * `flags` with READER_MRZ_MISMATCH on each MRZ line that differs from what a reader gave for the same passport.
 * Agreement adds nothing; an MRZ-only document is its reader's MRZ, so it agrees until the operator edits a line.
 * A page beside which the operator's own MRZ-only document of the passport was kept has READER_DOCUMENT_KEPT on
 * the passport number (the key both share), until the page is decided.
 */
export function withReaderFlags(flags: FieldFlags, fields: PassportData, reader: ReaderMrz | null): FieldFlags {
  if (!reader || reader.lines.length !== 2) return flags
  const out = { ...flags }
  if (reader.keptDocument !== undefined)
    out.passportNumber = [...out.passportNumber, { code: 'READER_DOCUMENT_KEPT', documentId: reader.keptDocument }]
  ;(['mrzLine1', 'mrzLine2'] as const).forEach((key, i) => {
    const readerValue = reader.lines[i]
    if (fields[key] !== readerValue) out[key] = [...out[key], { code: 'READER_MRZ_MISMATCH', readerValue }]
  })
  return out
}

/** Does a document's MRZ say what the reader read? */
export const readerAgrees = (fields: Pick<PassportData, 'mrzLine1' | 'mrzLine2'>, reader: ReaderMrz): boolean =>
  fields.mrzLine1 === reader.lines[0] && fields.mrzLine2 === reader.lines[1]
