import { convexHull, polygonArea } from '../../../../shared/domain/geometry'
import type { Point, Quad } from '../../../../shared/domain/geometry'
import { cameraConfig } from './camera-config'
import type { GrayFrame } from './frame-metrics'

/** One connected region of the split frame: its pixels (indices) and whether it reaches the frame's edge. */
interface Region {
  pixels: Int32Array
  touchesEdge: boolean
}

/**
 * The passport page lying in view on an analysis frame: its four corners in frame pixels, clockwise from the top-left
 * as the frame shows it; null when no whole page is in view (an empty desk, a page cut by the frame's edge, a hand
 * over it, a shape of another aspect than a passport page's).
 */
export function findPage(frame: GrayFrame): Quad | null {
  const c = cameraConfig
  // 1. A 3×3 box blur: print and desk texture break regions apart less.
  const smooth = boxBlur(frame)
  // 2. Page and desk differ in brightness: Otsu's split of the histogram, unless the two sides hardly differ (no page).
  const split = otsu(smooth)
  if (split.separation < c.pageMinSeparation) return null
  // 3. Each large region on either side (a light page on a dark desk, or the other way), as a quadrilateral; the largest
  // wins. A light desk (pale wood) falls on the page's side of Otsu's split: splits nearer white part them.
  const t = split.threshold
  const splits = [...c.pageLightSplits.map((k) => ({ light: true, threshold: Math.round(t + k * (255 - t)) })), { light: false, threshold: t }]
  let best: { quad: Quad; area: number } | null = null
  for (const { light, threshold } of splits) {
    for (const region of regions(smooth, threshold, light, c.pageMinShare * smooth.data.length)) {
      if (region.touchesEdge) continue
      const quad = regionQuad(region, frame.width, frame.height)
      const area = quad && polygonArea(quad)
      if (quad && area && (!best || area > best.area)) best = { quad, area }
    }
  }
  return best?.quad ?? null
}

function boxBlur({ width: w, height: h, data }: GrayFrame): GrayFrame {
  const out = new Uint8Array(data.length)
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let s = 0
      let n = 0
      for (let yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++)
        for (let xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++, n++) s += data[yy * w + xx]
      out[y * w + x] = Math.round(s / n)
    }
  return { width: w, height: h, data: out }
}

/** Otsu's threshold (a pixel above it is on the light side) and how far apart the two sides' means are. */
function otsu({ data }: GrayFrame): { threshold: number; separation: number } {
  const hist = new Float64Array(256)
  for (const v of data) hist[v]++
  let total = 0
  for (let v = 0; v < 256; v++) total += v * hist[v]
  let best = { threshold: 0, separation: 0, between: -1 }
  let n0 = 0
  let sum0 = 0
  for (let t = 0; t < 255; t++) {
    n0 += hist[t]
    sum0 += t * hist[t]
    const n1 = data.length - n0
    if (n0 === 0 || n1 === 0) continue
    const m0 = sum0 / n0
    const m1 = (total - sum0) / n1
    const between = n0 * n1 * (m1 - m0) ** 2
    if (between > best.between) best = { threshold: t, separation: m1 - m0, between }
  }
  return best
}

/** The 4-connected regions on one side of `threshold` of at least `minPixels`. */
function regions({ width: w, height: h, data }: GrayFrame, threshold: number, light: boolean, minPixels: number): Region[] {
  const seen = new Uint8Array(data.length)
  const inside = (i: number): boolean => (data[i] > threshold) === light
  const stack = new Int32Array(data.length)
  const pixels = new Int32Array(data.length)
  const out: Region[] = []
  for (let start = 0; start < data.length; start++) {
    if (seen[start] || !inside(start)) continue
    let top = 0
    let count = 0
    let touchesEdge = false
    stack[top++] = start
    seen[start] = 1
    while (top > 0) {
      const i = stack[--top]
      pixels[count++] = i
      const x = i % w
      const y = (i - x) / w
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1) touchesEdge = true
      for (const j of [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1]) {
        if (j >= 0 && !seen[j] && inside(j)) {
          seen[j] = 1
          stack[top++] = j
        }
      }
    }
    if (count >= minPixels) out.push({ pixels: pixels.slice(0, count), touchesEdge })
  }
  return out
}

/**
 * A region as a page's quadrilateral, or null when it is not one: its outline (each row's and column's extreme
 * pixels, at their outer edges), the largest quadrilateral on its convex hull, each side then fitted to the outline
 * points along its middle (a paper's rounded corners would otherwise cut the corners short).
 */
