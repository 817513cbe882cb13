/**
 * Per-character confidence of the values that were read character for character: an MRZ line or a field taken
 * from one (the passport number), and a printed value that is exactly its line's reading. A value the engine
 * composed (a date in our format, a place matched to its bilingual name) has no per-character reading: the
 * field's own valueProb is all there is, unless its reader gave each character its own (another state's name, its
 * marked letters less sure than the rest).
 */

import type { FieldKey } from '../../../shared/domain/fields'
import { FIELD_KEYS } from '../../../shared/domain/fields'
import type { MrzRead } from '../mrz/read'
import type { FieldReads } from './field-reads'
import { pct } from './field-reads'
import type { PageLine } from './page-lines'

/** Per field whose characters were read one by one, each character's confidence (0–100). */
export function charConfidence(fields: FieldReads, lines: readonly PageLine[], mrz: MrzRead): Partial<Record<FieldKey, number[]>> {
  const out: Partial<Record<FieldKey, number[]>> = {}
  for (const key of FIELD_KEYS) {
    const f = fields[key]
    if (!f.value || !f.quad) continue
    const chars = [...f.value]
    if (f.chars && f.chars.length === chars.length) {
      out[key] = f.chars
      continue
    }
    const mrzLine = mrz.quads && mrz.chars ? ([0, 1] as const).find((i) => mrz.quads?.[i] === f.quad) : undefined
    if (mrzLine !== undefined && mrz.chars) {
      const text = mrzLine === 0 ? mrz.line1 : mrz.line2
      // The whole line, or a field cut from its start with fillers dropped (the passport number).
      if (text.startsWith(f.value)) out[key] = mrz.chars[mrzLine].slice(0, chars.length).map(pct)
      continue
    }
    const line = lines.find((l) => l.quad === f.quad)
    if (line && line.text === f.value && line.line.chars.length === chars.length) out[key] = line.line.chars.map((c) => pct(c.prob))
  }
  return out
}
