import { utilityProcess } from 'electron'
import type { SpawnWorker } from './recognition/worker-process'
import { workerLifetime } from './recognition/worker-process'
import type { WorkerMessage } from './recognition/worker'

/**
 * The app's host for the recognition worker: Electron's utilityProcess (a Node child would need the runAsNode fuse,
 * which stays off). The worker script is the same as the command line's; only this thin layer differs.
 */
export function utilityProcessWorker(script: string): SpawnWorker {
  return (args) => {
    const { env, ended, onExit } = workerLifetime()
    const child = utilityProcess.fork(script, args, { serviceName: 'Passport recognition', stdio: 'inherit', env })
    child.on('exit', (code) => ended(`the recognition process exited with ${code}`))
    child.on('error', (type) => ended(`the recognition process failed: ${type}`))
    return {
      get pid() {
        return child.pid
      },
      post: (job) => child.postMessage(job),
      onMessage: (listener) => child.on('message', (m: WorkerMessage) => listener(m)),
      onExit,
      kill: () => void child.kill()
    }
  }
}
