import type { FieldKey } from '../../../shared/domain/fields'
import { FIELD_KEYS, FIELDS } from '../../../shared/domain/fields'
import { MAY_PRINT, NOT_PRINTED } from '../../../shared/domain/formats'
import type { Point, Quad } from '../../../shared/domain/geometry'
import { boundsOf } from '../../../shared/domain/geometry'
import type { Figure, KeyValueInfo, MrzCorrectionReport, PassportResponse, Validation, Warning } from '../../../shared/domain/response'
import { config } from '../config'
import type { FieldReads } from './field-reads'
import type { MrzRead } from '../mrz/read'
import type { MrzFix } from '../mrz/correct'
import type { FamilyRules } from '../families'

/** Everything the response is built from. */
export interface ResponseInput {
  fields: FieldReads
  /** Per-character confidence of the fields read character by character (passport/char-confidence). */
  charConfidence: Validation['charConfidence']
  mrz: MrzRead<FamilyRules>
  corners: Quad
  toImage: (q: readonly Point[]) => Point[]
  pageSize: { width: number; height: number }
  orgSize: { width: number; height: number }
  algoVersion: string
  outputFigure: boolean
  today: Date
}

/** The fields the MRZ also carries, and how each is compared with its printed value. */
const MRZ_FIELDS: readonly FieldKey[] = ['passportNumber', 'nameEn', 'sex', 'birthDate', 'validToDate']

/** Portrait area on the page, in mm (ICAO 9303 zone V). */
const FIGURE_MM = { x: 5, y: 16, w: 33, h: 45 }

/** Build the RecognizeChinesePassport response (plus `validation`) in original-image pixels. */
export function buildResponse(input: ResponseInput): PassportResponse {
  const { fields, corners, toImage } = input
  const round = (p: Point): Point => ({ x: Math.round(p.x), y: Math.round(p.y) })
  const data = Object.fromEntries(FIELD_KEYS.map((k) => [k, fields[k].value])) as PassportResponse['data']
  const absent = notPrinted(input)
  const kv: KeyValueInfo[] = FIELD_KEYS.map((key) => {
    const f = fields[key]
    return {
      key,
      keyProb: f.value ? 100 : 0,
      value: f.value,
      valueProb: f.value ? f.prob : (absent.get(key) ?? 0),
      valuePos: f.quad ? toImage(f.quad).map(round) : []
    }
  })
  const [c0, c1, c2, c3] = corners.map(round)
  const top = { x: corners[1].x - corners[0].x, y: corners[1].y - corners[0].y }
  const angle = ((Math.round((Math.atan2(top.y, top.x) * 180) / Math.PI / 90) * 90 + 360) % 360) as PassportResponse['angle']
  const response: PassportResponse = {
    data,
    prism_keyValueInfo: kv,
    sliceRect: { x0: c0.x, y0: c0.y, x1: c1.x, y1: c1.y, x2: c2.x, y2: c2.y, x3: c3.x, y3: c3.y },
    width: input.pageSize.width,
    height: input.pageSize.height,
    orgWidth: input.orgSize.width,
    orgHeight: input.orgSize.height,
    angle,
    ftype: 0,
    algo_version: input.algoVersion,
    validation: validate(input, absent)
  }
  if (input.outputFigure) response.figure = [figure(input)]
  return response
}

/**
 * The fields the document's family does not print, each with how sure the engine is that it is empty: as sure as
 * the fields the family was told by (the issuing state, the document code, the number's series), since a page
 * of another family might print it. An empty field of a page that prints it is only missing (confidence 0).
 */
function notPrinted({ fields, mrz }: ResponseInput): Map<FieldKey, number> {
  const family = mrz.rules?.family
  if (!family || !mrz.valid) return new Map()
  const namedBy = [fields.countryCode, fields.passportType, fields.passportNumber]
  const sure = namedBy.every((f) => f.value !== '') ? Math.min(...namedBy.map((f) => f.prob)) : 0
  const unsure = MAY_PRINT[family]
  return new Map(NOT_PRINTED[family].filter((k) => fields[k].value === '').map((k) => [k, unsure.includes(k) ? 0 : sure]))
}

