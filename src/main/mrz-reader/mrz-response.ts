/**
 * The engine's response for a document known only from its MRZ (a reader's zone: a passport's TD3, or an identity
 * card's or other travel document's TD1 or TD2): the fields the zone gives, built and validated by the same code as
 * a page's (passport/response), each flagged MRZ_ONLY, since nothing but the zone itself vouches for them until the
 * operator has compared them with the document. A field the zone does not carry stays empty.
 */

import type { FieldKey } from '../../shared/domain/fields'
import { FIELD_KEYS } from '../../shared/domain/fields'
import { formatNameEn, formatSex } from '../../shared/domain/formats'
import type { Quad } from '../../shared/domain/geometry'
import type { ParsedMrz } from '../../shared/domain/mrz-parse'
import { zoneFields } from '../../shared/domain/mrz-zone'
import type { MrzZone } from '../../shared/domain/mrz-zone'
import type { PassportResponse } from '../../shared/domain/response'
import { familyOf } from '../recognition/families'
import { FOREIGN } from '../recognition/families/foreign'
import type { FamilyRules } from '../recognition/families'
import { valueOf } from '../recognition/families/places'
import type { FieldReads } from '../recognition/passport/field-reads'
import { NONE } from '../recognition/passport/field-reads'
import { buildResponse } from '../recognition/passport/response'
import type { MrzRead } from '../recognition/mrz/read'
import { version } from '../recognition/version'
import { mrzReaderConfig } from './mrz-reader-config'
import type { ReaderZone } from './mrz-text'

// Fields a check digit covers: TD3's and TD2's line 2 carries the number, dates and composite; TD1's first line
// carries the number, and its second and third (mrzLine2, see zoneFields) the unchecked name line.
const CHECKED: ReadonlySet<FieldKey> = new Set(['passportNumber', 'birthDate', 'validToDate', 'mrzLine2'])
const TD1_CHECKED: ReadonlySet<FieldKey> = new Set(['passportNumber', 'birthDate', 'validToDate', 'mrzLine1'])
// States whose cards no family of ours describes: no family's rules (documentFamily null), rather than `foreign`.
const CHINESE_STATES: ReadonlySet<string> = new Set(['CHN', 'HKG', 'MAC', 'TWN'])

/** A card's family: another state's is read as a foreign passport is (its MRZ alone); a Chinese one's under none. */
const cardRules = (parsed: ParsedMrz): FamilyRules | null =>
  CHINESE_STATES.has(parsed.issuingState) || CHINESE_STATES.has(parsed.nationality) ? null : FOREIGN

const NOWHERE: Quad = [
  { x: 0, y: 0 },
  { x: 0, y: 0 },
  { x: 0, y: 0 },
  { x: 0, y: 0 }
]

/** The response for a reader's zone whose check digits hold (readReaderMrz). */
export function mrzOnlyResponse({ format, lines, parsed }: ReaderZone, today: Date = new Date()): PassportResponse {
  const card: MrzZone | null = format === 'TD3' ? null : { format, lines }
  const { mrzLine1: line1, mrzLine2: line2 } = card ? zoneFields(card) : { mrzLine1: lines[0], mrzLine2: lines[1] }
  const rules = card ? cardRules(parsed) : familyOf(line1, line2)
  const read: MrzRead<FamilyRules> = {
    valid: parsed.valid,
    score: 1,
    line1,
    line2,
    prob1: 1,
    prob2: 1,
    quads: null,
    parsed,
    fixes: [],
    line1Exact: true,
    rules,
    confidence: null,
    chars: null
  }
  const fields = Object.fromEntries(FIELD_KEYS.map((k) => [k, NONE])) as FieldReads
  const checked = format === 'TD1' ? TD1_CHECKED : CHECKED
  const set = (key: FieldKey, value: string): void => {
    if (value) fields[key] = { value, prob: checked.has(key) ? mrzReaderConfig.checkedProb : mrzReaderConfig.uncheckedProb, quad: null }
  }
  const page = rules?.page
  // A Chinese page prints the type's letter and its own nationality; another state's only what the MRZ says.
  set('passportType', page ? parsed.documentCode.charAt(0) : parsed.documentCode)
  set('countryCode', parsed.issuingState)
  set('nationality', page && parsed.nationality === page.countryCode ? valueOf(page.nationality) : parsed.nationality)
  set('passportNumber', parsed.passportNumber)
  set('nameEn', formatNameEn(parsed.surname, parsed.givenNames))
  if (parsed.sex === 'M' || parsed.sex === 'F') set('sex', formatSex(parsed.sex))
  set('birthDate', parsed.birthDate.value)
  set('validToDate', parsed.expiryDate.value)
  set('mrzLine1', line1)
  set('mrzLine2', line2)
  const response = buildResponse({
    fields,
    charConfidence: undefined,
    mrz: read,
    corners: NOWHERE,
    toImage: (q) => [...q],
    pageSize: { width: 0, height: 0 },
    orgSize: { width: 0, height: 0 },
    algoVersion: version,
    outputFigure: false,
    today
  })
  for (const key of FIELD_KEYS) {
    if (fields[key].value)
      response.validation.warnings.push({ code: 'MRZ_ONLY', field: key, message: 'read from the MRZ alone: compare it with the passport' })
  }
  if (card) response.validation.mrzZone = card
  return response
}
