import type { FieldKey } from '../../src/shared/domain/fields'
import { FIELD_KEYS } from '../../src/shared/domain/fields'
import type { Point } from '../../src/shared/domain/geometry'
import { distance, quadCenter } from '../../src/shared/domain/geometry'
import type { PassportResponse } from '../../src/shared/domain/response'
import type { SampleTruth } from '../fixtures/generator'

/** How one response compares with its truth. */
export interface Score {
  fieldsRight: number
  fields: number
  docRight: boolean
  wrong: FieldKey[]
  /** Largest page-corner error as a share of the page diagonal. */
  cornerError: number
  /** Fields whose valuePos centre falls inside the true value box (of those with both). */
  centred: number
  located: number
  /** valueProb ≥ 90: how many, how many right. */
  confident: number
  confidentRight: number
}

/** Score a response against the generator's truth. */
export function scoreResponse(r: PassportResponse, truth: SampleTruth): Score {
  const wrong = FIELD_KEYS.filter((k) => r.data[k] !== truth.data[k])
  const s = r.sliceRect
  const got: Point[] = [
    { x: s.x0, y: s.y0 },
    { x: s.x1, y: s.y1 },
    { x: s.x2, y: s.y2 },
    { x: s.x3, y: s.y3 }
  ]
  const diag = distance(truth.sliceRect[0], truth.sliceRect[2])
  const cornerError = Math.max(...got.map((p, i) => distance(p, truth.sliceRect[i]))) / diag
  let centred = 0
  let located = 0
  let confident = 0
  let confidentRight = 0
  for (const kv of r.prism_keyValueInfo) {
    if (kv.valueProb >= 90) {
      confident++
      if (kv.value === truth.data[kv.key]) confidentRight++
    }
    const box = truth.valueBoxes[kv.key]
    if (kv.valuePos.length === 4 && box) {
      located++
      if (insideQuad(quadCenter(kv.valuePos), box)) centred++
    }
  }
  return {
    fieldsRight: FIELD_KEYS.length - wrong.length,
    fields: FIELD_KEYS.length,
    docRight: wrong.length === 0,
    wrong,
    cornerError,
    centred,
    located,
    confident,
    confidentRight
  }
}

/** At or above this valueProb the engine stands behind a value: a wrong one there is a silent error. */
export const SURE_PROB = 90

/** The fields the MRZ carries, or is derived from: all a reader can be measured on for a foreign passport. */
export const MRZ_DERIVED_FIELDS: readonly FieldKey[] = [
  'passportType',
  'countryCode',
  'passportNumber',
  'nameEn',
  'sex',
  'nationality',
  'birthDate',
  'validToDate',
  'mrzLine1',
  'mrzLine2'
]

/** One field of one answer against its truth. */
export interface FieldResult {
  key: FieldKey
  got: string
  want: string
  /** The response's valueProb; 0 when the field is missing or the image was refused. */
  prob: number
  right: boolean
}

/** The four ways a field can come out, by right/wrong and valueProb ≥ SURE_PROB or not. */
export interface Tally {
  rightSure: number
  /** Wrong at valueProb ≥ 90: nobody is told to look. The figure that matters most. */
  wrongSure: number
  rightUnsure: number
  wrongUnsure: number
}

/** Compare the given truth fields with a response (null: the image was refused, every field unread). */
export function fieldResults(
  r: PassportResponse | null,
  want: Partial<Record<FieldKey, string>>,
  same: (key: FieldKey, got: string, want: string) => boolean = (_k, g, w) => g === w
): FieldResult[] {
  const out: FieldResult[] = []
  for (const key of FIELD_KEYS) {
    const w = want[key]
    if (w === undefined) continue
    const got = r ? r.data[key] : ''
    const prob = r?.prism_keyValueInfo.find((kv) => kv.key === key)?.valueProb ?? 0
    out.push({ key, got, want: w, prob, right: r !== null && same(key, got, w) })
  }
  return out
}

/** Count field results into the four outcomes. */
export function tally(results: readonly FieldResult[]): Tally {
  const t: Tally = { rightSure: 0, wrongSure: 0, rightUnsure: 0, wrongUnsure: 0 }
  for (const f of results) {
    if (f.prob >= SURE_PROB) {
      if (f.right) t.rightSure++
      else t.wrongSure++
    } else if (f.right) t.rightUnsure++
    else t.wrongUnsure++
  }
  return t
}

/** A truth record restricted to some fields. */
export function pickFields(data: Partial<Record<FieldKey, string>>, keys: readonly FieldKey[]): Partial<Record<FieldKey, string>> {
  return Object.fromEntries(keys.filter((k) => data[k] !== undefined).map((k) => [k, data[k]]))
}

/** Does an answer claim a Chinese holder (the CHN code, 中国/CHINESE, or a name in Chinese characters)? */
export function reportedAsChinese(r: PassportResponse): boolean {
  return r.data.countryCode === 'CHN' || r.data.nationality.includes('中国') || /CHINESE/i.test(r.data.nationality) || r.data.name !== ''
}

/** Is p inside a convex quad (either winding)? */
export function insideQuad(p: Point, q: readonly Point[]): boolean {
  let sign = 0
  for (let i = 0; i < 4; i++) {
    const a = q[i]
    const b = q[(i + 1) % 4]
    const c = Math.sign((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x))
    if (c === 0) continue
    if (sign === 0) sign = c
    else if (c !== sign) return false
  }
  return true
}

/** The p-th percentile (0..1) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  const s = values.slice().sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]
}
