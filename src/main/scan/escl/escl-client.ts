import { AppError } from '../../../shared/domain/errors'
import { scanConfig } from '../scan-config'
import type { ScanControl, ScannedPage, ScanSettings } from '../scan-source'
import { esclRequest } from './escl-http'
import type { EsclResponse } from './escl-http'
import { colorModeFor, parseCapabilities, parseStatus, scanSettingsXml } from './escl-xml'
import type { EsclCapabilities, EsclInputCaps, EsclStatus } from './escl-xml'

/** Time limits and retry bounds (scanConfig.escl by default; the tests shorten them). */
export interface EsclTimings {
  busyRetries: number
  busyRetryDelayMs: number
  requestTimeoutMs: number
  nextDocumentTimeoutMs: number
}

const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/tiff': 'tif' }
// What the engine reads, best first: JPEG is what devices compress best in hardware.
const FORMATS = ['image/jpeg', 'image/png', 'image/tiff']

/** One eSCL device at a manual or discovered address (its eSCL root, e.g. http://192.168.1.20/eSCL). */
export class EsclClient {
  private root: URL

  constructor(
    root: string,
    private readonly timings: EsclTimings = scanConfig.escl
  ) {
    let url: URL
    try {
      url = new URL(root.endsWith('/') ? root : `${root}/`)
    } catch {
      throw new AppError('INVALID_REQUEST', `${root} is not a scanner address (http://HOST[:PORT]/eSCL)`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new AppError('INVALID_REQUEST', `${root} is not an http or https address`)
    this.root = url
  }

  /** The address requests go to now (after a redirect to https, that one). */
  get address(): string {
    return this.root.href.replace(/\/$/, '')
  }

  private async call(method: 'GET' | 'POST' | 'DELETE', path: string, control: ScanControl & { body?: string; timeoutMs?: number } = {}): Promise<EsclResponse> {
    const url = new URL(path, this.root)
    const res = await esclRequest({ method, url, body: control.body, timeoutMs: control.timeoutMs ?? this.timings.requestTimeoutMs, signal: control.signal })
    // A redirect moved the device (http → https): keep talking to where it answered.
    if (res.url.origin !== this.root.origin) this.root = new URL(this.root.pathname, res.url.origin)
    return res
  }

  /** ScannerCapabilities. */
  async capabilities(signal?: AbortSignal): Promise<EsclCapabilities> {
    const res = await this.call('GET', 'ScannerCapabilities', { signal })
    if (res.status !== 200) throw new AppError('SCANNER_FAILED', `the scanner answered ${res.status} to ScannerCapabilities`)
    return parseCapabilities(res.body.toString('utf8'))
  }

  /** ScannerStatus. */
  async status(signal?: AbortSignal): Promise<EsclStatus> {
    const res = await this.call('GET', 'ScannerStatus', { signal })
    if (res.status !== 200) throw new AppError('SCANNER_FAILED', `the scanner answered ${res.status} to ScannerStatus`)
    return parseStatus(res.body.toString('utf8'))
  }

  /**
   * Scan: create a job (retrying while the device is busy, within a bound), take NextDocument until 404 (one page
   * from the glass, every page from the feeder), then DELETE the job. Leaving early (cancel, error) deletes the job
   * too, so the device is not left holding it.
   */
  async *scan(settings: ScanSettings, control: ScanControl = {}): AsyncGenerator<ScannedPage> {
    // eSCL has no free-form options: one passed here would otherwise be dropped without a word.
    const extra = Object.keys(settings.options)
    if (extra.length > 0) throw new AppError('INVALID_REQUEST', `eSCL scanners take no device options (${extra.join(', ')}): resolution, mode and source only`)
    const caps = await this.capabilities(control.signal)
    const input = caps.inputs[settings.input]
    if (!input) throw new AppError('INVALID_REQUEST', `this scanner has no ${settings.input === 'feeder' ? 'document feeder' : 'glass'}`)
    const body = scanSettingsXml(jobSettings(settings, input))
    const jobPath = await this.createJob(body, control)
    let pages = 0
    let finished = false
    try {
      for (;;) {
        const res = await this.nextDocument(jobPath, control)
        if (res === null) break
        pages++
        control.onProgress?.({ pages })
        const type = String(res.headers['content-type'] ?? '').split(';')[0].trim()
        yield { fileName: `scan-${new Date().toISOString().replace(/[:.]/g, '-')}-${pages}.${EXTENSION[type] ?? 'jpg'}`, bytes: new Uint8Array(res.body) }
      }
      finished = true
      if (pages === 0) throw new AppError('SCANNER_NO_DOCUMENT', 'the scanner delivered no page')
    } finally {
      // A job already finished may be forgotten by the device (404): nothing is wrong then.
      await this.call('DELETE', jobPath).catch((err: unknown) => {
        if (!finished) return
        throw err
      })
    }
  }

  private async createJob(body: string, control: ScanControl): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.call('POST', 'ScanJobs', { body, signal: control.signal })
      if (res.status === 201) {
        const location = res.headers.location
        if (!location) throw new AppError('SCANNER_FAILED', 'the scanner created a job but did not say where (no Location)')
        // Some devices name a host they are not reachable at (another interface, localhost): only the path counts.
        return new URL(location, this.root).pathname
      }
      if (res.status !== 503 && res.status !== 409) throw new AppError('SCANNER_REFUSED', `the scanner refused the job (HTTP ${res.status})`)
      const status = await this.status(control.signal)
      assertReady(status)
      if (attempt >= this.timings.busyRetries)
        throw new AppError('SCANNER_BUSY', `the scanner stayed busy through ${attempt + 1} tries; try again when it is free`)
      await delay(this.timings.busyRetryDelayMs, control.signal)
    }
  }

