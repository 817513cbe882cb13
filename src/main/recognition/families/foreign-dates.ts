/**
 * Dates as other states print them in the visual zone. ICAO 9303-3 §3 leaves the form to the state: day, month
 * and year in that order, the month as a number or as an abbreviation in the state's language, often followed by
 * its English or French one ('26 MAI/MAY 99', '12 AUGUST/AOUT 74', '16 APR/AVR 07'), or all numbers
 * ('04.07.2002'; Poland '2004-12-31', year first). The recogniser glues the parts ('31DES/DEC66').
 */

/** A printed date: its year as printed (two digits leave the century open). */
export interface PrintedDate {
  day: number
  month: number
  year: number
  /** The year was printed with four digits. */
  fullYear: boolean
}

/**
 * Month names and abbreviations of the languages whose captions ICAO requires beside the state's own (English,
 * French, Spanish) and of the states whose specimens we read (German, Dutch, Italian, Portuguese, Polish,
 * Czech, Icelandic, the Nordic ones), without diacritics. A name shared by two languages names one month.
 */
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['JAN', 'JANUARY', 'JANV', 'JANVIER', 'ENE', 'ENERO', 'JANUAR', 'GEN', 'GENNAIO', 'JANEIRO', 'STY', 'LED'],
  ['FEB', 'FEBRUARY', 'FEV', 'FEVR', 'FEVRIER', 'FEBRERO', 'FEBRUAR', 'FEBBRAIO', 'FEVEREIRO', 'LUT', 'UNO'],
  ['MAR', 'MARCH', 'MARS', 'MARZO', 'MAERZ', 'MRZ', 'MRT', 'MARCO', 'BRE'],
  ['APR', 'APRIL', 'AVR', 'AVRIL', 'ABR', 'ABRIL', 'APRILE', 'KWI', 'DUB'],
  ['MAY', 'MAI', 'MAYO', 'MEI', 'MAG', 'MAGGIO', 'MAIO', 'MAJ', 'KVE'],
  ['JUN', 'JUNE', 'JUIN', 'JUNIO', 'JUNI', 'GIU', 'GIUGNO', 'JUNHO', 'CZE', 'CVN'],
  ['JUL', 'JULY', 'JUIL', 'JUILLET', 'JULIO', 'JULI', 'LUG', 'LUGLIO', 'JULHO', 'LIP', 'CVC'],
  ['AUG', 'AUGUST', 'AOUT', 'AOU', 'AGO', 'AGOSTO', 'AGU', 'SIE', 'SRP'],
  ['SEP', 'SEPT', 'SEPTEMBER', 'SEPTEMBRE', 'SEPTIEMBRE', 'SET', 'SETTEMBRE', 'SETEMBRO', 'WRZ', 'ZAR'],
  ['OCT', 'OCTOBER', 'OCTOBRE', 'OCTUBRE', 'OKT', 'OKTOBER', 'OTT', 'OTTOBRE', 'OUT', 'OUTUBRO', 'PAZ', 'RIJ'],
  ['NOV', 'NOVEMBER', 'NOVEMBRE', 'NOVIEMBRE', 'NOVEMBRO', 'LIS'],
  ['DEC', 'DECEMBER', 'DECEMBRE', 'DIC', 'DICIEMBRE', 'DEZ', 'DEZEMBER', 'DES', 'DICEMBRE', 'DEZEMBRO', 'GRU', 'PRO']
]

const MONTH_OF = new Map(MONTH_NAMES.flatMap((names, i) => names.map((n) => [n, i + 1] as const)))

/** The month a word names, or null. */
function monthOf(word: string): number | null {
  return MONTH_OF.get(word) ?? null
}

/** Digits the recogniser reads for a month's letters ('0CT' for OCT). */
const AS_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '5': 'S', '8': 'B' }

/**
 * One token split into digits and a month word: the longest middle that, its look-alike digits read as letters,
 * names a month ('07OCT' → 07, OCT; '0CT' → OCT); otherwise runs of digits and of letters as they are.
 */
