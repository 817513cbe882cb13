import type { ErrorCode, ErrorInfo } from '../../../../shared/domain/errors'
import { t } from '../../i18n'
import type { MessageKey } from '../../i18n'

// What the operator can do about each scanner failure, in the interface's language; the driver's detail follows.
const KEYS: Partial<Record<ErrorCode, MessageKey>> = {
  SCANNER_BUSY: 'scanError.SCANNER_BUSY',
  SCANNER_JAMMED: 'scanError.SCANNER_JAMMED',
  SCANNER_COVER_OPEN: 'scanError.SCANNER_COVER_OPEN',
  SCANNER_NO_DOCUMENT: 'scanError.SCANNER_NO_DOCUMENT',
  SCANNER_UNREACHABLE: 'scanError.SCANNER_UNREACHABLE',
  SCANNER_NOT_FOUND: 'scanError.SCANNER_NOT_FOUND',
  SCANNER_REFUSED: 'scanError.SCANNER_REFUSED',
  SCANNER_FAILED: 'scanError.SCANNER_FAILED',
  CANCELLED: 'scanError.CANCELLED'
}

/** A scan's failure for the notice bar: the translated advice, then the code and the device's own words. */
export function scanErrorText(e: ErrorInfo): string {
  const key = KEYS[e.code]
  return key ? `${t(key)} (${e.code}: ${e.message})` : `${e.code}: ${e.message}`
}
