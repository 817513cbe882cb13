import type { Quad } from '../../../shared/domain/geometry'
import { line2Checks, MRZ_LENGTH } from '../../../shared/domain/mrz'
import { AppError } from '../../../shared/domain/errors'
import { config } from '../config'
import type { Raster } from '../image/raster'
import type { DecodedChar, DecodedLine } from '../rec/ctc'
import type { TemplateSlot } from './template'
import { slotChars, slotLookalikes, toSlot } from './template'
import type { MrzGrid } from './grid'
import { glyphCentre, heaviestRun, inkThreshold } from './grid'

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

/** Parse the glyph file (already checked against the manifest's hash). */
export function parseGlyphSet(json: string): GlyphSet {
  // Checked by hand: a schema library costs the engine's worker a tenth of a second at start-up, for one small
  // file whose bytes the manifest's hash already vouches for.
  const f = JSON.parse(json) as Record<string, unknown>
  const alphabet = typeof f.alphabet === 'string' ? f.alphabet : ''
  const [width, height, window, margin] = [f.width, f.height, f.window, f.margin].map((v) => (typeof v === 'number' && v >= 0 ? v : NaN))
  const bytes = typeof f.pixels === 'string' ? Buffer.from(f.pixels, 'base64') : Buffer.alloc(0)
  const sized = Number.isInteger(width) && Number.isInteger(height) && window >= 0 && margin >= 0
  if (!alphabet || !sized || bytes.length === 0 || bytes.length !== alphabet.length * width * height) {
    throw new AppError('MODEL_CORRUPT', 'models/ocrb-glyphs.json does not hold one template per character of its alphabet')
  }
  const n = width * height
  const packed = Float32Array.from(bytes)
  for (let k = 0; k < alphabet.length; k++) normalise(packed.subarray(k * n, (k + 1) * n))
  return { alphabet, width, height, window, margin, pixels: packed }
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
  // 1. The glyph band, which may slope a little across a line straightened from a slightly wrong outline.
  const band = glyphBand(gray, w, h)
  if (!band) return null
  const { cap } = band
  // 2. The line resampled once at the templates' scale, with room for the vertical shifts tried below.
  const len = Math.hypot(quad[1].x - quad[0].x, quad[1].y - quad[0].y)
  const qh = Math.hypot(quad[3].x - quad[0].x, quad[3].y - quad[0].y)
  const sy = set.height / (cap * (1 + 2 * set.margin))
  // A crop squeezed to the recogniser's width limit has its own horizontal scale.
  const sx = (sy * (h / qh)) / (w / len)
  // A glyph at either end of a tight crop still gets a whole window: the strip runs on past the crop's edges.
  const S = G.shift
  const pad = S + set.width
  const stripH = set.height + 2 * S
  const stripW = Math.ceil(w * sx) + 2 * pad
  const strip = resample(gray, w, h, stripW, stripH, sx, sy, -pad, band, -set.margin * cap * sy - S)
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
  // 1 / the spread of the window at (x0, y0), or 0 when it is flat or leaves the strip.
  const spread = (x0: number, y0: number): number => {
    if (x0 < 0 || x0 + tw > stripW) return 0
    let sum = 0
    let sq = 0
    for (let y = 0; y < th; y++) {
      const row = (y0 + y) * stripW + x0
      for (let x = 0; x < tw; x++) {
        const v = strip[row + x]
        sum += v
        sq += v * v
      }
    }
    const variance = sq - (sum * sum) / n
    return variance > 0 ? 1 / Math.sqrt(variance) : 0
  }
  const dot = (t: number, x0: number, y0: number): number => {
    let d = 0
    let q = t * n
    for (let y = 0; y < th; y++) {
      const row = (y0 + y) * stripW + x0
      for (let x = 0; x < tw; x++) d += tpl[q++] * strip[row + x]
    }
    return d
  }
  // Where the best match sat against the grid, carried from cell to cell: a line cut short or straightened
  // unevenly drifts off a uniform grid by up to half a pitch at its end, and a window between two fillers reads K.
  const maxDrift = Math.round(grid.pitch * (w / len) * sx * MAX_DRIFT)
  let drift = 0
  for (let i = 0; i < MRZ_LENGTH; i++) {
    const cx = glyphCentre(grid, i) * (w / len) * sx + pad + drift
    const x0 = Math.round(cx - tw / 2)
    // Every template where the grid puts the glyph, then the likeliest few at the shifts around it.
    const k0 = spread(x0, S)
    for (let t = 0; t < count; t++) scores[t] = k0 ? dot(t, x0, S) * k0 : -1
    const top = [...scores.keys()].sort((a, b) => scores[b] - scores[a]).slice(0, G.shiftedCandidates)
    let best = { score: -1, dx: 0 }
    for (let dy = 0; dy <= 2 * S; dy++) {
      for (let dx = -S; dx <= S; dx++) {
        const k = spread(x0 + dx, dy)
        if (!k) continue
        for (const t of top) {
          const c = dot(t, x0 + dx, dy) * k
          if (c > scores[t]) scores[t] = c
          if (c > best.score) best = { score: c, dx }
        }
      }
    }
    const pos = (cx - pad) / (w * sx)
    drift = Math.max(-maxDrift, Math.min(maxDrift, drift + best.dx))
    const p = softmax(scores, G.temperature)
    probs.push(p)
    chars.push(toChar(p, set.alphabet, pos))
  }
  const prob = chars.reduce((s, c) => s + c.prob, 0) / chars.length
  return { line: { text: chars.map((c) => c.char).join(''), prob, chars }, probs }
}

