import type { Point, Quad } from '../../../shared/domain/geometry'
import { MRZ_LENGTH } from '../../../shared/domain/mrz'
import type { ImageView } from '../image/crop'
import { cropQuad } from '../image/crop'
import { toGray } from '../image/decode'
import type { TextBox } from '../det/postprocess'
import { rectBox } from '../det/postprocess'

/** The character cells of one MRZ line: OCR-B is monospaced, so 44 equal cells along the line. */
export interface MrzGrid {
  /** Centre of character 0 and the pitch, in pixels along the line quad's top edge. */
  first: number
  pitch: number
  /** Centres of the first and last inked glyphs, whatever their count (the line may be cut short). */
  inkFirst: number
  inkLast: number
  /**
   * Each character's centre, when all 44 glyphs stand apart: a page straightened from a slightly wrong
   * outline stretches the line unevenly, and cells cut on a uniform grid then drift into their neighbours.
   */
  centres: number[] | null
}

const MIN_RUN_SHARE = 0.15
/** OCR-B's glyph width as a share of its 2.54 mm pitch. */
const GLYPH_WIDTH = 0.7

/**
 * Find the character grid of an MRZ line from its column ink profile: glyphs of a monospaced font never touch,
 * so the first and last inked runs are characters 0 and 43. Returns null when the profile does not look like
 * any ink (a blank or washed-out crop).
 */
export function findMrzGrid(page: ImageView, quad: Quad): MrzGrid | null {
  const len = Math.hypot(quad[1].x - quad[0].x, quad[1].y - quad[0].y)
  const h = Math.hypot(quad[3].x - quad[0].x, quad[3].y - quad[0].y)
  // 1. Inked pixels of the straightened line.
  const line = inkOf(page, quad, Math.max(8, Math.round(h)), Math.round(len) + 1)
  if (!line) return null
  const { mask, width: w, height: ht } = line
  const profile = new Float32Array(w)
  for (let y = 0; y < ht; y++) for (let x = 0; x < w; x++) profile[x] += mask[y * w + x]
  // 2. Runs of inked columns; specks (runs with little ink) are ignored.
  const runs: { a: number; b: number; mass: number }[] = []
  let start = -1
  let mass = 0
  for (let x = 0; x <= w; x++) {
    const on = x < w && profile[x] >= 1
    if (on) {
      if (start < 0) start = x
      mass += profile[x]
    } else if (start >= 0) {
      runs.push({ a: start, b: x, mass })
      start = -1
      mass = 0
    }
  }
  const maxMass = Math.max(0, ...runs.map((r) => r.mass))
  const glyphs = runs.filter((r) => r.mass >= maxMass * MIN_RUN_SHARE)
  if (glyphs.length === 0) return null
  // 3. Separate glyphs: the first and last centres give the pitch, and the runs between must sit on the grid.
  //    Blurred glyphs merge into fewer runs: then the ink's ends and OCR-B's glyph width give the grid.
  let c0 = (glyphs[0].a + glyphs[0].b) / 2
  let pitch = ((glyphs[glyphs.length - 1].a + glyphs[glyphs.length - 1].b) / 2 - c0) / (MRZ_LENGTH - 1)
  const onGrid = glyphs.filter((g) => {
    const k = ((g.a + g.b) / 2 - c0) / pitch
    return Math.abs(k - Math.round(k)) < 0.3
  }).length
  if (glyphs.length < MRZ_LENGTH * 0.6 || onGrid < glyphs.length * 0.8) {
    const span = glyphs[glyphs.length - 1].b - glyphs[0].a
    pitch = span / (MRZ_LENGTH - 1 + GLYPH_WIDTH)
    c0 = glyphs[0].a + (pitch * GLYPH_WIDTH) / 2
  }
  // Cropped width may differ from the quad's length by rounding: report in quad units.
  const scale = len / w
  const inkLast = (glyphs[glyphs.length - 1].a + glyphs[glyphs.length - 1].b) / 2
  const centres = glyphs.length === MRZ_LENGTH ? glyphs.map((g) => ((g.a + g.b) / 2) * scale) : null
  return { first: c0 * scale, pitch: pitch * scale, inkFirst: ((glyphs[0].a + glyphs[0].b) / 2) * scale, inkLast: inkLast * scale, centres }
}

/**
 * A quad straightened to `height` × `width` pixels, as a mask of its ink (1) against paper (0), the threshold
 * halfway between paper (a bright percentile) and ink (a dark one). Null when the crop holds no clear ink.
 */
