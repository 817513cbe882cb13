import type { Homography } from './homography'
import type { Raster } from './raster'

/**
 * Resample `src` through a homography that maps *destination* pixels to source pixels.
 * Bilinear interpolation; pixels that fall outside the source take `fill`. With `toLuma`, an RGB source comes
 * out as one channel of luma (as `toGray`, at least 1), so a gray view of a photo costs only the pixels warped.
 */
export function warpPerspective(src: Raster, dstToSrc: Homography, width: number, height: number, fill = 255, toLuma = false): Raster {
  const { data, width: sw, height: sh, channels: ch } = src
  const luma = toLuma && ch === 3
  const outCh = luma ? 1 : ch
  const out = new Uint8Array(width * height * outCh)
  const [a, b, c, d, e, f, g, h, i] = dstToSrc
  const row = ch * sw
  let o = 0
  for (let y = 0; y < height; y++) {
    // Row-incremental evaluation of the projective map keeps the inner loop to adds and one divide.
    let X = b * y + c
    let Y = e * y + f
    let W = h * y + i
    for (let x = 0; x < width; x++, X += a, Y += d, W += g, o += outCh) {
      const r = 1 / W
      const sx = X * r
      const sy = Y * r
      // The bounds test comes first, so truncation is a floor: both are non-negative here.
      if (!(sx >= 0 && sy >= 0 && sx < sw - 1 && sy < sh - 1)) {
        out.fill(fill, o, o + outCh)
        continue
      }
      const x0 = sx | 0
      const y0 = sy | 0
      const fx = sx - x0
      const fy = sy - y0
      const p = y0 * row + x0 * ch
      const q = p + row
      // One channel and three channels are the only kinds the engine warps: unrolled, they run about twice as fast.
      if (ch === 1) {
        const top = data[p] + (data[p + 1] - data[p]) * fx
        const bot = data[q] + (data[q + 1] - data[q]) * fx
        out[o] = (top + (bot - top) * fy + 0.5) | 0
      } else if (luma) {
        let top = data[p] + (data[p + 3] - data[p]) * fx
        let bot = data[q] + (data[q + 3] - data[q]) * fx
        const red = top + (bot - top) * fy
        top = data[p + 1] + (data[p + 4] - data[p + 1]) * fx
        bot = data[q + 1] + (data[q + 4] - data[q + 1]) * fx
        const green = top + (bot - top) * fy
        top = data[p + 2] + (data[p + 5] - data[p + 2]) * fx
        bot = data[q + 2] + (data[q + 5] - data[q + 2]) * fx
        const blue = top + (bot - top) * fy
        // BT.601 with toGray's weights (77, 150, 29 / 256), lifted to 1: 0 is left to mark "outside the image".
        out[o] = Math.max(1, (red * 77 + green * 150 + blue * 29) / 256 + 0.5) | 0
      } else if (ch === 3) {
        let top = data[p] + (data[p + 3] - data[p]) * fx
        let bot = data[q] + (data[q + 3] - data[q]) * fx
        out[o] = (top + (bot - top) * fy + 0.5) | 0
        top = data[p + 1] + (data[p + 4] - data[p + 1]) * fx
        bot = data[q + 1] + (data[q + 4] - data[q + 1]) * fx
        out[o + 1] = (top + (bot - top) * fy + 0.5) | 0
        top = data[p + 2] + (data[p + 5] - data[p + 2]) * fx
        bot = data[q + 2] + (data[q + 5] - data[q + 2]) * fx
        out[o + 2] = (top + (bot - top) * fy + 0.5) | 0
      } else {
        for (let k = 0; k < ch; k++) {
          const top = data[p + k] + (data[p + ch + k] - data[p + k]) * fx
          const bot = data[q + k] + (data[q + ch + k] - data[q + k]) * fx
          out[o + k] = (top + (bot - top) * fy + 0.5) | 0
        }
      }
    }
  }
  return { data: out, width, height, channels: outCh }
}
