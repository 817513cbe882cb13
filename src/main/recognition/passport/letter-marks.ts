/**
 * Diacritics seen on a printed line of capitals. The recogniser's dictionary holds a handful of marked capitals
 * (É, Ë, Ó, Ü) and none of Á, Č, Ř, Ł, Ñ…, and line 1 of the MRZ writes none: the marks of a name exist only as
 * ink above (or under) its letters. Capitals share one height, so a mark is ink standing apart from the line's
 * body, over one letter; its shape says which mark it is (acute rises to the right, a caron is a V…).
 */

import type { Point } from '../../../shared/domain/geometry'
import { cropQuad, type ImageView } from '../image/crop'
import type { Raster } from '../image/raster'
import { luma } from '../image/decode'
import { config } from '../config'
import type { PageLine } from './page-lines'

/** A mark over a capital, by the combining character Unicode composes it with ('mark' where its shape is unclear). */
export type MarkAbove = 'acute' | 'grave' | 'circumflex' | 'caron' | 'diaeresis' | 'ring' | 'tilde' | 'dot' | 'macron' | 'mark'

/** What was seen over and under one letter. */
export interface LetterMark {
  above: MarkAbove | null
  /** Ink hanging under the baseline: a cedilla (Ç, Ş) or an ogonek (Ą, Ę), told apart by the letter. */
  below: boolean
  /** A bar across the letter's stem, reaching out left of it (Ł, Đ, Ð): looked for on L and D only. */
  struck: boolean
}

export const COMBINING: Readonly<Record<Exclude<MarkAbove, 'mark'>, string>> = {
  grave: '\u0300',
  acute: '\u0301',
  circumflex: '\u0302',
  tilde: '\u0303',
  macron: '\u0304',
  dot: '\u0307',
  diaeresis: '\u0308',
  ring: '\u030a',
  caron: '\u030c'
}

/** The crop's scale: the line's box is drawn this many pixels high. */
const BOX_PX = 40
/** Room above and below the box, as shares of its height: marks may stand outside the detected box. */
const ROOM_ABOVE = 0.55
const ROOM_BELOW = 0.45
/** Wide enough for any printed name at BOX_PX: a crop is never squeezed, which would merge marks. */
const MAX_WIDTH = 4000
/** A row belongs to the letters' body while it holds at least this share of the body's typical ink. */
const BODY_ROW = 0.3

/**
 * The marks over and under each written character of a line, in the order of `line.line.chars`; null where the
 * line's body cannot be told (too few letters, no clear top).
 */
