/**
 * SANE through the real scanimage, with SANE's own virtual devices enabled in a temporary SANE_CONFIG_DIR: `pnm`
 * scans a generated passport page file, `test` simulates a feeder, a jam, an empty feeder, an open cover and a busy
 * device (its --read-return-value). A scanimage that crashes mid-page leaves nothing in the store.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EnginePool } from '../../../src/main/recognition/engine-pool'
import { SaneSource } from '../../../src/main/scan/sane/sane-source'
import { parseSaneOptions } from '../../../src/main/scan/sane/sane-options'
import { scanIntoStore } from '../../../src/main/scan/scan-import'
import type { ScannedPage, ScanSettings } from '../../../src/main/scan/scan-source'
import { DEFAULT_SCAN_SETTINGS } from '../../../src/main/scan/scan-source'
import { createWorkstation } from '../../../src/main/services/workstation'
import { generateSample } from '../../fixtures/generator'
import { saneConfig, scanimageMissing, toPpm } from '../../fixtures/sane/sane-config'
import type { SaneConfig } from '../../fixtures/sane/sane-config'
import { readyEngine } from '../helpers/ready-engine'
import { tempStore } from '../helpers/temp-store'

const missing = scanimageMissing()

const settings = (s: Partial<ScanSettings> = {}): ScanSettings => ({ ...DEFAULT_SCAN_SETTINGS, ...s, options: { ...s.options } })

async function scanAll(source: SaneSource, id: string, s: ScanSettings): Promise<ScannedPage[]> {
  const out: ScannedPage[] = []
  for await (const p of source.scan(id, s)) out.push(p)
  return out
}

const codeOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: { code?: string }) => e.code ?? String(e)
  )

describe('scanimage option listing', () => {
  it('reads lists, ranges and booleans as scanimage -A prints them', () => {
    const text = `All options specific to device \`test:0':
  Scan Mode:
    --mode Gray|Color [Gray]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --resolution 1..1200dpi (in steps of 1) [75]
    --source Flatbed|Automatic Document Feeder [Flatbed]
    --three-pass[=(yes|no)] [inactive]
  Geometry:
    -l 0..200mm [0]
    --filename <string> [/tmp/input.ppm]
`
    const o = parseSaneOptions(text)
    expect(o.get('mode')).toEqual({ flag: '--mode', values: ['Gray', 'Color'], range: null })
    expect(o.get('resolution')).toEqual({ flag: '--resolution', values: null, range: { min: 1, max: 1200 } })
    expect(o.get('source')?.values).toEqual(['Flatbed', 'Automatic Document Feeder'])
    expect(o.get('three-pass')).toEqual({ flag: '--three-pass', values: ['yes', 'no'], range: null })
    expect(o.get('l')?.range).toEqual({ min: 0, max: 200 })
    expect(o.get('filename')).toEqual({ flag: '--filename', values: null, range: null })
  })
})

describe.skipIf(missing !== null)(`SANE through scanimage${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let dir: string
  let ppm: string
  let truthNumber: string
  let page: Buffer
  const configs: SaneConfig[] = []
  const config = (backend: string): SaneConfig => {
    const c = saneConfig(backend)
    configs.push(c)
    return c
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'prw-sane-test-'))
    const sample = await generateSample(11, 'scan')
    page = sample.image
    truthNumber = sample.truth.data.passportNumber
    ppm = join(dir, 'page.ppm')
    writeFileSync(ppm, await toPpm(page))
  })
  afterAll(() => {
    for (const c of configs) c.remove()
    rmSync(dir, { recursive: true, force: true })
  })

  it('lists the virtual devices of the enabled backend, and only those', async () => {
    expect(await new SaneSource({ env: config('pnm').env }).list()).toEqual([
      { id: 'sane:pnm:0', name: 'Noname PNM file reader', source: 'sane' },
      { id: 'sane:pnm:1', name: 'Noname PNM file reader', source: 'sane' }
    ])
  })

  it('scans a generated passport page through the pnm backend: the same pixels, as PNG', async () => {
    const source = new SaneSource({ env: config('pnm').env })
    const got = await scanAll(source, 'sane:pnm:0', settings({ options: { filename: ppm } }))
    expect(got).toHaveLength(1)
    expect(got[0].fileName).toMatch(/^scan-.*-1\.png$/)
    const [a, b] = await Promise.all([sharp(got[0].bytes).raw().toBuffer({ resolveWithObject: true }), sharp(page).removeAlpha().raw().toBuffer({ resolveWithObject: true })])
    expect([a.info.width, a.info.height, a.info.channels]).toEqual([b.info.width, b.info.height, 3])
    expect(a.data.equals(b.data)).toBe(true)
  })

  it('takes every page from the test backend feeder (it holds ten) until it runs empty', async () => {
    const got = await scanAll(new SaneSource({ env: config('test').env }), 'sane:test:0', settings({ input: 'feeder', resolution: 50, mode: 'gray' }))
    expect(got).toHaveLength(10)
    for (const p of got) expect((await sharp(p.bytes).metadata()).format).toBe('png')
  })

  it.each([
    ['SANE_STATUS_JAMMED', 'SCANNER_JAMMED'],
    ['SANE_STATUS_NO_DOCS', 'SCANNER_NO_DOCUMENT'],
    ['SANE_STATUS_COVER_OPEN', 'SCANNER_COVER_OPEN'],
    ['SANE_STATUS_DEVICE_BUSY', 'SCANNER_BUSY']
  ])('the test backend returning %s is %s, with no page', async (status, code) => {
    const got: ScannedPage[] = []
    const run = (async (): Promise<void> => {
      const s = settings({ input: 'feeder', resolution: 50, options: { 'read-return-value': status } })
      for await (const p of new SaneSource({ env: config('test').env }).scan('sane:test:0', s)) got.push(p)
    })()
    expect(await codeOf(run)).toBe(code)
    expect(got).toEqual([])
  })

  it('cancels a slow scan: scanimage is stopped, CANCELLED, no page, its folder removed', async () => {
    // One byte per read over the whole 200 × 200 mm window in colour at 300 dpi: about a minute for one page.
    const slow = { 'read-limit': 'yes', 'read-limit-size': '1', x: '200', y: '200' }
    const abort = new AbortController()
    const got: ScannedPage[] = []
    const before = new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('prw-sane-')))
    const run = (async (): Promise<void> => {
      const s = settings({ resolution: 300, options: slow })
      for await (const p of new SaneSource({ env: config('test').env }).scan('sane:test:0', s, { signal: abort.signal })) got.push(p)
    })()
    setTimeout(() => abort.abort(), 1_500)
    const started = Date.now()
    expect(await codeOf(run)).toBe('CANCELLED')
    expect(Date.now() - started).toBeLessThan(8_000)
    expect(got).toEqual([])
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('prw-sane-') && !before.has(n) && !n.startsWith('prw-sane-test'))).toEqual([])
  })

  it('refuses settings the device does not list before scanning', async () => {
    const source = new SaneSource({ env: config('pnm').env })
    expect(await codeOf(scanAll(source, 'sane:pnm:0', settings({ resolution: 600 })))).toBe('INVALID_REQUEST')
    expect(await codeOf(scanAll(source, 'sane:pnm:0', settings({ input: 'feeder' })))).toBe('INVALID_REQUEST')
    expect(await codeOf(scanAll(source, 'sane:pnm:0', settings({ options: { batch: '/tmp/x' } })))).toBe('INVALID_REQUEST')
    expect(await codeOf(scanAll(source, 'sane:nosuch:0', settings()))).toBe('SCANNER_NOT_FOUND')
  })

  describe('into the store', () => {
    let engine: EnginePool
    beforeAll(async () => {
      engine = await readyEngine()
    })
    afterAll(async () => {
      await engine.close()
    })

    it('a page scanned from pnm is imported once, queued, audited and recognised', async () => {
      const t = tempStore()
      const ws = createWorkstation(t.store, engine)
      try {
        const source = new SaneSource({ env: config('pnm').env })
        const s = settings({ options: { filename: ppm } })
        const first = await scanIntoStore(source, 'sane:pnm:0', s, ws.documents)
        expect(first.scanError).toBeNull()
        expect(first.imported).toHaveLength(1)
        // The same page again is the same bytes: a duplicate, as for a file imported twice.
        const again = await scanIntoStore(source, 'sane:pnm:0', s, ws.documents)
        expect(again.duplicates).toHaveLength(1)
        const id = first.imported[0].id
        await ws.queue.whenIdle()
        const doc = ws.documents.get(id)
        expect(doc.passportNumber).toBe(truthNumber)
        expect(doc.source).toBe('scan')
        expect(t.store.audit.list({ documentId: id, limit: 10 }).map((e) => e.type)).toContain('imported')
      } finally {
        await ws.close()
        t.cleanup()
      }
    })

    it('a scanimage that crashes in the middle of a page leaves nothing imported', async () => {
      // A stand-in that answers -A as the real pnm device does, then writes half a PNG where asked and dies by SIGSEGV.
      const half = join(dir, 'half.png')
      writeFileSync(half, (await sharp(page).png().toBuffer()).subarray(0, 5000))
      const fake = join(dir, 'crashing-scanimage')
      writeFileSync(
        fake,
        `#!/bin/bash
for a in "$@"; do [ "$a" = -A ] && exec scanimage "$@"; done
while [ $# -gt 0 ]; do [ "$1" = -o ] && cp '${half}' "$2"; shift; done
kill -SEGV $$
`
      )
      chmodSync(fake, 0o755)
      const t = tempStore()
      const ws = createWorkstation(t.store, engine)
      try {
        const source = new SaneSource({ env: config('pnm').env, command: fake })
        const r = await scanIntoStore(source, 'sane:pnm:0', settings({ options: { filename: ppm } }), ws.documents)
        expect(r.scanError?.code).toBe('SCANNER_FAILED')
        expect(r.scanError?.message).toMatch(/SIGSEGV/)
        expect(r.imported).toEqual([])
        expect(ws.documents.list({ limit: 10, offset: 0 }).items).toEqual([])
      } finally {
        await ws.close()
        t.cleanup()
      }
    })
  })
})
