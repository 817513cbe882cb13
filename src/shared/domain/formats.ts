/** How field values are written, read back from OCR, and validated: one module for the engine and the editor. */

import type { FieldKey } from './fields'
import { FIELDS } from './fields'
import type { DocumentFamily } from './families'
import { isMrzLine, line2Checks } from './mrz'
import type { MrzFormat } from './mrz-zone'

/** A real calendar date written YYYY.MM.DD, the cloud API's format. */
export function isValidDate(s: string): boolean {
  const m = /^(\d{4})\.(\d{2})\.(\d{2})$/.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
// Glyphs OCR confuses with digits; only applied where a number is expected.
const AS_DIGIT: Record<string, string> = { O: '0', D: '0', Q: '0', I: '1', L: '1', '|': '1', S: '5', B: '8', Z: '2', G: '6' }
// The reverse, for the month abbreviation.
const AS_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '5': 'S', '8': 'B', '2': 'Z', '6': 'G', '4': 'A' }

/** Full-width forms (Ａ, １, ／, ，) to ASCII, upper case: OCR of CJK pages mixes them in. */
function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toUpperCase()
}

const distance1 = (a: string, b: string): number => [...a].filter((c, i) => c !== b[i]).length

/** Month number (1–12) of a three-letter abbreviation, allowing one wrong letter when that is still unique. */
function monthOfAbbreviation(token: string): number | null {
  const t = [...token].map((c) => AS_LETTER[c] ?? c).join('')
  // The slash before the abbreviation can swallow its first letter ('/JAN' read as '/AN'); every month's last
  // two letters are unique, so two letters still name it.
  if (t.length === 2) {
    const m = MONTHS.findIndex((x) => x.endsWith(t))
    return m >= 0 ? m + 1 : null
  }
  if (t.length !== 3) return null
  const exact = MONTHS.indexOf(t)
  if (exact >= 0) return exact + 1
  const near = MONTHS.map((m, i) => [distance1(m, t), i + 1]).filter(([d]) => d === 1)
  return near.length === 1 ? near[0][1] : null
}

const asDigits = (token: string): string | null => {
  const s = [...token].map((c) => AS_DIGIT[c] ?? c).join('')
  return /^\d+$/.test(s) ? s : null
}

const validDay = (s: string): boolean => s.length <= 2 && Number(s) >= 1 && Number(s) <= 31
const validMonth = (s: string): boolean => s.length <= 2 && Number(s) >= 1 && Number(s) <= 12

/** Day and month from the digits before the abbreviation: '17 4', '174' (glued), '17'. */
function dayAndMonth(tokens: string[], hadMonthMark: boolean, abbrMonth: number | null): [string, number] | null {
  const digits = tokens.map(asDigits)
  if (digits.some((d) => d === null) || digits.length === 0 || digits.length > 2) return null
  const [first, second] = digits as string[]
  if (second !== undefined) return validDay(first) && validMonth(second) ? [first, Number(second)] : null
  // One token: with no 月 and a short token it is the day alone; otherwise day and month are glued together.
  if (!hadMonthMark && abbrMonth !== null && first.length <= 2) return validDay(first) ? [first, abbrMonth] : null
  const splits = [1, 2]
    .map((k): [string, string] => [first.slice(0, k), first.slice(k)])
    // The page prints the month number without a leading zero ('3月'), so '203月' is the 20th, not the 2nd.
    .filter(([d, m]) => validDay(d) && validMonth(m) && !m.startsWith('0') && (abbrMonth === null || Number(m) === abbrMonth))
  return splits.length === 1 ? [splits[0][0], Number(splits[0][1])] : null
}

/**
 * A printed date ('17 4月/APR 2000') as YYYY.MM.DD, or null when it cannot be read unambiguously.
 * Tolerates glued tokens, a missing 月, either month form alone and digit look-alikes; when both month forms are
 * present they must agree, since a disagreement means one of them was misread and we cannot tell which.
 */
export function printedDateToIso(text: string): string | null {
  const s = toHalfWidth(text)
    .replace(/[^0-9A-Z|月/\s]/g, ' ')
    .trim()
  const year = /([0-9A-Z|]{4})$/.exec(s)
  const yearDigits = year ? asDigits(year[1]) : null
  if (!year || yearDigits === null) return null
  const rest = s.slice(0, s.length - 4)
  const hadMonthMark = rest.includes('月')
  const tokens = rest.split(/[\s/月]+/).filter((t) => t !== '')
  // A trailing token with two or more letters is the abbreviation, possibly glued to the day ('17APR').
  let abbrMonth: number | null = null
  const last = tokens.at(-1) ?? ''
  const abbr = /^(.*?)([0-9A-Z]{3})$/.exec(last) ?? /^(.*?)([A-Z]{2})$/.exec(last)
  if (abbr && (abbr[2].match(/[A-Z]/g) ?? []).length >= 2) {
    abbrMonth = monthOfAbbreviation(abbr[2])
    if (abbrMonth === null) return null
    tokens.splice(tokens.length - 1, 1, ...(abbr[1] === '' ? [] : [abbr[1]]))
  }
  const dm = dayAndMonth(tokens, hadMonthMark, abbrMonth)
  if (!dm || (abbrMonth !== null && dm[1] !== abbrMonth)) return null
  const iso = `${yearDigits}.${String(dm[1]).padStart(2, '0')}.${dm[0].padStart(2, '0')}`
  return isValidDate(iso) ? iso : null
}