function regionQuad(region: Region, w: number, h: number): Quad | null {
  const c = cameraConfig
  const rowMin = new Int32Array(h).fill(w)
  const rowMax = new Int32Array(h).fill(-1)
  const colMin = new Int32Array(w).fill(h)
  const colMax = new Int32Array(w).fill(-1)
  for (const i of region.pixels) {
    const x = i % w
    const y = (i - x) / w
    rowMin[y] = Math.min(rowMin[y], x)
    rowMax[y] = Math.max(rowMax[y], x)
    colMin[x] = Math.min(colMin[x], y)
    colMax[x] = Math.max(colMax[x], y)
  }
  const outline: Point[] = []
  let filled = 0
  for (let y = 0; y < h; y++) {
    if (rowMax[y] < 0) continue
    filled += rowMax[y] - rowMin[y] + 1
    outline.push({ x: rowMin[y], y: y + 0.5 }, { x: rowMax[y] + 1, y: y + 0.5 })
  }
  for (let x = 0; x < w; x++) if (colMax[x] >= 0) outline.push({ x: x + 0.5, y: colMin[x] }, { x: x + 0.5, y: colMax[x] + 1 })
  const hull = convexHull(outline)
  const hullArea = polygonArea(hull)
  // A page is convex (holes of print inside do not count: rows are filled from end to end) and four-sided.
  if (hull.length < 4 || filled / hullArea < c.pageMinSolidity) return null
  const rough = largestQuad(hull)
  if (polygonArea(rough) / hullArea < c.pageMinQuadFit) return null
  const quad = clockwiseFromTopLeft(refineSides(rough, outline))
  const side = (i: number): number => Math.hypot(quad[(i + 1) % 4].x - quad[i].x, quad[(i + 1) % 4].y - quad[i].y)
  const ratio = (side(0) + side(2)) / (side(1) + side(3))
  const aspect = Math.max(ratio, 1 / ratio)
  return Math.abs(aspect - c.pageAspect) <= c.pageAspectTolerance * c.pageAspect ? quad : null
}

const triangle = (a: Point, b: Point, p: Point): number => Math.abs((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)) / 2

/**
 * The largest quadrilateral with its corners on the convex polygon `hull`: for each diagonal i–j, the farthest
 * vertex on each side of it; both move forward with j (areas over a convex polygon are unimodal), so O(n²).
 */
function largestQuad(hull: readonly Point[]): Quad {
  const n = hull.length
  const at = (k: number): Point => hull[k % n]
  let best = { area: -1, quad: [at(0), at(1), at(2), at(3)] as Quad }
  for (let i = 0; i < n; i++) {
    let k = i + 1
    let l = i + 3
    for (let j = i + 2; j <= i + n - 2; j++) {
      if (k >= j) k = j - 1
      while (k + 1 < j && triangle(at(i), at(j), at(k + 1)) >= triangle(at(i), at(j), at(k))) k++
      if (l <= j) l = j + 1
      while (l + 1 < i + n && triangle(at(i), at(j), at(l + 1)) >= triangle(at(i), at(j), at(l))) l++
      const area = triangle(at(i), at(j), at(k)) + triangle(at(i), at(j), at(l))
      if (area > best.area) best = { area, quad: [at(i), at(k), at(j), at(l)] }
    }
  }
  return best.quad
}

/** A line through `p` along the unit vector `d`. */
interface Line {
  p: Point
  d: Point
}

/** Each side of `q` fitted (total least squares) to the outline points near its middle; corners where fitted sides meet. */
function refineSides(q: Quad, outline: readonly Point[]): Quad {
  const c = cameraConfig
  const lines = q.map((a, s): Line => {
    const b = q[(s + 1) % 4]
    const len = Math.hypot(b.x - a.x, b.y - a.y)
    const d = { x: (b.x - a.x) / len, y: (b.y - a.y) / len }
    const near = outline.filter((p) => {
      const t = ((p.x - a.x) * d.x + (p.y - a.y) * d.y) / len
      const off = Math.abs((p.x - a.x) * d.y - (p.y - a.y) * d.x)
      return t > c.pageSideMargin && t < 1 - c.pageSideMargin && off <= c.pageSideNear
    })
    return near.length >= 4 ? fitLine(near) : { p: a, d }
  })
  const corners = lines.map((l, s) => meet(lines[(s + 3) % 4], l) ?? q[s])
  return corners as Quad
}

function fitLine(points: readonly Point[]): Line {
  let mx = 0
  let my = 0
  for (const p of points) {
    mx += p.x
    my += p.y
  }
  mx /= points.length
  my /= points.length
  let sxx = 0
  let sxy = 0
  let syy = 0
  for (const p of points) {
    sxx += (p.x - mx) ** 2
    sxy += (p.x - mx) * (p.y - my)
    syy += (p.y - my) ** 2
  }
  // The principal direction of the points' scatter.
  const angle = Math.atan2(2 * sxy, sxx - syy) / 2
  return { p: { x: mx, y: my }, d: { x: Math.cos(angle), y: Math.sin(angle) } }
}

function meet(a: Line, b: Line): Point | null {
  const den = a.d.x * b.d.y - a.d.y * b.d.x
  if (Math.abs(den) < 1e-6) return null
  const t = ((b.p.x - a.p.x) * b.d.y - (b.p.y - a.p.y) * b.d.x) / den
  return { x: a.p.x + t * a.d.x, y: a.p.y + t * a.d.y }
}

/** Corners in the frame's clockwise order (y grows downwards), the one nearest the top-left first. */
function clockwiseFromTopLeft(q: Quad): Quad {
  let signed = 0
  for (let i = 0; i < 4; i++) signed += q[i].x * q[(i + 1) % 4].y - q[(i + 1) % 4].x * q[i].y
  const cw = signed >= 0 ? q : ([q[0], q[3], q[2], q[1]] as Quad)
  let first = 0
  for (let i = 1; i < 4; i++) if (cw[i].x + cw[i].y < cw[first].x + cw[first].y) first = i
  return [0, 1, 2, 3].map((i) => cw[(first + i) % 4]) as Quad
}