function inkOf(
  page: ImageView,
  quad: readonly Point[],
  height: number,
  width: number
): { mask: Uint8Array; width: number; height: number } | null {
  const line = toGray(cropQuad(page, quad, height, width))
  const { data } = line
  const thr = inkThreshold(data)
  if (thr === null) return null
  const mask = new Uint8Array(data.length)
  for (let i = 0; i < data.length; i++) mask[i] = data[i] < thr ? 1 : 0
  return { mask, width: line.width, height: line.height }
}

/** Paper against ink, in gray levels, below which a crop holds no clear ink. */
const MIN_INK_CONTRAST = 40

/** The gray level halfway between paper (a bright percentile) and ink (a dark one); null when there is no clear ink. */
export function inkThreshold(gray: Uint8Array): number | null {
  const paper = percentile(gray, 0.8)
  const ink = percentile(gray, 0.03)
  return paper - ink < MIN_INK_CONTRAST ? null : (paper + ink) / 2
}

/** The run of consecutive rows each with at least `share` of the busiest row's ink, and the most ink; null when no row has any. */
export function heaviestRun(rows: Float32Array, share: number): { top: number; bottom: number; mass: number } | null {
  const on = Math.max(...rows) * share
  let best: { top: number; bottom: number; mass: number } | null = null
  for (let y = 0; y < rows.length;) {
    if (rows[y] < on || rows[y] === 0) {
      y++
      continue
    }
    const top = y
    let mass = 0
    for (; y < rows.length && rows[y] >= on; y++) mass += rows[y]
    if (!best || mass > best.mass) best = { top, bottom: y, mass }
  }
  return best
}

/** The p-quantile of 8-bit values, by histogram. */
function percentile(data: Uint8Array, p: number): number {
  const hist = new Uint32Array(256)
  for (let i = 0; i < data.length; i++) hist[data[i]]++
  const target = data.length * p
  let acc = 0
  for (let v = 0; v < 256; v++) if ((acc += hist[v]) > target) return v
  return 255
}

/** The quad of characters [from, to) of a line, cut midway between glyphs. */
export function cellsQuad(quad: Quad, grid: MrzGrid, from: number, to: number): Quad {
  const len = Math.hypot(quad[1].x - quad[0].x, quad[1].y - quad[0].y)
  const t0 = cellEdge(grid, from) / len
  const t1 = cellEdge(grid, to) / len
  const lerp = (a: Point, b: Point, t: number): Point => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t })
  return [lerp(quad[0], quad[1], t0), lerp(quad[0], quad[1], t1), lerp(quad[3], quad[2], t1), lerp(quad[3], quad[2], t0)]
}

/** The centre of glyph `i`, along the line quad's top edge. */
export function glyphCentre(grid: MrzGrid, i: number): number {
  return grid.centres ? grid.centres[i] : grid.first + i * grid.pitch
}

/** Where cell `i` begins (cell 44: where the last one ends): midway between glyphs where each was seen. */
function cellEdge(grid: MrzGrid, i: number): number {
  const c = grid.centres
  if (!c) return grid.first + (i - 0.5) * grid.pitch
  if (i === 0) return c[0] - (c[1] - c[0]) / 2
  if (i === c.length) return c[i - 1] + (c[i - 1] - c[i - 2]) / 2
  return (c[i - 1] + c[i]) / 2
}

/** A box whose glyph band fills less than this share of its height is loose enough to cut down. */
const LOOSE_BAND = 0.5
/** Room kept around the glyph band, as a share of its height (about what detection's unclip leaves). */
const BAND_MARGIN = 0.45

/**
 * An MRZ line box fitted to its glyphs' band. Blurred or low-resolution pages come out of detection with boxes
 * twice the line's height that take in the other line's edge, which the recogniser then reads as noise; the
 * band with the most ink rows is this line. A box that is already tight is returned as it is.
 */
export function fitLineBand(page: ImageView, box: TextBox): TextBox {
  const h = Math.max(8, Math.round(box.short))
  const line = inkOf(page, box.quad, h, Math.round(box.long) + 1)
  if (!line) return box
  const { mask, width: w } = line
  const rows = new Float32Array(h)
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rows[y] += mask[y * w + x]
  // Runs of rows with ink along a good part of the line; the heaviest run is this line's glyphs.
  const best = heaviestRun(rows, 0.15)
  if (!best) return box
  const band = best.bottom - best.top
  if (band >= box.short * LOOSE_BAND || band < 4) return box
  // Crop rows run from the box's top edge down its normal: move the centre to the band's middle.
  const shift = (best.top + best.bottom) / 2 - h / 2
  const n = { x: -box.dir.y, y: box.dir.x }
  const center = { x: box.center.x + n.x * shift * (box.short / h), y: box.center.y + n.y * shift * (box.short / h) }
  return rectBox(center, box.dir, box.long, band * (box.short / h) * (1 + 2 * BAND_MARGIN), box.score)
}
