/**
 * The marked capitals each state's names are printed with, for putting back a mark seen over a letter that the
 * recogniser read plain. A state's official languages decide: the letters are those of each language's
 * alphabet (as its standard orthography lists them), not every letter a foreign-born holder's name might carry.
 * A state not listed may print any marked Latin capital: the mark's shape alone decides there.
 */

import type { LetterMark } from '../passport/letter-marks'
import { COMBINING } from '../passport/letter-marks'

const SPANISH = 'ÁÉÍÓÚÜÑ'
const PORTUGUESE = 'ÁÂÃÀÇÉÊÍÓÔÕÚÜ'
const FRENCH = 'ÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ'
const ITALIAN = 'ÀÈÉÌÍÒÓÙÚ'
const GERMAN = 'ÄÖÜ'
const DUTCH = 'ÁÉÍÓÚÄËÏÖÜ'
const CZECH = 'ÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ'
const SLOVAK = 'ÁÄČĎÉÍĹĽŇÓÔŔŠŤÚÝŽ'
const POLISH = 'ĄĆĘŁŃÓŚŹŻ'
const SOUTH_SLAVIC = 'ČĆĐŠŽ'
const HUNGARIAN = 'ÁÉÍÓÖŐÚÜŰ'
const ROMANIAN = 'ĂÂÎȘȚŞŢ'
const TURKISH = 'ÇĞİÖŞÜ'
const NORDIC = 'ÆØÅÉ'
const SWEDISH = 'ÅÄÖÉ'
const FINNISH = 'ÅÄÖŠŽ'
const ICELANDIC = 'ÁÐÉÍÓÚÝÞÆÖ'
const BALTIC_ET = 'ÄÕÖÜŠŽ'
const BALTIC_LV = 'ĀČĒĢĪĶĻŅŠŪŽ'
const BALTIC_LT = 'ĄČĘĖĮŠŲŪŽ'

const SPANISH_SPEAKING = [
  'ESP',
  'MEX',
  'ARG',
  'COL',
  'CHL',
  'PER',
  'VEN',
  'URY',
  'ECU',
  'BOL',
  'PRY',
  'CRI',
  'CUB',
  'DOM',
  'GTM',
  'HND',
  'NIC',
  'PAN',
  'SLV'
]

/** ICAO 9303 state codes to the marked capitals of their languages. */
const LETTERS_BY_STATE: Readonly<Record<string, string>> = {
  ...Object.fromEntries(SPANISH_SPEAKING.map((s) => [s, SPANISH])),
  PRT: PORTUGUESE,
  BRA: PORTUGUESE,
  AGO: PORTUGUESE,
  MOZ: PORTUGUESE,
  FRA: FRENCH,
  MCO: FRENCH,
  BEL: FRENCH + DUTCH + GERMAN,
  LUX: FRENCH + GERMAN,
  CHE: FRENCH + GERMAN + ITALIAN,
  CAN: FRENCH,
  ITA: ITALIAN,
  SMR: ITALIAN,
  D: GERMAN,
  AUT: GERMAN,
  LIE: GERMAN,
  NLD: DUTCH,
  CZE: CZECH,
  SVK: SLOVAK,
  POL: POLISH,
  HRV: SOUTH_SLAVIC,
  BIH: SOUTH_SLAVIC,
  SRB: SOUTH_SLAVIC,
  MNE: SOUTH_SLAVIC,
  SVN: SOUTH_SLAVIC,
  HUN: HUNGARIAN,
  ROU: ROMANIAN,
  MDA: ROMANIAN,
  TUR: TURKISH,
  DNK: NORDIC,
  NOR: NORDIC,
  SWE: SWEDISH,
  FIN: FINNISH,
  ISL: ICELANDIC,
  EST: BALTIC_ET,
  LVA: BALTIC_LV,
  LTU: BALTIC_LT
}

const BY_STATE = new Map<string, ReadonlySet<string>>(Object.entries(LETTERS_BY_STATE).map(([state, letters]) => [state, new Set(letters)]))

/** The marked capitals a state's names may have, or null where any may appear. */
export function markedLetters(state: string): ReadonlySet<string> | null {
  return BY_STATE.get(state.replace(/<+$/, '')) ?? null
}

const BELOW = ['\u0327', '\u0328', '\u0326']
/** Letters whose mark is a bar across their stem, which Unicode does not compose: each with its plain letter. */
const STRUCK: Readonly<Record<string, string>> = { Ł: 'L', Đ: 'D', Ð: 'D' }

/**
 * A printed word with the marks seen over and under its letters put on them, where the letter that makes is
 * one the state writes; a letter the recogniser already read marked keeps its own. Where the seen shape makes
 * no such letter but the state marks the letter one way only, that way is taken (any mark over a Spanish A is
 * an acute). Null where nothing was added.
 */
export function withSeenMarks(word: string, marks: readonly (LetterMark | null)[], state: string): string | null {
  const allowed = markedLetters(state)
  const ok = (c: string): boolean => c.length === 1 && (allowed ? allowed.has(c) : /\p{Lu}/u.test(c))
  const forms = (base: string, combining: readonly string[]): string[] => combining.map((m) => (base + m).normalize('NFC')).filter(ok)
  const onlyForm = (base: string): string | null => {
    if (!allowed) return null
    const all = [...allowed].filter((c) => c.normalize('NFD')[0] === base)
    return all.length === 1 ? all[0] : null
  }
  const letters = [...word]
  let changed = false
  const out = letters.map((c, i) => {
    const m = marks[i]
    if (!m || c.normalize('NFD').length > 1) return c
    if (m.above) {
      const seen = m.above === 'mark' ? undefined : forms(c, [COMBINING[m.above]])[0]
      const mark = seen ?? onlyForm(c)
      if (mark && [...mark.normalize('NFD')].slice(1).every((x) => !BELOW.includes(x))) {
        changed = true
        return mark
      }
    }
    // A struck L or D is the one such letter the state writes (Ł in Polish, Đ in Croatian, Ð in Icelandic).
    const struck = m.struck && allowed ? [...allowed].filter((x) => STRUCK[x] === c) : []
    if (struck.length === 1) {
      changed = true
      return struck[0]
    }
    if (m.below && !m.above) {
      const below = forms(c, BELOW)
      if (below.length === 1) {
        changed = true
        return below[0]
      }
    }
    return c
  })
  return changed ? out.join('') : null
}
