// The backup copy's thread (backup-thread.ts starts it; electron.vite.config.ts builds it as its own entry).
import { parentPort, workerData } from 'node:worker_threads'
import { copyAndCheck, portableError } from './backup-copy'
import type { CopyRequest } from './backup-copy'

const req = workerData as CopyRequest
try {
  parentPort?.postMessage({
    ok: true,
    result: copyAndCheck({
      ...req,
      // Buffers arrive as plain byte arrays.
      auditKey: Buffer.from(req.auditKey),
      databaseKey: { ...req.databaseKey, bytes: Buffer.from(req.databaseKey.bytes) }
    })
  })
} catch (err) {
  parentPort?.postMessage({ ok: false, error: portableError(err) })
}
