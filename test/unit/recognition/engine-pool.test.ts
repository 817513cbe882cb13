import { describe, expect, it } from 'vitest'
import { EnginePool } from '../../../src/main/recognition/engine-pool'
import { blankPage } from '../helpers/passport-images'

describe('EnginePool', () => {
  it('closes at any point of its worker start-up without taking the process down', async () => {
    // Closing must work while the process is starting, loading its models or warming up: close at several moments.
    for (const delay of [0, 300, 600, 900, 1200, 1500]) {
      const pool = new EnginePool({ workers: 1 })
      await new Promise((r) => setTimeout(r, delay))
      await pool.close()
      await expect(pool.recognize(await blankPage())).rejects.toMatchObject({ code: 'CANCELLED' })
    }
  }, 120_000)

  it('rejects queued jobs as cancelled and lets the running one finish', async () => {
    const pool = new EnginePool({ workers: 1 })
    const page = await blankPage()
    // Jobs wait in the queue until the process is warm; from then on one runs while the next waits.
    await pool.ready()
    const running = pool.recognize(page)
    const queued = pool.recognize(page)
    await new Promise((r) => setTimeout(r, 50))
    const closed = pool.close()
    await expect(queued).rejects.toMatchObject({ code: 'CANCELLED' })
    // The blank page is no passport: the worker answered rather than being cut off.
    await expect(running).rejects.toMatchObject({ code: 'NO_PASSPORT_FOUND' })
    await closed
  }, 60_000)
})
