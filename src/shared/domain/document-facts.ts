import type { MrzLineKey } from './document'
import type { DocumentFamily } from './families'
import type { MrzFormat } from './mrz-zone'
import type { MrzCorrectionReport, PassportResponse } from './response'

/** What the engine says about the document as a whole: the family it was read as, and whether it is Chinese. */
export interface DocumentFacts {
  family: DocumentFamily | null
  /** The issuing state the engine read (UTO, D, CHN), '' when none. */
  state: string
  /** The engine warned NOT_CHINESE_PASSPORT: only the MRZ was read, and the page may not belong here. */
  notChinese: boolean
  /** Every MRZ character the engine changed from what it read. */
  corrections: MrzCorrectionReport[]
}

/**
 * The document-level facts of a response. Documents recognised before families existed have no `documentFamily`
 * or `corrections` in their stored response: they read as null and [].
 */
export function documentFacts(response: PassportResponse | null): DocumentFacts {
  const v: Partial<PassportResponse['validation']> = response?.validation ?? {}
  return {
    family: v.documentFamily ?? null,
    state: response?.data.countryCode ?? '',
    notChinese: (v.warnings ?? []).some((w) => w.code === 'NOT_CHINESE_PASSPORT'),
    corrections: v.corrections ?? []
  }
}

/** The document's MRZ format: TD3 unless an MRZ reader read an identity card's or other travel document's zone. */
export function zoneFormat(response: PassportResponse | null): MrzFormat {
  return response?.validation.mrzZone?.format ?? 'TD3'
}

/** The engine's corrections of one MRZ line, in the order it reported them (the order a `CorrectionKey` counts). */
export function lineCorrections(response: PassportResponse | null, line: MrzLineKey): MrzCorrectionReport[] {
  return documentFacts(response).corrections.filter((c) => c.line === (line === 'mrzLine1' ? 1 : 2))
}