/** The cloud API's sex value. */
export function formatSex(sex: 'M' | 'F'): string {
  return sex === 'M' ? '男/M' : '女/F'
}

/** M or F from a printed or typed sex ('男/M', '女', 'f'); null when the two scripts disagree or neither is there. */
export function parseSex(text: string): 'M' | 'F' | null {
  const t = toHalfWidth(text)
  const zh = t.includes('男') ? 'M' : t.includes('女') ? 'F' : null
  const latin = /\bM\b/.test(t) ? 'M' : /\bF\b/.test(t) ? 'F' : null
  if (zh !== null && latin !== null && zh !== latin) return null
  return zh ?? latin
}

/** The cloud API's Latin name: 'SURNAME,GIVEN NAMES' (no comma when there are no given names). */
export function formatNameEn(surname: string, givenNames: string): string {
  const clean = (s: string): string => s.trim().toUpperCase().replace(/\s+/g, ' ')
  const given = clean(givenNames)
  return given === '' ? clean(surname) : `${clean(surname)},${given}`
}

/**
 * A printed Latin name ('ZHANG, SAN', 'ZHANG.SAN') in the API's form. Without a comma the split is unknown, so a
 * `hint` (the MRZ's surname and given names) is used when it spells the same letters; otherwise the text is
 * returned cleaned but unsplit.
 */
export function normalizeNameEn(printed: string, hint?: { surname: string; givenNames: string }): string {
  // Names have no digits, so any digit is a misread letter.
  const t = [...toHalfWidth(printed)]
    .map((c) => AS_LETTER[c] ?? c)
    .join('')
    .replace(/[.;:、]/g, ',')
    .replace(/[^A-Z, -]/g, '')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
  const comma = t.indexOf(',')
  if (comma >= 0) return formatNameEn(t.slice(0, comma), t.slice(comma + 1).replace(/,/g, ' '))
  const compact = (s: string): string => s.toUpperCase().replace(/[^A-Z]/g, '')
  if (hint && compact(t) === compact(hint.surname + hint.givenNames)) return formatNameEn(hint.surname, hint.givenNames)
  return t
}

/** Why a value is rejected; stable so the UI can translate it. */
export type FieldIssue =
  | 'EMPTY'
  | 'DATE_FORMAT'
  | 'DATE_INVALID'
  | 'SEX_FORMAT'
  | 'PLACE_FORMAT'
  | 'NAME_FORMAT'
  | 'NAME_EN_FORMAT'
  | 'PASSPORT_NUMBER_FORMAT'
  | 'DOCUMENT_NUMBER_FORMAT'
  | 'CODE_FORMAT'
  | 'MRZ_LENGTH'
  | 'MRZ_CHARSET'
  | 'MRZ_FORMAT'
  | 'MRZ_CHECK_DIGIT'

// Built from strings so the parts can be shared; 'u' for the property escapes. A Latin capital is any upper-case
// letter of the Latin script, accented or not (É, Ô, Ø), never a Greek or Cyrillic one.
const CAP = String.raw`(?:(?=\p{Lu})\p{sc=Latin})`
const HAN = String.raw`\p{sc=Han}`
// A name word may be hyphenated (MEI-LING, FAURE-DUPONT); words are separated by one space.
const NAME_WORD = `${CAP}+(?:-${CAP}+)*`
const NAME_PART = `${NAME_WORD}(?: ${NAME_WORD})*`
// A place word may hold digits (PRAHA 1) and joins its parts with a hyphen, an apostrophe or a dot (ST. GALLEN).
const PLACE_WORD = `(?:\\d|${CAP})+(?:[-'.](?:\\d|${CAP})+)*\\.?`
// The Latin part needs a letter: a digit-only 'place' is a misread.
const LATIN_PLACE = `(?=[\\d '.-]*${CAP})${PLACE_WORD}(?: ${PLACE_WORD})*`
const re = (source: string): RegExp => new RegExp(`^(?:${source})$`, 'u')

const PATTERNS = {
  // Chinese first and Latin after a '/' (北京/BEIJING, 香港/HONG KONG), or Latin alone (PINGTUNG COUNTY, PRAHA 1, UTO).
  place: re(`(?:${HAN}+/)?${LATIN_PLACE}`),
  bilingualPlace: re(`${HAN}+/${LATIN_PLACE}`),
  // Simplified or Traditional as printed; '·' joins the parts of some minority names.
  name: re(`[${HAN}·]+`),
  nameEn: re(`${NAME_PART}(?:,${NAME_PART})?`),
  // Any TD3 document number: 1 to 9 capitals or digits (L898902C3, 99003853, K12345678).
  passportNumber: /^[A-Z0-9]{1,9}$/,
  // Mainland ordinary passports: E + 8 digits or E + letter + 7 digits; older G series and official DE/SE/PE also fit.
  mainlandPassportNumber: /^(?=.{9}$)[A-Z]{1,2}\d+$/,
  passportType: /^P[A-Z]?$/,
  // ICAO 9303 codes are three letters, except Germany's D (written D<< in the MRZ).
  countryCode: /^(?:[A-Z]{3}|D)$/,
  // An identity card's or other travel document's code (TD1, TD2): A, C or I, then any letter but V (ICAO 9303-5, -6).
  cardType: /^[ACI](?!V)[A-Z]?$/
}

