import type { PassportData } from '../../../../shared/domain/fields'
import type { MrzCorrectionReport, PassportResponse } from '../../../../shared/domain/response'
import type { MessageKey } from '../../i18n/en'
import { lineCorrections } from '../../../../shared/domain/document-facts'
import { lineWithDecisions } from './mrz-proposals'
import type { ProposalDecision } from './mrz-proposals'
import type { MrzLineKey } from '../../../../shared/domain/document'

export type { MrzLineKey }

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

/** The operator's decision on each correction of each line, in the order the engine reported them. */
export type LineDecisions = Record<MrzLineKey, ProposalDecision[]>

/**
 * The engine's corrections of each MRZ line, shown while the line is still the engine's reading (with the
 * corrections the operator undid put back): once the operator has typed in it, the positions describe a line that
 * is no longer there.
 */
export function correctionsByLine(
  response: PassportResponse | null,
  fields: PassportData,
  decisions: LineDecisions = { mrzLine1: [], mrzLine2: [] }
): Record<MrzLineKey, MrzCorrectionReport[]> {
  const shown = (key: MrzLineKey): MrzCorrectionReport[] => {
    const corrections = lineCorrections(response, key)
    return response && fields[key] === lineWithDecisions(response.data[key], corrections, decisions[key]) ? corrections : []
  }
  return { mrzLine1: shown('mrzLine1'), mrzLine2: shown('mrzLine2') }
}

/** Why the engine changed the character, in words. */
function why(c: MrzCorrectionReport, t: Translate): string {
  if (c.reason === 'checkDigit') return t('correction.checkDigit', { check: c.check ? t(`correction.check.${c.check}`) : 'MRZ' })
  if (c.reason === 'prior') return t('correction.prior', { rule: c.prior ?? '?' })
  return t(`correction.${c.reason}`)
}

/** One correction as the operator reads it: 'Line 2, position 2: read O, corrected to 0 (passport number check digit)'. */
export function describeCorrection(c: MrzCorrectionReport, t: Translate): string {
  // Positions are 0-based in the response; operators count characters from 1, as the engine's warnings do.
  const where = { line: c.line, position: c.position + 1 }
  const what =
    c.read === ''
      ? t('correction.inserted', { ...where, corrected: c.corrected })
      : c.corrected === ''
        ? t('correction.dropped', { ...where, read: c.read })
        : t('correction.changed', { ...where, read: c.read, corrected: c.corrected })
  return t('correction.note', { what, why: why(c, t) })
}
