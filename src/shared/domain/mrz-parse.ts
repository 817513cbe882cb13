/** Reading a TD3 MRZ into fields. Pure: the renderer runs it on every keystroke while an operator edits. */

import { parse } from 'mrz'
import type { FieldName } from 'mrz'
import { isMrzDate, isMrzLine, line2Checks, otherBirthCentury, resolveMrzDate, TD3_LINE2 } from './mrz'
import { isStateCode } from './mrz-states'
import type { MrzChecks } from './response'

/** A date as the MRZ writes it and as we print it. */
export interface MrzDate {
  /** YYMMDD exactly as in the line. */
  raw: string
  /** YYYY.MM.DD, or '' when `raw` is not a real date. */
  value: string
  /** A birth date's reading in the other century when the MRZ cannot tell which it is, else ''. */
  otherCentury: string
}

/** The parts of an MRZ that can be malformed on their own (as opposed to failing a check digit). */
export type MrzPart =
  | 'line1'
  | 'line2'
  | 'documentCode'
  | 'issuingState'
  | 'name'
  | 'passportNumber'
  | 'nationality'
  | 'birthDate'
  | 'sex'
  | 'expiryDate'
  | 'personalNumber'

/** Everything TD3 carries, plus what did not hold. */
export interface ParsedMrz {
  documentCode: string
  issuingState: string
  surname: string
  /** Words separated by single spaces. */
  givenNames: string
  passportNumber: string
  nationality: string
  birthDate: MrzDate
  sex: 'M' | 'F' | '<' | ''
  expiryDate: MrzDate
  personalNumber: string
  checks: MrzChecks
  /** Parts whose characters or format are wrong; a wrong-length line marks only 'line1' / 'line2'. */
  invalid: MrzPart[]
  /** Both lines well formed and every check digit holds. */
  valid: boolean
}

/** Our part of each field the `mrz` package names its own way; check digits are left out (`line2Checks` owns them). */
export const PART_OF_FIELD: Partial<Record<FieldName, MrzPart>> = {
  documentCode: 'documentCode',
  issuingState: 'issuingState',
  lastName: 'name',
  firstName: 'name',
  documentNumber: 'passportNumber',
  nationality: 'nationality',
  birthDate: 'birthDate',
  sex: 'sex',
  expirationDate: 'expiryDate',
  personalNumber: 'personalNumber'
}

const unfill = (s: string): string => s.replace(/<+$/, '').replace(/</g, ' ').trim()

const LINE1_PARTS: readonly MrzPart[] = ['documentCode', 'issuingState', 'name']
// Stands in for a malformed line so that `mrz` (which throws on the overall shape) still judges the other one.
const STAND_IN = 'P'.padEnd(44, '<')

/** Parts `mrz` rejects (unknown state code, bad month, letters in a date…) in the lines that are well formed. */
function invalidParts(line1: string, line2: string, ok1: boolean, ok2: boolean): Set<MrzPart> {
  const parts = new Set<MrzPart>()
  if (!ok1 && !ok2) return parts
  const lines = [ok1 ? line1 : STAND_IN, ok2 ? line2 : STAND_IN]
  for (const detail of parse(lines).details) {
    const part = detail.field === null ? undefined : PART_OF_FIELD[detail.field]
    if (part === undefined || detail.valid) continue
    // ICAO's own codes that `mrz` does not list (UTO, the specimen state, among them).
    if ((part === 'issuingState' || part === 'nationality') && isStateCode(lines[detail.line].slice(detail.start, detail.end))) continue
    if (LINE1_PARTS.includes(part) ? ok1 : ok2) parts.add(part)
  }
  return parts
}

/** Parse both TD3 lines; `today` decides the birth century. Malformed lines yield empty fields, not exceptions. */
export function parseMrz(line1: string, line2: string, today: Date = new Date()): ParsedMrz {
  const ok1 = isMrzLine(line1)
  const ok2 = isMrzLine(line2)
  const l1 = ok1 ? line1 : ''
  const l2 = ok2 ? line2 : ''
  const invalid = invalidParts(line1, line2, ok1, ok2)
  if (!ok1) invalid.add('line1')
  if (!ok2) invalid.add('line2')

  const nameZone = l1.slice(5)
  const sep = nameZone.indexOf('<<')
  const surname = unfill(sep < 0 ? nameZone : nameZone.slice(0, sep))
  const givenNames = sep < 0 ? '' : unfill(nameZone.slice(sep + 2))

  const slice = ([start, end]: readonly [number, number]): string => l2.slice(start, end)
  const birthRaw = slice(TD3_LINE2.birthDate)
  const expiryRaw = slice(TD3_LINE2.expiryDate)
  const birth = resolveMrzDate(birthRaw, 'birth', today)
  const expiry = resolveMrzDate(expiryRaw, 'expiry', today)
  // `mrz` accepts 31 February; the calendar does not.
  if (ok2 && !isMrzDate(birthRaw)) invalid.add('birthDate')
  if (ok2 && !isMrzDate(expiryRaw)) invalid.add('expiryDate')
  const sexChar = l2.charAt(TD3_LINE2.sex)
  const sex = sexChar === 'M' || sexChar === 'F' || sexChar === '<' ? sexChar : ''

  const checks = line2Checks(l2)
  const order: MrzPart[] = [
    'line1',
    'line2',
    'documentCode',
    'issuingState',
    'name',
    'passportNumber',
    'nationality',
    'birthDate',
    'sex',
    'expiryDate',
    'personalNumber'
  ]
  const allChecks = Object.values(checks).every((c) => c === true)
  return {
    documentCode: l1.slice(0, 2).replace(/</g, ''),
    issuingState: unfill(l1.slice(2, 5)),
    surname,
    givenNames,
    passportNumber: unfill(slice(TD3_LINE2.passportNumber)),
    nationality: unfill(slice(TD3_LINE2.nationality)),
    birthDate: { raw: birthRaw, value: birth, otherCentury: otherBirthCentury(birthRaw, expiryRaw, today) },
    sex,
    expiryDate: { raw: expiryRaw, value: expiry, otherCentury: '' },
    personalNumber: unfill(slice(TD3_LINE2.personalNumber)),
    checks,
    invalid: order.filter((p) => invalid.has(p)),
    valid: invalid.size === 0 && allChecks
  }
}
