import type { Homography } from './homography'
import type { Raster } from './raster'

/**
 * Resample `src` through a homography that maps *destination* pixels to source pixels.
 * Bilinear interpolation; pixels that fall outside the source take `fill`.
 */
export function warpPerspective(src: Raster, dstToSrc: Homography, width: number, height: number, fill = 255): Raster {
  const { data, width: sw, height: sh, channels: ch } = src
  const out = new Uint8Array(width * height * ch)
  const [a, b, c, d, e, f, g, h, i] = dstToSrc
  let o = 0
  for (let y = 0; y < height; y++) {
    // Row-incremental evaluation of the projective map keeps the inner loop to adds and one divide.
    let X = b * y + c
    let Y = e * y + f
    let W = h * y + i
    for (let x = 0; x < width; x++, X += a, Y += d, W += g, o += ch) {
      const sx = X / W
      const sy = Y / W
      const x0 = Math.floor(sx)
      const y0 = Math.floor(sy)
      if (x0 < 0 || y0 < 0 || x0 >= sw - 1 || y0 >= sh - 1) {
        for (let k = 0; k < ch; k++) out[o + k] = fill
        continue
      }
      const fx = sx - x0
      const fy = sy - y0
      const p = (y0 * sw + x0) * ch
      const q = p + sw * ch
      for (let k = 0; k < ch; k++) {
        const top = data[p + k] + (data[p + ch + k] - data[p + k]) * fx
        const bot = data[q + k] + (data[q + ch + k] - data[q + k]) * fx
        out[o + k] = (top + (bot - top) * fy + 0.5) | 0
      }
    }
  }
  return { data: out, width, height, channels: ch }
}
