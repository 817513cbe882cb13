import { z } from 'zod'
import type { Quad } from '../../../shared/domain/geometry'
import { line2Checks, MRZ_LENGTH } from '../../../shared/domain/mrz'
import { AppError } from '../../../shared/domain/errors'
import { config } from '../config'
import type { Raster } from '../image/raster'
import type { DecodedChar, DecodedLine } from '../rec/ctc'
import { LINE2_TEMPLATE } from './mrz-correct-align'
import type { SlotClass } from './mrz-correct-chars'
import { classChars } from './mrz-correct-chars'
import type { MrzGrid } from './mrz-grid'
import { glyphCentre } from './mrz-grid'

/**
 * OCR-B glyph templates (models/ocrb-glyphs.json, drawn by scripts/render-ocrb-glyphs.ts): each character's
 * window around its centre, `window` cap heights wide and the cap band with `margin` above and below, sampled to
 * `width` × `height`, zero-mean and unit-norm so that a dot product is a normalised correlation.
 */
export interface GlyphSet {
  alphabet: string
  width: number
  height: number
  window: number
  margin: number
  pixels: Float32Array
}

const GlyphFile = z.object({
  alphabet: z.string().min(2),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  window: z.number().positive(),
  margin: z.number().nonnegative(),
  pixels: z.string()
})

/** Parse the glyph file (already checked against the manifest's hash). */
export function parseGlyphSet(json: string): GlyphSet {
  const parsed = GlyphFile.safeParse(JSON.parse(json))
  const f = parsed.success ? parsed.data : null
  const pixels = f ? Buffer.from(f.pixels, 'base64') : null
  if (!f || !pixels || pixels.length !== f.alphabet.length * f.width * f.height) {
    throw new AppError('MODEL_CORRUPT', 'models/ocrb-glyphs.json does not hold one template per character of its alphabet')
  }
  const n = f.width * f.height
  const packed = Float32Array.from(pixels)
  for (let k = 0; k < f.alphabet.length; k++) normalise(packed.subarray(k * n, (k + 1) * n))
  return { alphabet: f.alphabet, width: f.width, height: f.height, window: f.window, margin: f.margin, pixels: packed }
}

/** One MRZ line read cell by cell: the best glyph per cell, and every glyph's probability there. */
export interface GlyphRead {
  line: DecodedLine
  /** Per cell, the probability of each alphabet character. */
  probs: Float32Array[]
}

const { glyphs: G } = config.mrz

/**
 * Read an MRZ line by matching each of its 44 cells against the OCR-B templates: a fixed-pitch line in a known
 * font needs no sequence model, and a cell cannot lose or gain a character the way a CTC reading of a long filler
 * run does. `line` is the straightened line (any height), `quad` the page quad it was cut from, `grid` its glyph
 * grid along that quad. Null when no glyph band stands out.
 */
