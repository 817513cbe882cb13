import type { FieldKey } from '../../src/shared/domain/fields'
import { FIELD_KEYS } from '../../src/shared/domain/fields'
import { toErrorInfo } from '../../src/shared/domain/errors'
import type { ErrorCode } from '../../src/shared/domain/errors'
import type { PassportResponse } from '../../src/shared/domain/response'
import type { PassportEngine } from '../../src/main/recognition/pipeline'
import type { FieldResult, Score } from './metrics'
import { fieldResults, MRZ_DERIVED_FIELDS, pickFields, reportedAsChinese, scoreResponse } from './metrics'
import type { FamilySample } from './samples'

/** One generated page as the engine answered it. */
export interface DocResult {
  sample: FamilySample
  /** Warm wall time of recognise plus JSON encoding. */
  ms: number
  score: Score | null
  /** The fields measured for this family (MRZ-derived only for foreign passports). */
  fields: FieldResult[]
  /** Foreign pages only: was the holder reported as Chinese? */
  asChinese: boolean
  error?: { code: ErrorCode; message: string }
}

/** The fields a family's pages are scored on: a foreign page's other fields are not defined for the cloud API. */
export function scoredFields(s: FamilySample): readonly FieldKey[] {
  return s.family === 'foreign' ? MRZ_DERIVED_FIELDS : FIELD_KEYS
}

/** Recognise every sample in turn (after one warm-up), timing each and scoring it; an engine error is a result too. */
export async function runSamples(
  engine: PassportEngine,
  samples: readonly FamilySample[],
  today: Date,
  onResult: (d: DocResult, r: PassportResponse | null) => void
): Promise<DocResult[]> {
  // Warm-up only: if this page fails, the loop below reads it again and reports the error with its code.
  await engine.recognize(samples[0].image, { today }).catch(() => undefined)
  const out: DocResult[] = []
  for (const sample of samples) {
    const t = performance.now()
    let r: PassportResponse | null = null
    let error: DocResult['error']
    try {
      r = await engine.recognize(sample.image, { today })
      JSON.stringify(r)
    } catch (err) {
      error = toErrorInfo(err)
    }
    const ms = performance.now() - t
    const d: DocResult = {
      sample,
      ms,
      score: r ? scoreResponse(r, sample.truth) : null,
      fields: fieldResults(r, pickFields(sample.truth.data, scoredFields(sample))),
      asChinese: sample.family === 'foreign' && r !== null && reportedAsChinese(r),
      error
    }
    out.push(d)
    onResult(d, r)
  }
  return out
}
