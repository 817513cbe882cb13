import type { Point } from '../../../shared/domain/geometry'
import { boundsOf } from '../../../shared/domain/geometry'
import type { TextBox } from '../det/postprocess'
import { config } from '../config'
import type { Homography } from '../image/homography'
import { applyHomography, composeHomography } from '../image/homography'
import type { Raster } from '../image/raster'
import { warpPerspective } from '../image/warp'

const F = 4 // frame pixels per mm
/** Along an edge every other frame pixel is enough to measure support. */
const SAMPLE_STEP_MM = 2 / F
const MARGIN_MM = 20
const GRAD_T = 3
const MIN_SUPPORT = 0.45
const INSIDE_MM = 1.5
const PAPER_TOLERANCE = 35
const SIZE_TOLERANCE_MM = 5
const SKIP = 0
const NO_STEP = 1
const STEP_UP = 2
const STEP_DOWN = 3
const SLOPES = [-0.24, -0.18, -0.12, -0.09, -0.06, -0.04, -0.02, 0, 0.02, 0.04, 0.06, 0.09, 0.12, 0.18, 0.24]

/** The extent of the page's known text in page mm: the outline lies outside it. */
export interface InkBounds {
  x0: number
  x1: number
  y0: number
  y1: number
}

interface Line {
  /** Offset in mm of the line at the middle of the edge, across the edge. */
  offset: number
  slope: number
  support: number
}

/**
 * Refine the page outline: in a frame straightened by the MRZ-based estimate, look for each of the four
 * page edges as the straight line with the most consistent brightness step along it. Returns the page
 * corners (mm frame of `pageToImage`) clockwise from the top-left; an edge that is not found keeps the prior.
 */
