import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { WorkerJob, WorkerMessage } from './worker'

/**
 * One recognition process as the pool sees it. Node's child process (CLI, server, tests) and Electron's
 * utilityProcess (the app) both fit, so the pool never knows which hosts it: a native crash or an out-of-memory in
 * the decoder or ONNX Runtime ends that process, never the caller's.
 */
export interface WorkerProcess {
  readonly pid: number | undefined
  post(job: WorkerJob): void
  onMessage(listener: (message: WorkerMessage) => void): void
  /** Called once, however the process ended (crash, kill, exit), at once if it already has; `reason` is for the failed job's message. */
  onExit(listener: (reason: string) => void): void
  /** End it now (SIGKILL): a hung or timed-out process is not asked twice. */
  kill(): void
}

/** Starts one recognition process running `worker.ts` (or its built `worker.js`) with these arguments. */
export type SpawnWorker = (args: string[]) => WorkerProcess

/** What every host of a recognition process keeps for it: its environment, and how it ended. */
export interface WorkerLifetime {
  env: NodeJS.ProcessEnv
  /** The process ended for this reason: its folder is removed and every listener told, once. */
  ended(reason: string): void
  onExit: WorkerProcess['onExit']
}

/**
 * A temporary folder of its own, removed when it ends (ONNX Runtime's bundled telemetry library leaves a
 * `mat-debug-<pid>.log` and a `.ses` file in the temporary folder of every process that loads it), and the first
 * reason it ended, told to every listener, at once to a late one.
 */
export function workerLifetime(): WorkerLifetime {
  const scratch = mkdtempSync(join(tmpdir(), 'prw-recognition-'))
  let exitReason: string | undefined
  const exitListeners: ((reason: string) => void)[] = []
  return {
    // glibc gives every thread that allocates (ONNX Runtime's, libvips') an arena of its own, and freed memory stays
    // scattered over them: with two, as sharp's documentation advises on glibc, the fuzz's peak fell from about
    // 495 to 430 MB. Other C libraries ignore the variable.
    env: { MALLOC_ARENA_MAX: '2', ...process.env, TMPDIR: scratch, TMP: scratch, TEMP: scratch },
    ended: (reason) => {
      if (exitReason !== undefined) return
      exitReason = reason
      rmSync(scratch, { recursive: true, force: true })
      for (const l of exitListeners.splice(0)) l(reason)
    },
    onExit: (listener) => (exitReason === undefined ? void exitListeners.push(listener) : listener(exitReason))
  }
}

/** The default host: a Node child process, speaking structured-clone IPC (bytes cross as bytes, not JSON). */
export function forkWorker(script?: URL | string): SpawnWorker {
  const fromSource = import.meta.url.endsWith('.ts')
  const url = script ?? new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url)
  const path = url instanceof URL ? fileURLToPath(url) : url
  // Run from TypeScript source (CLI, tests), the child registers tsx's loader, as its parent did.
  const execArgv = path.endsWith('.ts') ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : []
  return (args) => {
    const { env, ended, onExit } = workerLifetime()
    // stdout is the CLI's output (one JSON line per file): whatever a native library prints goes to stderr.
    const child = fork(path, args, { execArgv, env, serialization: 'advanced', stdio: ['ignore', 2, 2, 'ipc'] })
    child.on('exit', (code, signal) => ended(signal ? `the recognition process was killed by ${signal}` : `the recognition process exited with ${code}`))
    child.on('error', (err) => ended(`the recognition process failed: ${err.message}`))
    return {
      pid: child.pid,
      post: (job) => {
        // A process that cannot take a job is ended; its exit then fails the job through onExit.
        if (child.connected) child.send(job, (err) => err && child.kill('SIGKILL'))
      },
      onMessage: (listener) => child.on('message', (m) => listener(m as WorkerMessage)),
      onExit,
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      }
    }
  }
}
