import { describe, expect, it } from 'vitest'
import { runFuzz, seedImages } from '../../fuzz/mutation-fuzz'

// CI's budget: 10 seeds × 4 mutants. `npm run fuzz` runs 10 × 1,000 and prints the figures.
describe('mutated images through the real engine, in its own process', () => {
  it('each gives a recognition or a typed error: no crash, no hang, bounded memory', async () => {
    const f = await runFuzz({ seeds: await seedImages(), mutantsPerSeed: 4, seed: 7, hangMs: 20_000 })
    expect(f.mutants).toBe(40)
    expect({ crashes: f.crashes, hangs: f.hangs, untyped: f.untyped }).toEqual({ crashes: 0, hangs: 0, untyped: 0 })
    expect(f.peakRssMb).toBeGreaterThan(0)
    expect(f.peakRssMb).toBeLessThanOrEqual(512)
  }, 300_000)
})
