// The command line, run from an esbuild bundle of `src/main/cli.ts` and its recognition worker.
// Loading TypeScript through tsx costs most of a second per process (and again in every worker), which a
// user feels on the first result; the bundle is rebuilt whenever one of its sources changed, so it is never
// stale. Bundles are kept per source state and written under a temporary name first, so that processes
// started together never run a half-written one.
import { build } from 'esbuild'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const cache = join(root, 'node_modules', '.cache', 'passport-cli')
const inputsFile = join(cache, 'inputs.json')
const KEEP_MS = 60 * 60 * 1000

/** A stamp of the bundle's sources as they are now: any edit, addition or removal among them changes it. */
function stampOf(inputs) {
  const h = createHash('sha256')
  for (const f of inputs) {
    const s = statSync(join(root, f), { throwIfNoEntry: false })
    h.update(f)
    h.update(s ? `${s.mtimeMs}:${s.size}` : 'missing')
  }
  return h.digest('hex').slice(0, 16)
}

function knownInputs() {
  try {
    return JSON.parse(readFileSync(inputsFile, 'utf8'))
  } catch {
    return null
  }
}

async function bundle() {
  mkdirSync(cache, { recursive: true })
  const tmp = join(cache, `tmp-${process.pid}-${Date.now()}`)
  const result = await build({
    absWorkingDir: root,
    entryPoints: { cli: 'src/main/cli.ts', worker: 'src/main/recognition/worker.ts' },
    outdir: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    metafile: true,
    logLevel: 'error'
  })
  const inputs = Object.keys(result.metafile.inputs).sort()
  const dir = join(cache, stampOf(inputs))
  try {
    renameSync(tmp, dir)
  } catch {
    // Another process built the same sources first: its bundle is as good.
    rmSync(tmp, { recursive: true, force: true })
  }
  writeFileSync(`${inputsFile}.${process.pid}`, JSON.stringify(inputs))
  renameSync(`${inputsFile}.${process.pid}`, inputsFile)
  prune(dir)
  return dir
}

/** Bundles of older sources are removed once nothing can still be starting from them. */
function prune(current) {
  for (const name of readdirSync(cache)) {
    const p = join(cache, name)
    if (p === current || name === 'inputs.json') continue
    try {
      if (Date.now() - statSync(p).mtimeMs > KEEP_MS) rmSync(p, { recursive: true, force: true })
    } catch {
      // Removed by another process meanwhile.
    }
  }
}

const inputs = knownInputs()
const ready = inputs && join(cache, stampOf(inputs))
const dir = ready && existsSync(join(ready, 'cli.js')) && existsSync(join(ready, 'worker.js')) ? ready : await bundle()
await import(pathToFileURL(join(dir, 'cli.js')).href)