/** Stretches of the line whose glyph bands give the band's slope. */
const BAND_STRETCHES = 4
/** The band's drop over the line, as a share of its height, below which the line is taken as level. */
const MIN_DROP = 0.08
/** The most the glyphs may drift off the grid, in pitches. */
const MAX_DRIFT = 0.4

/** Line 2's nationality and sex: no check digit covers them. */
const LINE2_UNCHECKED = [10, 11, 12, 20]

/**
 * Each character a slot may hold, with its share of the cell's probability: a glyph the slot cannot hold counts for
 * the look-alike the corrector puts there instead (0 for O in a name). A cell torn between O and 0 is so sure in a
 * date, not in the passport number.
 */
function slotProbs(p: Float32Array, slot: TemplateSlot, alphabet: string): { char: string; prob: number }[] {
  const mass = new Map([...slotChars(slot)].map((c) => [c, 0]))
  for (let k = 0; k < alphabet.length; k++) {
    const to = toSlot(alphabet[k], slot)
    if (to !== null) mass.set(to, (mass.get(to) ?? 0) + p[k])
  }
  const total = [...mass.values()].reduce((s, v) => s + v, 0)
  return [...mass].map(([char, prob]) => ({ char, prob: total > 0 ? prob / total : 0 }))
}

const probOf = (options: { char: string; prob: number }[], ch: string): number => options.find((o) => o.char === ch)?.prob ?? 0

/**
 * How a family spells names on line 1, beyond ICAO's format (mainland: pinyin). `reads(line1)` says whether a
 * line's name is spelt so at all; `strictly` whether it is a name's spelling (no interjection syllables), which
 * another reading of the line's unsure cells must not be.
 */
export interface NameSpelling {
  reads: (line1: string) => boolean
  strictly: (line1: string) => boolean
}

/**
 * Line 1 has no check digit: it stands when every cell is sure, or, under a family that knows how its names are
 * spelt, when its name is spelt so and no other way of reading its unsure cells is (such a family's name must be
 * spelt so even when every cell is sure).
 */
export function line1Unique(
  line1: string,
  read: GlyphRead,
  alphabet: string,
  template: readonly TemplateSlot[],
  spelling: NameSpelling | null
): boolean {
  const unsure = unsureCells(line1, read, alphabet, template)
  if (unsure === null || (spelling && !spelling.reads(line1))) return false
  if (unsure.length === 0) return true
  return spelling !== null && !anotherHolds(line1, unsure, spelling.strictly)
}

/**
 * Line 2 stands on its check digits when they single it out: every other way of reading its unsure cells must
 * break a check. Two errors can cancel in a check digit's sum, which holding digits alone would miss.
 */
export function line2Unique(line2: string, read: GlyphRead, alphabet: string, template: readonly TemplateSlot[]): boolean {
  const unsure = unsureCells(line2, read, alphabet, template, LINE2_UNCHECKED)
  return unsure !== null && checksHold(line2) && !anotherHolds(line2, unsure, checksHold)
}

const checksHold = (line2: string): boolean =>
  Object.values(line2Checks(line2)).every((v) => v === true) && /^[A-Z0-9]+<*$/.test(line2.slice(0, 9))

/**
 * The cells the glyphs are unsure of, each with the characters it may be: those the glyphs leave plausible, and
 * the look-alikes OCR-B is known for whatever the glyphs say (8 and S have the same check-digit value modulo 10,
 * and a blurred 8 may match S far better than 8). Null when a cell is hopeless, one that nothing checks is
 * unsure, or there are too many readings to try.
 */
function unsureCells(
  line: string,
  read: GlyphRead,
  alphabet: string,
  template: readonly TemplateSlot[],
  unchecked: readonly number[] = []
): { i: number; chars: string[] }[] | null {
  const unsure: { i: number; chars: string[] }[] = []
  for (let i = 0; i < MRZ_LENGTH; i++) {
    const options = slotProbs(read.probs[i], template[i], alphabet)
    const own = probOf(options, line[i])
    if (own >= G.sure) continue
    if (own < G.plausible || unchecked.includes(i)) return null
    const lookalikes = slotLookalikes(line[i], template[i])
    unsure.push({ i, chars: options.filter((o) => o.prob >= G.plausible || lookalikes.includes(o.char)).map((o) => o.char) })
  }
  return unsure.reduce((n, u) => n * u.chars.length, 1) > G.maxVariants ? null : unsure
}

