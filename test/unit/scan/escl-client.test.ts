/** Our eSCL client against the loopback fixture device, each real device quirk switched on by itself. */
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { EsclClient } from '../../../src/main/scan/escl/escl-client'
import type { EsclTimings } from '../../../src/main/scan/escl/escl-client'
import type { ScannedPage, ScanSettings } from '../../../src/main/scan/scan-source'
import { DEFAULT_SCAN_SETTINGS } from '../../../src/main/scan/scan-source'
import { startEsclFixture } from '../../fixtures/escl/escl-fixture'
import type { EsclFixture, EsclQuirks } from '../../fixtures/escl/escl-fixture'
import { generateSample } from '../../fixtures/generator'

const FAST: EsclTimings = { busyRetries: 3, busyRetryDelayMs: 20, requestTimeoutMs: 2_000, nextDocumentTimeoutMs: 10_000 }

let pages: Buffer[]
let fixture: EsclFixture | undefined

beforeAll(async () => {
  pages = await Promise.all([1, 2, 3].map(async (seed) => (await generateSample(seed, 'scan')).image))
})
afterEach(async () => {
  await fixture?.close()
  fixture = undefined
})

async function device(quirks: Partial<EsclQuirks> = {}): Promise<EsclFixture> {
  fixture = await startEsclFixture({ pages, quirks })
  return fixture
}

async function scanAll(client: EsclClient, settings: Partial<ScanSettings> = {}, signal?: AbortSignal): Promise<ScannedPage[]> {
  const out: ScannedPage[] = []
  for await (const p of client.scan({ ...DEFAULT_SCAN_SETTINGS, ...settings }, { signal })) out.push(p)
  return out
}

const codeOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: { code?: string }) => e.code ?? String(e)
  )

const jobPosts = (f: EsclFixture): number => f.requests.filter((r) => r.method === 'POST' && r.path === '/eSCL/ScanJobs').length

