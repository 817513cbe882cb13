import { EnginePool } from '../../../src/main/recognition/engine-pool'
import { blankPage } from './passport-images'

/**
 * The real engine in one worker thread, with its models loaded: a first (quick, refused) page waits for that, so
 * that session creation does not count against the time limits of the tests that follow.
 */
export async function readyEngine(): Promise<EnginePool> {
  const pool = new EnginePool({ workers: 1 })
  await pool.recognize(await blankPage()).catch(() => undefined)
  return pool
}