/** Whether some other reading of the unsure cells also holds. */
function anotherHolds(line: string, unsure: readonly { i: number; chars: string[] }[], holds: (line: string) => boolean): boolean {
  const variant = [...line]
  const search = (k: number): boolean => {
    if (k === unsure.length) return variant.join('') !== line && holds(variant.join(''))
    for (const ch of unsure[k].chars) {
      variant[unsure[k].i] = ch
      if (search(k + 1)) return true
    }
    variant[unsure[k].i] = line[unsure[k].i]
    return false
  }
  return search(0)
}

/** The glyph band's top along the line (`top + slope · x`) and its height. */
interface Band {
  top: number
  slope: number
  cap: number
}

/**
 * The glyph band: the run of rows with the most ink (cut at a share of the busiest row). A line straightened from
 * a slightly wrong outline slopes across its crop: the bands of a few stretches of the line give the slope.
 */
function glyphBand(gray: Uint8Array, w: number, h: number): Band | null {
  const thr = inkThreshold(gray)
  if (thr === null) return null
  const whole = runIn(gray, w, h, 0, w, thr)
  if (!whole) return null
  // Each stretch's own band, weighted by its ink; its middle, not its top, since fillers are shorter than
  // letters but centred on the same line.
  const stretches: { x: number; y: number; mass: number; height: number }[] = []
  for (let s = 0; s < BAND_STRETCHES; s++) {
    const x0 = Math.floor((s * w) / BAND_STRETCHES)
    const x1 = Math.floor(((s + 1) * w) / BAND_STRETCHES)
    const run = runIn(gray, w, h, x0, x1, thr)
    if (run) stretches.push({ x: (x0 + x1) / 2, y: (run.top + run.bottom) / 2, mass: run.mass, height: run.bottom - run.top })
  }
  const total = stretches.reduce((t, s) => t + s.mass, 0)
  const mx = stretches.reduce((t, s) => t + s.x * s.mass, 0) / total
  const my = stretches.reduce((t, s) => t + s.y * s.mass, 0) / total
  const sxx = stretches.reduce((t, s) => t + s.mass * (s.x - mx) ** 2, 0)
  const slope = sxx > 0 ? stretches.reduce((t, s) => t + s.mass * (s.x - mx) * (s.y - my), 0) / sxx : 0
  // A slope of a few percent of the cap height over the line is only the glyphs' shapes (letters at one end,
  // fillers at the other). A real one widens every band: the tallest stretch's (fillers are shorter than letters)
  // less its own share of the drop is the cap height, and the whole line's middle is the band's at the ink's centre.
  const inked = Math.max(...stretches.map((s) => s.x)) - Math.min(...stretches.map((s) => s.x)) + w / BAND_STRETCHES
  const height = whole.bottom - whole.top
  if (Math.abs(slope) * inked < MIN_DROP * height) return height >= G.minCapPx ? { top: whole.top, slope: 0, cap: height } : null
  const cap = Math.max(...stretches.map((s) => s.height)) - (Math.abs(slope) * inked) / (2 * BAND_STRETCHES)
  return cap >= G.minCapPx ? { top: (whole.top + whole.bottom) / 2 - slope * mx - cap / 2, slope, cap } : null
}

/** The heaviest run of rows with ink (`heaviestRun`) in columns [x0, x1). */
function runIn(
  gray: Uint8Array,
  w: number,
  h: number,
  x0: number,
  x1: number,
  thr: number
): { top: number; bottom: number; mass: number } | null {
  const rows = new Float32Array(h)
  for (let y = 0; y < h; y++) for (let x = x0, o = y * w; x < x1; x++) if (gray[o + x] < thr) rows[y]++
  return heaviestRun(rows, G.bandRowShare)
}

/**
 * Strip pixel (i, j) is the mean of 2 × 2 bilinear samples of the line at x = (i + ox) / sx and, following the
 * band's slope, y = band top at x + (j + oy) / sy.
 */
function resample(
  src: Uint8Array,
  w: number,
  h: number,
  ow: number,
  oh: number,
  sx: number,
  sy: number,
  ox: number,
  band: Band,
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
  const dx = 0.5 / sx
  const dy = 0.5 / sy
  for (let i = 0; i < ow; i++) {
    const x = (i + ox + 0.25) / sx - 0.5
    const top = band.top + band.slope * (x + dx / 2)
    for (let j = 0; j < oh; j++) {
      const y = top + (j + oy + 0.25) / sy - 0.5
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