export function findPageCorners(gray: Raster, pageToImage: Homography, ink: InkBounds): Point[] {
  const { widthMm: W, heightMm: H } = config.page
  const fw = Math.round((W + 2 * MARGIN_MM) * F)
  const fh = Math.round((H + 2 * MARGIN_MM) * F)
  // 1. Frame pixel → page mm → image pixel.
  const frameToMm = Float64Array.from([1 / F, 0, -MARGIN_MM, 0, 1 / F, -MARGIN_MM, 0, 0, 1])
  const frame = warpPerspective(gray, composeHomography(pageToImage, frameToMm), fw, fh, 0)
  const px = (mm: number): number => Math.round((mm + MARGIN_MM) * F)
  const at = (x: number, y: number): number => frame.data[y * fw + x]
  const search = config.page.edgeSearch
  // 2. Each edge: scan offsets and slopes; the score is the share of samples with a same-signed step.
  // The page's own brightness: the median of its interior, which is mostly blank paper.
  const paper = medianOf(frame.data, fw, px(10), px(W - 10), px(5), px(H - 8))
  // An edge never crosses printed text, so each search stops short of the ink (`lo`..`hi` in mm); a sample
  // supports a line when the step is strong and the side towards the page looks like paper.
  const scan = (vertical: boolean, inward: 1 | -1, prior: number, lo: number, hi: number, from: number, to: number): Line => {
    let best: Line = { offset: prior, slope: 0, support: 0 }
    // Ink reaching past the whole search range leaves no place for the edge: the prior stands.
    if (lo > hi) return best
    const mid = (from + to) / 2
    const inset = Math.round(INSIDE_MM * F) * inward
    const limit = vertical ? fw : fh
    const ts: number[] = []
    for (let t = from; t <= to; t += SAMPLE_STEP_MM) ts.push(t)
    // Each frame pixel's vote is the same for every candidate line through it: work it out once, so the
    // search over offsets and slopes only adds votes up.
    const maxSlope = Math.max(...SLOPES.map(Math.abs))
    const aMin = Math.max(0, px(lo - maxSlope * (mid - from)) - 1)
    const aMax = Math.min(limit - 1, px(hi + maxSlope * (to - mid)) + 1)
    const span = aMax - aMin + 1
    if (span <= 0) return best
    const votes = new Uint8Array(span * ts.length)
    ts.forEach((t, j) => {
      const b = px(t)
      for (let a = aMin; a <= aMax; a++) votes[j * span + a - aMin] = vote(vertical, inset, limit, a, b)
    })
    for (let off = lo; off <= hi; off += 1 / F) {
      for (const slope of SLOPES) {
        let pos = 0
        let neg = 0
        let n = 0
        for (let j = 0; j < ts.length; j++) {
          const a = px(off + slope * (ts[j] - mid))
          const v = a < aMin || a > aMax ? SKIP : votes[j * span + a - aMin]
          if (v === SKIP) continue
          n++
          if (v === STEP_UP) pos++
          else if (v === STEP_DOWN) neg++
        }
        const support = n ? Math.max(pos, neg) / n : 0
        if (support > best.support) best = { offset: off, slope, support }
      }
    }
    return best.support >= MIN_SUPPORT ? best : { offset: prior, slope: 0, support: 0 }
  }
  // A sample at frame position `a` across the edge and `b` along it: left out, or a step up, down, or none.
  const vote = (vertical: boolean, inset: number, limit: number, a: number, b: number): number => {
    if (a < 2 || a >= limit - 2 || a - inset < 0 || a - inset >= limit || a + inset < 0 || a + inset >= limit) return SKIP
    const inside = vertical ? at(a + inset, b) : at(b, a + inset)
    const outside = vertical ? at(a - inset, b) : at(b, a - inset)
    // 0 is the fill beyond the image's border (gray was lifted to ≥ 1): that border is no page edge.
    if (inside === 0 || outside === 0) return NO_STEP
    const toPaper = Math.abs(inside - paper)
    if (toPaper > PAPER_TOLERANCE || toPaper >= Math.abs(outside - paper)) return NO_STEP
    const g = vertical ? at(a + 2, b) - at(a - 2, b) : at(b, a + 2) - at(b, a - 2)
    return g > GRAD_T ? STEP_UP : g < -GRAD_T ? STEP_DOWN : NO_STEP
  }
  const dx = W * search * 0.6
  const dy = H * search * 1.5
  let left = scan(true, 1, 0, -dx, Math.min(dx, ink.x0 - 1), H * 0.12, H * 0.88)
  let right = scan(true, -1, W, Math.max(W - dx, ink.x1 + 1), W + dx, H * 0.12, H * 0.88)
  let top = scan(false, 1, 0, -dy, dy, W * 0.12, W * 0.88)
  let bottom = scan(false, -1, H, Math.max(H - dy, ink.y1 + 1), H + dy, W * 0.12, W * 0.88)
  // The page's size is known: an edge not found, or one that disagrees with its opposite, is placed from the
  // better supported one.
  const pairUp = (lo: Line, hi: Line, size: number): [Line, Line] => {
    if (lo.support === 0 && hi.support === 0) return [lo, hi]
    if (hi.support > 0 && lo.support > 0 && Math.abs(hi.offset - lo.offset - size) <= SIZE_TOLERANCE_MM) return [lo, hi]
    return lo.support >= hi.support
      ? [lo, { offset: lo.offset + size, slope: lo.slope, support: 0 }]
      : [{ offset: hi.offset - size, slope: hi.slope, support: 0 }, hi]
  }
  ;[left, right] = pairUp(left, right, W)
  ;[top, bottom] = pairUp(top, bottom, H)
  // 3. Corners are where the edges meet (solved in mm; each line is offset + slope × (t − mid)).
  const midV = H / 2
  const midH = W / 2
  const meet = (v: Line, h: Line): Point => {
    // x = v.offset + v.slope (y − midV);  y = h.offset + h.slope (x − midH)
    const x = (v.offset + v.slope * (h.offset - h.slope * midH - midV)) / (1 - v.slope * h.slope)
    return { x, y: h.offset + h.slope * (x - midH) }
  }
  return [meet(left, top), meet(right, top), meet(right, bottom), meet(left, bottom)]
}

/**
 * Where the page's text is, in page mm: the MRZ's ends and bottom, and the top of any text inside the page.
 * Boxes far outside the page (a facing page, the desk) are left out.
 */
export function inkBounds(boxes: readonly TextBox[], mrz: readonly TextBox[], imageToPage: Homography): InkBounds {
  const mm = (b: TextBox): Point[] => b.quad.map((p) => applyHomography(imageToPage, p))
  const m = boundsOf(mrz.flatMap((b) => mm(b)))
  let y0 = m.y0
  for (const b of boxes) {
    const c = applyHomography(imageToPage, b.center)
    if (c.x < 5 || c.x > config.page.widthMm - 5 || c.y < 0 || c.y > m.y0) continue
    y0 = Math.min(y0, boundsOf(mm(b)).y0)
  }
  return { x0: m.x0, x1: m.x1, y0, y1: m.y1 }
}

function medianOf(data: Uint8Array, stride: number, x0: number, x1: number, y0: number, y1: number): number {
  const hist = new Uint32Array(256)
  let n = 0
  for (let y = y0; y < y1; y += 2)
    for (let x = x0; x < x1; x += 2) {
      hist[data[y * stride + x]]++
      n++
    }
  let acc = 0
  for (let v = 0; v < 256; v++) if ((acc += hist[v]) >= n / 2) return v
  return 255
}

/** Map page-mm corners to image pixels. */
export function cornersToImage(cornersMm: readonly Point[], pageToImage: Homography): Point[] {
  return cornersMm.map((p) => applyHomography(pageToImage, p))
}
