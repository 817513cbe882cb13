import type { Point } from '../../../shared/domain/geometry'
import { distance } from '../../../shared/domain/geometry'
import { homographyFromPoints } from './homography'
import type { Raster } from './raster'
import { warpPerspective } from './warp'

/**
 * Cut a quad (clockwise from its reading top-left) out of `src` and straighten it into a raster
 * `height` pixels high, keeping its aspect ratio (width capped at `maxWidth`).
 */
export function cropQuad(src: Raster, quad: readonly Point[], height: number, maxWidth: number): Raster {
  const w = (distance(quad[0], quad[1]) + distance(quad[3], quad[2])) / 2
  const h = (distance(quad[0], quad[3]) + distance(quad[1], quad[2])) / 2
  const width = Math.max(8, Math.min(maxWidth, Math.round((height * w) / Math.max(1, h))))
  const dst = [
    { x: 0, y: 0 },
    { x: width, y: 0 },
    { x: width, y: height },
    { x: 0, y: height }
  ]
  return warpPerspective(src, homographyFromPoints(dst, quad), width, height)
}
