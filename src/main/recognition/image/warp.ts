import type { Homography } from './homography'
import type { Raster } from './raster'

/** Destination pixels between two exact evaluations of the projective map; linear in between. */
const SPAN = 8
/** Source coordinates are 16.16 fixed point, interpolation weights 8-bit. */
const ONE = 65536

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
  const maxX = (sw - 1) * ONE
  const maxY = (sh - 1) * ONE
  let o = 0
  for (let y = 0; y < height; y++) {
    const X = b * y + c
    const Y = e * y + f
    const W = h * y + i
    for (let x0 = 0; x0 < width; x0 += SPAN) {
      // 1. The map is evaluated exactly every SPAN pixels and followed linearly between: over eight pixels a page's
      //    perspective bends it by far less than a hundredth of a pixel, and the divides were a third of the time.
      const x1 = Math.min(width, x0 + SPAN)
      const w0 = W + g * x0
      const w1 = W + g * x1
      let sx = ((X + a * x0) / w0) * ONE
      let sy = ((Y + d * x0) / w0) * ONE
      const dx = (((X + a * x1) / w1) * ONE - sx) / (x1 - x0)
      const dy = (((Y + d * x1) / w1) * ONE - sy) / (x1 - x0)
      for (let x = x0; x < x1; x++, sx += dx, sy += dy, o += outCh) {
        // The bounds test comes first, so truncation is a floor: both are non-negative here.
        if (!(sx >= 0 && sy >= 0 && sx < maxX && sy < maxY)) {
          out.fill(fill, o, o + outCh)
          continue
        }
        // 2. Integer bilinear interpolation: 8-bit weights, rounded once at the end.
        const ix = sx | 0
        const iy = sy | 0
        const fx = (ix >> 8) & 255
        const fy = (iy >> 8) & 255
        const p = (iy >> 16) * row + (ix >> 16) * ch
        const q = p + row
        // One channel and three channels are the only kinds the engine warps: unrolled, they run about twice as fast.
        if (ch === 1) {
          out[o] = (lerp2(data[p], data[p + 1], data[q], data[q + 1], fx, fy) + 128) >> 8
        } else if (luma) {
          const red = lerp2(data[p], data[p + 3], data[q], data[q + 3], fx, fy)
          const green = lerp2(data[p + 1], data[p + 4], data[q + 1], data[q + 4], fx, fy)
          const blue = lerp2(data[p + 2], data[p + 5], data[q + 2], data[q + 5], fx, fy)
          // BT.601 with toGray's weights (77, 150, 29 / 256), lifted to 1: 0 is left to mark "outside the image".
          out[o] = Math.max(1, (red * 77 + green * 150 + blue * 29 + 32768) >> 16)
        } else if (ch === 3) {
          out[o] = (lerp2(data[p], data[p + 3], data[q], data[q + 3], fx, fy) + 128) >> 8
          out[o + 1] = (lerp2(data[p + 1], data[p + 4], data[q + 1], data[q + 4], fx, fy) + 128) >> 8
          out[o + 2] = (lerp2(data[p + 2], data[p + 5], data[q + 2], data[q + 5], fx, fy) + 128) >> 8
        } else {
          for (let k = 0; k < ch; k++) out[o + k] = (lerp2(data[p + k], data[p + ch + k], data[q + k], data[q + ch + k], fx, fy) + 128) >> 8
        }
      }
    }
  }
  return { data: out, width, height, channels: outCh }
}

/** Bilinear blend of four 8-bit samples with 8-bit weights, in 8.8 fixed point. */
function lerp2(p00: number, p01: number, p10: number, p11: number, fx: number, fy: number): number {
  const top = (p00 << 8) + (p01 - p00) * fx
  const bot = (p10 << 8) + (p11 - p10) * fx
  return ((top << 8) + (bot - top) * fy) >> 8
}
