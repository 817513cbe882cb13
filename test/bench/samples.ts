import type { DocumentFamily } from '../../src/shared/domain/families'
import { DOCUMENT_FAMILIES } from '../../src/shared/domain/families'
import type { Sample, SampleTruth, Variation } from '../fixtures/generator'
import { generateSet, VARIATIONS } from '../fixtures/generator'
import { deriveSeed } from '../fixtures/generator/random'

/**
 * The generator's set maker with its family parameter. It is being added to the generator; until it is, the
 * extra argument is ignored and `truth.family` is missing, which `generateFamilies` notices.
 */
const generate = generateSet as (
  count: number,
  seed: number,
  variations: readonly Variation[],
  families?: readonly DocumentFamily[]
) => Promise<Sample[]>

/** A generated sample whose family is known (the generator's, or mainland when it has none). */
export interface FamilySample extends Sample {
  family: DocumentFamily
  variation: Variation
}

/** Other families draw from seeds far from the mainland's sample indices, so their streams never coincide. */
const FAMILY_SEED_BASE = 1_000_000

/** The base seed of a family's set: mainland keeps the bench's seed itself, so its images are those of earlier runs. */
export function familySeed(seed: number, family: DocumentFamily): number {
  return family === 'mainland' ? seed : deriveSeed(seed, FAMILY_SEED_BASE + DOCUMENT_FAMILIES.indexOf(family))
}

/**
 * `perVariation` pages per variation for each family the generator can make. A family counts as made when a
 * probe sample comes back with `truth.family` as asked; the others are left out with a note (mainland only,
 * when none is left).
 */
export async function generateFamilies(
  perVariation: number,
  seed: number,
  families: readonly DocumentFamily[]
): Promise<{ samples: FamilySample[]; families: DocumentFamily[]; notes: string[] }> {
  const made: DocumentFamily[] = []
  const missing: DocumentFamily[] = []
  for (const f of families) {
    if (f === 'mainland') made.push(f)
    else {
      const [probe] = await generate(1, familySeed(seed, f), VARIATIONS, [f])
      if (familyOf(probe.truth) === f) made.push(f)
      else missing.push(f)
    }
  }
  const notes: string[] = []
  if (missing.length) notes.push(`the generator does not make ${missing.join(', ')} pages yet (truth.family not as asked): left out`)
  if (made.length === 0) {
    made.push('mainland')
    notes.push('no family asked for can be generated: mainland only')
  }
  const samples: FamilySample[] = []
  for (const family of made) {
    const set = await generate(perVariation * VARIATIONS.length, familySeed(seed, family), VARIATIONS, [family])
    for (const s of set) samples.push({ ...s, id: `${family}-${s.id}`, family, variation: s.truth.variation })
  }
  return { samples, families: made, notes }
}

/** `truth.family` where the generator sets it; a truth without one is from the mainland-only generator. */
function familyOf(truth: SampleTruth): DocumentFamily {
  return (truth as SampleTruth & { family?: DocumentFamily }).family ?? 'mainland'
}
