/**
 * The three machine-readable zone formats an MRZ reader gives (ICAO 9303 parts 4–6), and how a document read from
 * an identity card's or other travel document's zone (TD1, TD2) keeps its lines in the passport response.
 */

/** The formats by their line count and length. */
export const MRZ_SHAPES = [
  { format: 'TD3', lines: 2, length: 44 },
  { format: 'TD2', lines: 2, length: 36 },
  { format: 'TD1', lines: 3, length: 30 }
] as const

export type MrzFormat = (typeof MRZ_SHAPES)[number]['format']

/** A zone that is not a passport's, as `validation.mrzZone` keeps it: its format and its lines as read. */
export interface MrzZone {
  format: Exclude<MrzFormat, 'TD3'>
  lines: string[]
}

/**
 * The zone's lines in the response's two MRZ fields (the cloud's TD3 lines). TD2 has TD3's shape (the name line,
 * then the number and dates), so line for line. TD1 has three: mrzLine1 is its first line and mrzLine2 its second
 * and third run together (60 characters), so that every field and export column holds MRZ characters only (no line
 * break in a CSV cell), mrzLine1 starts with the document code and issuing state as in the other formats, and
 * mrzLine1 + mrzLine2 is the whole zone in order, as a reader that ends only the zone types it.
 */
export function zoneFields(zone: MrzZone): { mrzLine1: string; mrzLine2: string } {
  const [first, ...rest] = zone.lines
  return { mrzLine1: first, mrzLine2: rest.join('') }
}
