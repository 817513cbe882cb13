import type { Point } from '../../../shared/domain/geometry'
import { config } from '../config'
import type { Homography } from '../image/homography'
import { fitSimilarity } from '../image/homography'
import type { MrzPair } from '../mrz/locate'
import { findMrzGrid } from '../mrz/grid'
import type { ImageView } from '../image/crop'
import { MRZ_LENGTH } from '../../../shared/domain/mrz'

const { page } = config

/** How far the glyph pitch may stray from the one the line spacing implies (perspective, layout jitter). */
const MAX_PITCH_DISAGREEMENT = 0.3

/** MRZ line centre heights on the page, in mm from its top. */
export function mrzLineYmm(): { line1: number; line2: number } {
  const line2 = page.heightMm - page.mrzLine2CenterFromBottomMm
  return { line1: line2 - page.mrzLineGapMm, line2 }
}

/**
 * A first page-mm → image transform from the MRZ alone (a similarity: two close lines say little about
 * perspective or about scale across them).
 * Where the glyph grid of a line is visible, its first and last character centres sit exactly 43 pitches
 * apart (2.54 mm each), which fixes the scale; otherwise the detected box's ends are used. Good along the
 * lines, rough across them; the edge search refines it.
 */
export function homographyFromMrz(pair: MrzPair, image: ImageView): Homography {
  const { line1, line2 } = mrzLineYmm()
  const pitch = page.mrzCharPitchMm
  const from: Point[] = []
  const to: Point[] = []
  // The lines' spacing gives the pitch independently: a grid far from it belongs to a line cut short.
  const d = { x: pair.lower.center.x - pair.upper.center.x, y: pair.lower.center.y - pair.upper.center.y }
  const spacingPitch = (Math.abs(d.x * pair.down.x + d.y * pair.down.y) * pitch) / page.mrzLineGapMm
  for (const [b, y] of [
    [pair.upper, line1],
    [pair.lower, line2]
  ] as const) {
    const grid = findMrzGrid(image, b.quad)
    // The grid runs from quad[0]; the reading direction may run the other way on an upside-down page.
    const at = (t: number): Point => ({ x: b.quad[0].x + b.dir.x * t, y: b.quad[0].y + b.dir.y * t })
    const forward = b.dir.x * pair.along.x + b.dir.y * pair.along.y > 0
    const whole =
      b.long >= 0.9 * Math.max(pair.upper.long, pair.lower.long) &&
      grid !== null &&
      Math.abs(grid.pitch / spacingPitch - 1) < MAX_PITCH_DISAGREEMENT
    if (grid && whole) {
      const [p0, p1] = [at(grid.first), at(grid.first + (MRZ_LENGTH - 1) * grid.pitch)]
      from.push({ x: page.mrzLeftMm + pitch / 2, y }, { x: page.mrzLeftMm + pitch * (MRZ_LENGTH - 0.5), y })
      to.push(...(forward ? [p0, p1] : [p1, p0]))
    } else if (grid) {
      // A line cut short (glare over line 1's filler): only its first character is where the grid says.
      from.push({ x: page.mrzLeftMm + pitch / 2, y })
      to.push(at(forward ? grid.inkFirst : grid.inkLast))
    } else {
      // The detected box overhangs the ink by about a third of its height at each end (DB unclip).
      const overhangMm = (b.short / (b.long / (MRZ_LENGTH * pitch))) * 0.33
      const hx = (pair.along.x * b.long) / 2
      const hy = (pair.along.y * b.long) / 2
      from.push({ x: page.mrzLeftMm - overhangMm, y }, { x: page.mrzLeftMm + MRZ_LENGTH * pitch + overhangMm, y })
      to.push({ x: b.center.x - hx, y: b.center.y - hy }, { x: b.center.x + hx, y: b.center.y + hy })
    }
  }
  return fitSimilarity(from, to)
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
