import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { rectBox } from '../../../../src/main/recognition/det/postprocess'
import { viewOf } from '../../../../src/main/recognition/image/crop'
import type { LetterMark } from '../../../../src/main/recognition/passport/letter-marks'
import { lineMarks } from '../../../../src/main/recognition/passport/letter-marks'
import type { PageLine } from '../../../../src/main/recognition/passport/page-lines'
import { withSeenMarks } from '../../../../src/main/recognition/families/name-alphabets'

// A monospaced face puts each letter's centre at a known place, standing in for the recogniser's step positions.
const FONT = 'DejaVu Sans Mono'
const SIZE = 40
const ADVANCE = 0.602 * SIZE
const CAP = 0.73 * SIZE
const X0 = 30
const BASELINE = 80

/** A printed line of `printed` on white, read as its plain letters (the recogniser's dictionary lacks the marks). */
async function printedLine(printed: string, background = false): Promise<{ page: ReturnType<typeof viewOf>; line: PageLine }> {
  const width = Math.round(X0 * 2 + ADVANCE * printed.length)
  const guilloche = background
    ? Array.from(
        { length: 12 },
        (_, i) => `<path d="M0 ${20 + i * 9} Q ${width / 2} ${i * 9 - 10} ${width} ${30 + i * 9}" stroke="#c8d8e8" fill="none"/>`
      ).join('')
    : ''
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="130"><rect width="100%" height="100%" fill="#fff"/>${guilloche}<text x="${X0}" y="${BASELINE}" font-family="${FONT}" font-weight="bold" font-size="${SIZE}" fill="#1a1a1a" xml:space="preserve">${printed}</text></svg>`
  const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const image = { data: new Uint8Array(data), width: info.width, height: info.height, channels: info.channels }
  const plain = printed.normalize('NFD').replace(/\p{M}/gu, '').replace(/Ł/g, 'L').replace(/[ĐÐ]/g, 'D')
  // The detector's box: the letters' body with some room, as unclipping leaves it.
  const long = ADVANCE * printed.length + 8
  const short = CAP * 1.4
  const box = rectBox({ x: X0 + (ADVANCE * printed.length) / 2, y: BASELINE - CAP / 2 }, { x: 1, y: 0 }, long, short, 0.9)
  const padX = short * 0.25
  const cropW = long + 2 * padX
  const chars = [...plain].map((char, i) => ({
    char,
    prob: 0.9,
    pos: (X0 - (box.center.x - long / 2 - padX) + ADVANCE * (i + 0.4)) / cropW,
    alts: []
  }))
  return { page: viewOf(image), line: { quad: box.quad, box, text: plain, prob: 0.9, line: { text: plain, prob: 0.9, chars } } }
}

const shapes = (marks: (LetterMark | null)[] | null): string =>
  (marks ?? []).map((m) => (m?.above ? `^${m.above}` : '') + (m?.below ? '_' : '') || '.').join(' ')

describe('marks seen over and under capitals', () => {
  it('finds each mark over its own letter and tells its shape', async () => {
    const { page, line } = await printedLine('DVOŘÁK')
    expect(shapes(lineMarks(page, line))).toBe('. . . ^caron ^acute .')
  })

  it('tells a diaeresis, a ring, a grave and a circumflex', async () => {
    for (const [printed, want] of [
      ['MÜLLER', '. ^diaeresis . . . .'],
      ['HÅKAN', '. ^ring . . .'],
      ['ÈVE', '^grave . .'],
      ['JÉRÔME', '. ^acute . ^circumflex . .']
    ] as const) {
      const { page, line } = await printedLine(printed)
      expect(shapes(lineMarks(page, line)), printed).toBe(want)
    }
  })

  it('finds a cedilla under its letter', async () => {
    const { page, line } = await printedLine('FRANÇOIS')
    const marks = lineMarks(page, line)
    expect(marks?.map((m) => m?.below)).toEqual([false, false, false, false, true, false, false, false])
  })

  it('finds the bar across the stem of an L or a D, and none on a plain one', async () => {
    for (const [printed, want] of [
      ['KOZŁOWSKI', [3]],
      ['GUÐRÚN', [2]],
      ['LUDWIG DAHL', []]
    ] as const) {
      const { page, line } = await printedLine(printed)
      const marks = lineMarks(page, line) ?? []
      expect(
        marks.flatMap((m, i) => (m?.struck ? [i] : [])),
        printed
      ).toEqual(want)
    }
  })

  it('sees nothing on a name without marks, on paper or on a security background', async () => {
    for (const printed of ['NOVAK', 'ERIKSSON', 'KOWALSKA-KWIATKOWSKA', 'OLIVIA NOAH']) {
      for (const background of [false, true]) {
        const { page, line } = await printedLine(printed, background)
        const marks = lineMarks(page, line)
        expect(marks?.filter((m) => m?.above || m?.below) ?? [], `${printed}${background ? ' on guilloche' : ''}`).toEqual([])
      }
    }
  })
})

describe('marks put on a printed name', () => {
  const seen = (above: LetterMark['above'], below = false, struck = false): LetterMark => ({ above, below, struck })
  it("takes a seen shape where it makes one of the state's letters", () => {
    expect(withSeenMarks('DVORAK', [null, null, null, seen('caron'), seen('acute'), null], 'CZE')).toBe('DVOŘÁK')
    expect(withSeenMarks('FRANCOIS', [null, null, null, null, seen(null, true), null, null, null], 'FRA')).toBe('FRANÇOIS')
    expect(withSeenMarks('MICHAL', [null, null, null, null, null, seen(null, false, true)], 'POL')).toBe('MICHAŁ')
    expect(withSeenMarks('GUDRUN', [null, null, seen(null, false, true), null, null, null], 'ISL')).toBe('GUÐRUN')
    expect(withSeenMarks('DJORDJE', [seen(null, false, true), null, null, null, null, null, null], 'SRB')).toBe('ĐJORDJE')
    expect(withSeenMarks('LUDWIG', [seen(null, false, true), null, null, null, null, null], 'D')).toBeNull()
  })

  it('takes the only marked form of a letter when the shape is unclear or makes none of its letters', () => {
    expect(withSeenMarks('GARCIA', [null, null, null, null, seen('dot'), null], 'ESP')).toBe('GARCÍA')
    expect(withSeenMarks('KATERINA', [null, null, null, null, seen('mark'), null, null, null], 'CZE')).toBe('KATEŘINA')
  })

  it('leaves a letter alone where the state writes no such letter, or the shape is unclear and its forms many', () => {
    expect(withSeenMarks('NOWAK', [null, seen('acute'), null, seen('acute'), null], 'POL')).toBe('NÓWAK')
    expect(withSeenMarks('SMITH', [seen('caron'), null, null, null, null], 'ESP')).toBeNull()
    expect(withSeenMarks('EVE', [seen('mark'), null, null], 'FRA')).toBeNull()
  })

  it("composes by the shape alone for a state whose alphabet is not listed, and keeps the recogniser's own marks", () => {
    expect(withSeenMarks('JOSE', [null, null, null, seen('acute')], 'UTO')).toBe('JOSÉ')
    expect(withSeenMarks('JOSÉ', [null, null, null, seen('grave')], 'UTO')).toBeNull()
  })
})
