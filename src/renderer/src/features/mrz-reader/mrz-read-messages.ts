import type { MrzReadResult } from '../../../../shared/contract'
import type { ErrorCode, ErrorInfo } from '../../../../shared/domain/errors'
import { t } from '../../i18n'
import type { MessageKey } from '../../i18n'

// What the operator should do about each read that failed, in the interface's language; main's detail follows.
const ERROR_KEYS: Partial<Record<ErrorCode, MessageKey>> = {
  MRZ_READ_INCOMPLETE: 'mrzReader.error.MRZ_READ_INCOMPLETE',
  MRZ_READ_GARBLED: 'mrzReader.error.MRZ_READ_GARBLED',
  MRZ_CHECK_FAILED: 'mrzReader.error.MRZ_CHECK_FAILED',
  MRZ_NOT_PASSPORT: 'mrzReader.error.MRZ_NOT_PASSPORT',
  MRZ_READER_UNREACHABLE: 'mrzReader.error.MRZ_READER_UNREACHABLE'
}

/** A failed read for the notice bar and the MRZ box: the advice, then the code and main's own words. */
export function mrzErrorText(e: ErrorInfo): string {
  const key = ERROR_KEYS[e.code]
  return key ? `${t(key)} (${e.code}: ${e.message})` : `${e.code}: ${e.message}`
}

/** What a read did, in a sentence. */
export function mrzResultText(r: MrzReadResult): string {
  if (r.outcome === 'checked') return t(r.agrees ? 'mrzReader.checkedAgrees' : 'mrzReader.checkedDiffers', { id: r.id })
  return t(r.outcome === 'created' ? 'mrzReader.created' : 'mrzReader.duplicate', { id: r.id })
}
