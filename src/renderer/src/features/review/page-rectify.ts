import type { Point } from '../../../../shared/domain/geometry'
import { distance } from '../../../../shared/domain/geometry'
import { applyHomography, cssMatrix3d, homographyFromQuads, projectiveWeight } from '../../../../shared/domain/homography'
import type { Homography } from '../../../../shared/domain/homography'
import type { SliceRect } from '../../../../shared/domain/response'
import type { Size } from './canvas-view'

/** How an image region is shown flat and upright: the size it is drawn at, and the transform from image pixels. */
export interface FlatView {
  size: Size
  /** Image pixels → flat view pixels. */
  toView: Homography
  /** The same transform for CSS (`transform-origin: 0 0` on an element of the image's size). */
  css: string
}

// A snippet shows a little of the print around the value box, so that a box cut tight still shows whole glyphs.
const SNIPPET_PAD_Y = 0.2
const SNIPPET_PAD_X = 0.04

/** The page outline's corners, clockwise from the page's own top-left. */
export function sliceCorners(s: SliceRect): Point[] {
  return [
    { x: s.x0, y: s.y0 },
    { x: s.x1, y: s.y1 },
    { x: s.x2, y: s.y2 },
    { x: s.x3, y: s.y3 }
  ]
}

/** A quad's width and height as the mean of its opposite edges. */
function quadSize(q: readonly Point[]): Size {
  return { width: (distance(q[0], q[1]) + distance(q[3], q[2])) / 2, height: (distance(q[0], q[3]) + distance(q[1], q[2])) / 2 }
}

/**
 * The view that sends `quad` (clockwise from its own top-left) onto the rectangle `inner` inside a box of `size`;
 * null when the quad is degenerate or part of the image would fall behind the projection (the browser could not draw it).
 */
function flatView(
  quad: readonly Point[],
  inner: { x: number; y: number; width: number; height: number },
  size: Size,
  image: Size
): FlatView | null {
  const { x, y, width, height } = inner
  const h = homographyFromQuads(quad, [
    { x, y },
    { x: x + width, y },
    { x: x + width, y: y + height },
    { x, y: y + height }
  ])
  if (!h) return null
  const corners = [
    { x: 0, y: 0 },
    { x: image.width, y: 0 },
    { x: image.width, y: image.height },
    { x: 0, y: image.height }
  ]
  if (corners.some((c) => projectiveWeight(h, c) <= 0)) return null
  return { size, toView: h, css: cssMatrix3d(h) }
}

/** The data page upright and flat at its own size in the image (mean edge lengths); null when it cannot be drawn so. */
export function rectifyPage(slice: SliceRect, image: Size): FlatView | null {
  const quad = sliceCorners(slice)
  const size = quadSize(quad)
  if (size.width < 1 || size.height < 1) return null
  const width = Math.round(size.width)
  const height = Math.round(size.height)
  return flatView(quad, { x: 0, y: 0, width, height }, { width, height }, image)
}

/**
 * A field's value box upright, its text `textPx` high (the input's text height), at most `maxWidth` wide, with a
 * margin of print around it.
 */
export function snippetView(valuePos: readonly Point[], image: Size, textPx: number, maxWidth: number): FlatView | null {
  if (valuePos.length !== 4) return null
  const q = quadSize(valuePos)
  if (q.width < 1 || q.height < 1) return null
  const scale = Math.min(textPx / q.height, maxWidth / (q.width * (1 + 2 * SNIPPET_PAD_X)))
  const width = q.width * scale
  const height = q.height * scale
  const padX = width * SNIPPET_PAD_X
  const padY = height * SNIPPET_PAD_Y
  const size = { width: Math.round(width + 2 * padX), height: Math.round(height + 2 * padY) }
  return flatView(valuePos, { x: padX, y: padY, width, height }, size, image)
}

/** Points in image pixels as the view draws them. */
export function toFlat(view: FlatView | null, points: readonly Point[]): Point[] {
  return view ? points.map((p) => applyHomography(view.toView, p)) : [...points]
}
