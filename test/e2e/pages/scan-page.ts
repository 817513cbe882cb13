import type { Page } from 'playwright-core'

/** The Scan button's panel in the top bar: devices, manual address, settings, start, progress, cancel. */
export class ScanPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('scan-open').click()
    await this.page.getByTestId('scan-panel').waitFor()
  }

  async addAddress(url: string): Promise<void> {
    await this.page.getByTestId('scan-address').fill(url)
    await this.page.getByTestId('scan-add').click()
  }

  /** The devices offered, as their option values (ids). */
  devices(): Promise<string[]> {
    return this.page.getByTestId('scan-device').locator('option').evaluateAll((os) => os.map((o) => o.getAttribute('value') ?? ''))
  }

  selectedDevice(): Promise<string> {
    return this.page.getByTestId('scan-device').inputValue()
  }

  async choose(settings: { device?: string; resolution?: number; mode?: 'color' | 'gray'; source?: 'flatbed' | 'feeder'; options?: string }): Promise<void> {
    if (settings.device) await this.page.getByTestId('scan-device').selectOption(settings.device)
    if (settings.resolution) await this.page.getByTestId('scan-resolution').selectOption(String(settings.resolution))
    if (settings.mode) await this.page.getByTestId('scan-mode').selectOption(settings.mode)
    if (settings.source) await this.page.getByTestId('scan-source').selectOption(settings.source)
    if (settings.options !== undefined) await this.page.getByTestId('scan-options').fill(settings.options)
  }

  async start(): Promise<void> {
    await this.page.getByTestId('scan-start').click()
  }

  /** Resolves once the scan under way has ended (the Scan button is usable again). */
  async finished(): Promise<void> {
    await this.page.locator('[data-testid=scan-start]:not([disabled])').waitFor({ timeout: 120_000 })
  }

  progress(): Promise<string> {
    return this.page.getByTestId('scan-progress').textContent().then((t) => t ?? '')
  }

  async cancel(): Promise<void> {
    await this.page.getByTestId('scan-cancel').click()
  }
}
