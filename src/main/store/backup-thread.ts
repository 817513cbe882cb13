import { AppError } from '../../shared/domain/errors'
import type { ErrorCode } from '../../shared/domain/errors'
import type { CopyRequest, CopyResult } from './backup-copy'
import { startThread } from '../worker-thread'

type Reply = { ok: true; result: CopyResult } | { ok: false; error: { code: string | null; message: string } }

/** `copyAndCheck` in a worker thread of its own: the caller's event loop runs on while a large database is copied. */
export function copyInThread(req: CopyRequest): Promise<CopyResult> {
  return new Promise((resolve, reject) => {
    const worker = startThread(import.meta.url, 'backup-worker', req)
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
