import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { viewOf } from '../../../../src/main/recognition/image/crop'
import { toGray } from '../../../../src/main/recognition/image/decode'
import type { Raster } from '../../../../src/main/recognition/image/raster'
import { loadModels } from '../../../../src/main/recognition/models'
import type { GlyphRead } from '../../../../src/main/recognition/mrz/glyphs'
import { line1Unique, line2Unique, parseGlyphSet, readGlyphs } from '../../../../src/main/recognition/mrz/glyphs'
import { TD3_LINE1 } from '../../../../src/main/recognition/mrz/template'
import { MAINLAND_ORDINARY } from '../../../../src/main/recognition/families/mainland'
import { PINYIN_SPELLING } from '../../../../src/main/recognition/families/pinyin'

const MAINLAND_LINE2 = MAINLAND_ORDINARY.prior.template.line2
import { findMrzGrid } from '../../../../src/main/recognition/mrz/grid'
import { composeMrz } from '../../../../src/shared/domain/mrz'
import type { Quad } from '../../../../src/shared/domain/geometry'

const glyphs = loadModels().glyphs
const [LINE1, LINE2] = composeMrz({
  documentCode: 'PO',
  issuingState: 'CHN',
  passportNumber: 'E12345678',
  surname: 'OUYANG',
  givenNames: 'QINGQING',
  nationality: 'CHN',
  birthDate: '1990.02.03',
  sex: 'F',
  expiryDate: '2031.07.19',
  personalNumber: 'QQGQODKLBHCQBE'
})

/** An MRZ line drawn in OCR-B at `size` px (ICAO pitch: 10 characters per 25.4 mm, here 0.84 em), then blurred. */
async function drawLine(text: string, size: number, blur: number, slopeDeg = 0): Promise<Raster> {
  const pitch = size * 0.84
  const width = Math.round(pitch * 46)
  const height = Math.round(size * 2)
  const escaped = text.replace(/</g, '&lt;')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#eee"/><text x="${pitch}" y="${size * 1.35}" transform="rotate(${slopeDeg} 0 ${size})" font-family="OCR B" font-size="${size}" letter-spacing="${pitch - 0.723 * size}" fill="#222">${escaped}</text></svg>`
  let img = sharp(Buffer.from(svg))
  if (blur > 0) img = img.blur(blur)
  const { data, info } = await img.removeAlpha().raw().toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height, channels: info.channels }
}

async function read(text: string, size: number, blur: number, slopeDeg = 0): Promise<GlyphRead> {
  const rgb = await drawLine(text, size, blur, slopeDeg)
  const quad: Quad = [
    { x: 0, y: 0 },
    { x: rgb.width, y: 0 },
    { x: rgb.width, y: rgb.height },
    { x: 0, y: rgb.height }
  ]
  const grid = findMrzGrid(viewOf(rgb), quad)
  expect(grid).not.toBeNull()
  const r = readGlyphs(toGray(rgb), quad, grid!, glyphs)
  expect(r).not.toBeNull()
  return r!
}

/** A reading whose every cell is sure of the given line's character, except the cells given as 50/50 splits. */
function fakeRead(line: string, splits: Record<number, [string, string]> = {}): GlyphRead {
  const probs = [...line].map((ch, i) => {
    const p = new Float32Array(glyphs.alphabet.length)
    const split = splits[i]
    if (split) for (const c of split) p[glyphs.alphabet.indexOf(c)] = 0.5
    else p[glyphs.alphabet.indexOf(ch)] = 1
    return p
  })
  return { line: { text: line, prob: 1, chars: [] }, probs }
}

describe('readGlyphs', () => {
  // Line 1 holds no digits: the corrector takes a 0 there for the O it looks like.
  const asLine1 = (text: string): string => text.replace(/0/g, 'O')

  it('reads every cell of a sharp line, fillers and look-alikes included', async () => {
    expect(asLine1((await read(LINE1, 40, 0)).line.text)).toBe(LINE1)
    expect((await read(LINE2, 40, 0)).line.text).toBe(LINE2)
  })

  it('follows a line that slopes across its crop (a page straightened from a slightly wrong outline)', async () => {
    // Half a degree over the line's 38 em: the glyphs at the end sit a third of their height lower than at the start.
    expect(asLine1((await read(LINE1, 40, 0, 0.5)).line.text)).toBe(LINE1)
  })

  it('reads a small, blurred line cell by cell, and each cell knows its runners-up', async () => {
    const r = await read(LINE2, 22, 1.2)
    const wrong = [...r.line.text].filter((c, i) => c !== LINE2[i] && !(c === 'O' && LINE2[i] === '0'))
    expect(wrong).toEqual([])
    for (const c of r.line.chars) {
      expect(c.prob).toBeGreaterThan(0)
      expect(c.alts).toHaveLength(3)
    }
  })
})

