import { AppError } from '../../../src/shared/domain/errors'
import { emptyPassportData, FIELD_KEYS } from '../../../src/shared/domain/fields'
import type { PassportResponse } from '../../../src/shared/domain/response'
import type { Recognizer } from '../../../src/main/services/recognition-queue'

/** A PNG signature plus a tag byte: enough for import's type check, distinct content hashes per tag. */
export function fakePng(tag: number): Uint8Array {
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, tag])
}

/** A synthetic response; the passport number is derived from the image's tag byte. */
export function fakeResponse(tag: number): PassportResponse {
  const data = {
    ...emptyPassportData(),
    passportNumber: `E${String(tag).padStart(8, '0')}`,
    name: '王小明',
    birthDate: '1990.01.02',
    sex: '男/M'
  }
  return {
    data,
    prism_keyValueInfo: FIELD_KEYS.map((key, i) => ({
      key,
      keyProb: 100,
      value: data[key],
      valueProb: 90,
      valuePos: [
        { x: i, y: 0 },
        { x: i + 1, y: 0 },
        { x: i + 1, y: 1 },
        { x: i, y: 1 }
      ]
    })),
    sliceRect: { x0: 0, y0: 0, x1: 10, y1: 0, x2: 10, y2: 10, x3: 0, y3: 10 },
    width: 10,
    height: 10,
    orgWidth: 10,
    orgHeight: 10,
    angle: 0,
    ftype: 0,
    algo_version: 'fake-1',
    validation: {
      mrzValid: false,
      checks: { passportNumber: null, birthDate: null, expiryDate: null, personalNumber: null, composite: null },
      vizMrzAgreement: {},
      warnings: []
    }
  }
}

/** Answers from the tag byte; tag 255 fails with NO_PASSPORT_FOUND. Resolution can be held back to test cancel. */
export class FakeRecognizer implements Recognizer {
  calls = 0
  private gate: Promise<void> = Promise.resolve()
  private open: () => void = () => undefined

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve))
  }

  release(): void {
    this.open()
  }

  async recognize(bytes: Uint8Array): Promise<PassportResponse> {
    this.calls++
    await this.gate
    const tag = bytes[bytes.length - 1]
    if (tag === 255) throw new AppError('NO_PASSPORT_FOUND', 'no passport page in the image')
    return fakeResponse(tag)
  }
}
