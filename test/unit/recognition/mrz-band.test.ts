import { describe, expect, it } from 'vitest'
import { rectBox } from '../../../src/main/recognition/det/postprocess'
import { fitLineBand } from '../../../src/main/recognition/passport/mrz-grid'

// A light page with two lines of dark "glyphs" (bars 14 px wide at a 25 px pitch): rows 100–130 and 160–190.
function page(): { data: Uint8Array; width: number; height: number; channels: number } {
  const width = 1200
  const height = 300
  const data = new Uint8Array(width * height * 3).fill(225)
  for (const [y0, y1] of [
    [100, 130],
    [160, 190]
  ])
    for (let y = y0; y < y1; y++) for (let x = 50; x < 1150; x++) if ((x - 50) % 25 < 14) data.fill(30, (y * width + x) * 3, (y * width + x) * 3 + 3)
  return { data, width, height, channels: 3 }
}

describe('fitLineBand', () => {
  it('cuts a box that took in the other line down to its own glyphs', () => {
    // Detection's box for the lower line reaches up into the upper one: rows 122–198.
    const loose = rectBox({ x: 600, y: 160 }, { x: 1, y: 0 }, 1120, 76, 0.9)
    const fitted = fitLineBand(page(), loose)
    expect(fitted.center.y).toBeGreaterThan(172)
    expect(fitted.center.y).toBeLessThan(178)
    expect(fitted.short).toBeGreaterThan(30)
    expect(fitted.short).toBeLessThan(60)
    expect(fitted.long).toBe(loose.long)
  })

  it('leaves a box that already fits its line', () => {
    const tight = rectBox({ x: 600, y: 175 }, { x: 1, y: 0 }, 1120, 44, 0.9)
    expect(fitLineBand(page(), tight)).toBe(tight)
  })
})
