import type { Raster } from './raster'

/**
 * Resize an RGB(A) raster to w×h (bilinear) and write it as a normalised CHW float tensor
 * at `out[offset…]`, in one pass so no intermediate image is allocated.
 * Columns past `validW` are left as zero padding (what PaddleOCR pads batches with).
 */
export function rasterToChw(
  src: Raster,
  w: number,
  h: number,
  mean: readonly number[],
  std: readonly number[],
  out: Float32Array,
  offset = 0,
  stride = w,
  validW = w
): void {
  const { data, width: sw, height: sh, channels: ch } = src
  const plane = h * stride
  const sx = sw / w
  const sy = sh / h
  const k0 = 1 / (255 * std[0])
  const k1 = 1 / (255 * std[1])
  const k2 = 1 / (255 * std[2])
  const m0 = mean[0] / std[0]
  const m1 = mean[1] / std[1]
  const m2 = mean[2] / std[2]
  if (sw === w && sh === h) {
    // Already the tensor's size (the recogniser's line crops): the same values without the interpolation.
    for (let y = 0, i = 0; y < h; y++) {
      for (let x = 0, o = offset + y * stride; x < validW; x++, o++, i += ch) {
        out[o] = data[i] * k0 - m0
        out[o + plane] = data[i + 1] * k1 - m1
        out[o + 2 * plane] = data[i + 2] * k2 - m2
      }
      i += (sw - validW) * ch
    }
    return
  }
  // Each column's source offsets and weight are the same on every row: computed once (the same arithmetic).
  const left = new Int32Array(validW)
  const right = new Int32Array(validW)
  const weight = new Float64Array(validW)
  for (let x = 0; x < validW; x++) {
    const fx = Math.max(0, Math.min(sw - 1.001, (x + 0.5) * sx - 0.5))
    const x0 = fx | 0
    weight[x] = fx - x0
    left[x] = x0 * ch
    right[x] = x0 * ch + (x0 + 1 < sw ? ch : 0)
  }
  for (let y = 0; y < h; y++) {
    const fy = Math.max(0, Math.min(sh - 1.001, (y + 0.5) * sy - 0.5))
    const y0 = fy | 0
    const wy = fy - y0
    const r0 = y0 * sw * ch
    const r1 = r0 + (y0 + 1 < sh ? sw * ch : 0)
    for (let x = 0; x < validW; x++) {
      const wx = weight[x]
      const a = r0 + left[x]
      const b = r0 + right[x]
      const c = r1 + left[x]
      const d = r1 + right[x]
      const w00 = (1 - wx) * (1 - wy)
      const w01 = wx * (1 - wy)
      const w10 = (1 - wx) * wy
      const w11 = wx * wy
      const o = offset + y * stride + x
      out[o] = (data[a] * w00 + data[b] * w01 + data[c] * w10 + data[d] * w11) * k0 - m0
      out[o + plane] = (data[a + 1] * w00 + data[b + 1] * w01 + data[c + 1] * w10 + data[d + 1] * w11) * k1 - m1
      out[o + 2 * plane] = (data[a + 2] * w00 + data[b + 2] * w01 + data[c + 2] * w10 + data[d + 2] * w11) * k2 - m2
    }
  }
}

/**
 * A model input buffer kept from run to run: a fresh multi-megabyte typed array is page-faulted in and, as external
 * memory, brings on V8's full collections (about one an image). A run in progress holds it; a concurrent run
 * gets a buffer of its own. Its contents are what the previous run left: callers write every element they use.
 */
export class InputBuffer {
  private idle: Float32Array | null = null

  /** Lend `fn` a buffer of `length` floats for the duration of its promise. */
  async use<T>(length: number, fn: (data: Float32Array) => Promise<T>): Promise<T> {
    const held = this.idle !== null && this.idle.length >= length ? this.idle : new Float32Array(length)
    this.idle = null
    try {
      return await fn(held.subarray(0, length))
    } finally {
      // A concurrent run may have given back a buffer meanwhile: the larger one stays.
      const idle = this.idle as Float32Array | null
      if (idle === null || idle.length < held.length) this.idle = held
    }
  }
}
