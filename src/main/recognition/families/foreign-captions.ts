/**
 * Printed-only fields of another state's passport, found by their captions. ICAO 9303-3 §4.1 has every caption
 * printed in the state's language and, where that is not English, French or Spanish, in one of those too
 * ("Place of birth/ Lieu de naissance", "MIEJSCE URODZENIA/PLACE OF BIRTH"); the value is printed under its
 * caption, somewhere along it (UTOPIA's specimen indents its values). So captions are matched in those three
 * languages only, whatever the state.
 */

import { config } from '../config'
import type { PageLine } from '../passport/page-lines'

/** The printed-only fields a caption can lead to. */
export type CaptionedField = 'birthPlace' | 'issueAuthority' | 'issuePlace'

/** Each field's captions, letters only (the recogniser drops spaces and marks), English, French, Spanish. */
const CAPTIONS: Record<CaptionedField, readonly string[]> = {
  birthPlace: ['placeofbirth', 'lieudenaissance', 'lugardenacimiento'],
  issueAuthority: ['authority', 'autorite', 'autoridad', 'issuingauthority'],
  issuePlace: ['placeofissue', 'lieudedelivrance', 'lugardeexpedicion']
}

/** Every caption of every field: a line holding one is no value. */
const ALL_CAPTIONS = [
  ...Object.values(CAPTIONS).flat(),
  'dateofbirth',
  'datedenaissance',
  'dateofissue',
  'datededelivrance',
  'dateofexpiry',
  'datedexpiration',
  'nationality',
  'nationalite',
  'surname',
  'givennames',
  'signature',
  'personalno',
  'passportno',
  'countrycode',
  'sex',
  'type'
]

/** Letters only, lower case, marks dropped: how a caption is compared. */
const lettersOf = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '')

/** Most misread letters a caption of this length may have and still be recognised (one per eight letters). */
const allowedErrors = (pattern: string): number => Math.floor(pattern.length / 8)

/**
 * Does `text` hold `pattern` with at most `errors` edits? Approximate substring matching (Sellers' algorithm):
 * the pattern may start anywhere in the text.
 */
export function holdsApproximately(text: string, pattern: string, errors: number): boolean {
  let prev = Array.from({ length: pattern.length + 1 }, (_, j) => j)
  if (prev[pattern.length] <= errors) return true
  for (const ch of text) {
    const row = [0]
    for (let j = 1; j <= pattern.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (pattern[j - 1] === ch ? 0 : 1))
    }
    if (row[pattern.length] <= errors) return true
    prev = row
  }
  return false
}

/** Does the line read as one of the field's captions, allowing a misread letter or so? */
function isCaptionOf(field: CaptionedField, line: PageLine): boolean {
  const text = lettersOf(line.text)
  return CAPTIONS[field].some((c) => holdsApproximately(text, c, allowedErrors(c)))
}

/**
 * Does the line hold any caption word for word? Exactly, since a value may be one letter from a caption
 * (PASSPORT OFFICE against PASSPORT NO); short ones ('sex', 'type') only at the line's start.
 */
function holdsCaption(line: PageLine): boolean {
  const text = lettersOf(line.text)
  return ALL_CAPTIONS.some((c) => (c.length <= 4 ? text.startsWith(c) : text.includes(c)))
}

/** A value found under its caption: the line, and the caption's line. */
export interface CaptionedValue {
  line: PageLine
  caption: PageLine
}

const { pxPerMm } = config.page
const xs = (l: PageLine): number[] => l.quad.map((p) => p.x)
const ys = (l: PageLine): number[] => l.quad.map((p) => p.y)

/** The nearest line right under the caption whose start lies along it. */
function lineUnder(caption: PageLine, lines: readonly PageLine[]): PageLine | undefined {
  const [left, right, bottom] = [Math.min(...xs(caption)), Math.max(...xs(caption)), Math.max(...ys(caption))]
  const slack = config.labels.alignMm * pxPerMm
  let best: PageLine | undefined
  for (const l of lines) {
    const [start, top] = [Math.min(...xs(l)), Math.min(...ys(l))]
    const under = top > caption.box.center.y && top - bottom < config.labels.gapMm * pxPerMm
    if (l !== caption && under && start >= left - slack && start < right && (!best || top < Math.min(...ys(best)))) best = l
  }
  return best
}

/**
 * The value printed under `field`'s caption: the line right below a line that reads as one of its captions,
 * itself no caption. Null when no caption, or no such line, was found, or when two captions lead to different
 * values.
 */
export function valueUnderCaption(field: CaptionedField, lines: readonly PageLine[]): CaptionedValue | null {
  const found = lines.flatMap((caption) => {
    if (!isCaptionOf(field, caption)) return []
    const line = lineUnder(caption, lines)
    return line && line.text.trim() !== '' && !holdsCaption(line) ? [{ line, caption }] : []
  })
  const values = new Set(found.map((f) => f.line))
  return values.size === 1 ? found[0] : null
}
