import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'

const ROOT = resolve(import.meta.dirname, '../..')

/**
 * The recognition worker as it ships (one bundle, plain JavaScript, as the command line's scripts/cli.mjs and the app
 * build it), so that the fuzz measures that process's memory: run from TypeScript source, tsx's loader also
 * transforms pdf.js when a PDF arrives, which alone took the process 160 MB more (pdf.js loaded: +36 MB plain,
 * +198 MB under tsx). Built beside the command line's bundles, where its packages resolve; returns its path.
 */
export async function bundledWorker(): Promise<string> {
  const dir = join(ROOT, 'node_modules', '.cache', 'prw-fuzz-worker')
  mkdirSync(dir, { recursive: true })
  await build({
    absWorkingDir: ROOT,
    entryPoints: { worker: 'src/main/recognition/worker.ts' },
    outdir: dir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error'
  })
  return join(dir, 'worker.js')
}
