/**
 * How the MRZ writes a printed name (ICAO 9303-3 §6): the engine, which checks the printed name against line 1, and
 * the review screen, which compares them and writes line 1 from the print, share it.
 */

/** Characters of line 1 after the document code and state: a name that fills them may have been cut short. */
export const NAME_ZONE = 39

/** ICAO 9303-3's transliterations of letters the MRZ cannot write with their marks simply dropped. */
const TRANSLITERATION: Record<string, string> = {
  Ä: 'AE',
  Ö: 'OE',
  Ü: 'UE',
  Å: 'AA',
  Æ: 'AE',
  Ø: 'OE',
  Œ: 'OE',
  ß: 'SS',
  Þ: 'TH',
  Ð: 'D',
  Ĳ: 'IJ',
  Ł: 'L',
  Đ: 'D',
  Ħ: 'H',
  Ŀ: 'L'
}

const stripMarks = (w: string): string =>
  w
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Z]/g, '')

/**
 * The ways the MRZ may write a printed word: its letters transliterated (Ä→AE, Ø→OE, ß→SS, Þ→TH…), first, or only
 * stripped of their marks (Ä→A), as some states write them.
 */
export function mrzForms(word: string): string[] {
  const upper = word.toUpperCase()
  const icao = stripMarks([...upper].map((c) => TRANSLITERATION[c] ?? c).join(''))
  return [...new Set([icao, stripMarks(upper.replace(/[ÆŒ]/g, (c) => (c === 'Æ' ? 'AE' : 'OE')))])]
}

/** A printed name part's words: hyphens and spaces part them, apostrophes are not written (O'BRIEN is OBRIEN). */
const wordsOf = (part: string): string[] =>
  part
    .toUpperCase()
    .replace(/'/g, '')
    .split(/[\s-]+/)
    .filter(Boolean)

/** Every way the MRZ may write a printed name part ('MÜLLER-LÜDENSCHEIDT'): its words' forms joined by fillers. */
function partForms(part: string): string[] {
  return wordsOf(part).reduce<string[]>((acc, w) => acc.flatMap((a) => mrzForms(w).map((f) => (a ? `${a}<${f}` : f))), [''])
}

/** The name zone line 1 holds for a printed `SURNAME,GIVEN NAMES`, filler-free (it may run past the zone). */
function zoneForms(nameEn: string): string[] {
  const [surname, given = ''] = nameEn.split(',')
  const surnames = partForms(surname)
  if (!given.trim()) return surnames
  return surnames.flatMap((s) => partForms(given).map((g) => `${s}<<${g}`))
}

/**
 * Whether a printed name (`SURNAME,GIVEN NAMES`, with the page's own letters) is the one a name zone writes, `zone`
 * being the whole zone with its fillers (a passport's line 1 from position 5, 39 characters; a TD1 card's line 3,
 * 30; a TD2 document's, 31): transliterated or stripped of marks, and where the zone is full, cut short by it.
 */
export function printedNameIsMrzName(nameEn: string, zone: string): boolean {
  const written = zone.replace(/<+$/, '')
  const size = zone.length > 0 ? zone.length : NAME_ZONE
  const full = written.length >= size
  return zoneForms(nameEn).some((f) => f === written || (full && f.length > size && f.startsWith(written)))
}

/**
 * The name zone as line 1 writes a printed name: ICAO's transliteration, cut at the zone's end when longer
 * (9303's rule for a name that does not fit); null when a letter has no MRZ form.
 */
export function mrzNameZone(nameEn: string): string | null {
  const [surname, given = ''] = nameEn.split(',')
  const part = (p: string): string | null => {
    // A letter with no MRZ form (a digit, another script) leaves its word unwritable.
    const forms = wordsOf(p).map((w) => (/^\p{Lu}+$/u.test(w) ? mrzForms(w)[0] : ''))
    return forms.length === 0 || forms.some((f) => f === '') ? null : forms.join('<')
  }
  const s = part(surname)
  const g = given.trim() ? part(given) : ''
  if (s === null || g === null) return null
  return (g ? `${s}<<${g}` : s).slice(0, NAME_ZONE)
}
