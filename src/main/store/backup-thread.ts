import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { AppError } from '../../shared/domain/errors'
import type { ErrorCode } from '../../shared/domain/errors'
import type { CopyRequest, CopyResult } from './backup-copy'

/** tsx's ESM API, as its package exports it (`tsx/esm/api`, import condition), for a thread run from source. */
function tsxApi(): string {
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json')
  const exported = (JSON.parse(readFileSync(pkg, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports
  return new URL(exported['./esm/api'].import.default, pathToFileURL(pkg)).href
}

type Reply = { ok: true; result: CopyResult } | { ok: false; error: { code: string | null; message: string } }

/** `copyAndCheck` in a worker thread of its own: the caller's event loop runs on while a large database is copied. */
export function copyInThread(req: CopyRequest): Promise<CopyResult> {
  const fromSource = import.meta.url.endsWith('.ts')
  const url = new URL(fromSource ? './backup-worker.ts' : './backup-worker.js', import.meta.url)
  return new Promise((resolve, reject) => {
    // Run from TypeScript source (CLI, tests), the thread loads its entry through tsx: a worker does not take
    // its parent's loader, nor one given to it as `--import`.
    const worker = fromSource
      ? new Worker(
          `import(${JSON.stringify(tsxApi())}).then((tsx) => tsx.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`,
          {
            eval: true,
            workerData: req
          }
        )
      : new Worker(url, { workerData: req })
    let replied = false
    worker.once('message', (m: Reply) => {
      replied = true
      if (m.ok) resolve({ ...m.result, head: m.result.head && { ...m.result.head, mac: Buffer.from(m.result.head.mac) } })
      else reject(m.error.code ? new AppError(m.error.code as ErrorCode, m.error.message) : new Error(m.error.message))
    })
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (!replied) reject(new AppError('INTERNAL', `the backup copy's thread ended (exit code ${code}) without an answer`))
    })
  })
}
