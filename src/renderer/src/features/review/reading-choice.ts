import type { FieldKey, PassportData } from '../../../../shared/domain/fields'
import { formatSex, parseSex } from '../../../../shared/domain/formats'
import { checkDigit, compositeSource, MRZ_LENGTH, mrzDate, padMrz, TD3_LINE2 } from '../../../../shared/domain/mrz'
import { mrzNameZone } from '../../../../shared/domain/mrz-names'

/** The MRZ lines after taking the printed reading of a field the MRZ repeats. */
export interface MrzLines {
  mrzLine1: string
  mrzLine2: string
}

// Line 1: 'P' + type letter, issuing state at 2–4, the name from 5 on.
const LINE1_STATE: [number, number] = [2, 5]
const LINE1_NAME_START = 5

/** `line` with [start, end) replaced by `text` (padded or cut to fit). */
function splice(line: string, [start, end]: readonly [number, number], text: string): string {
  return line.slice(0, start) + padMrz(text, end - start) + line.slice(end)
}

/** Line 2 with one field rewritten, its own check digit and the composite recomputed. */
function rewriteLine2(line2: string, slot: readonly [number, number], check: number | null, text: string): string {
  let out = splice(line2, slot, text)
  if (check !== null) out = out.slice(0, check) + String(checkDigit(out.slice(slot[0], slot[1]))) + out.slice(check + 1)
  const composite = TD3_LINE2.composite
  return out.slice(0, composite) + String(checkDigit(compositeSource(out))) + out.slice(composite + 1)
}

/**
 * Both lines written as the printed zone reads a field, when the operator decides the print is right and the MRZ
 * was misread: the field's characters and the check digits over them (the MRZ's digits were computed from the
 * true values, so the right reading makes them hold). Null when the MRZ does not have 44-character lines or the
 * printed value cannot be written in it.
 */
export function mrzWithPrinted(key: FieldKey, fields: PassportData): MrzLines | null {
  const { mrzLine1: l1, mrzLine2: l2 } = fields
  if ([...l1].length !== MRZ_LENGTH || [...l2].length !== MRZ_LENGTH) return null
  const v = fields[key]
  const L = TD3_LINE2
  switch (key) {
    case 'passportNumber':
      return /^[A-Z0-9]{1,9}$/.test(v) ? { mrzLine1: l1, mrzLine2: rewriteLine2(l2, L.passportNumber, L.passportNumberCheck, v) } : null
    case 'birthDate':
    case 'validToDate': {
      const yymmdd = mrzDate(v)
      if (yymmdd.startsWith('<')) return null
      const [slot, check] = key === 'birthDate' ? [L.birthDate, L.birthDateCheck] : [L.expiryDate, L.expiryDateCheck]
      return { mrzLine1: l1, mrzLine2: rewriteLine2(l2, slot, check, yymmdd) }
    }
    case 'sex': {
      const sex = parseSex(v)
      return sex ? { mrzLine1: l1, mrzLine2: rewriteLine2(l2, [L.sex, L.sex + 1], null, sex) } : null
    }
    case 'countryCode':
      return /^[A-Z]{1,3}$/.test(v) ? { mrzLine1: splice(l1, LINE1_STATE, v), mrzLine2: l2 } : null
    case 'nameEn': {
      const name = mrzNameZone(v)
      return name === null ? null : { mrzLine1: splice(l1, [LINE1_NAME_START, MRZ_LENGTH], name), mrzLine2: l2 }
    }
    case 'passportType':
      return /^[A-Z]$/.test(v.charAt(0)) ? { mrzLine1: v.charAt(0) + l1.slice(1), mrzLine2: l2 } : null
    default:
      return null
  }
}

/** The MRZ's reading written as the page prints the field: sex as '男/M'; an ordinary passport's code PO as P. */
export function printedFromMrz(key: FieldKey, mrzValue: string): string {
  if (key === 'sex') return mrzValue === 'M' || mrzValue === 'F' ? formatSex(mrzValue) : mrzValue
  if (key === 'passportType') return mrzValue.replace(/<+$/, '').replace(/^PO$/, 'P')
  return mrzValue
}
