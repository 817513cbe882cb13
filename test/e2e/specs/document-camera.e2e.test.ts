import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cameraConfig } from '../../../src/renderer/src/features/camera/camera-config'
import { frameMetrics, toGray } from '../../../src/renderer/src/features/camera/frame-metrics'
import { cameraVideo } from '../../fixtures/camera/desk-view'
import type { DeskView } from '../../fixtures/camera/desk-view'
import { generateSample } from '../../fixtures/generator'
import { launchBrowser, newContext } from '../fixtures/browser'
import { startTestServer } from '../fixtures/server'
import type { TestServer } from '../fixtures/server'
import { CameraPanel } from '../pages/camera-panel'
import { QueuePage } from '../pages/queue-page'

// The fake camera's picture: big enough that the page lies on the desk at its own size (no downscaling).
const WIDTH = 1200
const HEIGHT = 1250
const FPS = 5
// The page slides in blurred (2 s), then lies still and sharp (4 s); Chromium loops the file.
const FRAMES: DeskView[] = [
  ...[-420, -360, -300, -240, -180, -120, -80, -40, -20, -10].map((dx) => ({ dx, blur: 6 })),
  ...Array.from({ length: 20 }, () => ({}))
]
const LOOP_MS = (FRAMES.length / FPS) * 1000

/**
 * The document camera in the browser (Debian's Chromium) with a fake camera fed by a video made here with ffmpeg
 * from a generated passport page; the real server and engine behind it. Browser mode only: the Electron target's
 * camera goes through the permission guard, whose cases are unit tested (test/unit/security/web-policy.test.ts).
 */
describe('the document camera (browser)', () => {
  let server: TestServer
  let dir: string
  let video: string
  let passportNumber: string
  let pageSize: { width: number; height: number }
  let pageCorners: { x: number; y: number }[]
  const browsers: Browser[] = []

  async function openApp(args: string[], grant: boolean): Promise<Page> {
    const browser = await launchBrowser(args)
    browsers.push(browser)
    const context = await newContext(browser)
    if (grant) await context.grantPermissions(['camera'], { origin: server.url })
    const page = await context.newPage()
    await page.goto(server.url)
    const queue = new QueuePage(page)
    await queue.ready()
    await queue.setLanguage('en')
    return page
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'prw-e2e-camera-'))
    const sample = await generateSample(2, 'rotated')
    passportNumber = sample.truth.data.passportNumber
    pageSize = { width: sample.truth.width, height: sample.truth.height }
    pageCorners = sample.truth.sliceRect
    video = await cameraVideo(sample.image, WIDTH, HEIGHT, FRAMES, FPS, join(dir, 'desk.y4m'))
    server = await startTestServer()
  })

  afterAll(async () => {
    for (const b of browsers) await b.close()
    await server?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('auto-captures once, on a sharp frame, after the page moved in blurred; the capture is recognised', async () => {
    const page = await openApp(['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`], true)
    const camera = new CameraPanel(page)
    await camera.open()
    const seen: string[] = []
    const outlines = new Map<string, { x: number; y: number }[] | null>()
    // Two loops of the video: the same page lying there again must not be taken a second time.
    const until = Date.now() + 2 * LOOP_MS + 3000
    while (Date.now() < until) {
      const v = await camera.verdict()
      if (v && seen.at(-1) !== v) seen.push(v)
      if (v && !outlines.has(v)) outlines.set(v, await camera.outline())
      await page.waitForTimeout(100)
    }
    const { count, still } = await camera.captures()
    console.log(`[e2e] camera verdicts: ${seen.join(' → ')}; still from ${still}`)
    expect(count).toBe(1)
    expect(seen.indexOf('moving')).toBeGreaterThanOrEqual(0)
    expect(seen.indexOf('moving')).toBeLessThan(seen.indexOf('capture'))
    expect(seen).toContain('same-page')
    // The page's own outline is drawn where it lies in the picture (desk-view.ts centres it), not a fixed guide.
    const steady = outlines.get('same-page')
    expect(steady).toHaveLength(4)
    const left = Math.round((WIDTH - pageSize.width) / 2)
    const top = Math.round((HEIGHT - pageSize.height) / 2)
    const truth = pageCorners.map((p) => ({ x: p.x + left, y: p.y + top }))
    const err = Math.min(
      ...[0, 1, 2, 3].map((r) => Math.max(...(steady ?? []).map((p, i) => Math.hypot(p.x - truth[(i + r) % 4].x, p.y - truth[(i + r) % 4].y))))
    )
    console.log(`[e2e] camera outline: corners within ${err.toFixed(1)} video px of the page's`)
    // A few analysis pixels (the analysis frame is 320 wide) in video pixels.
    expect(err).toBeLessThan((4 * WIDTH) / cameraConfig.analysisWidth)
    await camera.close()

    const queue = new QueuePage(page)
    await queue.waitForRecognized(1)
    const item = queue.items().first()
    expect(await item.getAttribute('data-status')).toBe('needs_review')
    expect(await item.textContent()).toContain(passportNumber)
    // The still that was imported is itself sharp, measured the way auto-capture measures.
    const id = await item.getAttribute('data-id')
    const bytes = Buffer.from(await (await page.request.get(`${server.url}/documents/${id}/image`)).body())
    const { data, info } = await sharp(bytes).resize(cameraConfig.analysisWidth).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
    expect(frameMetrics(toGray(data, info.width, info.height), null).sharpness).toBeGreaterThan(cameraConfig.minSharpness)
  })

  it('offers every camera, switches to the one chosen, and captures on the manual key', async () => {
    const page = await openApp(['--use-fake-device-for-media-stream=device-count=2'], true)
    const camera = new CameraPanel(page)
    await camera.open()
    await page.getByTestId('camera-select').waitFor()
    const names = await camera.cameraNames()
    expect(names).toHaveLength(2)
    const select = page.getByTestId('camera-select')
    const [first, second] = await Promise.all([0, 1].map((i) => select.locator('option').nth(i).getAttribute('value')))
    expect(await select.inputValue()).toBe(first)
    await select.selectOption(second as string)
    await expect.poll(() => camera.streamDevice(), { timeout: 10_000 }).toBe(second)
    // The manual capture key takes the picture whatever auto-capture thinks of it.
    await page.keyboard.press('Space')
    await expect.poll(async () => (await camera.captures()).count, { timeout: 10_000 }).toBe(1)
  })

  it('says clearly when access to the camera is refused', async () => {
    const page = await openApp(['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`], false)
    const camera = new CameraPanel(page)
    await camera.open()
    const error = await camera.error()
    expect(error.code).toBe('CAMERA_DENIED')
    expect(error.text).toContain('Camera access was refused')
  })

  it('says clearly when there is no camera', async () => {
    const page = await openApp([], true)
    const camera = new CameraPanel(page)
    await camera.open()
    const error = await camera.error()
    expect(error.code).toBe('CAMERA_NOT_FOUND')
    expect(error.text).toContain('No camera found')
  })
})
