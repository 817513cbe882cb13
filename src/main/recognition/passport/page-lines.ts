import type { Point, Quad } from '../../../shared/domain/geometry'
import type { TextBox } from '../det/postprocess'
import type { DecodedLine } from '../rec/ctc'

/** A text line on the rectified page: where (page pixels) and what it reads. */
export interface PageLine {
  quad: Quad
  box: TextBox
  text: string
  prob: number
  line: DecodedLine
}

/** Normalise recogniser output: full-width forms to ASCII, look-alike Cyrillic to Latin, spaces squeezed. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[АВЕКМНОРСТХ]/g, (c) => CYRILLIC[c] ?? c)
    .replace(/З/g, '3')
    .replace(/[«‹]/g, '<')
    .replace(/\s+/g, ' ')
    .trim()
}

const CYRILLIC: Record<string, string> = { А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X' }

/** Do two boxes share a text row (their vertical extents overlap by more than half the smaller)? */
export function sameRow(a: TextBox, b: TextBox): boolean {
  const ha = a.short / 2
  const hb = b.short / 2
  const overlap = Math.min(a.center.y + ha, b.center.y + hb) - Math.max(a.center.y - ha, b.center.y - hb)
  return overlap > 0.5 * Math.min(a.short, b.short)
}

/** The quad enclosing several quads on one row (left of the first to right of the last). */
export function joinQuads(quads: readonly Quad[]): Quad {
  const first = quads[0]
  const last = quads[quads.length - 1]
  return [first[0], last[1], last[2], first[3]] as [Point, Point, Point, Point]
}
