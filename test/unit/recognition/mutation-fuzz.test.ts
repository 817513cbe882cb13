import { describe, expect, it } from 'vitest'
import { runFuzz, seedImages } from '../../fuzz/mutation-fuzz'

// CI's budget: 10 seeds × 4 mutants. `npm run fuzz` runs 10 × 1,000 and prints the figures.
describe('mutated files through the real engine, in its own process', () => {
  it('each gives a recognition or a typed error: no crash, no hang, bounded memory; files of pages are split there', async () => {
    const f = await runFuzz({ seeds: await seedImages(), mutantsPerSeed: 4, seed: 7, hangMs: 20_000 })
    console.log(
      Object.entries(f.byKind)
        .map(
          ([kind, k]) =>
            `${kind}: ${k.recognized} recognised, split ${k.split}, ${JSON.stringify(k.errors)}, slowest ${k.slowestMs.toFixed(0)} ms`
        )
        .join('\n')
    )
    expect(f.mutants).toBe(40)
    expect(Object.keys(f.byKind)).toEqual(['jpeg', 'png', 'webp', 'bmp', 'gif', 'tiff', 'tiff-2-pages', 'pdf', 'heic', 'jpeg-large'])
    expect({ crashes: f.crashes, hangs: f.hangs, untyped: f.untyped }).toEqual({ crashes: 0, hangs: 0, untyped: 0 })
    // The mutants of a PDF, a HEIC and a TIFF reach the page splitting in the recognition process.
    for (const kind of ['pdf', 'heic', 'tiff-2-pages']) expect(f.byKind[kind].split, kind).toBeGreaterThan(0)
    expect(f.peakRssMb).toBeGreaterThan(0)
    expect(f.peakRssMb).toBeLessThanOrEqual(512)
  }, 300_000)
})
