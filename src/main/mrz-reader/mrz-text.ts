/**
 * What an MRZ reader typed or sent, as the lines of one machine-readable zone. Readers differ only in what they
 * put around the lines (Enter, CR LF, a trailing space), so the text is cut at line ends and judged by its shape:
 * 2 × 44 (TD3, passports), 2 × 36 (TD2) or 3 × 30 (TD1). Anything else is a read to repeat, with why.
 */

import { parse } from 'mrz'
import { AppError } from '../../shared/domain/errors'
import { parseMrz } from '../../shared/domain/mrz-parse'
import type { ParsedMrz } from '../../shared/domain/mrz-parse'

/** The zone formats a reader may give, by their line lengths. */
export const MRZ_SHAPES = [
  { format: 'TD3', lines: 2, length: 44 },
  { format: 'TD2', lines: 2, length: 36 },
  { format: 'TD1', lines: 3, length: 30 }
] as const

export type MrzFormat = (typeof MRZ_SHAPES)[number]['format']

/** A read cut into its lines, in one of the three shapes. */
export interface MrzText {
  format: MrzFormat
  lines: string[]
}

/**
 * The lines of `text`, upper-cased (a reader typing under Caps Lock sends lower case; the MRZ has none).
 * Throws MRZ_READ_GARBLED for characters the MRZ does not have (a keyboard layout other than the reader's turns
 * `<` into `;`, `Ö`, `>`…) and MRZ_READ_INCOMPLETE for lines of the wrong number or length (a partial swipe).
 */
export function readMrzText(text: string): MrzText {
  const typed = text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim().toUpperCase())
    .filter((l) => l !== '')
  // Some readers end only the zone, not each line: one line of a whole zone's length is cut into its lines.
  const whole = typed.length === 1 ? MRZ_SHAPES.find((s) => typed[0].length === s.lines * s.length) : undefined
  const lines = whole ? Array.from({ length: whole.lines }, (_, i) => typed[0].slice(i * whole.length, (i + 1) * whole.length)) : typed
  const strange = [...new Set(lines.join('').replace(/[A-Z0-9<]/g, ''))]
  if (strange.length > 0)
    throw new AppError(
      'MRZ_READ_GARBLED',
      `the read has characters no MRZ has (${strange.map((c) => JSON.stringify(c)).join(' ')}): if the reader types, set the keyboard layout to US English, then swipe again`
    )
  const shape = MRZ_SHAPES.find((s) => lines.length === s.lines && lines.every((l) => l.length === s.length))
  if (!shape)
    throw new AppError(
      'MRZ_READ_INCOMPLETE',
      `the read has ${lines.length} line(s) of ${lines.map((l) => l.length).join(', ') || 0} characters; an MRZ has 2 × 44 (passport), 2 × 36 or 3 × 30: swipe again`
    )
  return { format: shape.format, lines }
}

/**
 * Do the check digits of an identity card's or visa's zone hold (the `mrz` package knows TD1 and TD2)? Only the
 * check digits: its list of state codes lacks some of ICAO's own (Utopia's, the specimens').
 */
export function nonPassportHolds(text: MrzText): boolean {
  return parse(text.lines)
    .details.filter((d) => d.field?.endsWith('CheckDigit'))
    .every((d) => d.valid)
}

/**
 * A passport's read: its two TD3 lines, parsed, every check digit holding. Throws MRZ_NOT_PASSPORT for an identity
 * card's or visa's zone, MRZ_CHECK_FAILED where a check digit fails, and readMrzText's codes.
 */
export function readPassportMrz(text: string, today: Date): { line1: string; line2: string; parsed: ParsedMrz } {
  const read = readMrzText(text)
  if (read.format !== 'TD3') {
    if (!nonPassportHolds(read)) throw new AppError('MRZ_CHECK_FAILED', `the ${read.format} zone's check digits do not hold: swipe again`)
    throw new AppError(
      'MRZ_NOT_PASSPORT',
      `this is an identity card's or visa's zone (${read.format}); the workstation takes passports (TD3)`
    )
  }
  const [line1, line2] = read.lines
  const parsed = parseMrz(line1, line2, today)
  if (!parsed.valid) {
    const failed = Object.entries(parsed.checks).flatMap(([name, ok]) => (ok === false ? [name] : []))
    const what = failed.length ? `the check digit of ${failed.join(', ')} does not hold` : `${parsed.invalid.join(', ')} malformed`
    throw new AppError('MRZ_CHECK_FAILED', `${what}: swipe again`)
  }
  return { line1, line2, parsed }
}
