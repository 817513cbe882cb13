import type { Point } from './geometry'

/** A 3×3 projective transform, row-major, normalised so that its last entry is 1. */
export type Homography = readonly [number, number, number, number, number, number, number, number, number]

/** The homography that maps each `from[i]` onto `to[i]` (four point pairs, no three collinear); null when degenerate. */
export function homographyFromQuads(from: readonly Point[], to: readonly Point[]): Homography | null {
  // Direct linear transform: eight equations in h0..h7 (h8 = 1), solved by Gaussian elimination.
  const m: number[][] = []
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i]
    const { x: u, y: v } = to[i]
    m.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u])
    m.push([0, 0, 0, x, y, 1, -v * x, -v * y, v])
  }
  const h = solveLinear(m)
  return h ? [h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1] : null
}

/** The homogeneous weight of a point under `h`: the point lies in front of the projection only where it is positive. */
export function projectiveWeight(h: ArrayLike<number>, p: Point): number {
  return h[6] * p.x + h[7] * p.y + h[8]
}

/** Where `h` (nine entries, row-major) sends a point. */
export function applyHomography(h: ArrayLike<number>, p: Point): Point {
  const w = projectiveWeight(h, p)
  return { x: (h[0] * p.x + h[1] * p.y + h[2]) / w, y: (h[3] * p.x + h[4] * p.y + h[5]) / w }
}

/**
 * `h` as a CSS `matrix3d()` for an element with `transform-origin: 0 0`: the browser then draws the element
 * through the homography itself, perspective-correct, and its children (boxes in image pixels) follow.
 */
export function cssMatrix3d(h: Homography): string {
  // Column-major 4×4, z passed through: (x, y, 0, 1) ↦ (h0x+h1y+h2, h3x+h4y+h5, 0, h6x+h7y+h8).
  const m = [h[0], h[3], 0, h[6], h[1], h[4], 0, h[7], 0, 0, 1, 0, h[2], h[5], 0, h[8]]
  return `matrix3d(${m.join(', ')})`
}

/**
 * Solve an n×(n+1) augmented system by Gaussian elimination with partial pivoting (`m` is left as it was); null
 * when singular.
 */
export function solveLinear(m: readonly (readonly number[])[]): number[] | null {
  const n = m.length
  const a = m.map((r) => r.slice())
  for (let c = 0; c < n; c++) {
    let pivot = c
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r
    if (Math.abs(a[pivot][c]) < 1e-12) return null
    ;[a[c], a[pivot]] = [a[pivot], a[c]]
    for (let r = 0; r < n; r++) {
      if (r === c) continue
      const f = a[r][c] / a[c][c]
      if (f === 0) continue
      for (let k = c; k <= n; k++) a[r][k] -= f * a[c][k]
    }
  }
  return a.map((row, i) => row[n] / row[i])
}
