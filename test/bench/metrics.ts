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
  return { fieldsRight: FIELD_KEYS.length - wrong.length, fields: FIELD_KEYS.length, docRight: wrong.length === 0, wrong, cornerError, centred, located, confident, confidentRight }
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