export function lineMarks(page: ImageView, line: PageLine): (LetterMark | null)[] | null {
  const { box } = line
  const chars = line.line.chars
  if (chars.length < 2) return null
  const padX = box.short * config.rec.cropPadX
  const u = box.dir
  const n = { x: -u.y, y: u.x }
  const [p0, p1, p2, p3] = box.quad
  const move = (p: Point, a: number, c: number): Point => ({ x: p.x + u.x * a + n.x * c, y: p.y + u.y * a + n.y * c })
  const up = box.short * ROOM_ABOVE
  const down = box.short * ROOM_BELOW
  const H = Math.round(BOX_PX * (1 + ROOM_ABOVE + ROOM_BELOW))
  const crop = cropQuad(page, [move(p0, -padX, -up), move(p1, padX, -up), move(p2, padX, down), move(p3, -padX, down)], H, MAX_WIDTH)
  const ink = binarize(crop)
  const { width: W } = crop
  const rows = new Float64Array(H)
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) rows[y] += ink[y * W + x]
  // 1. The body: the rows of the detected box's middle hold every capital's strokes; it reaches up and down
  //    while rows stay about as inked.
  const y0 = Math.round(BOX_PX * ROOM_ABOVE)
  const mid = [...rows.slice(y0 + BOX_PX * 0.3, y0 + BOX_PX * 0.7)].sort((a, b) => a - b)
  const typical = mid[mid.length >> 1]
  if (typical < 2) return null
  let top = y0 + Math.round(BOX_PX * 0.5)
  while (top > 0 && rows[top - 1] >= typical * BODY_ROW) top--
  let base = y0 + Math.round(BOX_PX * 0.5)
  while (base < H - 1 && rows[base + 1] >= typical * BODY_ROW) base++
  const capH = base - top + 1
  if (capH < BOX_PX * 0.35 || top < 3) return null
  const stroke = strokeWidth(ink, W, top, base)
  const { label, comps } = components(ink, W, H)
  // 2. Each character's columns: halfway to its neighbours, from the recogniser's step positions.
  const xs = chars.map((c) => c.pos * W)
  const pitch = median(xs.slice(1).map((x, i) => x - xs[i])) || capH * 0.7
  // Ink above the cap line by more than a round letter's overshoot, in a part of the image that reaches down to
  // the line (a mark standing free, or one joined to its letter); a caption's line above stops short of it.
  const markTop = Math.max(1, Math.round(top - capH * 0.65))
  const markBottom = top - 1
  const nearLine = (k: Component): boolean => k.y1 >= top - capH * 0.35 && k.y0 >= markTop
  const marks = chars.map((c, i) => {
    if (!/\p{Lu}/u.test(c.char)) return null
    const left = Math.max(0, Math.ceil(i > 0 ? (xs[i - 1] + xs[i]) / 2 : xs[i] - pitch / 2))
    const right = Math.min(W, Math.floor(i < xs.length - 1 ? (xs[i] + xs[i + 1]) / 2 : xs[i] + pitch / 2))
    const pixels: number[] = []
    for (let y = markTop; y <= markBottom; y++)
      for (let x = left; x < right; x++) {
        const p = y * W + x
        if (ink[p] && nearLine(comps[label[p] - 1])) pixels.push(p)
      }
    // A letter's own top, a row or so over the line's (a round letter's overshoot, a serif), is not a mark; nor is
    // it part of one that stands clear of it.
    const inked = [...new Set(pixels.map((p) => Math.floor(p / W)))].sort((a, b) => a - b)
    const gap = inked.findLastIndex((y, k) => k > 0 && y > inked[k - 1] + 1)
    if (gap > 0) pixels.splice(0, pixels.length, ...pixels.filter((p) => Math.floor(p / W) < inked[gap]))
    const rising = pixels.length > 0 && pixels[0] < (top - 2) * W
    // A ring joined to its letter closes on the letter's top: that row closes its hole.
    const floor: number[] = []
    for (let x = left; x < right; x++) if (ink[(markBottom + 1) * W + x]) floor.push((markBottom + 1) * W + x)
    const above = rising && pixels.length >= Math.max(4, stroke * stroke * 0.4) ? classify(pixels, floor, W, stroke) : null
    const struck = (c.char === 'L' || c.char === 'D') && barAcrossStem(label, W, left, right, top, base, stroke)
    return { above, below: hangsBelow(ink, W, left, right, base, capH, stroke), struck }
  })
  // Marks are on a few letters of a name; ink over or under most of them is another line (a caption) come close.
  const letters = marks.filter((m) => m !== null).length
  const crowded = (f: (m: LetterMark) => boolean): boolean => marks.filter((m) => m && f(m)).length > Math.max(1, letters * 0.4)
  if (crowded((m) => m.above !== null)) return null
  if (crowded((m) => m.below)) return marks.map((m) => m && { ...m, below: false })
  return marks
}

/** Ink of a gray crop by Otsu's threshold: 1 where darker than the paper. */
function binarize(r: Raster): Uint8Array {
  const n = r.width * r.height
  const gray = new Uint8Array(n)
  const c = r.channels
  for (let i = 0, j = 0; i < n; i++, j += c) gray[i] = c >= 3 ? luma(r.data[j], r.data[j + 1], r.data[j + 2]) : r.data[j]
  const hist = new Float64Array(256)
  for (const g of gray) hist[g]++
  let sum = 0
  for (let t = 0; t < 256; t++) sum += t * hist[t]
  let wB = 0
  let sumB = 0
  let best = 0
  let threshold = 128
  for (let t = 0; t < 256; t++) {
    wB += hist[t]
    if (wB === 0 || wB === n) continue
    sumB += t * hist[t]
    const mB = sumB / wB
    const mF = (sum - sumB) / (n - wB)
    const between = wB * (n - wB) * (mB - mF) ** 2
    if (between > best) {
      best = between
      threshold = t
    }
  }
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i++) out[i] = gray[i] <= threshold ? 1 : 0
  return out
}

