import type { FieldKey, PassportData } from './fields'
import type { Point } from './geometry'

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

/** Our own addition to the cloud response: what was checked, and what did not hold. */
export interface Validation {
  mrzValid: boolean
  checks: MrzChecks
  /** For each field the MRZ also carries: does the printed value agree? null when not comparable. */
  vizMrzAgreement: Partial<Record<FieldKey, boolean | null>>
  warnings: Warning[]
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
