/**
 * The document camera's page outline on analysis frames: generated passport pages laid on desks at known corners
 * (the generator's own rotated, tilted and hand-held views, and the camera fixture's desk), and frames with no whole
 * page in view.
 */
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { Point, Quad } from '../../../src/shared/domain/geometry'
import { cameraConfig } from '../../../src/renderer/src/features/camera/camera-config'
import { toGray } from '../../../src/renderer/src/features/camera/frame-metrics'
import type { GrayFrame } from '../../../src/renderer/src/features/camera/frame-metrics'
import { findPage } from '../../../src/renderer/src/features/camera/page-outline'
import { deskFrame } from '../../fixtures/camera/desk-view'
import type { DeskView } from '../../fixtures/camera/desk-view'
import { generateSample } from '../../fixtures/generator'
import type { Variation } from '../../fixtures/generator'
import { renderBackground } from '../../fixtures/generator/background'
import type { Surface } from '../../fixtures/generator/background'
import { Rng } from '../../fixtures/generator/random'

// Corners found within this many analysis pixels of the truth (the frame is 320 pixels wide).
const TOLERANCE = 3

/** An image as the renderer analyses it: scaled to the analysis width, luminance. */
async function analysisFrame(image: Buffer | Uint8Array, raw?: { width: number; height: number }): Promise<GrayFrame> {
  const input = raw ? sharp(image, { raw: { ...raw, channels: 3 } }) : sharp(image)
  const { data, info } = await input.resize(cameraConfig.analysisWidth).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  return toGray(data, info.width, info.height)
}

/**
 * The largest distance between found and true corners: the outline starts at the frame's top-left, the truth at the
 * page's own (as its text reads), so the truth's order is turned to match; both go clockwise.
 */
function cornerError(found: Quad, truth: readonly Point[]): number {
  const shifts = [0, 1, 2, 3].map((r) => Math.max(...found.map((p, i) => Math.hypot(p.x - truth[(i + r) % 4].x, p.y - truth[(i + r) % 4].y))))
  return Math.min(...shifts)
}

const scaled = (q: readonly Point[], k: number, dx = 0, dy = 0): Point[] => q.map((p) => ({ x: (p.x + dx) * k, y: (p.y + dy) * k }))

describe('the page outline', () => {
  // Seeds whose whole page lies inside the picture (a hand-held photo may cut a corner off, which is no page in view).
  const views: [Variation, number[]][] = [
    ['rotated', [1, 2, 3, 4, 5, 6]],
    ['perspective', [1, 2, 3, 4, 5, 6]],
    ['photo', [1, 3, 5]]
  ]
  it.each(views)('finds the corners of %s pages on their desks (seeds %j)', async (variation, seeds) => {
    for (const seed of seeds) {
      const s = await generateSample(seed, variation)
      const found = findPage(await analysisFrame(s.image))
      expect(found, `${variation} ${seed}`).not.toBeNull()
      const err = cornerError(found as Quad, scaled(s.truth.sliceRect, cameraConfig.analysisWidth / s.truth.width))
      expect(err, `${variation} ${seed}`).toBeLessThan(TOLERANCE)
    }
  })

  it('follows the page across the camera fixture desk, blurred or with glare on it', async () => {
    const s = await generateSample(2, 'rotated')
    const page = await sharp(s.image).resize({ height: 576 }).toBuffer()
    const k = 576 / s.truth.height
    const W = 1280
    const H = 720
    const w = Math.round(s.truth.width * k)
    for (const view of [{}, { dx: -150 }, { dx: -300 }, { blur: 3 }, { glare: true }] as DeskView[]) {
      const found = findPage(await analysisFrame(await deskFrame(page, W, H, view)))
      expect(found, JSON.stringify(view)).not.toBeNull()
      // Where desk-view.ts lays the picture, and the page in it.
      const left = Math.round((W - w) / 2) + (view.dx ?? 0)
      const top = Math.round((H - 576) / 2)
      const truth = scaled(scaled(s.truth.sliceRect, k), cameraConfig.analysisWidth / W, left, top)
      expect(cornerError(found as Quad, truth), JSON.stringify(view)).toBeLessThan(TOLERANCE)
    }
  })

  it('finds no page on an empty desk, on bare desk surfaces, or where the page runs out of the picture', async () => {
    const s = await generateSample(2, 'rotated')
    const page = await sharp(s.image).resize({ height: 576 }).toBuffer()
    expect(findPage(await analysisFrame(await deskFrame(page, 1280, 720, { empty: true })))).toBeNull()
    for (const [i, surface] of (['wood', 'fabric', 'plain'] as Surface[]).entries()) {
      const desk = renderBackground(new Rng(100 + i), surface, 1280, 960)
      expect(findPage(await analysisFrame(desk, { width: 1280, height: 960 })), surface).toBeNull()
    }
    // Slid off the left edge until its corners leave the picture.
    expect(findPage(await analysisFrame(await deskFrame(page, 1280, 720, { dx: -560 })))).toBeNull()
  })
})
