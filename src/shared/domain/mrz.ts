/** ICAO 9303 TD3 (passport) machine-readable zone: composition and check digits. */

import type { MrzChecks } from './response'

export const MRZ_LENGTH = 44

/**
 * ICAO 9303 check digit (weights 7,3,1; '<' = 0, A = 10 … Z = 35).
 * The `mrz` package validates whole lines but does not export this, and composing a line needs it.
 */
export function checkDigit(s: string): number {
  const weights = [7, 3, 1]
  let sum = 0
  for (let i = 0; i < s.length; i++) sum += charValue(s[i]) * weights[i % 3]
  return sum % 10
}

/** A character's value in check digits: '<' 0, digits themselves, A = 10 … Z = 35. */
export function charValue(c: string): number {
  const code = c.charCodeAt(0)
  return code === 60 ? 0 : code >= 65 ? code - 55 : code - 48
}

export interface MrzInput {
  /** Two-letter document code; Chinese ordinary passports use "PO". */
  documentCode: string
  issuingState: string
  surname: string
  givenNames: string
  passportNumber: string
  nationality: string
  /** YYYY.MM.DD */
  birthDate: string
  sex: 'M' | 'F' | '<'
  /** YYYY.MM.DD */
  expiryDate: string
  /** Optional data (Chinese passports: an encoded personal number), up to 14 characters. */
  personalNumber: string
}

/** Pad with filler '<' to `n` characters (cutting longer input). */
export function padMrz(s: string, n: number): string {
  return (s + '<'.repeat(n)).slice(0, n)
}

/** YYYY.MM.DD → YYMMDD. */
export function mrzDate(date: string): string {
  const m = /^(\d{4})\.(\d{2})\.(\d{2})$/.exec(date)
  return m ? m[1].slice(2) + m[2] + m[3] : '<<<<<<'
}

/** Both TD3 lines for a passport. */
export function composeMrz(f: MrzInput): [string, string] {
  const name = `${f.surname.replace(/ /g, '<')}<<${f.givenNames.replace(/ /g, '<')}`
  const line1 = padMrz(`${padMrz(f.documentCode, 2)}${f.issuingState}${name}`, MRZ_LENGTH)
  const num = padMrz(f.passportNumber, 9)
  const birth = mrzDate(f.birthDate)
  const expiry = mrzDate(f.expiryDate)
  const personal = padMrz(f.personalNumber, 14)
  const personalCheck = /^<+$/.test(personal) ? '<' : String(checkDigit(personal))
  const numPart = `${num}${checkDigit(num)}`
  const birthPart = `${birth}${checkDigit(birth)}`
  const expiryPart = `${expiry}${checkDigit(expiry)}`
  const personalPart = `${personal}${personalCheck}`
  const composite = checkDigit(numPart + birthPart + expiryPart + personalPart)
  const line2 = `${numPart}${f.nationality}${birthPart}${f.sex}${expiryPart}${personalPart}${composite}`
  return [line1, line2]
}

/** TD3 line 2 layout [start, end), shared by the parser and the OCR corrector so both read the same slots. */
export const TD3_LINE2 = {
  passportNumber: [0, 9],
  passportNumberCheck: 9,
  nationality: [10, 13],
  birthDate: [13, 19],
  birthDateCheck: 19,
  sex: 20,
  expiryDate: [21, 27],
  expiryDateCheck: 27,
  personalNumber: [28, 42],
  personalNumberCheck: 42,
  composite: 43
} as const

const MRZ_LINE = /^[A-Z0-9<]{44}$/

/** True for a 44-character line of the MRZ alphabet. */
export function isMrzLine(line: string): boolean {
  return MRZ_LINE.test(line)
}

/** What the composite check digit covers: number, birth and expiry dates, optional data, each with its check digit. */
export function compositeSource(line2: string): string {
  return line2.slice(0, 10) + line2.slice(13, 20) + line2.slice(21, 43)
}

/** Does `digit` verify `field`? Empty optional data may carry '<' or '0' (ICAO 9303 part 4). */
export function checkDigitHolds(field: string, digit: string, optional = false): boolean {
  if (optional && /^<*$/.test(field)) return digit === '<' || digit === '0'
  return /^\d$/.test(digit) && checkDigit(field) === Number(digit)
}

/** Every check digit of line 2; all null when the line is not 44 MRZ characters, since nothing can be checked. */
export function line2Checks(line2: string): MrzChecks {
  if (!isMrzLine(line2)) {
    return { passportNumber: null, birthDate: null, expiryDate: null, personalNumber: null, composite: null }
  }
  const at = (i: number): string => line2[i]
  return {
    passportNumber: checkDigitHolds(line2.slice(0, 9), at(9)),
    birthDate: checkDigitHolds(line2.slice(13, 19), at(19)),
    expiryDate: checkDigitHolds(line2.slice(21, 27), at(27)),
    personalNumber: checkDigitHolds(line2.slice(28, 42), at(42), true),
    composite: checkDigitHolds(compositeSource(line2), at(43))
  }
}

/** A real calendar date in the given full year, month and day. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day))
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
}

/** YYMMDD that is a real date in 19YY or 20YY (29 February needs only one of them to be a leap year). */
export function isMrzDate(yymmdd: string): boolean {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd)
  if (!m) return false
  const [yy, mm, dd] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return isCalendarDate(2000 + yy, mm, dd) || isCalendarDate(1900 + yy, mm, dd)
}

/** The oldest holder a passport is issued to, in years at its expiry: beyond it the older century is no reading. */
const MAX_AGE_AT_EXPIRY = 110

/**
 * The birth date in the other century, when the MRZ cannot tell which it is: both lie before `today`, and the
 * holder born in the older one would be at most 110 at the passport's expiry (a specimen born 1911, expiring
 * 2012, reads as 2011 just as well). '' when the century is clear.
 */
export function otherBirthCentury(birth: string, expiry: string, today: Date): string {
  const resolved = resolveMrzDate(birth, 'birth', today)
  const expiryYear = Number(resolveMrzDate(expiry, 'expiry', today).slice(0, 4))
  if (!resolved.startsWith('20') || !expiryYear) return ''
  const older = `19${resolved.slice(2)}`
  return isCalendarDate(Number(older.slice(0, 4)), Number(older.slice(5, 7)), Number(older.slice(8, 10))) &&
    expiryYear - Number(older.slice(0, 4)) <= MAX_AGE_AT_EXPIRY
    ? older
    : ''
}

/**
 * YYMMDD → YYYY.MM.DD, or '' when not a real date.
 * Birth dates take 20YY unless that lies after `today` (nobody is born in the future); expiry dates are always
 * 20YY (no valid passport expired before 2000).
 */
export function resolveMrzDate(yymmdd: string, kind: 'birth' | 'expiry', today: Date): string {
  if (!/^\d{6}$/.test(yymmdd)) return ''
  const [yy, mm, dd] = [Number(yymmdd.slice(0, 2)), Number(yymmdd.slice(2, 4)), Number(yymmdd.slice(4, 6))]
  const pad = (n: number): string => String(n).padStart(2, '0')
  const todayKey = `${today.getFullYear()}.${pad(today.getMonth() + 1)}.${pad(today.getDate())}`
  const asYear = (year: number): string => (isCalendarDate(year, mm, dd) ? `${year}.${pad(mm)}.${pad(dd)}` : '')
  const recent = asYear(2000 + yy)
  if (kind === 'expiry') return recent
  return recent !== '' && recent <= todayKey ? recent : asYear(1900 + yy)
}
