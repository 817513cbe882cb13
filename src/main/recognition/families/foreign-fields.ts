/**
 * The fields of another state's passport. What the MRZ carries is read from it (it is the one part of the page
 * every state prints the same way); what only the printed zone carries (issue date, places, authority, a name in
 * Chinese) is left empty at 0 rather than guessed from labels in a language we do not know.
 */

import type { FieldKey } from '../../../shared/domain/fields'
import { FIELD_KEYS } from '../../../shared/domain/fields'
import { formatNameEn, formatSex } from '../../../shared/domain/formats'
import type { FieldRead, FieldReads } from '../passport/layout'
import type { PageLine } from '../passport/page-lines'
import type { MrzRead } from '../mrz/read'
import { isStateCode } from '../../../shared/domain/mrz-states'

const NONE: FieldRead = { value: '', prob: 0, quad: null }
const pct = (p: number): number => Math.round(Math.max(0, Math.min(1, p)) * 100)
/** No check digit guards these: a field read from them alone is flagged for a look unless the print agrees. */
const UNCHECKED_CAP = 85
/** Line 1's name found in the printed zone too, word for word: two independent readings agree. */
const AGREED = 95

/** Latin letters only, diacritics dropped, as the MRZ transliterates them (ICAO 9303-3 §6: Ä→A, Ø→O…). */
function lettersOf(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]+/g, ' ')
    .trim()
}

/** Is every word of the MRZ name printed somewhere in the visual zone? */
function printedName(words: readonly string[], lines: readonly PageLine[]): boolean {
  const printed = new Set(lines.flatMap((l) => lettersOf(l.text).split(' ')))
  return words.length > 0 && words.every((w) => printed.has(w))
}

/** The fields of a passport read as another state's, from its MRZ (and the printed zone to confirm the name). */
export function foreignFields(lines: readonly PageLine[], mrz: MrzRead): FieldReads {
  const out = Object.fromEntries(FIELD_KEYS.map((k) => [k, NONE])) as FieldReads
  const p = mrz.parsed
  const c = mrz.confidence
  if (!p || !c || !mrz.quads) return out
  const [q1, q2] = mrz.quads
  const set = (key: FieldKey, value: string, prob: number, line: 1 | 2): void => {
    if (value) out[key] = { value, prob, quad: line === 1 ? q1 : q2 }
  }
  const known = (code: string, prob: number): number => (isStateCode(code.padEnd(3, '<')) ? prob : Math.min(prob, UNCHECKED_CAP))
  set('passportType', p.documentCode, Math.min(pct(c.documentCode), UNCHECKED_CAP + (mrz.line1Exact ? 10 : 0)), 1)
  set('countryCode', p.issuingState, known(p.issuingState, pct(c.issuingState)), 1)
  set('nationality', p.nationality, known(p.nationality, pct(c.nationality)), 2)
  set('passportNumber', p.passportNumber, pct(c.passportNumber), 2)
  set('birthDate', p.birthDate.value, pct(c.birthDate), 2)
  set('validToDate', p.expiryDate.value, pct(c.expiryDate), 2)
  if (p.sex === 'M' || p.sex === 'F') set('sex', formatSex(p.sex), pct(c.sex), 2)
  const words = `${p.surname} ${p.givenNames}`.split(' ').filter(Boolean)
  const agreed = printedName(words, lines)
  const nameProb = agreed ? Math.max(AGREED, Math.min(99, pct(c.name))) : Math.min(pct(c.name), UNCHECKED_CAP)
  set('nameEn', formatNameEn(p.surname, p.givenNames), nameProb, 1)
  const line2Prob = Math.min(
    ...(['passportNumber', 'birthDate', 'expiryDate', 'personalNumber', 'nationality', 'sex'] as const).map((k) => pct(c[k]))
  )
  set('mrzLine1', mrz.line1, Math.min(out.passportType.prob, out.countryCode.prob, nameProb), 1)
  set('mrzLine2', mrz.line2, mrz.valid ? line2Prob : Math.min(line2Prob, 80), 2)
  return out
}
