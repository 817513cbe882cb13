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

/**
 * Split a line read as one into two at character `k`: detection joins values printed close together
 * ("男/M" and "中国/CHINESE"). The cut falls between the two characters' positions in the crop, which reached
 * `padX` page pixels past each end of the box.
 */
export function splitLine(l: PageLine, k: number, padX: number): [PageLine, PageLine] {
  const { chars } = l.line
  const at = (chars[k - 1].pos + chars[k].pos) / 2
  const t = Math.min(1, Math.max(0, (at * (l.box.long + 2 * padX) - padX) / l.box.long))
  const [q0, q1, q2, q3] = l.quad
  const lerp = (a: Point, b: Point): Point => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t })
  const part = (from: number, to: number, quad: Quad, along: number): PageLine => {
    const cs = chars.slice(from, to)
    const line = { text: cs.map((c) => c.char).join(''), prob: cs.reduce((s, c) => s + c.prob, 0) / cs.length, chars: cs }
    const center = { x: (quad[0].x + quad[2].x) / 2, y: (quad[0].y + quad[2].y) / 2 }
    const box = { ...l.box, quad, center, long: l.box.long * along }
    return { quad, box, text: normalizeText(line.text), prob: line.prob, line }
  }
  const top = lerp(q0, q1)
  const bottom = lerp(q3, q2)
  return [part(0, k, [q0, top, bottom, q3], t), part(k, chars.length, [top, q1, q2, bottom], 1 - t)]
}
