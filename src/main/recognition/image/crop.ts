import type { Point } from '../../../shared/domain/geometry'
import { distance } from '../../../shared/domain/geometry'
import type { Homography } from './homography'
import { composeHomography, homographyFromPoints } from './homography'
import type { Raster } from './raster'
import { warpPerspective } from './warp'

/**
 * An image and the map from the coordinates quads are given in to its pixels. The straightened page is such a
 * view of the photo: crops taken through it are resampled once, from the photo's own pixels.
 */
export interface ImageView {
  image: Raster
  toImage: Homography
}

const IDENTITY: Homography = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1])

/** An image seen in its own pixel coordinates. */
export function viewOf(image: Raster): ImageView {
  return { image, toImage: IDENTITY }
}

/**
 * Cut a quad (clockwise from its reading top-left, in the view's coordinates) out of the view and straighten it
 * into a raster `height` pixels high, keeping the quad's aspect ratio (width capped at `maxWidth`).
 */
export function cropQuad(view: ImageView, quad: readonly Point[], height: number, maxWidth: number): Raster {
  const w = (distance(quad[0], quad[1]) + distance(quad[3], quad[2])) / 2
  const h = (distance(quad[0], quad[3]) + distance(quad[1], quad[2])) / 2
  const width = Math.max(8, Math.min(maxWidth, Math.round((height * w) / Math.max(1, h))))
  const dst = [
    { x: 0, y: 0 },
    { x: width, y: 0 },
    { x: width, y: height },
    { x: 0, y: height }
  ]
  return warpPerspective(view.image, composeHomography(view.toImage, homographyFromPoints(dst, quad)), width, height)
}

/** An axis-aligned rectangle of a raster, copied row by row (no resampling). */
export function cropRect(src: Raster, x: number, y: number, width: number, height: number): Raster {
  const ch = src.channels
  const out = new Uint8Array(width * height * ch)
  for (let r = 0; r < height; r++) {
    const from = ((y + r) * src.width + x) * ch
    out.set(src.data.subarray(from, from + width * ch), r * width * ch)
  }
  return { data: out, width, height, channels: ch }
}