export function readGlyphs(line: Raster, quad: Quad, grid: MrzGrid, set: GlyphSet): GlyphRead | null {
  const gray = line.channels === 1 ? line.data : null
  if (!gray) return null
  const { width: w, height: h } = line
  // 1. The glyph band: the run of rows with the most ink, cut at a share of the busiest row.
  const band = glyphBand(gray, w, h)
  if (!band) return null
  const cap = band.bottom - band.top
  // 2. The line resampled once at the templates' scale, with room for the vertical shifts tried below.
  const len = Math.hypot(quad[1].x - quad[0].x, quad[1].y - quad[0].y)
  const qh = Math.hypot(quad[3].x - quad[0].x, quad[3].y - quad[0].y)
  const sy = set.height / (cap * (1 + 2 * set.margin))
  // A crop squeezed to the recogniser's width limit has its own horizontal scale.
  const sx = (sy * (h / qh)) / (w / len)
  const S = G.shift
  const stripH = set.height + 2 * S
  const stripW = Math.ceil(w * sx) + 2 * S
  const strip = resample(gray, w, h, stripW, stripH, sx, sy, -S, band.top * sy - set.margin * cap * sy - S)
  // 3. Each cell against every template, at small shifts; the best correlation per character counts. Templates
  //    are zero-mean, so a window's dot product needs only its own norm, not its mean subtracted.
  const tw = set.width
  const th = set.height
  const n = tw * th
  const count = set.alphabet.length
  const tpl = set.pixels
  const scores = new Float32Array(count)
  const probs: Float32Array[] = []
  const chars: DecodedChar[] = []
  // The correlation of template t with the window at (x0, y0), or -1 when the window leaves the strip.
  const correlate = (t: number, x0: number, y0: number): number => {
    if (x0 < 0 || x0 + tw > stripW) return -1
    let sum = 0
    let sq = 0
    let dot = 0
    let q = t * n
    for (let y = 0; y < th; y++) {
      const row = (y0 + y) * stripW + x0
      for (let x = 0; x < tw; x++) {
        const v = strip[row + x]
        sum += v
        sq += v * v
        dot += tpl[q++] * v
      }
    }
    const spread = sq - (sum * sum) / n
    return spread > 0 ? dot / Math.sqrt(spread) : -1
  }
  for (let i = 0; i < MRZ_LENGTH; i++) {
    const cx = glyphCentre(grid, i) * (w / len) * sx + S
    const x0 = Math.round(cx - tw / 2)
    // Every template where the grid puts the glyph, then the likeliest few at the shifts around it.
    for (let t = 0; t < count; t++) scores[t] = correlate(t, x0, S)
    const top = [...scores.keys()].sort((a, b) => scores[b] - scores[a]).slice(0, G.shiftedCandidates)
    for (const t of top) {
      for (let dy = 0; dy <= 2 * S; dy++) for (let dx = -S; dx <= S; dx++) scores[t] = Math.max(scores[t], correlate(t, x0 + dx, dy))
    }
    const p = softmax(scores, G.temperature)
    probs.push(p)
    chars.push(toChar(p, set.alphabet, (cx - S) / (w * sx)))
  }
  const prob = chars.reduce((s, c) => s + c.prob, 0) / chars.length
  return { line: { text: chars.map((c) => c.char).join(''), prob, chars }, probs }
}

/** Line 1 of a Chinese passport: P, its type letter, CHN, then the name and fillers. */
const LINE1_CLASSES: readonly SlotClass[] = [
  'alpha',
  'alphaFill',
  'alpha',
  'alpha',
  'alpha',
  ...Array<SlotClass>(MRZ_LENGTH - 5).fill('alphaFill')
]
const LINE2_CLASSES: readonly SlotClass[] = LINE2_TEMPLATE.map((s) => s.cls)
/** Line 2's nationality and sex: no check digit covers them. */
const LINE2_UNCHECKED = [10, 11, 12, 20]

/**
 * Each character a slot may hold, with its probability among those characters: a cell torn between O and 0 is
 * sure in a date, not in the passport number.
 */
function slotProbs(p: Float32Array, cls: SlotClass, alphabet: string): { char: string; prob: number }[] {
  const options = classChars(cls).map((char) => ({ char, prob: p[alphabet.indexOf(char)] ?? 0 }))
  const total = options.reduce((s, o) => s + o.prob, 0)
  return options.map((o) => ({ char: o.char, prob: total > 0 ? o.prob / total : 0 }))
}

const probOf = (options: { char: string; prob: number }[], ch: string): number => options.find((o) => o.char === ch)?.prob ?? 0

/** Line 1 has no check digit: the glyphs alone must say every character surely. */
export function line1Sure(line1: string, read: GlyphRead, alphabet: string): boolean {
  return LINE1_CLASSES.every((cls, i) => probOf(slotProbs(read.probs[i], cls, alphabet), line1[i]) >= G.sure)
}

/**
 * Line 2 stands on its check digits when they single it out: every other way of reading its unsure cells (the
 * characters the glyphs leave plausible) must break a check. Two errors can cancel in a check digit's sum, which
 * holding digits alone would miss.
 */
export function line2Unique(line2: string, read: GlyphRead, alphabet: string): boolean {
  if (!Object.values(line2Checks(line2)).every((v) => v === true)) return false
  const unsure: { i: number; chars: string[] }[] = []
  for (let i = 0; i < MRZ_LENGTH; i++) {
    const options = slotProbs(read.probs[i], LINE2_CLASSES[i], alphabet)
    const own = probOf(options, line2[i])
    if (own >= G.sure) continue
    if (own < G.plausible || LINE2_UNCHECKED.includes(i)) return false
    unsure.push({ i, chars: options.filter((o) => o.prob >= G.plausible).map((o) => o.char) })
  }
  if (unsure.reduce((n, u) => n * u.chars.length, 1) > G.maxVariants) return false
  const variant = [...line2]
  const holds = (k: number): boolean => {
    if (k === unsure.length) return variant.join('') !== line2 && Object.values(line2Checks(variant.join(''))).every((v) => v === true)
    for (const ch of unsure[k].chars) {
      variant[unsure[k].i] = ch
      if (holds(k + 1)) return true
    }
    variant[unsure[k].i] = line2[unsure[k].i]
    return false
  }
  return !holds(0)
}

