/**
 * `recognize --list-scanners` and `recognize --scan ID` as a user runs them (scripts/cli.mjs, the real engine in its
 * own processes): pages from the eSCL fixture and from SANE's pnm device are recognised, one JSON line per page.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { takeScanArgs } from '../../../src/main/scan/scan-cli'
import { startEsclFixture } from '../../fixtures/escl/escl-fixture'
import type { EsclFixture } from '../../fixtures/escl/escl-fixture'
import { generateSample } from '../../fixtures/generator'
import { saneConfig, scanimageMissing, toPpm } from '../../fixtures/sane/sane-config'
import type { SaneConfig } from '../../fixtures/sane/sane-config'

const run = promisify(execFile)

interface Result {
  status: number
  lines: Record<string, unknown>[]
  stderr: string
}

// Asynchronous: the fixture device answers from this process while the command runs.
async function cli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Result> {
  const r = await run(process.execPath, ['scripts/cli.mjs', 'recognize', ...args], { env, timeout: 240_000 }).then(
    (ok) => ({ status: 0, stdout: ok.stdout, stderr: ok.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ status: e.code, stdout: e.stdout, stderr: e.stderr })
  )
  const lines = r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
  return { status: r.status, lines, stderr: r.stderr }
}

const numberOf = (line: Record<string, unknown>): unknown => (line.data as { passportNumber?: string } | undefined)?.passportNumber

describe('scanner options of recognize', () => {
  it('takes the scan settings out of the arguments and refuses them without --scan', () => {
    expect(takeScanArgs(['--scan', 'sane:pnm:0', '--resolution', '150', '--mode', 'gray', '--source', 'feeder', '--scan-option', 'filename=/tmp/a b.ppm', '--figure'])).toEqual({
      list: false,
      device: 'sane:pnm:0',
      settings: { resolution: 150, mode: 'gray', input: 'feeder', options: { filename: '/tmp/a b.ppm' } },
      rest: ['--figure']
    })
    expect(() => takeScanArgs(['--resolution', '300', 'a.jpg'])).toThrow('--resolution goes with --scan ID')
    expect(() => takeScanArgs(['--scan', 'x', '--mode', 'sepia'])).toThrow('--mode is color or gray')
    expect(() => takeScanArgs(['--scan', 'x', '--scan-option', 'novalue'])).toThrow('--scan-option needs NAME=VALUE')
    expect(() => takeScanArgs(['--scan'])).toThrow('--scan needs a value')
  })
})

describe('recognize --scan', () => {
  let fixture: EsclFixture
  let numbers: string[]
  let dir: string
  const configs: SaneConfig[] = []

  beforeAll(async () => {
    const samples = await Promise.all([21, 22].map((seed) => generateSample(seed, 'scan')))
    numbers = samples.map((s) => s.truth.data.passportNumber)
    fixture = await startEsclFixture({ pages: samples.map((s) => s.image) })
    dir = mkdtempSync(join(tmpdir(), 'prw-scan-cli-'))
    writeFileSync(join(dir, 'page.ppm'), await toPpm(samples[0].image))
  })
  afterAll(async () => {
    await fixture.close()
    for (const c of configs) c.remove()
    rmSync(dir, { recursive: true, force: true })
  })

  it('recognises every page of the eSCL fixture feeder, in order, and ends a jam with its code', async () => {
    const r = await cli(['--scan', `escl:${fixture.url}`, '--source', 'feeder'])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.lines.map((l) => [l.page, numberOf(l)])).toEqual([
      [1, numbers[0]],
      [2, numbers[1]]
    ])
    fixture.quirks.adfState = 'jam'
    fixture.quirks.jamAfterPages = 1
    const jammed = await cli(['--scan', `escl:${fixture.url}`, '--source', 'feeder'])
    fixture.quirks.adfState = 'loaded'
    expect(jammed.status).toBe(1)
    expect(jammed.lines.map((l) => [l.page ?? null, numberOf(l) ?? (l.error as { code: string }).code])).toEqual([
      [1, numbers[0]],
      [null, 'SCANNER_JAMMED']
    ])
  })

  it.skipIf(scanimageMissing() !== null)(
    `lists SANE's pnm device and recognises the page it scans${scanimageMissing() ? ` (skipped: ${scanimageMissing()})` : ''}`,
    async () => {
      const config = saneConfig('pnm')
      configs.push(config)
      const devices = (await run(process.execPath, ['scripts/cli.mjs', 'recognize', '--list-scanners'], { env: config.env })).stdout
      expect(devices.split('\n')).toContain('sane:pnm:0\tNoname PNM file reader')
      const r = await cli(['--scan', 'sane:pnm:0', '--scan-option', `filename=${join(dir, 'page.ppm')}`], config.env)
      expect(r.status).toBe(0)
      expect(r.lines).toHaveLength(1)
      expect(numberOf(r.lines[0])).toBe(numbers[0])
    }
  )
})
