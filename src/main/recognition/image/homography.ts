import type { Point } from '../../../shared/domain/geometry'
import { applyHomography, homographyFromQuads, solveLinear } from '../../../shared/domain/homography'

// The point and the 4-point transform are the review screen's too: one implementation, here as Float64Array.
export { applyHomography }

const DEGENERATE = 'degenerate point set for homography'

/** A 3×3 projective transform, row-major, h[8] normalised to 1. */
export type Homography = Float64Array

/** The homography that maps each `from[i]` onto `to[i]` (four point pairs, no three collinear). */
export function homographyFromPoints(from: readonly Point[], to: readonly Point[]): Homography {
  const h = homographyFromQuads(from, to)
  if (!h) throw new Error(DEGENERATE)
  return Float64Array.from(h)
}

/** Least-squares homography from n ≥ 4 point pairs (normal equations). */
export function fitHomography(from: readonly Point[], to: readonly Point[]): Homography {
  if (from.length === 4) return homographyFromPoints(from, to)
  const ata = Array.from({ length: 8 }, () => new Array<number>(9).fill(0))
  const addRow = (r: number[], rhs: number): void => {
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) ata[i][j] += r[i] * r[j]
      ata[i][8] += r[i] * rhs
    }
  }
  for (let i = 0; i < from.length; i++) {
    const { x, y } = from[i]
    const { x: u, y: v } = to[i]
    addRow([x, y, 1, 0, 0, 0, -u * x, -u * y], u)
    addRow([0, 0, 0, x, y, 1, -v * x, -v * y], v)
  }
  return Float64Array.from([...solve(ata), 1])
}

/** The inverse transform. */
export function invertHomography(h: Homography): Homography {
  const [a, b, c, d, e, f, g, i, j] = h
  const A = e * j - f * i
  const B = -(d * j - f * g)
  const C = d * i - e * g
  const det = a * A + b * B + c * C
  const inv = Float64Array.from([
    A,
    -(b * j - c * i),
    b * f - c * e,
    B,
    a * j - c * g,
    -(a * f - c * d),
    C,
    -(a * i - b * g),
    a * e - b * d
  ]).map((v) => v / det)
  return inv.map((v) => v / inv[8])
}

/** Compose: first `first`, then `second`. */
export function composeHomography(second: Homography, first: Homography): Homography {
  const out = new Float64Array(9)
  for (let r = 0; r < 3; r++)
    for (let c = 0; c < 3; c++) {
      let s = 0
      for (let k = 0; k < 3; k++) s += second[r * 3 + k] * first[k * 3 + c]
      out[r * 3 + c] = s
    }
  return out.map((v) => v / out[8])
}

/** The least-squares systems' solution (shared/domain/homography's solver); a degenerate point set throws. */
function solve(m: number[][]): number[] {
  const x = solveLinear(m)
  if (!x) throw new Error(DEGENERATE)
  return x
}

/** Least-squares affine transform (a homography without perspective) from n ≥ 3 point pairs. */
export function fitAffine(from: readonly Point[], to: readonly Point[]): Homography {
  const ata = Array.from({ length: 3 }, () => new Array<number>(5).fill(0))
  for (let i = 0; i < from.length; i++) {
    const r = [from[i].x, from[i].y, 1]
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) ata[a][b] += r[a] * r[b]
      ata[a][3] += r[a] * to[i].x
      ata[a][4] += r[a] * to[i].y
    }
  }
  const px = solve(ata.map((row) => [row[0], row[1], row[2], row[3]]))
  const py = solve(ata.map((row) => [row[0], row[1], row[2], row[4]]))
  return Float64Array.from([...px, ...py, 0, 0, 1])
}

/** Least-squares similarity (rotation, uniform scale, translation) from n ≥ 2 point pairs. */
export function fitSimilarity(from: readonly Point[], to: readonly Point[]): Homography {
  // x' = a·x − b·y + tx,  y' = b·x + a·y + ty: linear in (a, b, tx, ty).
  const ata = Array.from({ length: 4 }, () => new Array<number>(5).fill(0))
  const add = (r: number[], rhs: number): void => {
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) ata[i][j] += r[i] * r[j]
      ata[i][4] += r[i] * rhs
    }
  }
  for (let i = 0; i < from.length; i++) {
    add([from[i].x, -from[i].y, 1, 0], to[i].x)
    add([from[i].y, from[i].x, 0, 1], to[i].y)
  }
  const [a, b, tx, ty] = solve(ata)
  return Float64Array.from([a, -b, tx, b, a, ty, 0, 0, 1])
}
