/**
 * The engine's response for a passport known only from its MRZ (a reader's TD3 lines): the fields the MRZ gives,
 * built and validated by the same code as a page's (passport/response), each flagged MRZ_ONLY, since nothing but
 * the zone itself vouches for them until the operator has compared them with the passport.
 */

import type { FieldKey } from '../../shared/domain/fields'
import { FIELD_KEYS } from '../../shared/domain/fields'
import { formatNameEn, formatSex } from '../../shared/domain/formats'
import type { Quad } from '../../shared/domain/geometry'
import { parseMrz } from '../../shared/domain/mrz-parse'
import type { PassportResponse } from '../../shared/domain/response'
import { familyOf } from '../recognition/families'
import type { FamilyRules } from '../recognition/families'
import { valueOf } from '../recognition/families/places'
import type { FieldReads } from '../recognition/passport/field-reads'
import { NONE } from '../recognition/passport/field-reads'
import { buildResponse } from '../recognition/passport/response'
import type { MrzRead } from '../recognition/mrz/read'
import { version } from '../recognition/version'
import { mrzReaderConfig } from './mrz-reader-config'

// Fields a TD3 check digit covers.
const CHECKED: ReadonlySet<FieldKey> = new Set(['passportNumber', 'birthDate', 'validToDate', 'mrzLine2'])
const NOWHERE: Quad = [
  { x: 0, y: 0 },
  { x: 0, y: 0 },
  { x: 0, y: 0 },
  { x: 0, y: 0 }
]

/** The response for TD3 `lines` whose check digits hold (the caller checked with parseMrz). */
export function mrzOnlyResponse(line1: string, line2: string, today: Date = new Date()): PassportResponse {
  const parsed = parseMrz(line1, line2, today)
  const rules = familyOf(line1, line2)
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
  const set = (key: FieldKey, value: string): void => {
    if (value) fields[key] = { value, prob: CHECKED.has(key) ? mrzReaderConfig.checkedProb : mrzReaderConfig.uncheckedProb, quad: null }
  }
  const page = rules.page
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
  return response
}