describe('line2Unique', () => {
  it('takes a line whose check digits rule out every other reading of its unsure cells', () => {
    expect(line2Unique(LINE2, fakeRead(LINE2), glyphs.alphabet, MAINLAND_LINE2)).toBe(true)
    // One personal-number cell torn between Q and O: only Q keeps the check digit.
    expect(line2Unique(LINE2, fakeRead(LINE2, { 28: ['Q', 'O'] }), glyphs.alphabet, MAINLAND_LINE2)).toBe(true)
  })

  it('refuses a line where two errors could cancel in a check digit, or an unchecked cell is unsure', () => {
    // Positions 28 and 29 carry weights 7 and 3 (in the composite too): Q→O at both takes 20 off each sum.
    expect(LINE2.slice(28, 30)).toBe('QQ')
    expect(line2Unique(LINE2, fakeRead(LINE2, { 28: ['Q', 'O'], 29: ['Q', 'O'] }), glyphs.alphabet, MAINLAND_LINE2)).toBe(false)
    expect(line2Unique(LINE2, fakeRead(LINE2, { 20: ['F', 'M'] }), glyphs.alphabet, MAINLAND_LINE2)).toBe(false)
    // L and 1 have the same check-digit value modulo 10: a cell torn between L and I never rules out the 1 it
    // may well be, though the glyphs gave 1 nothing.
    const withL = `EL${LINE2.slice(2)}`
    expect(withL.slice(0, 3)).toBe('EL2')
    expect(line2Unique(withL, fakeRead(withL, { 1: ['L', 'I'] }), glyphs.alphabet, MAINLAND_LINE2)).toBe(false)
    const broken = LINE2.slice(0, 43) + String((Number(LINE2[43]) + 1) % 10)
    expect(line2Unique(broken, fakeRead(broken), glyphs.alphabet, MAINLAND_LINE2)).toBe(false)
  })

  it("takes the mainland number's series letter as the family's rule allows (E or G), so F counts for E", () => {
    // E→F would add 7 at weight 7 and 2→5 add 3 at weight 1, in the number's check and the composite alike: only
    // the E, which every ordinary passport's number has, rules that reading out.
    expect(line2Unique(LINE2, fakeRead(LINE2, { 0: ['E', 'F'], 2: ['2', '5'] }), glyphs.alphabet, MAINLAND_LINE2)).toBe(true)
  })
})

describe('line1Unique', () => {
  it('takes a name that reads as pinyin when no other reading of its unsure cells does', () => {
    expect(line1Unique(LINE1, fakeRead(LINE1), glyphs.alphabet, TD3_LINE1, PINYIN_SPELLING)).toBe(true)
    // O against 0 in a name: 0 cannot stand there, so the cell is sure.
    expect(line1Unique(LINE1, fakeRead(LINE1, { 5: ['O', '0'] }), glyphs.alphabet, TD3_LINE1, PINYIN_SPELLING)).toBe(true)
    // OUVANG is no pinyin: the Y stands.
    expect(line1Unique(LINE1, fakeRead(LINE1, { 7: ['Y', 'V'] }), glyphs.alphabet, TD3_LINE1, PINYIN_SPELLING)).toBe(true)
    // OUYANO spells OU-YAN-O, but 哦 (O) is an interjection, never a name's syllable.
    expect(line1Unique(LINE1, fakeRead(LINE1, { 10: ['G', 'O'] }), glyphs.alphabet, TD3_LINE1, PINYIN_SPELLING)).toBe(true)
  })

  it('refuses a name another reading of which is pinyin too, or which is no pinyin itself', () => {
    // OUNANG is pinyin as well (OU-NANG).
    expect(line1Unique(LINE1, fakeRead(LINE1, { 7: ['Y', 'N'] }), glyphs.alphabet, TD3_LINE1, PINYIN_SPELLING)).toBe(false)
    const garbled = LINE1.replace('QINGQING', 'QXNGQING')
    expect(line1Unique(garbled, fakeRead(garbled), glyphs.alphabet, TD3_LINE1, PINYIN_SPELLING)).toBe(false)
  })
})

describe('parseGlyphSet', () => {
  it('refuses a file that does not hold one template per character', () => {
    const file = JSON.stringify({
      alphabet: 'AB',
      width: 2,
      height: 2,
      window: 0.8,
      margin: 0.1,
      pixels: Buffer.alloc(7).toString('base64')
    })
    expect(() => parseGlyphSet(file)).toThrow(expect.objectContaining({ code: 'MODEL_CORRUPT' }))
  })
})
