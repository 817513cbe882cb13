import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'

/** tsx's ESM API, as its package exports it (`tsx/esm/api`, import condition), for a thread run from source. */
function tsxApi(): string {
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json')
  const exported = (JSON.parse(readFileSync(pkg, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports
  return new URL(exported['./esm/api'].import.default, pathToFileURL(pkg)).href
}

/**
 * Start the worker thread whose entry is `name` (no extension) beside the module at `caller` (its
 * `import.meta.url`): `name.js` in a build (electron.vite.config.ts and scripts/cli.mjs build each entry beside
 * the code that starts it), `name.ts` when that code runs from TypeScript source.
 */
export function startThread(caller: string, name: string, workerData: unknown): Worker {
  const fromSource = caller.endsWith('.ts')
  const url = new URL(`./${name}${fromSource ? '.ts' : '.js'}`, caller)
  // Run from source (CLI, tests), the thread loads its entry through tsx: a worker does not take its parent's
  // loader, nor one given to it as `--import`.
  if (!fromSource) return new Worker(url, { workerData })
  const load = `import(${JSON.stringify(tsxApi())}).then((tsx) => tsx.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`
  return new Worker(load, { eval: true, workerData })
}
