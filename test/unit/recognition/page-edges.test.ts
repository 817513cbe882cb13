import { describe, expect, it } from 'vitest'
import { toGray } from '../../../src/main/recognition/image/decode'
import { homographyFromPoints } from '../../../src/main/recognition/image/homography'
import { findPageCorners } from '../../../src/main/recognition/passport/page-edges'
import { pageCornersMm } from '../../../src/main/recognition/passport/page-frame'

// A light page (125 × 88 mm at 6 px/mm) on a dark desk, 60 px in from the image's corner.
const PX = 6
const W = 1000
const H = 700
function desk(): { data: Uint8Array; width: number; height: number; channels: number } {
  const data = new Uint8Array(W * H).fill(40)
  for (let y = 60; y < 60 + 88 * PX; y++) for (let x = 60; x < 60 + 125 * PX; x++) data[y * W + x] = 210
  return { data, width: W, height: H, channels: 1 }
}
// The search steps a quarter millimetre and measures steps across ±2 frame pixels.
const MM_TOLERANCE = 1
const mmToImage = homographyFromPoints(
  pageCornersMm(),
  pageCornersMm().map((p) => ({ x: 60 + p.x * PX, y: 60 + p.y * PX }))
)

describe('findPageCorners', () => {
  it('finds the page edges from a frame a few millimetres off', () => {
    const shifted = homographyFromPoints(
      pageCornersMm(),
      pageCornersMm().map((p) => ({ x: 75 + p.x * PX, y: 50 + p.y * PX }))
    )
    const corners = findPageCorners(desk(), shifted, { x0: 6, x1: 119, y0: 8, y1: 84 })
    // In the shifted frame the true page starts 2.5 mm left and 1.7 mm down.
    const near = (got: number, want: number): void => expect(Math.abs(got - want)).toBeLessThanOrEqual(MM_TOLERANCE)
    near(corners[0].x, -2.5)
    near(corners[0].y, 10 / 6)
    near(corners[2].x, 122.5)
    near(corners[2].y, 88 + 10 / 6)
  })

  it('keeps both side edges when a frame that missed some perspective shows the page a few millimetres narrow', () => {
    // The frame takes 1 mm for 6.4 px, so the 125 mm page spans 117.2 of its millimetres: 7.8 off the known width,
    // which a copy of the left edge 125 mm on would have overruled.
    const scaled = homographyFromPoints(
      pageCornersMm(),
      pageCornersMm().map((p) => ({ x: 60 + p.x * 6.4, y: 60 + p.y * 6.4 }))
    )
    const corners = findPageCorners(desk(), scaled, { x0: 6, x1: 110, y0: 8, y1: 80 })
    expect(Math.abs(corners[0].x)).toBeLessThanOrEqual(MM_TOLERANCE)
    expect(Math.abs(corners[1].x - (125 * PX) / 6.4)).toBeLessThanOrEqual(MM_TOLERANCE)
  })

  it('keeps the prior for an edge whose search range the ink leaves empty', () => {
    // Ink claimed beyond every place the left and right edges could be: nothing to search, nothing thrown.
    const corners = findPageCorners(desk(), mmToImage, { x0: -50, x1: 200, y0: 8, y1: 84 })
    expect(corners[0].x).toBeCloseTo(0, 5)
    expect(corners[1].x).toBeCloseTo(125, 5)
    expect(Math.abs(corners[0].y)).toBeLessThanOrEqual(MM_TOLERANCE)
  })

  it('finds a cream page on a grey scanner lid of the same brightness in colour, where luma shows no step', () => {
    // Background (238, 240, 240) and page (250, 240, 218) have the same luma, 239–240; the page is the tinted one.
    const rgb = new Uint8Array(W * H * 3)
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const onPage = y >= 60 && y < 60 + 88 * PX && x >= 60 && x < 60 + 125 * PX
        rgb.set(onPage ? [250, 240, 218] : [238, 240, 240], (y * W + x) * 3)
      }
    const colour = { data: rgb, width: W, height: H, channels: 3 }
    const shifted = homographyFromPoints(
      pageCornersMm(),
      pageCornersMm().map((p) => ({ x: 75 + p.x * PX, y: 50 + p.y * PX }))
    )
    const ink = { x0: 6, x1: 119, y0: 8, y1: 84 }
    const near = (got: number, want: number): void => expect(Math.abs(got - want)).toBeLessThanOrEqual(MM_TOLERANCE)
    // Luma alone: no edge, the prior stands.
    const blind = findPageCorners(toGray(colour), shifted, ink)
    near(blind[0].x, 0)
    near(blind[0].y, 0)
    // With the colour: the true page, 2.5 mm left and 1.7 mm down in the shifted frame.
    const seen = findPageCorners(colour, shifted, ink)
    near(seen[0].x, -2.5)
    near(seen[0].y, 10 / 6)
    near(seen[2].x, 122.5)
    near(seen[2].y, 88 + 10 / 6)
  })
})
