import type { Point } from '../../../shared/domain/geometry'
import { boundsOf } from '../../../shared/domain/geometry'
import type { TextBox } from '../det/postprocess'
import { config } from '../config'
import type { Homography } from '../image/homography'
import { applyHomography, composeHomography } from '../image/homography'
import type { Raster } from '../image/raster'
import { luma } from '../image/decode'
import { warpPerspective } from '../image/warp'

const F = 4 // frame pixels per mm
/** Along an edge every other frame pixel is enough to measure support. */
const SAMPLE_STEP_MM = 2 / F
const MARGIN_MM = 20
const GRAD_T = 3
const MIN_SUPPORT = 0.45
const INSIDE_MM = 1.5
const PAPER_TOLERANCE = 35
/**
 * How far two opposite edges' spacing may stray from the page's size before the weaker is replaced: in a frame
 * straightened from an estimate, the perspective it missed widens or narrows the page by several millimetres
 * (at 5 mm, true edges of strongly tilted pages were thrown out for a copy of their opposite).
 */
const SIZE_TOLERANCE_MM = 10
const COUNTED = 1
const UP = 1 << 10
const DOWN = 1 << 20
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
 * `image` is RGB or gray; in RGB an edge luma does not show is looked for again in colour.
 */
export function findPageCorners(image: Raster, pageToImage: Homography, ink: InkBounds): Point[] {
  const { widthMm: W, heightMm: H } = config.page
  const fw = Math.round((W + 2 * MARGIN_MM) * F)
  const fh = Math.round((H + 2 * MARGIN_MM) * F)
  // 1. Frame pixel → page mm → image pixel.
  const frameToMm = Float64Array.from([1 / F, 0, -MARGIN_MM, 0, 1 / F, -MARGIN_MM, 0, 0, 1])
  const toImage = composeHomography(pageToImage, frameToMm)
  const px = (mm: number): number => Math.round((mm + MARGIN_MM) * F)
  const search = config.page.edgeSearch
  // 2. Only what the search reads is resampled from the image: a strip along each edge and a sparse grid of the
  //    page's interior. `sample` gives frame pixels (x0 + i·sx, y0 + j·sy), i < w, j < h, in one channel.
  type Sampler = (x0: number, y0: number, w: number, h: number, sx: number, sy: number) => Uint8Array
  const at = (x0: number, y0: number, sx: number, sy: number): Homography =>
    composeHomography(toImage, Float64Array.from([sx, 0, x0, 0, sy, y0, 0, 0, 1]))
  const luma: Sampler = (x0, y0, w, h, sx, sy) => warpPerspective(image, at(x0, y0, sx, sy), w, h, 0, true).data
  // The page's own brightness: the median of its interior (every other frame pixel), which is mostly blank paper.
  const paperOf = (sample: Sampler): number => {
    const [x0, x1, y0, y1] = [px(10), px(W - 10), px(5), px(H - 8)]
    return medianOf(sample(x0, y0, Math.ceil((x1 - x0) / 2), Math.ceil((y1 - y0) / 2), 2, 2))
  }
  // 3. Each edge: scan offsets and slopes; the score is the share of samples with a same-signed step.
  // An edge never crosses printed text, so each search stops short of the ink (`lo`..`hi` in mm); a sample
  // supports a line when the step is strong and the side towards the page looks like paper.
  type Edge = [vertical: boolean, inward: 1 | -1, prior: number, lo: number, hi: number, from: number, to: number]
  const scan = (sample: Sampler, paper: number, [vertical, inward, prior, lo, hi, from, to]: Edge): Line => {
    let best: Line = { offset: prior, slope: 0, support: 0 }
    // Ink reaching past the whole search range leaves no place for the edge: the prior stands.
    if (lo > hi) return best
    const mid = (from + to) / 2
    const inset = Math.round(INSIDE_MM * F) * inward
    const limit = vertical ? fw : fh
    const ts: number[] = []
    for (let t = from; t <= to; t += SAMPLE_STEP_MM) ts.push(t)
    const maxSlope = Math.max(...SLOPES.map(Math.abs))
    const aMin = Math.max(0, px(lo - maxSlope * (mid - from)) - 1)
    const aMax = Math.min(limit - 1, px(hi + maxSlope * (to - mid)) + 1)
    const span = aMax - aMin + 1
    if (span <= 0) return best
    // Each sample's vote is the same for every candidate line through it: work it out once, packed as
    // counted + step up × 2^10 + step down × 2^20 (fewer than 2^10 samples per edge), so the search over
    // offsets and slopes adds all three tallies with one addition.
    const votes = new Int32Array(span * ts.length)
    const aLo = Math.max(aMin, 2, -inset, inset)
    const aHi = Math.min(aMax, limit - 3, limit - 1 + inset, limit - 1 - inset)
    if (aLo <= aHi) {
      // The strip: every sample position along the edge (every other frame pixel), and across it the searched
      // range with room for the inset and the gradient's reach.
      const reach = Math.max(Math.abs(inset), 2)
      const a0 = aLo - reach
      const depth = aHi - aLo + 1 + 2 * reach
      const t0 = px(ts[0])
      const pitch = SAMPLE_STEP_MM * F
      const d = vertical ? sample(a0, t0, depth, ts.length, 1, pitch) : sample(t0, a0, ts.length, depth, pitch, 1)
      const across = vertical ? 1 : ts.length
      for (let j = 0; j < ts.length; j++) {
        const along = vertical ? j * depth : j
        for (let a = aLo; a <= aHi; a++) {
          const k = along + (a - a0) * across
          const inside = d[k + inset * across]
          const outside = d[k - inset * across]
          const toPaper = Math.abs(inside - paper)
          const g = d[k + 2 * across] - d[k - 2 * across]
          // 0 is the fill beyond the image's border (luma is lifted to ≥ 1): that border is no page edge.
          const step =
            inside === 0 || outside === 0 || toPaper > PAPER_TOLERANCE || toPaper >= Math.abs(outside - paper)
              ? 0
              : g > GRAD_T
                ? UP
                : g < -GRAD_T
                  ? DOWN
                  : 0
          votes[j * span + a - aMin] = COUNTED + step
        }
      }
    }
    // Candidate offsets are whole frame pixels from `lo`, so a line's sample j sits at the same vote index
    // plus the offset's number, for every offset. Consecutive samples a line crosses at the same shift add a
    // stretch of rows at once, from running sums down the samples (a steep line has many shifts, a level one one).
    const offsets = Math.floor((hi - lo) * F + 1e-9) + 1
    const base = (lo + MARGIN_MM) * F
    const below = new Int32Array((ts.length + 1) * span)
    for (let k = 0; k < ts.length * span; k++) below[k + span] = below[k] + votes[k]
    const support = new Float64Array(offsets * SLOPES.length)
    const tally = new Int32Array(offsets)
    SLOPES.forEach((slope, s) => {
      tally.fill(0)
      for (let j0 = 0; j0 < ts.length;) {
        const shift = Math.round(base + slope * (ts[j0] - mid) * F) - aMin
        let j1 = j0 + 1
        while (j1 < ts.length && Math.round(base + slope * (ts[j1] - mid) * F) - aMin === shift) j1++
        const top = j0 * span + shift
        const bottom = j1 * span + shift
        const iTo = Math.min(offsets - 1, span - 1 - shift)
        for (let i = Math.max(0, -shift); i <= iTo; i++) tally[i] += below[bottom + i] - below[top + i]
        j0 = j1
      }
      for (let i = 0; i < offsets; i++) {
        const n = tally[i] & 1023
        support[i * SLOPES.length + s] = n ? Math.max((tally[i] >> 10) & 1023, tally[i] >> 20) / n : 0
      }
    })
    for (let i = 0; i < offsets; i++)
      for (let s = 0; s < SLOPES.length; s++) {
        const v = support[i * SLOPES.length + s]
        if (v > best.support) best = { offset: lo + i / F, slope: SLOPES[s], support: v }
      }
    return best.support >= MIN_SUPPORT ? best : { offset: prior, slope: 0, support: 0 }
  }
  const dx = W * search * 0.6
  const dy = H * search * 1.5
  const edges: Edge[] = [
    [true, 1, 0, -dx, Math.min(dx, ink.x0 - 1), H * 0.12, H * 0.88],
    [true, -1, W, Math.max(W - dx, ink.x1 + 1), W + dx, H * 0.12, H * 0.88],
    [false, 1, 0, -dy, dy, W * 0.12, W * 0.88],
    [false, -1, H, Math.max(H - dy, ink.y1 + 1), H + dy, W * 0.12, W * 0.88]
  ]
  const paper = paperOf(luma)
  const found = edges.map((e) => scan(luma, paper, e))
  // A neutral background as bright as the page (a scanner's grey lid under a cream page) leaves no step in
  // luma: edges not found there are looked for again in a channel where colour takes away from brightness.
  if (image.channels === 3 && found.some((l) => l.support === 0)) {
    const tint: Sampler = (x0, y0, w, h, sx, sy) => paperContrast(warpPerspective(image, at(x0, y0, sx, sy), w, h, 0))
    const tintPaper = paperOf(tint)
    edges.forEach((e, i) => {
      if (found[i].support === 0) found[i] = scan(tint, tintPaper, e)
    })
  }
  let [left, right, top, bottom] = found
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

/** How much colour takes away from brightness in the fallback edge channel. */
const SATURATION_WEIGHT = 2

/** Luma less twice the saturation, at least 1; 0 (black) where the warp fell outside the image. */
function paperContrast(rgb: Raster): Uint8Array {
  const n = rgb.width * rgb.height
  const out = new Uint8Array(n)
  const d = rgb.data
  const c = rgb.channels
  for (let i = 0, j = 0; i < n; i++, j += c) {
    const r = d[j]
    const g = d[j + 1]
    const b = d[j + 2]
    if ((r | g | b) === 0) continue
    out[i] = Math.max(1, luma(r, g, b) - SATURATION_WEIGHT * (Math.max(r, g, b) - Math.min(r, g, b)))
  }
  return out
}

function medianOf(data: Uint8Array): number {
  const hist = new Uint32Array(256)
  for (const v of data) hist[v]++
  let acc = 0
  for (let v = 0; v < 256; v++) if ((acc += hist[v]) >= data.length / 2) return v
  return 255
}

/** Map page-mm corners to image pixels. */
export function cornersToImage(cornersMm: readonly Point[], pageToImage: Homography): Point[] {
  return cornersMm.map((p) => applyHomography(pageToImage, p))
}
