/** Characters of an OCR'd MRZ line: normalising glyphs, slot classes and the confusions OCR makes between them. */

/** One of the recogniser's guesses for a character (top-k from the CTC decoder). */
export interface CharCandidate {
  char: string
  prob: number
}

/** A normalised character with where it came from and what else it might have been. */
export interface Token {
  /** Normalised: upper case, full-width folded, look-alikes mapped. */
  ch: string
  /** The glyph as recognised, for reporting fixes ('' on the second character of a double glyph). */
  raw: string
  /** Probability of `ch` (1 when the recogniser gave none). */
  prob: number
  /** Other candidates for this position, normalised, most likely first. */
  alts: CharCandidate[]
}

/** What a TD3 slot may hold. */
export type SlotClass = 'alpha' | 'digit' | 'alnum' | 'fill' | 'digitFill' | 'sex' | 'alphaFill'

const CLASS_CHARS: Record<SlotClass, string> = {
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digit: '0123456789',
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  fill: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<',
  digitFill: '0123456789<',
  sex: 'MF<',
  alphaFill: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ<'
}

// Glyphs the recogniser's dictionary offers for MRZ characters: '<' look-alikes (the double forms stand for two
// fillers), a bar for I, and Cyrillic capitals drawn like Latin ones.
const LOOKALIKES: Record<string, string> = {
  '«': '<<',
  '《': '<<',
  '≪': '<<',
  '‹': '<',
  '〈': '<',
  く: '<',
  ㄑ: '<',
  '|': 'I',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  З: '3'
}

/**
 * What each character is mistaken for in OCR-B, most likely first. A slot of another class takes the first entry
 * that fits it (O→0 in a digit slot, 0→O in a letter slot); the check-digit search tries the others.
 */
const CONFUSABLE: Record<string, string> = {
  '0': 'OQD86',
  O: '0QDC',
  Q: '0OD',
  D: '0OB',
  U: '0VO',
  C: 'G0O',
  '1': 'IL7T4',
  I: '1LJT',
  L: '1I',
  J: '1I',
  T: '71I',
  '7': 'T12Z',
  '2': 'Z7',
  Z: '27',
  '5': 'S63',
  S: '58',
  '6': 'G580',
  G: '6C0',
  '8': 'B3690',
  B: '83E',
  '3': 'B895',
  '9': 'G8036',
  '4': 'A1',
  A: '4',
  E: 'FB',
  F: 'EP',
  M: 'NHW',
  N: 'MH',
  H: 'NM',
  W: 'MV',
  P: 'FR',
  R: 'PBK',
  K: 'X<R',
  X: 'K',
  V: 'UY',
  Y: 'V',
  '<': 'K'
}

/** Every character a slot of this class may hold. */
export function classCharset(cls: SlotClass): string {
  return CLASS_CHARS[cls]
}

/** Every character `ch` is commonly mistaken for in OCR-B, most likely first. */
export function lookalikesOf(ch: string): string[] {
  return [...(CONFUSABLE[ch] ?? '')]
}

/** Upper case, full-width folded, look-alikes mapped; may yield two characters ('«') or none (a space). */
function normaliseGlyph(glyph: string): string {
  const g = glyph.normalize('NFKC').toUpperCase()
  return [...g].map((c) => LOOKALIKES[c] ?? c).join('')
}

/** Candidates normalised and merged, so that 'o' and 'O' count as one guess. */
function normaliseCandidates(candidates: readonly CharCandidate[]): CharCandidate[] {
  const merged = new Map<string, number>()
  for (const { char, prob } of candidates) {
    const c = normaliseGlyph(char).charAt(0)
    if (/^[A-Z0-9<]$/.test(c)) merged.set(c, (merged.get(c) ?? 0) + prob)
  }
  return [...merged].map(([char, prob]) => ({ char, prob })).sort((a, b) => b.prob - a.prob)
}

/** One recognised character with the decoder's runner-ups (the CTC decoder's `DecodedChar` fits this shape). */
export interface OcrChar {
  char: string
  prob: number
  alts: readonly CharCandidate[]
}

/**
 * Tokens of a recognised line, spaces removed. Glyphs outside the MRZ alphabet stay as tokens that fit no slot:
 * the aligner decides whether each is noise or a misread character.
 */
export function tokenize(text: string, chars?: readonly OcrChar[]): Token[] {
  const glyphs = [...text]
  // Probabilities only help when they describe exactly these characters.
  const perChar = chars && chars.length === glyphs.length ? chars : undefined
  return glyphs.flatMap((raw, i) => {
    if (/\s/.test(raw)) return []
    const alts = perChar ? normaliseCandidates(perChar[i].alts) : []
    // A glyph read for two characters ('«') is reported once, on the first.
    return [...normaliseGlyph(raw)].map((ch, k) => ({
      ch,
      raw: k === 0 ? raw : '',
      prob: perChar?.[i].prob ?? 1,
      alts: alts.filter((a) => a.char !== ch)
    }))
  })
}
