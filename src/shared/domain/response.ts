import type { DocumentFamily } from './families'
import type { FieldKey, PassportData } from './fields'
import type { Point } from './geometry'
import type { MrzZone } from './mrz-zone'

/** One field as the cloud API reports it: value, where it is on the original image, how sure we are. */
export interface KeyValueInfo {
  key: FieldKey
  keyProb: number
  value: string
  valueProb: number
  valuePos: Point[]
}

/** The data page's corners in the original image, from the page's own top-left, clockwise. */
export interface SliceRect {
  x0: number
  y0: number
  x1: number
  y1: number
  x2: number
  y2: number
  x3: number
  y3: number
}

/** Stable warning codes in `validation.warnings`. */
export type WarningCode =
  | 'LOW_CONFIDENCE'
  | 'MRZ_CHECK_FAILED'
  | 'VIZ_MRZ_MISMATCH'
  | 'EXPIRED'
  | 'FIELD_MISSING'
  | 'MRZ_NOT_FOUND'
  | 'NOT_CHINESE_PASSPORT'
  | 'MRZ_CORRECTED'
  | 'MRZ_ONLY'

export interface Warning {
  code: WarningCode
  field?: FieldKey
  message: string
}

/** Each TD3 check digit's result; null when the MRZ could not be read. */
export interface MrzChecks {
  passportNumber: boolean | null
  birthDate: boolean | null
  expiryDate: boolean | null
  personalNumber: boolean | null
  composite: boolean | null
}

/**
 * One character of the MRZ that the engine changed from what it read, with its proof: `line` (1 or 2) and
 * `position` (0-based) in the corrected line, `read` ('' where nothing was read, a character inserted) and
 * `corrected` ('' where a character read was dropped), and why:
 * - `lookalike`: a glyph outside the MRZ alphabet taken for its MRZ twin ('«' for '<<');
 * - `class`: a character ICAO 9303 does not allow in that position taken for its look-alike (0 in a name → O);
 * - `prior`: what the document family's passports print there (`prior` names the rule, e.g. `mainland:numberSeries`);
 * - `filler`: a misread filler;
 * - `length`: a character inserted or dropped to give the line its 44 characters;
 * - `checkDigit`: the one change `check` (the check digit's field) vouches for, chosen among the reading's own
 *   alternatives (`support`: the probability the recogniser or glyph matcher gave the new character);
 * - `printed`: line 1's name, which no check digit guards, replaced by the printed zone's reading of it.
 * A character dropped from the line's end is reported at position 44.
 */
export interface MrzCorrectionReport {
  line: 1 | 2
  position: number
  read: string
  corrected: string
  reason: 'lookalike' | 'class' | 'prior' | 'filler' | 'length' | 'checkDigit' | 'printed'
  check?: 'passportNumber' | 'birthDate' | 'expiryDate' | 'personalNumber' | 'composite'
  prior?: string
  support?: number
}

/** Our own addition to the cloud response: what was checked, and what did not hold. */
export interface Validation {
  mrzValid: boolean
  /** The family the passport was read as, from what its MRZ says; null when no MRZ was read. */
  documentFamily: DocumentFamily | null
  checks: MrzChecks
  /** Every MRZ character the engine changed from what it read, in line order. */
  corrections: MrzCorrectionReport[]
  /**
   * Per field read character by character (the MRZ lines and fields cut from them, a printed value exactly as its
   * line read), one confidence 0–100 per character (code point) of its value; a field without an entry has only
   * its valueProb.
   */
  charConfidence?: Partial<Record<FieldKey, number[]>>
  /** For each field the MRZ also carries: does the printed value agree? null when not comparable. */
  vizMrzAgreement: Partial<Record<FieldKey, boolean | null>>
  warnings: Warning[]
  /**
   * Only on a document an MRZ reader made from an identity card's or other travel document's zone (TD1 3 × 30,
   * TD2 2 × 36): its format and lines as read (mrzLine1/mrzLine2 hold them as mrz-zone's zoneFields says). Absent
   * on a passport (TD3), read from a page or a reader. `checks` are then that zone's: its number, birth date and
   * expiry digits and its composite; personalNumber null (TD1 and TD2 optional data has no check digit).
   */
  mrzZone?: MrzZone
}

/** The figure (portrait photo) position, reported when asked for. */
export interface Figure {
  type: 'face'
  x: number
  y: number
  w: number
  h: number
  box: Point[]
}

/** The RecognizeChinesePassport response, plus `validation`. */
export interface PassportResponse {
  data: PassportData
  prism_keyValueInfo: KeyValueInfo[]
  sliceRect: SliceRect
  width: number
  height: number
  orgWidth: number
  orgHeight: number
  angle: 0 | 90 | 180 | 270
  ftype: number
  algo_version: string
  validation: Validation
  figure?: Figure[]
}
