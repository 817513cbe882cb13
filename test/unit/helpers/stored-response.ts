import { emptyPassportData } from '../../../src/shared/domain/fields'
import type { PassportData } from '../../../src/shared/domain/fields'
import type { PassportResponse } from '../../../src/shared/domain/response'

/** A stored answer for store tests, which need a response's shape, not a recognition: every field empty but `data`. */
export function storedResponse(data: Partial<PassportData>): PassportResponse {
  return {
    data: { ...emptyPassportData(), ...data },
    prism_keyValueInfo: [],
    sliceRect: { x0: 0, y0: 0, x1: 1, y1: 0, x2: 1, y2: 1, x3: 0, y3: 1 },
    width: 1,
    height: 1,
    orgWidth: 1,
    orgHeight: 1,
    angle: 0,
    ftype: 0,
    algo_version: 'test-1',
    validation: {
      mrzValid: true,
      documentFamily: 'mainland',
      corrections: [],
      checks: { passportNumber: true, birthDate: true, expiryDate: true, personalNumber: true, composite: true },
      vizMrzAgreement: {},
      warnings: []
    }
  }
}
