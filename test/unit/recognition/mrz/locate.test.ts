import { describe, expect, it } from 'vitest'
import { rectBox } from '../../../../src/main/recognition/det/postprocess'
import type { TextBox } from '../../../../src/main/recognition/det/postprocess'
import { locateMrz } from '../../../../src/main/recognition/mrz/locate'

/** A horizontal detected line from x0 to x1 at height y, 30 px tall (a page about 1300 px wide). */
const line = (x0: number, x1: number, y: number): TextBox => rectBox({ x: (x0 + x1) / 2, y }, { x: 1, y: 0 }, x1 - x0, 30, 0.9)
/** The field area's print above the MRZ, which says which way up the page is. */
const fields = [line(400, 700, 300), line(400, 650, 380), line(400, 800, 460), line(900, 1100, 460)]

describe('locateMrz', () => {
  it('finds the two long lines one pitch apart, line 1 the one nearer the print', () => {
    const [pair] = locateMrz([...fields, line(100, 1200, 900), line(100, 1200, 940)])
    expect(pair.upper.center.y).toBe(900)
    expect(pair.lower.center.y).toBe(940)
  })

  it("joins a line broken where a thumb lay over it, as a whole line's partner", () => {
    // Neither piece alone is long enough beside line 1 to be its partner.
    expect(locateMrz([...fields, line(100, 1200, 900), line(100, 380, 940)])).toEqual([])
    const pairs = locateMrz([...fields, line(100, 1200, 900), line(100, 380, 940), line(920, 1200, 940)])
    expect(pairs.length).toBeGreaterThan(0)
    const { lower } = pairs[0]
    expect(lower.center.y).toBeCloseTo(940, 0)
    expect(lower.long).toBeCloseTo(1100, 0)
    // Pieces spanning too little of the whole line are not joined; no piece alone is long enough to pair.
    expect(locateMrz([...fields, line(100, 1200, 900), line(100, 300, 940), line(500, 700, 940)])).toEqual([])
  })

  it('never pairs two broken lines: any two rows of print would do', () => {
    const broken = [line(100, 380, 900), line(920, 1200, 900), line(100, 380, 940), line(920, 1200, 940)]
    expect(locateMrz([...fields, ...broken])).toEqual([])
  })
})