/** The commonest horizontal ink run in the body: the pen's width. */
function strokeWidth(ink: Uint8Array, W: number, top: number, base: number): number {
  const runs: number[] = []
  for (let y = top; y <= base; y++) {
    let run = 0
    for (let x = 0; x <= W; x++) {
      if (x < W && ink[y * W + x]) run++
      else if (run) {
        runs.push(run)
        run = 0
      }
    }
  }
  return Math.max(1, median(runs))
}

interface Component {
  y0: number
  y1: number
}

/** 8-connected ink components, and each pixel's component (1-based; 0 for paper). */
function components(ink: Uint8Array, W: number, H: number): { label: Int32Array; comps: Component[] } {
  const label = new Int32Array(W * H)
  const out: Component[] = []
  const stack: number[] = []
  for (let start = 0; start < W * H; start++) {
    if (!ink[start] || label[start]) continue
    const k: Component = { y0: H, y1: 0 }
    label[start] = out.length + 1
    stack.push(start)
    while (stack.length) {
      const p = stack.pop()!
      const x = p % W
      const y = (p - x) / W
      k.y0 = Math.min(k.y0, y)
      k.y1 = Math.max(k.y1, y)
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx
          const ny = y + dy
          if (nx < 0 || ny < 0 || nx >= W || ny >= H) continue
          const q = ny * W + nx
          if (ink[q] && !label[q]) {
            label[q] = out.length + 1
            stack.push(q)
          }
        }
    }
    out.push(k)
  }
  return { label, comps: out }
}

/** Which mark the ink over one letter draws; 'mark' where its shape says none clearly. */
function classify(pixels: readonly number[], floor: readonly number[], W: number, stroke: number): MarkAbove {
  const parts = clusters(pixels, W)
  if (parts.length >= 2) {
    // Two dots side by side, of about one size.
    const [a, b] = [...parts].sort((p, q) => q.length - p.length)
    return b.length >= a.length * 0.5 ? 'diaeresis' : classify(a, floor, W, stroke)
  }
  const xs = pixels.map((p) => p % W)
  const ys = pixels.map((p) => (p - (p % W)) / W)
  const x0 = Math.min(...xs)
  const x1 = Math.max(...xs)
  const y0 = Math.min(...ys)
  const y1 = Math.max(...ys)
  const w = x1 - x0 + 1
  const h = y1 - y0 + 1
  const under = floor.filter((p) => p % W >= x0 && p % W <= x1)
  if (hasHole([...pixels, ...under], W, x0, y0, w, under.length ? h + 1 : h)) return 'ring'
  if (h <= stroke * 1.5 && w >= stroke * 2.5) return 'macron'
  // The ink of its top and bottom thirds: where each lies and how wide it spreads.
  const band = (from: number, to: number): { cx: number; span: number } => {
    const inBand = xs.filter((_, i) => ys[i] >= from && ys[i] <= to)
    if (inBand.length === 0) return { cx: (x0 + x1) / 2, span: 0 }
    return { cx: inBand.reduce((s, x) => s + x, 0) / inBand.length, span: Math.max(...inBand) - Math.min(...inBand) + 1 }
  }
  const third = Math.max(1, Math.round(h / 3))
  const topBand = band(y0, y0 + third - 1)
  const bottomBand = band(y1 - third + 1, y1)
  const lean = (topBand.cx - bottomBand.cx) / w
  if (lean > 0.18) return 'acute'
  if (lean < -0.18) return 'grave'
  if (w <= stroke * 1.8 && h <= stroke * 1.8) return 'dot'
  if (topBand.span < bottomBand.span * 0.7) return 'circumflex'
  if (bottomBand.span < topBand.span * 0.7) return 'caron'
  return w >= h * 1.8 ? 'tilde' : 'mark'
}

