import Ocr from '@gutenye/ocr-node'
import { FIELD_KEYS } from '../../src/shared/domain/fields'
import type { Sample } from '../fixtures/generator'
import { percentile } from './metrics'

/** Run the generic pipeline on every image: its speed, and how many true values appear verbatim in its text. */
export async function baselineRecall(
  samples: readonly Sample[],
  files: readonly string[]
): Promise<{ medianMs: number; found: number; total: number }> {
  const ocr = await Ocr.create()
  const times: number[] = []
  let found = 0
  let total = 0
  for (let i = 0; i < samples.length; i++) {
    const t = performance.now()
    const lines = (await ocr.detect(files[i])) as { text: string }[]
    times.push(performance.now() - t)
    const text = lines.map((l) => l.text.replace(/\s/g, '')).join('\n')
    for (const k of FIELD_KEYS) {
      total++
      const v = samples[i].truth.data[k].replace(/\s/g, '')
      if (v && text.includes(v)) found++
    }
  }
  return { medianMs: percentile(times, 0.5), found, total }
}
