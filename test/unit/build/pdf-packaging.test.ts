import { lstatSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { init, parse } from 'es-module-lexer'
import { load } from 'js-yaml'
import { beforeAll, describe, expect, it } from 'vitest'
import { PDFJS_DATA } from '../../../src/main/ingest/pages/pdf-pages'

// The files pdf.js needs when a PDF arrives in the packaged app, derived from the code that loads them, checked
// against electron-builder.yml with electron-builder's own file matchers (app-builder-lib): each must be copied into
// the app, and each native binary unpacked from the asar (dlopen cannot read inside an archive). A packaged build
// cannot run here (Electron's binary is not downloadable), so this is the check short of one.
const ROOT = resolve(import.meta.dirname, '../../..')
const requireHere = createRequire(import.meta.url)
const { FileMatcher, getFileMatchers, getNodeModuleFileMatcher, excludedNames, excludedExts } = requireHere(
  'app-builder-lib/out/fileMatcher'
) as {
  FileMatcher: new (from: string, to: string, expand: (s: string) => string, patterns?: string[]) => Matcher
  getFileMatchers: (config: object, name: string, to: string, o: object) => Matcher[] | null
  getNodeModuleFileMatcher: (appDir: string, to: string, expand: (s: string) => string, platform: object, packager: object) => Matcher
  excludedNames: string
  excludedExts: string
}
interface Matcher {
  createFilter(): (file: string, stat: ReturnType<typeof lstatSync>) => boolean
}
type BuilderConfig = Record<string, unknown> & { files: string[]; asarUnpack: string[] }
const config = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig
const DESTINATION = '/app'
const same = (s: string): string => s

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))

/** The packages pdf-pages.ts imports when a PDF arrives (its dynamic imports), as written there. */
async function loadedModules(): Promise<string[]> {
  await init
  return parse(readFileSync(join(ROOT, 'src/main/ingest/pages/pdf-pages.ts'), 'utf8'))[0]
    .filter((i) => i.d > -1 && i.n !== undefined)
    .map((i) => i.n as string)
}

/** Every file pdf.js reads at run time: its entry, the worker it imports beside it, its data folders, its canvas. */
async function runTimeFiles(): Promise<string[]> {
  const modules = await loadedModules()
  if (modules.length !== 2) throw new Error(`pdf-pages.ts imports ${modules.join(', ')}; this test knows pdf.js and its canvas`)
  const entry = requireHere.resolve(modules[0])
  // In Node, pdf.js runs its worker in-process, imported from the path it defaults to beside its entry.
  const worker = /GlobalWorkerOptions\.workerSrc \|\|= "([^"]+)"/.exec(readFileSync(entry, 'utf8'))?.[1]
  if (!worker) throw new Error('pdf.js no longer names its default worker as this test reads it')
  const data = Object.values(PDFJS_DATA).flatMap((dir) => walk(dir))
  // @napi-rs/canvas as pdf.js requires it (from its own folder): its JavaScript and the native binding it loads.
  createRequire(entry)(modules[1])
  const canvas = Object.keys(requireHere.cache).filter((f) => f.includes('/node_modules/@napi-rs/'))
  return [entry, resolve(dirname(entry), worker), ...data, ...canvas]
}

/** Files left out of the app, and native ones left inside the asar, under `c`. */
function packagingGaps(c: BuilderConfig, files: string[]): { missing: string[]; packedNative: string[] } {
  const packager = { config: c, debugLogger: { isEnabled: false } }
  const copied = getNodeModuleFileMatcher(ROOT, DESTINATION, same, {}, packager).createFilter()
  const names = new Set(excludedNames.split(','))
  const exts = excludedExts.split(',').map((e) => `.${e}`)
  const unpackMatchers = getFileMatchers(c, 'asarUnpack', DESTINATION, {
    macroExpander: same,
    customBuildOptions: {},
    globalOutDir: join(ROOT, 'release'),
    defaultSrc: ROOT
  })
  const unpacked = (unpackMatchers?.[0] ?? new FileMatcher(ROOT, DESTINATION, same, [])).createFilter()
  const missing = files.filter((f) => {
    const rel = relative(ROOT, f)
    return !copied(f, lstatSync(f)) || rel.split('/').some((part) => names.has(part)) || exts.some((e) => rel.endsWith(e))
  })
  const packedNative = files.filter((f) => f.endsWith('.node') && !unpacked(f, lstatSync(f)))
  return { missing: missing.map((f) => relative(ROOT, f)), packedNative: packedNative.map((f) => relative(ROOT, f)) }
}

describe("pdf.js's run-time files in the packaged app (electron-builder.yml)", () => {
  let files: string[] = []
  beforeAll(async () => {
    files = await runTimeFiles()
  })

  it('finds them from the code: entry, worker, standard fonts, CMaps, decoders and the canvas binding', () => {
    const rel = files.map((f) => relative(ROOT, f))
    expect(rel).toContain('node_modules/pdfjs-dist/legacy/build/pdf.mjs')
    expect(rel).toContain('node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs')
    for (const dir of ['standard_fonts', 'cmaps', 'wasm'])
      expect(rel.filter((f) => f.startsWith(`node_modules/pdfjs-dist/${dir}/`)).length, dir).toBeGreaterThan(0)
    expect(rel.filter((f) => f.startsWith('node_modules/@napi-rs/') && f.endsWith('.node'))).toHaveLength(1)
  })

  it('copies every one into the app and unpacks the native binding from the asar', () => {
    expect(packagingGaps(config, files)).toEqual({ missing: [], packedNative: [] })
  })

  it("would catch a folder left out or a binding left packed (electron-builder's matchers are really applied)", () => {
    const withoutCmaps = { ...config, files: [...config.files, '!node_modules/pdfjs-dist/cmaps/**'] }
    const gaps = packagingGaps(withoutCmaps, files)
    expect(gaps.missing.length).toBeGreaterThan(100)
    expect(gaps.missing.every((f) => f.startsWith('node_modules/pdfjs-dist/cmaps/'))).toBe(true)
    const packed = packagingGaps({ ...config, asarUnpack: config.asarUnpack.filter((p) => p !== '**/*.node') }, files)
    expect(packed.packedNative).toEqual([expect.stringMatching(/^node_modules\/@napi-rs\/canvas-[a-z0-9-]+\/skia\.[a-z0-9-]+\.node$/)])
  })
})
