import { EnginePool } from '../../../src/main/recognition/engine-pool'

/**
 * The real engine in one recognition process, its models loaded and warmed, so that session creation does not
 * count against the time limits of the tests that follow.
 */
export async function readyEngine(): Promise<EnginePool> {
  const pool = new EnginePool({ workers: 1 })
  await pool.ready()
  return pool
}
