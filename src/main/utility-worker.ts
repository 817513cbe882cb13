import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { utilityProcess } from 'electron'
import type { SpawnWorker } from './recognition/worker-process'
import type { WorkerMessage } from './recognition/worker'

/**
 * The app's host for the recognition worker: Electron's utilityProcess (a Node child would need the runAsNode fuse,
 * which stays off). The worker script is the same as the command line's; only this thin layer differs.
 */
export function utilityProcessWorker(script: string): SpawnWorker {
  return (args) => {
    // Its own temporary folder, removed when it ends, as forkWorker does (ONNX Runtime's telemetry files).
    const scratch = mkdtempSync(join(tmpdir(), 'prw-recognition-'))
    const env = { ...process.env, TMPDIR: scratch, TMP: scratch, TEMP: scratch }
    const child = utilityProcess.fork(script, args, { serviceName: 'Passport recognition', stdio: 'inherit', env })
    let exitReason: string | undefined
    const exitListeners: ((reason: string) => void)[] = []
    const ended = (reason: string): void => {
      if (exitReason !== undefined) return
      exitReason = reason
      rmSync(scratch, { recursive: true, force: true })
      for (const l of exitListeners.splice(0)) l(reason)
    }
    child.on('exit', (code) => ended(`the recognition process exited with ${code}`))
    child.on('error', (type) => ended(`the recognition process failed: ${type}`))
    return {
      get pid() {
        return child.pid
      },
      post: (job) => child.postMessage(job),
      onMessage: (listener) => child.on('message', (m: WorkerMessage) => listener(m)),
      onExit: (listener) => (exitReason === undefined ? exitListeners.push(listener) : listener(exitReason)),
      kill: () => void child.kill()
    }
  }
}
