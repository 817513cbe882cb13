/**
 * An identity card's or other travel document's zone (TD1 3 × 30, TD2 2 × 36), read by the `mrz` package (its
 * fields, check digits and the long document numbers) into a passport read's terms (ParsedMrz), so that an MRZ-only
 * document is built and its fields compared with the zone the same way whatever the zone. Pure: the review runs it.
 */

import { parse } from 'mrz'
import type { FieldName } from 'mrz'
import { isMrzDate, otherBirthCentury, resolveMrzDate } from './mrz'
import { PART_OF_FIELD } from './mrz-parse'
import type { MrzPart, ParsedMrz } from './mrz-parse'
import { isStateCode } from './mrz-states'
import type { MrzZone } from './mrz-zone'
import type { MrzChecks } from './response'

// The `mrz` package's names for TD1's and TD2's parts: a passport's, and their optional data (no field of ours).
const PART_OF_CARD_FIELD: Partial<Record<FieldName, MrzPart>> = {
  ...PART_OF_FIELD,
  optional: 'personalNumber',
  optional1: 'personalNumber',
  optional2: 'personalNumber'
}
const CHECK_OF_FIELD: Partial<Record<FieldName, keyof MrzChecks>> = {
  documentNumberCheckDigit: 'passportNumber',
  birthDateCheckDigit: 'birthDate',
  expirationDateCheckDigit: 'expiryDate',
  compositeCheckDigit: 'composite'
}
const SEX = { male: 'M', female: 'F', nonspecified: '<' } as const

/**
 * Why no document is made from a zone of a card's size, or null: a visa's (document code V), or one laid out
 * otherwise than ICAO's TD1 or TD2 (the former French identity card, which the package reads as its own layout).
 */
export function notACard(zone: MrzZone): string | null {
  if (zone.lines[0].startsWith('V'))
    return `this is a visa's zone (${zone.format} size, document code V); the workstation does not take visas`
  const layout = parse(zone.lines).format
  return layout === zone.format ? null : `this zone is laid out as ${layout}, not ICAO's ${zone.format}; the workstation does not take it`
}

/** The name zone: TD1's third line, TD2's first after the document code and state. */
export const cardNameZone = (zone: MrzZone): string => (zone.format === 'TD1' ? zone.lines[2] : zone.lines[0].slice(5))

/**
 * The zone read as ParsedMrz: passportNumber is the document number (a TD1 or TD2 number over 9 characters runs on
 * into the optional data, which the package joins), `checks.personalNumber` null (the optional data of TD1 and TD2
 * has no check digit). A zone notACard refuses is read by another layout's fields: not valid, whatever it says.
 */
export function parseCardMrz(zone: MrzZone, today: Date): ParsedMrz {
  const result = parse(zone.lines)
  const invalid = new Set<MrzPart>()
  const checks: MrzChecks = { passportNumber: null, birthDate: null, expiryDate: null, personalNumber: null, composite: null }
  const raw: Partial<Record<FieldName, string>> = {}
  for (const d of result.details) {
    if (d.field === null) continue
    const cells = zone.lines[d.line].slice(d.start, d.end)
    raw[d.field] = cells
    const check = CHECK_OF_FIELD[d.field]
    if (check) checks[check] = d.valid
    const part = PART_OF_CARD_FIELD[d.field]
    // ICAO's own codes that `mrz` does not list (UTO, the specimen state, among them).
    if (part === undefined || d.valid || ((part === 'issuingState' || part === 'nationality') && isStateCode(cells))) continue
    invalid.add(part)
  }
  const birthRaw = raw.birthDate ?? ''
  const expiryRaw = raw.expirationDate ?? ''
  // `mrz` accepts 31 February; the calendar does not.
  if (!isMrzDate(birthRaw)) invalid.add('birthDate')
  if (!isMrzDate(expiryRaw)) invalid.add('expiryDate')
  if (result.format !== zone.format) invalid.add('line1')
  if (result.format !== zone.format) invalid.add('line1')
  const unfill = (s: string | undefined): string => (s ?? '').replace(/</g, ' ').trim()
  const sex = result.fields.sex
  return {
    documentCode: zone.lines[0].slice(0, 2).replace(/</g, ''),
    issuingState: unfill(raw.issuingState),
    surname: result.fields.lastName ?? '',
    givenNames: result.fields.firstName ?? '',
    passportNumber: result.documentNumber ?? '',
    nationality: unfill(raw.nationality),
    birthDate: {
      raw: birthRaw,
      value: resolveMrzDate(birthRaw, 'birth', today),
      otherCentury: otherBirthCentury(birthRaw, expiryRaw, today)
    },
    sex: sex === 'male' || sex === 'female' || sex === 'nonspecified' ? SEX[sex] : '',
    expiryDate: { raw: expiryRaw, value: resolveMrzDate(expiryRaw, 'expiry', today), otherCentury: '' },
    personalNumber: '',
    checks,
    invalid: [...invalid],
    valid: invalid.size === 0 && [checks.passportNumber, checks.birthDate, checks.expiryDate, checks.composite].every((c) => c === true)
  }
}
