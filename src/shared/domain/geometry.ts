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
