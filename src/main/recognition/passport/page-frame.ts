import type { Point } from '../../../shared/domain/geometry'
import { config } from '../config'
import type { Homography } from '../image/homography'
import { fitAffine } from '../image/homography'
import type { MrzPair } from './mrz-locate'

const { page } = config

/** MRZ line centre heights on the page, in mm from its top. */
export function mrzLineYmm(): { line1: number; line2: number } {
  const line2 = page.heightMm - page.mrzLine2CenterFromBottomMm
  return { line1: line2 - page.mrzLineGapMm, line2 }
}

/**
 * A first page-mm → image transform from the MRZ alone (affine: two close lines say little about perspective);
 * page positions. Good along the lines, rough across them; the edge search refines it.
 */
export function homographyFromMrz(pair: MrzPair): Homography {
  const { line1, line2 } = mrzLineYmm()
  const ends = (b: MrzPair['upper']): [Point, Point] => {
    const hx = (pair.along.x * b.long) / 2
    const hy = (pair.along.y * b.long) / 2
    return [
      { x: b.center.x - hx, y: b.center.y - hy },
      { x: b.center.x + hx, y: b.center.y + hy }
    ]
  }
  // The detected box overhangs the ink by about a third of its height at each end (DB unclip).
  const overhangMm = ((pair.upper.short + pair.lower.short) / 2 / (pair.upper.long / (44 * page.mrzCharPitchMm))) * 0.33
  const x0 = page.mrzLeftMm - overhangMm
  const x1 = page.mrzLeftMm + 44 * page.mrzCharPitchMm + overhangMm
  const [a0, a1] = ends(pair.upper)
  const [b0, b1] = ends(pair.lower)
  const mm = [
    { x: x0, y: line1 },
    { x: x1, y: line1 },
    { x: x1, y: line2 },
    { x: x0, y: line2 }
  ]
  return fitAffine(mm, [a0, a1, b1, b0])
}

/** The page's corners in mm, clockwise from its top-left. */
export function pageCornersMm(): Point[] {
  return [
    { x: 0, y: 0 },
    { x: page.widthMm, y: 0 },
    { x: page.widthMm, y: page.heightMm },
    { x: 0, y: page.heightMm }
  ]
}
