import type { Point } from '../../../shared/domain/geometry'
import type { TextBox } from '../det/postprocess'
import { rectBox } from '../det/postprocess'

/** The two MRZ lines as found by whole-image detection, `upper` being line 1 under the chosen orientation. */
export interface MrzPair {
  upper: TextBox
  lower: TextBox
  /** Unit vector along the reading direction of the MRZ. */
  along: Point
  /** Unit vector from line 1 towards line 2 (the page's "down"). */
  down: Point
}

const MIN_ASPECT = 10
const MAX_LENGTH_RATIO = 2.5

/**
 * Find the MRZ: two long, parallel, equally long lines one line-pitch apart. Orientation is taken from
 * where the rest of the page's text lies (above the MRZ); the caller confirms it by reading.
 */
export function locateMrz(boxes: readonly TextBox[]): MrzPair[] {
  const long = boxes.filter((b) => b.long / Math.max(1, b.short) >= MIN_ASPECT).sort((a, b) => b.long - a.long)
  // A line broken where something lay over it (a thumb, a glare spot) is its pieces joined, as the partner of a whole
  // line only: two broken lines are too easily any two rows of print.
  const joined = long.flatMap((a) => brokenLinesBeside(a, boxes))
  const candidates = [...long, ...joined]
  const pairs: { a: TextBox; b: TextBox; score: number }[] = []
  for (let i = 0; i < long.length; i++)
    for (let j = i + 1; j < candidates.length; j++) {
      const a = long[i]
      const b = candidates[j]
      const ratio = a.long / b.long
      if (ratio > MAX_LENGTH_RATIO || ratio < 1 / MAX_LENGTH_RATIO) continue
      const parallel = Math.abs(a.dir.x * b.dir.x + a.dir.y * b.dir.y)
      if (parallel < 0.97) continue
      const d = { x: b.center.x - a.center.x, y: b.center.y - a.center.y }
      // The lines start together and end together; glare or blur can break line 1's filler short, so one
      // matching end is enough.
      const shift = d.x * a.dir.x + d.y * a.dir.y
      const alongOff = Math.min(Math.abs(shift - (a.long - b.long) / 2), Math.abs(shift + (a.long - b.long) / 2))
      const across = Math.abs(-d.x * a.dir.y + d.y * a.dir.x)
      const h = (a.short + b.short) / 2
      // 1. Unclipped boxes are taller than the ink, so the line pitch is about one box height; the lines start and end together.
      if (across < 0.4 * h || across > 4 * h || alongOff > 0.1 * a.long) continue
      const score = (a.long + b.long) * parallel - alongOff - Math.abs(across - h)
      pairs.push({ a, b, score })
    }
  pairs.sort((x, y) => y.score - x.score)
  return pairs.slice(0, 3).map(({ a, b }) => orient(a, b, boxes))
}

/**
 * Lines one pitch from `a`, on either side, that detection found in two or more pieces along `a`'s extent, spanning
 * most of it: each joined into one box.
 */
function brokenLinesBeside(a: TextBox, boxes: readonly TextBox[]): TextBox[] {
  const n = { x: -a.dir.y, y: a.dir.x }
  const half = a.long / 2
  const pieces = boxes
    .filter((c) => c !== a && Math.abs(c.dir.x * a.dir.x + c.dir.y * a.dir.y) >= 0.97)
    .map((c) => {
      const d = { x: c.center.x - a.center.x, y: c.center.y - a.center.y }
      const u = d.x * a.dir.x + d.y * a.dir.y
      return { c, u, v: d.x * n.x + d.y * n.y, from: u - c.long / 2, to: u + c.long / 2 }
    })
    .filter((x) => Math.abs(x.v) >= 0.4 * a.short && Math.abs(x.v) <= 2.5 * a.short && x.from >= -half * 1.2 && x.to <= half * 1.2)
  const out: TextBox[] = []
  for (const side of [-1, 1]) {
    const row = pieces.filter((x) => Math.sign(x.v) === side)
    if (row.length < 2) continue
    const v = row.reduce((s, x) => s + x.v, 0) / row.length
    if (row.some((x) => Math.abs(x.v - v) > 0.5 * a.short)) continue
    const from = Math.min(...row.map((x) => x.from))
    const to = Math.max(...row.map((x) => x.to))
    if (to - from < JOINED_SPAN * a.long) continue
    const mid = (from + to) / 2
    const center = { x: a.center.x + a.dir.x * mid + n.x * v, y: a.center.y + a.dir.y * mid + n.y * v }
    const short = Math.max(...row.map((x) => x.c.short))
    out.push(rectBox(center, a.dir, to - from, short, Math.min(...row.map((x) => x.c.score))))
  }
  return out
}

/** How much of the whole line beside it a broken line's pieces must span, end to end. */
const JOINED_SPAN = 0.8

/** Decide which side of the pair is "up": the side where the other text of the page lies. */
function orient(a: TextBox, b: TextBox, boxes: readonly TextBox[]): MrzPair {
  const along = a.dir
  const mid = { x: (a.center.x + b.center.x) / 2, y: (a.center.y + b.center.y) / 2 }
  let normal = { x: -along.y, y: along.x }
  let votes = 0
  for (const box of boxes) {
    if (box === a || box === b) continue
    const d = { x: box.center.x - mid.x, y: box.center.y - mid.y }
    const u = d.x * along.x + d.y * along.y
    const v = d.x * normal.x + d.y * normal.y
    // Only text within the page's width and at most about a page height away counts.
    if (Math.abs(u) > a.long * 0.6 || Math.abs(v) > a.long * 0.9) continue
    votes += Math.sign(v) * box.long
  }
  // Text lies "up" from the MRZ, so "down" points away from the votes.
  if (votes > 0) normal = { x: -normal.x, y: -normal.y }
  const down = normal
  // Reading direction is "down" turned a quarter anticlockwise (image y grows downwards).
  const readAlong = { x: down.y, y: -down.x }
  const sideA = (a.center.x - mid.x) * down.x + (a.center.y - mid.y) * down.y
  return sideA < 0 ? { upper: a, lower: b, along: readAlong, down } : { upper: b, lower: a, along: readAlong, down }
}

/** The same pair read the other way up (180°). */
export function flipMrz(p: MrzPair): MrzPair {
  return { upper: p.lower, lower: p.upper, along: { x: -p.along.x, y: -p.along.y }, down: { x: -p.down.x, y: -p.down.y } }
}
