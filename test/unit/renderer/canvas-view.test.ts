import { describe, expect, it } from 'vitest'
import { bringIntoView, fitView, toScreen, zoomAt } from '../../../src/renderer/src/features/review/canvas-view'

const image = { width: 400, height: 200 }
const viewport = { width: 800, height: 800 }

describe('canvas view', () => {
  it('fits the image centred, for every rotation', () => {
    const v = fitView(viewport, image, 0)
    expect(v.scale).toBeCloseTo(1.92)
    expect(toScreen(v, image, { x: 200, y: 100 })).toEqual({ x: 400, y: 400 })
    const r = fitView(viewport, image, 90)
    expect(r.scale).toBeCloseTo(1.92)
    // Rotated a quarter turn clockwise: the image's top-left corner goes to the top-right.
    const tl = toScreen(r, image, { x: 0, y: 0 })
    expect(tl.x).toBeCloseTo(400 + 1.92 * 100)
    expect(tl.y).toBeCloseTo(400 - 1.92 * 200)
  })

  it('zooms around a fixed screen point', () => {
    const v = fitView(viewport, image, 0)
    const at = { x: 123, y: 456 }
    const before = { x: (at.x - v.tx) / v.scale, y: (at.y - v.ty) / v.scale }
    const z = zoomAt(v, 2, at)
    const after = toScreen(z, image, before)
    expect(after.x).toBeCloseTo(at.x)
    expect(after.y).toBeCloseTo(at.y)
  })

  it('pans an off-screen box to the centre and leaves a visible one alone', () => {
    const v = zoomAt(fitView(viewport, image, 0), 4, { x: 0, y: 0 })
    const box = [
      { x: 390, y: 190 },
      { x: 399, y: 199 }
    ]
    const moved = bringIntoView(v, viewport, image, box)
    const c = toScreen(moved, image, { x: 394.5, y: 194.5 })
    expect(c.x).toBeCloseTo(400)
    expect(c.y).toBeCloseTo(400)
    expect(bringIntoView(moved, viewport, image, box)).toEqual(moved)
  })
})
