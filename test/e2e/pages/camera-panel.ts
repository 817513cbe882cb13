import type { Page } from 'playwright-core'
import type { CaptureVerdict } from '../../../src/renderer/src/features/camera/auto-capture'

/** The document camera panel (top bar → Camera). */
export class CameraPanel {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('camera-open').click()
    await this.page.getByTestId('camera-panel').waitFor()
  }

  async close(): Promise<void> {
    await this.page.getByTestId('camera-close').click()
    await this.page.getByTestId('camera-panel').waitFor({ state: 'detached' })
  }

  /** The stable code and the message shown when there is no camera stream. */
  async error(): Promise<{ code: string | null; text: string }> {
    const box = this.page.getByTestId('camera-error')
    await box.waitFor()
    return { code: await box.getAttribute('data-code'), text: (await box.textContent()) ?? '' }
  }

  async verdict(): Promise<CaptureVerdict | 'starting' | null> {
    return (await this.page.getByTestId('camera-status').getAttribute('data-verdict')) as CaptureVerdict | 'starting' | null
  }

  /** The page outline the preview draws, in video pixels (clockwise from the top-left); null when none is drawn. */
  async outline(): Promise<{ x: number; y: number }[] | null> {
    const text = await this.page.getByTestId('camera-outline').getAttribute('data-page')
    if (!text) return null
    return text.split(' ').map((c) => {
      const [x, y] = c.split(',').map(Number)
      return { x, y }
    })
  }

  async captures(): Promise<{ count: number; still: string | null }> {
    const el = this.page.getByTestId('camera-captures')
    return { count: Number(await el.getAttribute('data-count')), still: await el.getAttribute('data-still') }
  }

  /** The device id of the camera the preview shows. */
  streamDevice(): Promise<string | null> {
    return this.page.getByTestId('camera-video').getAttribute('data-device')
  }

  async cameraNames(): Promise<string[]> {
    return this.page.getByTestId('camera-select').locator('option').allTextContents()
  }
}
