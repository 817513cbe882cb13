import { cameraConfig } from './camera-config'

/** A luminance image: one byte per pixel, row by row. */
export interface GrayFrame {
  width: number
  height: number
  data: Uint8Array
}

/** What auto-capture reads of one analysis frame. */
export interface FrameMetrics {
  /** Standard deviation of luminance. */
  contrast: number
  /** Mean absolute change from the previous frame (Infinity for the first). */
  motion: number
  /** Mean squared 4-neighbour Laplacian over luminance variance: high for crisp print, low for blur. */
  sharpness: number
  /** Share of clipped pixels. */
  glare: number
}

/** RGBA pixels (a canvas's ImageData) to luminance, Rec. 601 weights in integers. */
export function toGray(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): GrayFrame {
  const data = new Uint8Array(width * height)
  for (let i = 0, p = 0; i < data.length; i++, p += 4) data[i] = (rgba[p] * 77 + rgba[p + 1] * 150 + rgba[p + 2] * 29) >> 8
  return { width, height, data }
}

/** The metrics of `frame`, its motion measured against `previous` (same size) when there is one. */
export function frameMetrics(frame: GrayFrame, previous: GrayFrame | null): FrameMetrics {
  const { width: w, height: h, data } = frame
  const n = data.length
  let sum = 0
  let sumSq = 0
  let clipped = 0
  for (let i = 0; i < n; i++) {
    const v = data[i]
    sum += v
    sumSq += v * v
    if (v >= cameraConfig.glareLevel) clipped++
  }
  const mean = sum / n
  const variance = Math.max(sumSq / n - mean * mean, 1e-6)
  // 1. Sharpness: Laplacian energy, normalised by the frame's own variance so that lighting does not move it.
  let lap = 0
  for (let y = 1; y < h - 1; y++)
    for (let x = 1, i = y * w + 1; x < w - 1; x++, i++) {
      const l = 4 * data[i] - data[i - 1] - data[i + 1] - data[i - w] - data[i + w]
      lap += l * l
    }
  const sharpness = lap / ((w - 2) * (h - 2)) / variance
  // 2. Motion: mean absolute difference from the previous frame.
  let motion = Infinity
  if (previous && previous.data.length === n) {
    let diff = 0
    for (let i = 0; i < n; i++) diff += Math.abs(data[i] - previous.data[i])
    motion = diff / n
  }
  return { contrast: Math.sqrt(variance), motion, sharpness, glare: clipped / n }
}

/** A coarse thumbnail (area average) to recognise the same page lying in the same place. */
export function fingerprint(frame: GrayFrame): Uint8Array {
  const fw = cameraConfig.fingerprintWidth
  const fh = cameraConfig.fingerprintHeight
  const out = new Uint8Array(fw * fh)
  for (let by = 0; by < fh; by++)
    for (let bx = 0; bx < fw; bx++) {
      const x0 = Math.floor((bx * frame.width) / fw)
      const x1 = Math.floor(((bx + 1) * frame.width) / fw)
      const y0 = Math.floor((by * frame.height) / fh)
      const y1 = Math.floor(((by + 1) * frame.height) / fh)
      let s = 0
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) s += frame.data[y * frame.width + x]
      out[by * fw + bx] = Math.round(s / Math.max(1, (x1 - x0) * (y1 - y0)))
    }
  return out
}

/** Mean absolute difference of two fingerprints. */
export function fingerprintDiff(a: Uint8Array, b: Uint8Array): number {
  let d = 0
  for (let i = 0; i < a.length; i++) d += Math.abs(a[i] - b[i])
  return d / a.length
}
