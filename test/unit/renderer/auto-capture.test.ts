import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { AutoCapture } from '../../../src/renderer/src/features/camera/auto-capture'
import type { CaptureVerdict } from '../../../src/renderer/src/features/camera/auto-capture'
import { cameraConfig } from '../../../src/renderer/src/features/camera/camera-config'
import { frameMetrics, toGray } from '../../../src/renderer/src/features/camera/frame-metrics'
import type { GrayFrame } from '../../../src/renderer/src/features/camera/frame-metrics'
import { deskFrame } from '../../fixtures/camera/desk-view'
import type { DeskView } from '../../fixtures/camera/desk-view'
import { generateSample } from '../../fixtures/generator'

const W = 1280
const H = 720
let page: Buffer

/** A document camera's view at 1280×720 as the renderer analyses it: scaled to the analysis width, luminance. */
async function view(opts: DeskView = {}): Promise<GrayFrame> {
  const png = await deskFrame(page, W, H, opts)
  const { data, info } = await sharp(png).resize(cameraConfig.analysisWidth).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  return toGray(data, info.width, info.height)
}

beforeAll(async () => {
  const sample = await generateSample(2, 'rotated')
  page = await sharp(sample.image).resize({ height: 576 }).toBuffer()
})

describe('frame metrics on a generated passport page', () => {
  it('tells a sharp page from a blurred one, a still one from a moving one, glare, and an empty desk', async () => {
    const still = await view()
    const sharpM = frameMetrics(still, await view())
    expect(sharpM.motion).toBe(0)
    expect(sharpM.sharpness).toBeGreaterThan(cameraConfig.minSharpness * 2)
    expect(sharpM.glare).toBe(0)
    expect(frameMetrics(await view({ blur: 4 }), null).sharpness).toBeLessThan(cameraConfig.minSharpness)
    expect(frameMetrics(await view({ dx: 12 }), still).motion).toBeGreaterThan(cameraConfig.maxMotion)
    expect(frameMetrics(await view({ glare: true }), null).glare).toBeGreaterThan(cameraConfig.maxGlare)
    expect(frameMetrics(await view({ empty: true }), null).contrast).toBeLessThan(cameraConfig.minContrast)
  })
})

describe('auto-capture', () => {
  const run = (capture: AutoCapture, frames: GrayFrame[], t0: number): CaptureVerdict[] =>
    frames.map((f, i) => capture.step(f, t0 + (i * 1000) / cameraConfig.analysisFps).verdict)

  it('takes the page once, when it has been steady and sharp for a few frames, after moving and blurred frames', async () => {
    const moving = await Promise.all([0, 14, 28, 42].map((dx) => view({ dx, blur: 3 })))
    const blurred = await Promise.all([0, 0].map(() => view({ blur: 4 })))
    const steady = await view()
    const verdicts = run(new AutoCapture(), [...moving, ...blurred, ...Array(8).fill(steady)], 0)
    // A first frame has nothing to be steady against; the first blurred one still differs from the last moving one.
    expect(verdicts).toEqual([
      'moving',
      'moving',
      'moving',
      'moving',
      'moving',
      'blurred',
      'steadying',
      'steadying',
      'steadying',
      'capture',
      'cooldown',
      'cooldown',
      'cooldown',
      'cooldown'
    ])
  })

  it('never takes the same page twice where it lay, and takes the next one after the cooldown', async () => {
    const capture = new AutoCapture()
    const steady = await view()
    expect(run(capture, Array(5).fill(steady), 0)).toContain('capture')
    // Long after: the same page, still there, is not taken again.
    expect(run(capture, Array(6).fill(steady), 60_000)).not.toContain('capture')
    // The page moves away and another lies there (the same generator page, elsewhere on the desk): taken.
    const next = await view({ dx: -300 })
    expect(run(capture, [await view({ dx: -150 }), ...Array(6).fill(next)], 120_000)).toEqual([
      'moving',
      'moving',
      'steadying',
      'steadying',
      'steadying',
      'capture',
      'cooldown'
    ])
  })

  it('waits out glare, and a manual capture counts as the take of that page', async () => {
    const glare = await view({ glare: true })
    expect(run(new AutoCapture(), Array(8).fill(glare), 0)).toEqual(['moving', ...Array(7).fill('glare')])
    const capture = new AutoCapture()
    const steady = await view()
    capture.captured(steady, 0)
    expect(run(capture, Array(8).fill(steady), 10_000)).not.toContain('capture')
  })

  it('takes nothing while the page is not wholly in view, however steady and sharp, and outlines it once it is', async () => {
    // Slid off the desk's left edge until its corners leave the picture: contrast and sharpness alone would take it.
    const cut = await view({ dx: -560 })
    expect(frameMetrics(cut, null).sharpness).toBeGreaterThan(cameraConfig.minSharpness)
    const capture = new AutoCapture()
    const steps = Array.from({ length: 8 }, (_, i) => capture.step(cut, (i * 1000) / cameraConfig.analysisFps))
    expect(steps.map((s) => s.verdict)).toEqual(Array(8).fill('no-page'))
    expect(steps.every((s) => s.page === null)).toBe(true)
    const whole = await view()
    const back = Array.from({ length: 6 }, (_, i) => capture.step(whole, 10_000 + (i * 1000) / cameraConfig.analysisFps))
    expect(back.map((s) => s.verdict)).toContain('capture')
    expect(back.every((s) => s.page !== null)).toBe(true)
  })
})
