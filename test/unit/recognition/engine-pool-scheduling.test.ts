import { describe, expect, it } from 'vitest'
import { EnginePool } from '../../../src/main/recognition/engine-pool'
import type { SpawnWorker, WorkerProcess } from '../../../src/main/recognition/worker-process'
import type { WorkerJob, WorkerMessage } from '../../../src/main/recognition/worker'

/**
 * The pool's own scheduling, on stand-in processes whose timing the test sets (the real engine's isolation is tested
 * in engine-isolation.test.ts): when a process is ready, answers, or dies before it ever was.
 */
function standIns(behaviour: { readyAfterMs?: number; dieAtStart?: boolean; answerAfterMs?: number }): {
  spawn: SpawnWorker
  started: () => number
} {
  let started = 0
  const spawn: SpawnWorker = () => {
    started++
    const message: ((m: WorkerMessage) => void)[] = []
    const exit: ((reason: string) => void)[] = []
    let alive = true
    const readyAt = Date.now() + (behaviour.readyAfterMs ?? 0)
    const end = (reason: string): void => {
      if (!alive) return
      alive = false
      for (const l of exit) l(reason)
    }
    if (behaviour.dieAtStart) setTimeout(() => end('the recognition process exited with 1'), 5)
    else setTimeout(() => alive && message.forEach((l) => l({ ready: true })), behaviour.readyAfterMs ?? 0)
    const proc: WorkerProcess = {
      pid: 100000 + started,
      // Like the real worker, a job sent early waits for the engine to load, then takes a millisecond.
      post: (job: WorkerJob) =>
        setTimeout(
          () => alive && message.forEach((l) => l({ id: job.id, ok: true, value: { answered: job.id } })),
          Math.max(0, readyAt - Date.now()) + (behaviour.answerAfterMs ?? 1)
        ),
      onMessage: (l) => message.push(l),
      onExit: (l) => (alive ? exit.push(l) : l('gone')),
      // Like a real process, it is gone a moment after the signal, not at once.
      kill: () => setTimeout(() => end('the recognition process was killed by SIGKILL'), 20)
    }
    return proc
  }
  return { spawn, started: () => started }
}

describe('EnginePool scheduling', () => {
  it('gives a job only to a ready process, so its time limit does not run while models load', async () => {
    const { spawn } = standIns({ readyAfterMs: 300 })
    const pool = new EnginePool({ workers: 1, spawn, jobTimeoutMs: 100 })
    try {
      await expect(pool.recognize(new Uint8Array(4))).resolves.toEqual({ answered: 1 })
      expect(pool.restarts).toBe(0)
    } finally {
      await pool.close()
    }
  })

  it('sends the job after a timed-out one to the restarted process, not to the one being killed', async () => {
    const { spawn, started } = standIns({ answerAfterMs: 200 })
    const pool = new EnginePool({ workers: 1, spawn, jobTimeoutMs: 100 })
    try {
      await pool.ready()
      await expect(pool.recognize(new Uint8Array(4))).rejects.toMatchObject({ code: 'TIMEOUT' })
      const next = pool.recognize(new Uint8Array(4))
      // Sent to the dying process, it would fail with ENGINE_CRASHED when that exits.
      await expect(next).rejects.toMatchObject({ code: 'TIMEOUT' })
      expect(started()).toBe(2)
    } finally {
      await pool.close()
    }
  })

  it('stops restarting a process that dies before it is ever ready, and fails the waiting jobs with ENGINE_CRASHED', async () => {
    const { spawn, started } = standIns({ dieAtStart: true })
    const pool = new EnginePool({ workers: 1, spawn })
    try {
      await expect(pool.recognize(new Uint8Array(4))).rejects.toMatchObject({
        code: 'ENGINE_CRASHED',
        message: /no recognition process is left/
      })
      expect(started()).toBe(3)
      await expect(pool.recognize(new Uint8Array(4))).rejects.toMatchObject({ code: 'ENGINE_CRASHED' })
    } finally {
      await pool.close()
    }
  })
})
