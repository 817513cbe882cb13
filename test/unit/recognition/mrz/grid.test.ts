import { describe, expect, it } from 'vitest'
import { rectBox } from '../../../../src/main/recognition/det/postprocess'
import type { Quad } from '../../../../src/shared/domain/geometry'
import { viewOf } from '../../../../src/main/recognition/image/crop'
import { cellsQuad, findMrzGrid, fitLineBand } from '../../../../src/main/recognition/mrz/grid'

// A light page with two lines of dark "glyphs" (bars 14 px wide at a 25 px pitch): rows 100–130 and 160–190.
function page(): { data: Uint8Array; width: number; height: number; channels: number } {
  const width = 1200
  const height = 300
  const data = new Uint8Array(width * height * 3).fill(225)
  for (const [y0, y1] of [
    [100, 130],
    [160, 190]
  ])
    for (let y = y0; y < y1; y++)
      for (let x = 50; x < 1150; x++) if ((x - 50) % 25 < 14) data.fill(30, (y * width + x) * 3, (y * width + x) * 3 + 3)
  return { data, width, height, channels: 3 }
}

describe('fitLineBand', () => {
  it('cuts a box that took in the other line down to its own glyphs', () => {
    // Detection's box for the lower line reaches up into the upper one: rows 122–198.
    const loose = rectBox({ x: 600, y: 160 }, { x: 1, y: 0 }, 1120, 76, 0.9)
    const fitted = fitLineBand(viewOf(page()), loose)
    expect(fitted.center.y).toBeGreaterThan(172)
    expect(fitted.center.y).toBeLessThan(178)
    expect(fitted.short).toBeGreaterThan(30)
    expect(fitted.short).toBeLessThan(60)
    expect(fitted.long).toBe(loose.long)
  })

  it('leaves a box that already fits its line', () => {
    const tight = rectBox({ x: 600, y: 175 }, { x: 1, y: 0 }, 1120, 44, 0.9)
    expect(fitLineBand(viewOf(page()), tight)).toBe(tight)
  })
})

// One line of 44 glyphs (bars 14 px wide) whose pitch grows from 22 to 30 px along it, as a page straightened
// from a slightly wrong outline stretches its MRZ.
function stretchedLine(): { raster: { data: Uint8Array; width: number; height: number; channels: number }; centres: number[] } {
  const width = 1300
  const height = 80
  const data = new Uint8Array(width * height * 3).fill(225)
  const centres: number[] = []
  let x = 40
  for (let k = 0; k < 44; k++) {
    centres.push(x + 7)
    for (let y = 25; y < 55; y++) for (let c = x; c < x + 14; c++) data.fill(30, (y * width + c) * 3, (y * width + c) * 3 + 3)
    x += 22 + (8 * k) / 43
  }
  return { raster: { data, width, height, channels: 3 }, centres }
}

describe('findMrzGrid', () => {
  it('cuts blocks midway between the glyphs when the pitch drifts along the line', () => {
    const { raster, centres } = stretchedLine()
    const quad: Quad = [
      { x: 20, y: 15 },
      { x: 1280, y: 15 },
      { x: 1280, y: 65 },
      { x: 20, y: 65 }
    ]
    const grid = findMrzGrid(viewOf(raster), quad)
    expect(grid?.centres).toHaveLength(44)
    // Block [11, 22): a uniform grid puts its edges up to a third of a pitch off here; between glyphs is exact.
    for (const [from, to] of [
      [0, 11],
      [11, 22],
      [22, 33],
      [33, 44]
    ]) {
      const q = cellsQuad(quad, grid!, from, to)
      const left = from === 0 ? centres[0] - 11 : (centres[from - 1] + centres[from]) / 2
      const right = to === 44 ? centres[43] + 15 : (centres[to - 1] + centres[to]) / 2
      expect(Math.abs(q[0].x - left)).toBeLessThan(2.5)
      expect(Math.abs(q[1].x - right)).toBeLessThan(2.5)
    }
  })
})