  /** The next page, or null when the job has no more (404). */
  private async nextDocument(jobPath: string, control: ScanControl): Promise<EsclResponse | null> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.call('GET', `${jobPath}/NextDocument`, { signal: control.signal, timeoutMs: this.timings.nextDocumentTimeoutMs })
      if (res.status === 200) return res
      if (res.status === 404) return null
      if (res.status !== 503) throw new AppError('SCANNER_FAILED', `the scanner answered ${res.status} to NextDocument`)
      assertReady(await this.status(control.signal))
      if (attempt >= this.timings.busyRetries) throw new AppError('SCANNER_BUSY', 'the scanner did not deliver the page; try again')
      await delay(this.timings.busyRetryDelayMs, control.signal)
    }
  }
}

/** Throw the code a device's status means, when it means the job cannot go on. */
export function assertReady(s: EsclStatus): void {
  switch (s.adfState) {
    case 'ScannerAdfJam':
    case 'ScannerAdfMispick':
      throw new AppError('SCANNER_JAMMED', 'paper is jammed in the document feeder: clear it and scan again')
    case 'ScannerAdfHatchOpen':
      throw new AppError('SCANNER_COVER_OPEN', "the document feeder's cover is open: close it and scan again")
    case 'ScannerAdfEmpty':
      throw new AppError('SCANNER_NO_DOCUMENT', 'the document feeder is empty: load the pages and scan again')
  }
  if (s.state === 'Down') throw new AppError('SCANNER_FAILED', 'the scanner reports that it is down')
}

function jobSettings(settings: ScanSettings, input: EsclInputCaps): Parameters<typeof scanSettingsXml>[0] {
  const colorMode = colorModeFor(settings.mode, input.colorModes)
  if (!colorMode) throw new AppError('INVALID_REQUEST', `this scanner does not scan in ${settings.mode} (it offers ${input.colorModes.join(', ')})`)
  if (input.resolutions.length > 0 && !input.resolutions.includes(settings.resolution))
    throw new AppError('INVALID_REQUEST', `this scanner does not scan at ${settings.resolution} dpi (it offers ${input.resolutions.join(', ')})`)
  const format = FORMATS.find((f) => input.formats.includes(f))
  if (!format) throw new AppError('SCANNER_FAILED', `this scanner sends no image format the engine reads (it offers ${input.formats.join(', ')})`)
  return { input: settings.input, colorMode, resolution: settings.resolution, format, width: input.maxWidth, height: input.maxHeight }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AppError('CANCELLED', 'the scan was cancelled'))
    const t = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t)
        reject(new AppError('CANCELLED', 'the scan was cancelled'))
      },
      { once: true }
    )
  })
}