/** `absent`: the fields the family does not print (notPrinted), which are not missing. */
function validate({ fields, mrz, today, charConfidence }: ResponseInput, absent: ReadonlyMap<FieldKey, number>): Validation {
  const warnings: Warning[] = []
  const family = mrz.rules?.family ?? null
  if (family === 'foreign') {
    const state = mrz.parsed?.issuingState ?? ''
    warnings.push({
      code: 'NOT_CHINESE_PASSPORT',
      field: 'countryCode',
      message: `this passport was issued by ${state || 'another state'}, not China: only what its MRZ carries was read`
    })
  }
  const corrections = lineFixes(mrz, fields.mrzLine1.value).map((f): MrzCorrectionReport => ({
    line: f.line,
    position: f.at,
    read: f.from,
    corrected: f.to,
    reason: f.reason,
    ...(f.check ? { check: f.check } : {}),
    ...(f.prior ? { prior: f.prior } : {}),
    ...(f.support !== undefined ? { support: f.support } : {})
  }))
  for (const f of corrections) {
    if (f.reason === 'checkDigit' || f.reason === 'prior') {
      warnings.push({
        code: 'MRZ_CORRECTED',
        field: f.line === 1 ? 'mrzLine1' : 'mrzLine2',
        message: `MRZ line ${f.line} position ${f.position + 1}: read "${f.read}", corrected to "${f.corrected}" (${f.check ? `${f.check} check digit` : f.prior})`
      })
    }
  }
  const checks = mrz.parsed?.checks ?? { passportNumber: null, birthDate: null, expiryDate: null, personalNumber: null, composite: null }
  if (!mrz.parsed) warnings.push({ code: 'MRZ_NOT_FOUND', message: 'the machine-readable zone could not be read' })
  for (const [name, ok] of Object.entries(checks)) {
    if (ok === false)
      warnings.push({
        code: 'MRZ_CHECK_FAILED',
        field: name === 'expiryDate' ? 'validToDate' : name === 'passportNumber' || name === 'birthDate' ? name : 'mrzLine2',
        message: `MRZ check digit for ${name} does not hold`
      })
  }
  const vizMrzAgreement: Validation['vizMrzAgreement'] = {}
  for (const key of MRZ_FIELDS) {
    const f = fields[key]
    const agree = f.printed === undefined || !mrz.parsed ? null : f.printed === f.value
    vizMrzAgreement[key] = agree
    if (agree === false)
      warnings.push({
        code: 'VIZ_MRZ_MISMATCH',
        field: key,
        message: `printed ${label(key)} "${f.printed}" differs from the MRZ's "${f.value}"`
      })
  }
  for (const key of FIELD_KEYS) {
    const f = fields[key]
    if (absent.has(key)) continue
    if (!f.value) warnings.push({ code: 'FIELD_MISSING', field: key, message: `${label(key)} could not be read` })
    else if (f.prob < config.fields.lowConfidence)
      warnings.push({ code: 'LOW_CONFIDENCE', field: key, message: `${label(key)} was read with confidence ${f.prob}` })
  }
  const expiry = fields.validToDate.value
  if (expiry && expiry.replace(/\./g, '') < isoDay(today))
    warnings.push({ code: 'EXPIRED', field: 'validToDate', message: `the passport expired on ${expiry}` })
  return { mrzValid: mrz.valid, documentFamily: family, checks, corrections, charConfidence, vizMrzAgreement, warnings }
}

/**
 * The corrector's fixes, and where the printed name replaced line 1's (line 1 has no check digit; the printed
 * zone's reading of the name outranked it), that replacement as one fix in place of line 1's own after the
 * prefix: what the line reports must be what the line says.
 */
function lineFixes(mrz: MrzRead<FamilyRules>, line1: string): MrzFix[] {
  if (!line1 || line1 === mrz.line1) return mrz.fixes
  let from = 0
  while (from < line1.length && line1[from] === mrz.line1[from]) from++
  let end = 0
  while (end < line1.length - from && line1[line1.length - 1 - end] === mrz.line1[mrz.line1.length - 1 - end]) end++
  const kept = mrz.fixes.filter((f) => f.line === 2 || f.at < from)
  const printed: MrzFix = {
    line: 1,
    at: from,
    from: mrz.line1.slice(from, mrz.line1.length - end),
    to: line1.slice(from, line1.length - end),
    reason: 'printed'
  }
  return [...kept, printed].sort((a, b) => a.line - b.line || a.at - b.at)
}

function label(key: FieldKey): string {
  return FIELDS.find((f) => f.key === key)?.en ?? key
}

function isoDay(d: Date): string {
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`
}

function figure({ toImage }: ResponseInput): Figure {
  const ppm = config.page.pxPerMm
  const { x, y, w, h } = FIGURE_MM
  const box = toImage([
    { x: x * ppm, y: y * ppm },
    { x: (x + w) * ppm, y: y * ppm },
    { x: (x + w) * ppm, y: (y + h) * ppm },
    { x: x * ppm, y: (y + h) * ppm }
  ]).map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }))
  const b = boundsOf(box)
  return { type: 'face', x: b.x0, y: b.y0, w: b.x1 - b.x0, h: b.y1 - b.y0, box }
}
