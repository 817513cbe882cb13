/** A point in pixel coordinates. */
export interface Point {
  x: number
  y: number
}

/** Four corners, clockwise from the region's own top-left as it reads. */
export type Quad = [Point, Point, Point, Point]

/** The axis-aligned bounds of a set of points. */
export function boundsOf(points: readonly Point[]): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (const p of points) {
    x0 = Math.min(x0, p.x)
    y0 = Math.min(y0, p.y)
    x1 = Math.max(x1, p.x)
    y1 = Math.max(y1, p.y)
  }
  return { x0, y0, x1, y1 }
}

/** The centre of a quad (mean of its corners). */
export function quadCenter(q: readonly Point[]): Point {
  let x = 0
  let y = 0
  for (const p of q) {
    x += p.x
    y += p.y
  }
  return { x: x / q.length, y: y / q.length }
}

/** Euclidean distance. */
export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y)
}

/** Andrew's monotone chain: the convex hull of `points`, without collinear points, in one turning order. */
export function convexHull(points: readonly Point[]): Point[] {
  const pts = points.slice().sort((a, b) => a.x - b.x || a.y - b.y)
  if (pts.length < 3) return pts
  const cross = (o: Point, a: Point, b: Point): number => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
  const half = (ordered: readonly Point[]): Point[] => {
    const out: Point[] = []
    for (const p of ordered) {
      while (out.length >= 2 && cross(out[out.length - 2], out[out.length - 1], p) <= 0) out.pop()
      out.push(p)
    }
    return out.slice(0, -1)
  }
  return half(pts).concat(half(pts.slice().reverse()))
}

/** The area of a simple polygon (shoelace formula), whichever way it turns. */
export function polygonArea(points: readonly Point[]): number {
  let a = 0
  for (let i = 0; i < points.length; i++) {
    const p = points[i]
    const q = points[(i + 1) % points.length]
    a += p.x * q.y - q.x * p.y
  }
  return Math.abs(a) / 2
}
