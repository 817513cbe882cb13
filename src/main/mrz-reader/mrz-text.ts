/**
 * What an MRZ reader typed or sent, as the lines of one machine-readable zone. Readers differ only in what they
 * put around the lines (Enter, CR LF, a trailing space), so the text is cut at line ends and judged by its shape:
 * 2 × 44 (TD3, passports), 2 × 36 (TD2) or 3 × 30 (TD1). Anything else is a read to repeat, with why.
 */

import { AppError } from '../../shared/domain/errors'
import { notACard, parseCardMrz } from '../../shared/domain/mrz-card'
import { parseMrz } from '../../shared/domain/mrz-parse'
import type { ParsedMrz } from '../../shared/domain/mrz-parse'
import { MRZ_SHAPES } from '../../shared/domain/mrz-zone'
import type { MrzFormat } from '../../shared/domain/mrz-zone'

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

/** A reader's zone whose check digits hold: its format, its lines as read, and what it says. */
export interface ReaderZone {
  format: MrzFormat
  lines: string[]
  parsed: ParsedMrz
}

/**
 * A reader's read of any of the three formats, parsed (TD3 by parseMrz, TD1 and TD2 by parseCardMrz), every check
 * digit holding. Throws MRZ_CHECK_FAILED where a check digit fails or a part is malformed, MRZ_NOT_PASSPORT for a
 * zone of those sizes that no document is made from (a visa's), and readMrzText's codes.
 */
export function readReaderMrz(text: string, today: Date): ReaderZone {
  const { format, lines } = readMrzText(text)
  const refused = format === 'TD3' ? null : notACard({ format, lines })
  if (refused) throw new AppError('MRZ_NOT_PASSPORT', refused)
  const parsed = format === 'TD3' ? parseMrz(lines[0], lines[1], today) : parseCardMrz({ format, lines }, today)
  if (!parsed.valid) {
    const failed = Object.entries(parsed.checks).flatMap(([name, ok]) => (ok === false ? [name] : []))
    const what = failed.length ? `the check digit of ${failed.join(', ')} does not hold` : `${parsed.invalid.join(', ')} malformed`
    throw new AppError('MRZ_CHECK_FAILED', `${what}: swipe again`)
  }
  return { format, lines, parsed }
}
