/**
 * The TypeScript side of WIA, against a stand-in for the PowerShell helper (test/fixtures/wia/fake-wia-helper.mjs):
 * device list, the arguments a scan passes, the page read back, WIA's HRESULTs as our codes. WIA itself and the
 * PowerShell script cannot run here (no Windows); this proves only our side of their exchange.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ScannedPage } from '../../../src/main/scan/scan-source'
import { DEFAULT_SCAN_SETTINGS } from '../../../src/main/scan/scan-source'
import { WiaSource } from '../../../src/main/scan/wia/wia-source'
import { generateSample } from '../../fixtures/generator'

const HELPER = join(__dirname, '../../fixtures/wia/fake-wia-helper.mjs')
const DEVICE = 'wia:{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0000'

describe('WIA source (TypeScript side, stand-in helper)', () => {
  let dir: string
  let image: Buffer
  let log: string
  const source = (env: Record<string, string> = {}): WiaSource => {
    Object.assign(process.env, { FAKE_WIA_IMAGE: join(dir, 'page.png'), FAKE_WIA_LOG: log }, env)
    return new WiaSource({ command: process.execPath, prefix: () => [HELPER] })
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'prw-wia-'))
    log = join(dir, 'calls.log')
    image = (await generateSample(5, 'scan')).image
    writeFileSync(join(dir, 'page.png'), image)
  })
  afterAll(() => {
    delete process.env.FAKE_WIA_IMAGE
    delete process.env.FAKE_WIA_LOG
    delete process.env.FAKE_WIA_ERROR
    rmSync(dir, { recursive: true, force: true })
  })

  it('lists the scanners the helper prints, skipping lines that are not its JSON', async () => {
    expect(await source().list()).toEqual([
      { id: 'wia:{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0000', name: 'Canon LiDE 300', source: 'wia' },
      { id: 'wia:{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001', name: 'HP ScanJet Pro 2500', source: 'wia' }
    ])
  })

  it('scans the glass at the chosen resolution and intent and returns the image the helper saved', async () => {
    writeFileSync(log, '')
    const pages: ScannedPage[] = []
    for await (const p of source().scan(DEVICE, { ...DEFAULT_SCAN_SETTINGS, resolution: 600, mode: 'gray' })) pages.push(p)
    expect(pages).toHaveLength(1)
    expect(Buffer.from(pages[0].bytes).equals(image)).toBe(true)
    const [call] = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[])
    expect(call.slice(0, 4)).toEqual(['scan', DEVICE.slice('wia:'.length), '600', '2'])
    expect(call[4]).toMatch(/page-1\.png$/)
  })

  it.each([
    ['0x80210006', 'SCANNER_BUSY'],
    ['0x80210002', 'SCANNER_JAMMED'],
    ['0x80210003', 'SCANNER_NO_DOCUMENT'],
    ['0x80210016', 'SCANNER_COVER_OPEN'],
    ['0x80210005', 'SCANNER_UNREACHABLE'],
    ['NOT_FOUND', 'SCANNER_NOT_FOUND'],
    ['0x80004005', 'SCANNER_FAILED']
  ])('WIA %s is %s', async (hresult, code) => {
    const run = (async (): Promise<void> => {
      for await (const p of source({ FAKE_WIA_ERROR: hresult }).scan(DEVICE, DEFAULT_SCAN_SETTINGS)) void p
    })()
    await expect(run).rejects.toMatchObject({ code })
    delete process.env.FAKE_WIA_ERROR
  })

  it('refuses the feeder and device options, which it does not drive', async () => {
    const first = async (s: Partial<typeof DEFAULT_SCAN_SETTINGS>): Promise<void> => {
      for await (const p of source().scan(DEVICE, { ...DEFAULT_SCAN_SETTINGS, ...s })) void p
    }
    await expect(first({ input: 'feeder' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    await expect(first({ options: { x: '1' } })).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
  })
})