function splitToken(token: string): string[] {
  if (/^\d+$/.test(token) || /^[A-Z]+$/.test(token)) return [token]
  for (let len = token.length; len >= 3; len--) {
    for (let i = 0; i + len <= token.length; i++) {
      const [head, middle, tail] = [token.slice(0, i), token.slice(i, i + len), token.slice(i + len)]
      const word = [...middle].map((c) => AS_LETTER[c] ?? c).join('')
      if (/^\d*$/.test(head) && /^\d*$/.test(tail) && monthOf(word) !== null) return [head, word, tail].filter(Boolean)
    }
  }
  return token.match(/\d+|[A-Z]+/g) ?? []
}

/** The date's parts: runs of digits and month words, marks and separators dropped. */
function partsOf(text: string): string[] {
  const plain = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
  return (plain.match(/[A-Z0-9]+/g) ?? []).flatMap(splitToken)
}

/**
 * A date printed in numbers whose separators the recogniser dropped ('25032024', '0209 2023'): day, month and
 * year glued, or year first; only a reading that is a real date in exactly one way is kept.
 */
function gluedDate(digits: string): PrintedDate | null {
  const at = (a: number, b: number): number => Number(digits.slice(a, b))
  const ways =
    digits.length === 8
      ? [
          { day: at(0, 2), month: at(2, 4), year: at(4, 8), fullYear: true },
          { day: at(6, 8), month: at(4, 6), year: at(0, 4), fullYear: true }
        ]
      : digits.length === 6
        ? [{ day: at(0, 2), month: at(2, 4), year: at(4, 6), fullYear: false }]
        : []
  const real = ways.flatMap((w) => (w.year >= 100 && w.year < 1900 ? [] : (checked(w) ?? [])))
  return real.length === 1 ? real[0] : null
}

const validDay = (d: number): boolean => d >= 1 && d <= 31
const validMonth = (m: number): boolean => m >= 1 && m <= 12

/** The year of a part: two or four digits. */
function yearOf(part: string): { year: number; fullYear: boolean } | null {
  return /^\d{2}$/.test(part) || /^\d{4}$/.test(part) ? { year: Number(part), fullYear: part.length === 4 } : null
}

/**
 * Read one printed date, or null when the line is not exactly a date. The month's words must all name the same
 * month (a bilingual pair that disagrees was misread, and we cannot tell which half); at most one word of a pair
 * may be unknown (a misread half), never the only one.
 */
export function readPrintedDate(text: string): PrintedDate | null {
  const parts = partsOf(text)
  const words = parts.filter((p) => /^[A-Z]/.test(p))
  const numbers = parts.filter((p) => /^\d/.test(p))
  if (words.length > 0) {
    // Day, month in words, year: the words must sit between the two numbers.
    if (numbers.length !== 2 || !/^\d/.test(parts[0]) || !/^\d/.test(parts[parts.length - 1])) return null
    const months = words.map(monthOf)
    const known = months.filter((m): m is number => m !== null)
    if (known.length === 0 || words.length > 2 || known.length < words.length - 1 || new Set(known).size !== 1) return null
    const day = Number(numbers[0])
    const year = yearOf(numbers[1])
    if (numbers[0].length > 2 || !validDay(day) || !year) return null
    return checked({ day, month: known[0], ...year })
  }
  if (numbers.length !== 3) return gluedDate(numbers.join(''))
  // All numbers: year first when it has four digits and comes first, else day, month, year.
  const [a, b, c] = numbers
  if (a.length === 4) return checked({ day: Number(c), month: Number(b), year: Number(a), fullYear: true })
  const year = yearOf(c)
  if (!year || a.length > 2 || b.length > 2) return null
  return checked({ day: Number(a), month: Number(b), ...year })
}

/** The date if it exists in some century (a 2-digit year's century is the caller's to decide). */
function checked(d: PrintedDate): PrintedDate | null {
  if (!validMonth(d.month) || !validDay(d.day)) return null
  const years = d.fullYear ? [d.year] : [1900 + d.year, 2000 + d.year]
  return years.some((y) => new Date(Date.UTC(y, d.month - 1, d.day)).getUTCDate() === d.day) ? d : null
}

/** YYYY.MM.DD for each century the printed year allows. */
export function isoCandidates(d: PrintedDate): string[] {
  const years = d.fullYear ? [d.year] : [1900 + d.year, 2000 + d.year]
  const pad = (n: number): string => String(n).padStart(2, '0')
  return years
    .filter((y) => new Date(Date.UTC(y, d.month - 1, d.day)).getUTCDate() === d.day)
    .map((y) => `${y}.${pad(d.month)}.${pad(d.day)}`)
}
