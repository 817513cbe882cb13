import type { Point, Quad } from '../../../shared/domain/geometry'
import { convexHull } from '../../../shared/domain/geometry'

/** A detected text region as a rotated rectangle. */
export interface TextBox {
  /** Corners clockwise in image coordinates, starting with the corner nearest the top-left. */
  quad: Quad
  center: Point
  /** Unit vector along the long side. */
  dir: Point
  long: number
  short: number
  score: number
}

export interface DbParams {
  thresh: number
  boxThresh: number
  unclipRatio: number
  minSize: number
  maxCandidates: number
}

/**
 * DB post-processing (PaddleOCR's DBPostProcess): threshold the probability map, take each connected
 * region's minimum-area rectangle, score it by its mean probability, and grow it by the unclip distance.
 * Boxes are returned in probability-map pixels.
 */
export function dbPostprocess(prob: Float32Array, w: number, h: number, p: DbParams): TextBox[] {
  const label = new Int32Array(w * h)
  const boxes: TextBox[] = []
  const stack: number[] = []
  let next = 0
  for (let start = 0; start < w * h; start++) {
    if (label[start] !== 0 || prob[start] <= p.thresh) continue
    next++
    if (next > p.maxCandidates) break
    // 1. Flood-fill one region (8-connected), keeping each row's extreme x: the hull only needs those.
    const rowMin = new Map<number, number>()
    const rowMax = new Map<number, number>()
    let sum = 0
    let count = 0
    label[start] = next
    stack.push(start)
    while (stack.length) {
      const i = stack.pop() as number
      const x = i % w
      const y = (i - x) / w
      sum += prob[i]
      count++
      const lo = rowMin.get(y)
      if (lo === undefined || x < lo) rowMin.set(y, x)
      const hi = rowMax.get(y)
      if (hi === undefined || x > hi) rowMax.set(y, x)
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy
        if (yy < 0 || yy >= h) continue
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx
          if (xx < 0 || xx >= w) continue
          const j = yy * w + xx
          if (label[j] === 0 && prob[j] > p.thresh) {
            label[j] = next
            stack.push(j)
          }
        }
      }
    }
    if (count < p.minSize * p.minSize) continue
    const score = sum / count
    if (score < p.boxThresh) continue
    // 2. Pixel corners of each row's ends, so a one-pixel-high region still has an area.
    const pts: Point[] = []
    for (const [y, x0] of rowMin) {
      const x1 = rowMax.get(y) as number
      pts.push({ x: x0, y }, { x: x0, y: y + 1 }, { x: x1 + 1, y }, { x: x1 + 1, y: y + 1 })
    }
    const rect = minAreaRect(convexHull(pts))
    if (Math.min(rect.long, rect.short) < p.minSize) continue
    // 3. Unclip: DB shrinks text regions when training; grow back by area × ratio / perimeter.
    const d = (rect.long * rect.short * p.unclipRatio) / (2 * (rect.long + rect.short))
    boxes.push(rectBox(rect.center, rect.dir, rect.long + 2 * d, rect.short + 2 * d, score))
  }
  return boxes
}

interface Rect {
  center: Point
  dir: Point
  long: number
  short: number
}

/** Minimum-area enclosing rectangle of a convex polygon (one of its sides is collinear with a hull edge). */
export function minAreaRect(hull: Point[]): Rect {
  let best: Rect | undefined
  let bestArea = Infinity
  const n = hull.length
  for (let i = 0; i < n; i++) {
    const a = hull[i]
    const b = hull[(i + 1) % n]
    const len = Math.hypot(b.x - a.x, b.y - a.y)
    if (len === 0) continue
    const ux = (b.x - a.x) / len
    const uy = (b.y - a.y) / len
    let minU = Infinity
    let maxU = -Infinity
    let minV = Infinity
    let maxV = -Infinity
    for (const p of hull) {
      const u = p.x * ux + p.y * uy
      const v = -p.x * uy + p.y * ux
      if (u < minU) minU = u
      if (u > maxU) maxU = u
      if (v < minV) minV = v
      if (v > maxV) maxV = v
    }
    const area = (maxU - minU) * (maxV - minV)
    if (area < bestArea) {
      bestArea = area
      const cu = (minU + maxU) / 2
      const cv = (minV + maxV) / 2
      const center = { x: cu * ux - cv * uy, y: cu * uy + cv * ux }
      const du = maxU - minU
      const dv = maxV - minV
      best = du >= dv ? { center, dir: { x: ux, y: uy }, long: du, short: dv } : { center, dir: { x: -uy, y: ux }, long: dv, short: du }
    }
  }
  if (!best) {
    const p = hull[0] ?? { x: 0, y: 0 }
    return { center: p, dir: { x: 1, y: 0 }, long: 0, short: 0 }
  }
  return best
}

/** A box from centre, long-side direction and size, its corners ordered clockwise from the top-left. */
export function rectBox(center: Point, dir: Point, long: number, short: number, score: number): TextBox {
  // Point the long axis rightwards so "top-left" is the reading start for upright text.
  const d = dir.x < 0 || (dir.x === 0 && dir.y < 0) ? { x: -dir.x, y: -dir.y } : dir
  const n = { x: -d.y, y: d.x }
  const hl = long / 2
  const hs = short / 2
  const c = (a: number, b: number): Point => ({ x: center.x + d.x * a + n.x * b, y: center.y + d.y * a + n.y * b })
  return { quad: [c(-hl, -hs), c(hl, -hs), c(hl, hs), c(-hl, hs)], center, dir: d, long, short, score }
}