function glyphBand(gray: Uint8Array, w: number, h: number): { top: number; bottom: number } | null {
  const hist = new Uint32Array(256)
  for (let i = 0; i < gray.length; i++) hist[gray[i]]++
  const paper = quantile(hist, gray.length, 0.8)
  const ink = quantile(hist, gray.length, 0.03)
  if (paper - ink < G.minContrast) return null
  const thr = (paper + ink) / 2
  const rows = new Float32Array(h)
  for (let y = 0; y < h; y++) for (let x = 0, o = y * w; x < w; x++) if (gray[o + x] < thr) rows[y]++
  const on = Math.max(...rows) * G.bandRowShare
  let best = { top: 0, bottom: 0, mass: -1 }
  for (let y = 0; y < h;) {
    if (rows[y] < on) {
      y++
      continue
    }
    const top = y
    let mass = 0
    for (; y < h && rows[y] >= on; y++) mass += rows[y]
    if (mass > best.mass) best = { top, bottom: y, mass }
  }
  return best.bottom - best.top >= G.minCapPx ? best : null
}

function quantile(hist: Uint32Array, n: number, p: number): number {
  let acc = 0
  for (let v = 0; v < 256; v++) if ((acc += hist[v]) > n * p) return v
  return 255
}

/** Strip pixel (i, j) is the mean of 2 × 2 bilinear samples of the line at ((i + ox) / sx, (j + oy) / sy). */
function resample(
  src: Uint8Array,
  w: number,
  h: number,
  ow: number,
  oh: number,
  sx: number,
  sy: number,
  ox: number,
  oy: number
): Float32Array {
  const out = new Float32Array(ow * oh)
  const at = (x: number, y: number): number => {
    const fx = Math.max(0, Math.min(w - 1.001, x))
    const fy = Math.max(0, Math.min(h - 1.001, y))
    const x0 = fx | 0
    const y0 = fy | 0
    const ax = fx - x0
    const ay = fy - y0
    const o = y0 * w + x0
    return (src[o] * (1 - ax) + src[o + 1] * ax) * (1 - ay) + (src[o + w] * (1 - ax) + src[o + w + 1] * ax) * ay
  }
  for (let j = 0; j < oh; j++) {
    for (let i = 0; i < ow; i++) {
      const x = (i + ox + 0.25) / sx - 0.5
      const y = (j + oy + 0.25) / sy - 0.5
      const dx = 0.5 / sx
      const dy = 0.5 / sy
      out[j * ow + i] = (at(x, y) + at(x + dx, y) + at(x, y + dy) + at(x + dx, y + dy)) / 4
    }
  }
  return out
}

function normalise(v: Float32Array): Float32Array {
  let mean = 0
  for (let i = 0; i < v.length; i++) mean += v[i]
  mean /= v.length
  let norm = 0
  for (let i = 0; i < v.length; i++) norm += (v[i] -= mean) ** 2
  const k = norm > 0 ? 1 / Math.sqrt(norm) : 0
  for (let i = 0; i < v.length; i++) v[i] *= k
  return v
}

function softmax(scores: Float32Array, temperature: number): Float32Array {
  const top = Math.max(...scores)
  const p = scores.map((s) => Math.exp((s - top) / temperature))
  const z = p.reduce((a, b) => a + b, 0)
  return p.map((x) => x / z)
}

function toChar(p: Float32Array, alphabet: string, pos: number): DecodedChar {
  const order = [...p.keys()].sort((a, b) => p[b] - p[a])
  return {
    char: alphabet[order[0]],
    prob: p[order[0]],
    pos,
    alts: order.slice(1, 1 + G.alternatives).map((k) => ({ char: alphabet[k], prob: p[k] }))
  }
}