/** A letter's mark pixels split where a column between them holds none (the two dots of a diaeresis). */
function clusters(pixels: readonly number[], W: number): number[][] {
  const cols = [...new Set(pixels.map((p) => p % W))].sort((a, b) => a - b)
  const out: number[][] = []
  let from = cols[0]
  for (let i = 1; i <= cols.length; i++) {
    if (i < cols.length && cols[i] === cols[i - 1] + 1) continue
    const to = cols[i - 1]
    out.push(pixels.filter((p) => p % W >= from && p % W <= to))
    from = cols[i]
  }
  return out
}

/** Do the pixels enclose paper (a ring's hole)? */
function hasHole(pixels: readonly number[], W: number, x0: number, y0: number, bw: number, bh: number): boolean {
  const w = bw + 2
  const h = bh + 2
  if (w < 5 || h < 5) return false
  // Flood the paper from the border of a frame one pixel wider than the mark; paper left unreached is a hole.
  const mine = new Uint8Array(w * h)
  for (const p of pixels) mine[((p - (p % W)) / W - y0 + 1) * w + ((p % W) - x0 + 1)] = 1
  const seen = new Uint8Array(w * h)
  const stack = [0]
  seen[0] = 1
  while (stack.length) {
    const p = stack.pop()!
    const x = p % w
    const y = (p - x) / w
    for (const [dx, dy] of [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1]
    ]) {
      const nx = x + dx
      const ny = y + dy
      if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue
      const q = ny * w + nx
      if (!seen[q] && !mine[q]) {
        seen[q] = 1
        stack.push(q)
      }
    }
  }
  let holes = 0
  for (let i = 0; i < w * h; i++) if (!seen[i] && !mine[i]) holes++
  return holes >= 2
}

/**
 * Does a bar cross the stem of an L or a D? The stem is the left edge of the letter's own ink (the component
 * most of the window's ink belongs to: a neighbour's may reach into the window) on most rows; a bar reaches out
 * left of it in the middle of the letter, where serifs (at its top and foot) do not.
 */
function barAcrossStem(label: Int32Array, W: number, left: number, right: number, top: number, base: number, stroke: number): boolean {
  const count = new Map<number, number>()
  for (let y = top; y <= base; y++)
    for (let x = left; x < right; x++) {
      const k = label[y * W + x]
      if (k) count.set(k, (count.get(k) ?? 0) + 1)
    }
  const own = [...count].sort((a, b) => b[1] - a[1])[0]?.[0]
  if (own === undefined) return false
  // The bar may reach past the window's left edge, into the space before the letter.
  const from = Math.max(0, left - (right - left))
  const leftmost: number[] = []
  for (let y = top; y <= base; y++) {
    let x = from
    while (x < right && label[y * W + x] !== own) x++
    if (x < right) leftmost.push(x)
  }
  const h = base - top + 1
  if (leftmost.length < h * 0.8) return false
  const stem = median(leftmost)
  const middle = leftmost.slice(Math.round(h * 0.3), Math.round(h * 0.75))
  return middle.filter((x) => x <= stem - Math.max(2, stroke * 0.4)).length >= 3
}

/** Ink under a letter's baseline, where capitals have none. */
function hangsBelow(ink: Uint8Array, W: number, left: number, right: number, base: number, capH: number, stroke: number): boolean {
  let n = 0
  const from = base + Math.max(2, Math.round(capH * 0.06))
  const to = Math.min(ink.length / W - 1, Math.round(base + capH * 0.45))
  for (let y = from; y <= to; y++) for (let x = left; x < right; x++) n += ink[y * W + x]
  return n >= stroke * stroke
}

function median(v: readonly number[]): number {
  if (v.length === 0) return 0
  const s = [...v].sort((a, b) => a - b)
  return s[s.length >> 1]
}