describe('eSCL client', () => {
  it('reads the capabilities: glass and feeder, resolutions, modes, formats', async () => {
    const f = await device()
    const caps = await new EsclClient(f.url, FAST).capabilities()
    const sizes = await Promise.all(pages.map((p) => sharp(p).metadata()))
    const src = { width: Math.max(...sizes.map((m) => m.width)), height: Math.max(...sizes.map((m) => m.height)) }
    expect(caps.makeAndModel).toBe('PRW Loopback eSCL Fixture')
    expect(caps.inputs.flatbed).toEqual({
      maxWidth: src.width,
      maxHeight: src.height,
      resolutions: [75, 100, 150, 200, 300, 600],
      colorModes: ['RGB24', 'Grayscale8'],
      formats: ['image/jpeg', 'image/png']
    })
    expect(caps.inputs.feeder?.resolutions).toContain(300)
  })

  it('scans the glass at 300 dpi in colour: one JPEG page of the whole platen, and deletes the job', async () => {
    const f = await device()
    const got = await scanAll(new EsclClient(f.url, FAST))
    expect(got).toHaveLength(1)
    const meta = await sharp(got[0].bytes).metadata()
    const caps = await new EsclClient(f.url, FAST).capabilities()
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['jpeg', caps.inputs.flatbed?.maxWidth, caps.inputs.flatbed?.maxHeight, 3])
    expect(got[0].fileName).toMatch(/^scan-.*-1\.jpg$/)
    const body = f.requests.find((r) => r.method === 'POST')?.body ?? ''
    expect(body).toContain('<pwg:InputSource>Platen</pwg:InputSource>')
    expect(body).toContain('<scan:XResolution>300</scan:XResolution>')
    expect(body).toContain('<scan:ColorMode>RGB24</scan:ColorMode>')
    expect(f.requests.some((r) => r.method === 'DELETE')).toBe(true)
    expect(f.openJobs()).toEqual([])
  })

  it('takes every page from the feeder, in grey at 150 dpi, until NextDocument answers 404', async () => {
    const f = await device()
    const got = await scanAll(new EsclClient(f.url, FAST), { input: 'feeder', mode: 'gray', resolution: 150 })
    expect(got).toHaveLength(3)
    const first = await sharp(got[0].bytes).metadata()
    for (const page of got) {
      const meta = await sharp(page.bytes).metadata()
      expect(meta.channels).toBe(1)
      // The whole glass each time: every page the same size, half the fixture's 300 dpi.
      expect([meta.width, meta.height]).toEqual([first.width, first.height])
    }
    const widest = Math.max(...(await Promise.all(pages.map(async (p) => (await sharp(p).metadata()).width))))
    expect(Math.abs(first.width - widest / 2)).toBeLessThanOrEqual(1)
    expect(new Set(got.map((p) => Buffer.from(p.bytes).toString('base64'))).size).toBe(3)
    const next = f.requests.filter((r) => r.path.endsWith('/NextDocument'))
    expect(next).toHaveLength(4)
    expect(f.openJobs()).toEqual([])
  })

  it('refuses a resolution the device does not offer, and device options, before creating a job', async () => {
    const f = await device()
    expect(await codeOf(scanAll(new EsclClient(f.url, FAST), { resolution: 123 }))).toBe('INVALID_REQUEST')
    expect(await codeOf(scanAll(new EsclClient(f.url, FAST), { options: { filename: '/tmp/x.ppm' } }))).toBe('INVALID_REQUEST')
    expect(jobPosts(f)).toBe(0)
  })

  it('retries 503 while ScannerStatus says Processing, then scans', async () => {
    const f = await device({ busyResponses: 2 })
    expect(await scanAll(new EsclClient(f.url, FAST))).toHaveLength(1)
    expect(jobPosts(f)).toBe(3)
    expect(f.requests.filter((r) => r.path === '/eSCL/ScannerStatus').length).toBeGreaterThanOrEqual(2)
  })

  it('gives up on a device that stays busy after the bound: SCANNER_BUSY', async () => {
    const f = await device({ busyResponses: 100 })
    expect(await codeOf(scanAll(new EsclClient(f.url, FAST)))).toBe('SCANNER_BUSY')
    expect(jobPosts(f)).toBe(FAST.busyRetries + 1)
  })

  it('tells an empty feeder, an open cover and a jam apart through ScannerStatus', async () => {
    let f = await device({ adfState: 'empty' })
    expect(await codeOf(scanAll(new EsclClient(f.url, FAST), { input: 'feeder' }))).toBe('SCANNER_NO_DOCUMENT')
    await f.close()
    f = await device({ adfState: 'hatchOpen' })
    expect(await codeOf(scanAll(new EsclClient(f.url, FAST), { input: 'feeder' }))).toBe('SCANNER_COVER_OPEN')
    await f.close()
    f = await device({ adfState: 'jam', jamAfterPages: 1 })
    const got: ScannedPage[] = []
    const run = (async (): Promise<void> => {
      for await (const p of new EsclClient(f.url, FAST).scan({ ...DEFAULT_SCAN_SETTINGS, input: 'feeder' })) got.push(p)
    })()
    expect(await codeOf(run)).toBe('SCANNER_JAMMED')
    // The page before the jam was delivered, and the job was not left on the device.
    expect(got).toHaveLength(1)
    expect(f.openJobs()).toEqual([])
  })

  it('waits for a slow NextDocument longer than for any other request', async () => {
    const f = await device({ nextDocumentDelayMs: 1_500 })
    const client = new EsclClient(f.url, { ...FAST, requestTimeoutMs: 500, nextDocumentTimeoutMs: 5_000 })
    expect(await scanAll(client)).toHaveLength(1)
  })

  it('follows a 301 to https (self-signed certificate) and stays there', async () => {
    const f = await device({ redirectToHttps: true })
    const client = new EsclClient(f.url, FAST)
    expect(await scanAll(client)).toHaveLength(1)
    expect(client.address).toBe(f.httpsUrl)
    const plain = f.requests.filter((r) => !r.tls)
    expect(plain).toHaveLength(1)
    expect(f.requests.filter((r) => r.tls).map((r) => r.method)).toEqual(expect.arrayContaining(['POST', 'GET', 'DELETE']))
  })

  it('uses only the path of a Location that names a wrong host', async () => {
    const f = await device({ locationHost: '192.0.2.1:9' })
    expect(await scanAll(new EsclClient(f.url, FAST))).toHaveLength(1)
    expect(f.requests.filter((r) => r.path.endsWith('/NextDocument'))).toHaveLength(2)
  })

  it('reads chunked bodies to the same bytes as sized ones', async () => {
    const sized = await scanAll(new EsclClient((await device()).url, FAST))
    await fixture?.close()
    const chunked = await scanAll(new EsclClient((await device({ chunked: true })).url, FAST))
    expect(Buffer.from(chunked[0].bytes).equals(Buffer.from(sized[0].bytes))).toBe(true)
  })

  it('takes a 404 on the final DELETE as done', async () => {
    const f = await device({ deleteNotFound: true })
    expect(await scanAll(new EsclClient(f.url, FAST))).toHaveLength(1)
  })

  it('cancels a running job: CANCELLED, and the job is deleted on the device', async () => {
    const f = await device({ nextDocumentDelayMs: 3_000 })
    const abort = new AbortController()
    const run = scanAll(new EsclClient(f.url, FAST), {}, abort.signal)
    setTimeout(() => abort.abort(), 300)
    const started = Date.now()
    expect(await codeOf(run)).toBe('CANCELLED')
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(f.requests.some((r) => r.method === 'DELETE')).toBe(true)
    expect(f.openJobs()).toEqual([])
  })

  it('reports a device nobody answers at as SCANNER_UNREACHABLE', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port
        s.close(() => resolve(p))
      })
    })
    expect(await codeOf(scanAll(new EsclClient(`http://127.0.0.1:${port}/eSCL`, FAST)))).toBe('SCANNER_UNREACHABLE')
  })

  it('refuses an address that is not http(s)', () => {
    expect(() => new EsclClient('ftp://127.0.0.1/eSCL')).toThrow(/not an http or https address/)
  })
})

afterAll(async () => {
  await fixture?.close()
})
