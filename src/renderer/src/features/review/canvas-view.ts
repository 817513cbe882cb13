import type { Point } from '../../../../shared/domain/geometry'

/** How the image sits in the viewport: scale, offset, and a quarter-turn rotation about the image's centre. */
export interface CanvasView {
  scale: number
  tx: number
  ty: number
  rotation: 0 | 90 | 180 | 270
}

export interface Size {
  width: number
  height: number
}

// The fitted image keeps a small margin so the page edge and its outline stay visible.
const FIT_MARGIN = 0.96
export const MIN_SCALE = 0.05
export const MAX_SCALE = 8

/** Where an image point lands on screen. */
export function toScreen(view: CanvasView, image: Size, p: Point): Point {
  const cx = image.width / 2
  const cy = image.height / 2
  const rad = (view.rotation * Math.PI) / 180
  const cos = Math.round(Math.cos(rad))
  const sin = Math.round(Math.sin(rad))
  const rx = cx + (p.x - cx) * cos - (p.y - cy) * sin
  const ry = cy + (p.x - cx) * sin + (p.y - cy) * cos
  return { x: view.tx + view.scale * rx, y: view.ty + view.scale * ry }
}

/** The CSS transform for the stage (an element of the image's natural size, transform-origin 0 0). */
export function cssTransform(view: CanvasView, image: Size): string {
  const cx = image.width / 2
  const cy = image.height / 2
  return `translate(${view.tx}px, ${view.ty}px) scale(${view.scale}) translate(${cx}px, ${cy}px) rotate(${view.rotation}deg) translate(${-cx}px, ${-cy}px)`
}

/** The whole image, centred, as large as the viewport allows. */
export function fitView(viewport: Size, image: Size, rotation: CanvasView['rotation']): CanvasView {
  const turned = rotation === 90 || rotation === 270
  const w = turned ? image.height : image.width
  const h = turned ? image.width : image.height
  const scale = Math.min(viewport.width / w, viewport.height / h) * FIT_MARGIN
  return { scale, rotation, tx: viewport.width / 2 - (scale * image.width) / 2, ty: viewport.height / 2 - (scale * image.height) / 2 }
}

/** Zoom by `factor` keeping the screen point `at` fixed (the cursor, or the viewport centre). */
export function zoomAt(view: CanvasView, factor: number, at: Point): CanvasView {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor))
  const k = scale / view.scale
  return { ...view, scale, tx: at.x - (at.x - view.tx) * k, ty: at.y - (at.y - view.ty) * k }
}

/** Pan so that the centre of `points` is at the viewport's centre, unless all of them are already visible. */
export function bringIntoView(view: CanvasView, viewport: Size, image: Size, points: readonly Point[]): CanvasView {
  if (points.length === 0) return view
  const screen = points.map((p) => toScreen(view, image, p))
  const visible = screen.every((p) => p.x >= 0 && p.y >= 0 && p.x <= viewport.width && p.y <= viewport.height)
  if (visible) return view
  const mx = screen.reduce((s, p) => s + p.x, 0) / screen.length
  const my = screen.reduce((s, p) => s + p.y, 0) / screen.length
  return { ...view, tx: view.tx + viewport.width / 2 - mx, ty: view.ty + viewport.height / 2 - my }
}
