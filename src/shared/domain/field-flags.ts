import { FIELD_KEYS } from './fields'
import type { FieldKey, PassportData } from './fields'
import { formatNameEn, parseSex, validateField } from './formats'
import type { FieldIssue } from './formats'
import { printedNameIsMrzName } from './mrz-names'
import { cardNameZone, parseCardMrz } from './mrz-card'
import { parseMrz } from './mrz-parse'
import type { MrzZone } from './mrz-zone'
import type { PassportResponse } from './response'
import { documentFacts, zoneFormat } from './document-facts'

/** Why a field needs the operator's eye; stable codes that the UI translates. */
export type FlagReason =
  | { code: 'LOW_CONFIDENCE' }
  | { code: 'FORMAT'; issue: FieldIssue }
  | { code: 'MRZ_CHECK_FAILED' }
  | { code: 'VIZ_MRZ_MISMATCH'; mrzValue: string }
  | { code: 'EXPIRED' }
  | { code: 'MRZ_CORRECTED' }
  | { code: 'NOT_CHINESE_PASSPORT' }
  | { code: 'MRZ_ONLY' }
  | { code: 'READER_MRZ_MISMATCH'; readerValue: string }
  | { code: 'READER_DOCUMENT_KEPT'; documentId: number }

export type FieldFlags = Record<FieldKey, FlagReason[]>

/**
 * Printed fields the MRZ repeats, and how to compare each; null when the MRZ side is unreadable. `zone`: an identity
 * card's or other travel document's zone (TD1, TD2), compared with as kept (its lines are not edited).
 */
function mrzCounterparts(
  fields: PassportData,
  zone: MrzZone | undefined,
  today: Date
): Partial<Record<FieldKey, { agrees: boolean; mrzValue: string } | null>> {
  const mrz = zone ? parseCardMrz(zone, today) : parseMrz(fields.mrzLine1, fields.mrzLine2, today)
  const nameZone = zone ? cardNameZone(zone) : fields.mrzLine1.slice(5)
  const cmp = (
    printed: string,
    mrzValue: string,
    same = (a: string, b: string): boolean => a === b
  ): { agrees: boolean; mrzValue: string } | null =>
    mrzValue === '' || printed === '' ? null : { agrees: same(printed, mrzValue), mrzValue }
  const mrzSex = mrz.sex === 'M' || mrz.sex === 'F' ? mrz.sex : ''
  return {
    // The page prints the type as 'P'; the MRZ writes the document code 'PO': only the first letter must agree.
    passportType: cmp(fields.passportType, mrz.documentCode, (a, b) => a.charAt(0) === b.charAt(0)),
    countryCode: cmp(fields.countryCode, mrz.issuingState),
    passportNumber: cmp(fields.passportNumber, mrz.passportNumber),
    // The print's own letters (É, Ü, Ø…) against how the MRZ writes them, and a name the MRZ had to cut short.
    nameEn: cmp(fields.nameEn, mrz.surname ? formatNameEn(mrz.surname, mrz.givenNames) : '', (a) => printedNameIsMrzName(a, nameZone)),
    sex: cmp(fields.sex, mrzSex, (a, b) => parseSex(a) === b),
    birthDate: cmp(fields.birthDate, mrz.birthDate.value),
    validToDate: cmp(fields.validToDate, mrz.expiryDate.value)
  }
}

/** Which MRZ check digit covers which fields. */
const CHECKED_FIELDS: Record<'passportNumber' | 'birthDate' | 'expiryDate' | 'composite', FieldKey[]> = {
  passportNumber: ['passportNumber', 'mrzLine2'],
  birthDate: ['birthDate', 'mrzLine2'],
  expiryDate: ['validToDate', 'mrzLine2'],
  composite: ['mrzLine2']
}

const isoToday = (d: Date): string =>
  `${d.getFullYear()}.${String(d.getMonth() + 1).padStart(2, '0')}.${String(d.getDate()).padStart(2, '0')}`

/**
 * Every field's flags for the current values: recomputed on each keystroke. The engine's warnings about a reading
 * (confidence, MRZ corrections, a non-Chinese issuer) count only while a value is still the engine's own reading;
 * everything else is checked afresh, formats by the document family's rules. `confirmed`: MRZ lines whose engine
 * corrections the operator accepted, one by one.
 */
export function computeFlags(
  fields: PassportData,
  response: PassportResponse | null,
  today: Date = new Date(),
  confirmed: ReadonlySet<FieldKey> = new Set()
): FieldFlags {
  const flags = Object.fromEntries(FIELD_KEYS.map((k) => [k, [] as FlagReason[]])) as FieldFlags
  const add = (key: FieldKey, reason: FlagReason): void => {
    if (!flags[key].some((r) => r.code === reason.code)) flags[key].push(reason)
  }
  for (const w of response?.validation.warnings ?? []) {
    if (!w.field || fields[w.field] !== response?.data[w.field]) continue
    // The operator has accepted every correction the engine proposed in this line.
    if (w.code === 'MRZ_CORRECTED' && confirmed.has(w.field)) continue
    // MRZ_CORRECTED: a character changed on a check digit's or the family's word, which only the image can confirm.
    // MRZ_ONLY: a reader's MRZ with no page image; the passport itself must confirm it.
    if (w.code === 'LOW_CONFIDENCE' || w.code === 'MRZ_CORRECTED' || w.code === 'NOT_CHINESE_PASSPORT' || w.code === 'MRZ_ONLY')
      add(w.field, { code: w.code })
  }
  const { family } = documentFacts(response)
  const zone = zoneFormat(response)
  for (const key of FIELD_KEYS) {
    const issue = validateField(key, fields[key], family, zone)
    // A bad check digit is reported once, as MRZ_CHECK_FAILED on the fields it covers.
    if (issue && issue !== 'MRZ_CHECK_DIGIT') add(key, { code: 'FORMAT', issue })
  }
  const mrz = parseMrz(fields.mrzLine1, fields.mrzLine2, today)
  for (const [check, keys] of Object.entries(CHECKED_FIELDS) as [keyof typeof CHECKED_FIELDS, FieldKey[]][]) {
    if (mrz.checks[check] === false) for (const k of keys) add(k, { code: 'MRZ_CHECK_FAILED' })
  }
  for (const [key, c] of Object.entries(mrzCounterparts(fields, response?.validation.mrzZone, today)) as [
    FieldKey,
    { agrees: boolean; mrzValue: string } | null
  ][]) {
    if (c && !c.agrees) add(key, { code: 'VIZ_MRZ_MISMATCH', mrzValue: c.mrzValue })
  }
  if (validateField('validToDate', fields.validToDate) === null && fields.validToDate < isoToday(today))
    add('validToDate', { code: 'EXPIRED' })
  return flags
}

/** The flagged fields in form order. */
export function flaggedKeys(flags: FieldFlags): FieldKey[] {
  return FIELD_KEYS.filter((k) => flags[k].length > 0)
}