/**
 * The longest document number of a TD1 or TD2 zone: its 9 places, then the rest in the optional data ahead of the
 * number's check digit and a filler (ICAO 9303-5 §4.2.2's note on long numbers; 15 places of optional data in
 * TD1, 7 in TD2).
 */
const CARD_NUMBER_MAX: Readonly<Record<Exclude<MrzFormat, 'TD3'>, number>> = { TD1: 9 + 13, TD2: 9 + 5 }

/** Fields a family's data page does not print, so '' is their right value: Chinese text on foreign pages, and a
 * place of issue anywhere but on the mainland's pages. */
export const NOT_PRINTED: Readonly<Record<DocumentFamily, readonly FieldKey[]>> = {
  mainland: [],
  hongkong: ['issuePlace'],
  macao: ['issuePlace'],
  taiwan: ['issuePlace'],
  foreign: ['name', 'issuePlace']
}

/**
 * Of those, the fields some of the family's pages print all the same: many states print a place of issue. Left
 * empty, such a field is not missing, but not surely absent either (confidence 0): its caption may just not
 * have been read.
 */
export const MAY_PRINT: Readonly<Record<DocumentFamily, readonly FieldKey[]>> = {
  mainland: [],
  hongkong: [],
  macao: [],
  taiwan: [],
  foreign: ['issuePlace']
}

/** Format problems of the MRZ lines; line 2's check digits are verifiable on their own. */
function mrzIssue(key: FieldKey, value: string): FieldIssue | null {
  if (value.length !== 44) return 'MRZ_LENGTH'
  if (!isMrzLine(value)) return 'MRZ_CHARSET'
  if (key === 'mrzLine1') return value.startsWith('P') ? null : 'MRZ_FORMAT'
  return Object.values(line2Checks(value)).every((c) => c === true) ? null : 'MRZ_CHECK_DIGIT'
}

/**
 * The first problem with a field's value, or null: the editor's as-you-type check and the store's. Every family's
 * printed forms pass; with the document's `family` known, '' passes where its page prints nothing, and the
 * mainland's narrower forms (its number series, bilingual places) apply. `zone`: the document's MRZ format; an
 * identity card's or other travel document's (TD1, TD2) has its own document codes and longer numbers, and its MRZ
 * lines are kept as the reader read them (checked then; the review and saveField do not let them change).
 */
export function validateField(
  key: FieldKey,
  value: string,
  family: DocumentFamily | null = null,
  zone: MrzFormat = 'TD3'
): FieldIssue | null {
  if (value.trim() === '') return family !== null && NOT_PRINTED[family].includes(key) ? null : 'EMPTY'
  // Typed accents may arrive decomposed (E + U+0301); the page's letters are the composed ones.
  const v = value.normalize('NFC')
  const mainland = family === 'mainland'
  const format = FIELDS.find((f) => f.key === key)?.format
  if (zone !== 'TD3') {
    if (format === 'mrz') return null
    if (key === 'passportType') return PATTERNS.cardType.test(v) ? null : 'CODE_FORMAT'
    // A card's number may run on into its optional data, past a passport's nine.
    if (key === 'passportNumber') return v.length <= CARD_NUMBER_MAX[zone] && /^[A-Z0-9]+$/.test(v) ? null : 'DOCUMENT_NUMBER_FORMAT'
  }
  switch (format) {
    case 'date':
      if (!/^\d{4}\.\d{2}\.\d{2}$/.test(v)) return 'DATE_FORMAT'
      return isValidDate(v) ? null : 'DATE_INVALID'
    case 'sex':
      return v === '男/M' || v === '女/F' ? null : 'SEX_FORMAT'
    case 'place':
      return (mainland ? PATTERNS.bilingualPlace : PATTERNS.place).test(v) ? null : 'PLACE_FORMAT'
    case 'nameEn':
      return PATTERNS.nameEn.test(v) ? null : 'NAME_EN_FORMAT'
    case 'passportNumber':
      return (mainland ? PATTERNS.mainlandPassportNumber : PATTERNS.passportNumber).test(v) ? null : 'PASSPORT_NUMBER_FORMAT'
    case 'mrz':
      return mrzIssue(key, v)
    case 'code':
      return (key === 'countryCode' ? PATTERNS.countryCode : PATTERNS.passportType).test(v) ? null : 'CODE_FORMAT'
    default:
      return key === 'name' && !PATTERNS.name.test(v) ? 'NAME_FORMAT' : null
  }
}
