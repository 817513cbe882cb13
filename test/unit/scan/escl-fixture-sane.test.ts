/**
 * The loopback eSCL fixture behaves like a device: Debian's two independent eSCL clients, sane-airscan and SANE's own
 * escl backend, scan from it through scanimage, and the image they get is the requested window of the page at the
 * requested resolution and mode.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEsclFixture } from '../../fixtures/escl/escl-fixture'
import type { EsclFixture } from '../../fixtures/escl/escl-fixture'
import { generateSample } from '../../fixtures/generator'
import { airscanConfig, esclBackendConfig, scanimageMissing } from '../../fixtures/sane/sane-config'
import type { SaneConfig } from '../../fixtures/sane/sane-config'

const run = promisify(execFile)
const missing = scanimageMissing()

/** Mean absolute difference per channel value (0–255) between two images brought to the same size, in grey. */
async function meanDifference(a: Buffer, b: Buffer, width: number, height: number): Promise<number> {
  const grey = (x: Buffer): Promise<Buffer> => sharp(x).resize(width, height, { fit: 'fill' }).grayscale().raw().toBuffer()
  const [ga, gb] = await Promise.all([grey(a), grey(b)])
  let sum = 0
  for (let i = 0; i < ga.length; i++) sum += Math.abs(ga[i] - gb[i])
  return sum / ga.length
}

describe.skipIf(missing !== null)(`Debian's eSCL clients against the fixture${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let fixture: EsclFixture
  let page: Buffer
  let out: string
  const configs: SaneConfig[] = []

  beforeAll(async () => {
    page = (await generateSample(7, 'scan')).image
    fixture = await startEsclFixture({ pages: [page] })
    out = mkdtempSync(join(tmpdir(), 'prw-escl-sane-'))
  })
  afterAll(async () => {
    await fixture.close()
    for (const c of configs) c.remove()
    rmSync(out, { recursive: true, force: true })
  })

  const scan = async (config: SaneConfig, device: string, args: string[], file: string): Promise<Buffer> => {
    configs.push(config)
    await run('scanimage', ['-d', device, '--format=png', '-o', join(out, file), ...args], { env: config.env, timeout: 60_000 })
    return readFileSync(join(out, file))
  }

  it('sane-airscan lists the fixture and scans the whole platen at 150 dpi in colour', async () => {
    const config = airscanConfig('PRW Fixture', fixture.url)
    configs.push(config)
    const { stdout } = await run('scanimage', ['-L'], { env: config.env, timeout: 60_000 })
    expect(stdout).toContain("airscan:e0:PRW Fixture'")
    const image = await scan(config, 'airscan:e0:PRW Fixture', ['--resolution', '150', '--mode', 'Color'], 'airscan.png')
    const src = await sharp(page).metadata()
    const got = await sharp(image).metadata()
    // 150 dpi is half the fixture's 300: half the pixels each way, give or take the client's rounding.
    expect(Math.abs(got.width - src.width / 2)).toBeLessThanOrEqual(1)
    expect(Math.abs(got.height - src.height / 2)).toBeLessThanOrEqual(1)
    expect(got.channels).toBe(3)
    expect(await meanDifference(image, page, got.width, got.height)).toBeLessThan(4)
    const job = fixture.requests.find((r) => r.method === 'POST' && r.path === '/eSCL/ScanJobs')
    expect(job?.body).toMatch(/<scan:XResolution>150<\/scan:XResolution>/)
  })

  it("sane-airscan's grey 300 dpi window of the page's top-left quarter is that quarter, in grey", async () => {
    const src = await sharp(page).metadata()
    // scanimage takes millimetres: a quarter of a 300 dpi platen.
    const mm = (px: number): string => ((px / 300) * 25.4).toFixed(2)
    const image = await scan(
      airscanConfig('PRW Fixture', fixture.url),
      'airscan:e0:PRW Fixture',
      ['--resolution', '300', '--mode', 'Gray', '-x', mm(src.width / 2), '-y', mm(src.height / 2)],
      'airscan-quarter.png'
    )
    const got = await sharp(image).metadata()
    expect(Math.abs(got.width - src.width / 2)).toBeLessThanOrEqual(2)
    expect(Math.abs(got.height - src.height / 2)).toBeLessThanOrEqual(2)
    expect(got.channels).toBe(1)
    const quarter = await sharp(page)
      .extract({ left: 0, top: 0, width: got.width, height: got.height })
      .toBuffer()
    expect(await meanDifference(image, quarter, got.width, got.height)).toBeLessThan(4)
  })

  // SANE 1.1.1's escl backend asks for PNG whenever a device offers it and then hands the image over upside down (the
  // same bytes that sane-airscan shows upright, see above): its device here offers JPEG only, as many printers do.
  it("SANE's escl backend scans the whole platen at 150 dpi from a JPEG-only fixture", async () => {
    const jpegOnly = await startEsclFixture({ pages: [page], formats: ['image/jpeg'] })
    const image = await scan(esclBackendConfig(jpegOnly.url), `escl:${jpegOnly.url.replace(/\/eSCL$/, '')}`, ['--resolution', '150'], 'escl.png').finally(() =>
      jpegOnly.close()
    )
    const src = await sharp(page).metadata()
    const got = await sharp(image).metadata()
    expect(Math.abs(got.width - src.width / 2)).toBeLessThanOrEqual(1)
    expect(Math.abs(got.height - src.height / 2)).toBeLessThanOrEqual(1)
    expect(await meanDifference(image, page, got.width, got.height)).toBeLessThan(4)
    const seen = jpegOnly.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, 'ID')}`)
    expect(seen).toEqual(
      expect.arrayContaining(['GET /eSCL/ScannerCapabilities', 'POST /eSCL/ScanJobs', 'GET /eSCL/ScanJobs/ID/NextDocument'])
    )
  })
})
