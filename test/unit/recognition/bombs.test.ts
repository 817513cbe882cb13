import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EnginePool } from '../../../src/main/recognition/engine-pool'
import { decodeImage } from '../../../src/main/recognition/image/decode'
import { allBombs } from '../../fixtures/bombs'
import type { Bomb } from '../../fixtures/bombs'

// Speed and memory are measured by `npm run bench:bombs`; here, only what is refused and with which code.
let bombs: { bomb: Bomb; code: string }[]
let pool: EnginePool
beforeAll(async () => {
  bombs = await allBombs()
  pool = new EnginePool({ workers: 1 })
  await pool.ready()
})
afterAll(() => pool.close())

describe('decompression bombs', () => {
  it('are refused from their headers, each with its stable code', async () => {
    const codes = await Promise.all(bombs.map(({ bomb }) => decodeImage(bomb.bytes).then(() => 'DECODED', (e: { code: string }) => e.code)))
    expect(codes).toEqual(bombs.map((b) => b.code))
  })

  it('are refused by the recognition process without crashing it', async () => {
    for (const { bomb, code } of bombs) await expect(pool.recognize(bomb.bytes), bomb.name).rejects.toMatchObject({ code })
    expect(pool.restarts).toBe(0)
  })
})
