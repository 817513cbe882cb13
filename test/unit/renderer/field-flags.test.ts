import { describe, expect, it } from 'vitest'
import { computeFlags, flaggedKeys } from '../../../src/renderer/src/features/review/field-flags'
import type { PassportData } from '../../../src/shared/domain/fields'
import { composeMrz } from '../../../src/shared/domain/mrz'
import type { PassportResponse } from '../../../src/shared/domain/response'

const today = new Date(2025, 5, 1)
const [mrzLine1, mrzLine2] = composeMrz({
  documentCode: 'PO',
  issuingState: 'CHN',
  surname: 'WANG',
  givenNames: 'XIAOMING',
  passportNumber: 'E12345678',
  nationality: 'CHN',
  birthDate: '1990.01.02',
  sex: 'M',
  expiryDate: '2030.05.06',
  personalNumber: ''
})
const good: PassportData = {
  passportType: 'PO',
  countryCode: 'CHN',
  passportNumber: 'E12345678',
  nameEn: 'WANG,XIAOMING',
  name: '王小明',
  sex: '男/M',
  birthPlace: '北京/BEIJING',
  nationality: '中国/CHINESE',
  issuePlace: '北京/BEIJING',
  issueAuthority: '国家移民管理局',
  mrzLine1,
  mrzLine2,
  validToDate: '2030.05.06',
  birthDate: '1990.01.02',
  issueDate: '2020.05.07'
}

/** What the engine answers for `good` when it is unsure of the name: only the parts the flags read. */
const unsureOfName = {
  data: good,
  validation: { warnings: [{ code: 'LOW_CONFIDENCE', field: 'name', message: 'name read with 41% confidence' }] }
} as unknown as PassportResponse

describe('computeFlags', () => {
  it('flags nothing on a consistent record', () => {
    expect(flaggedKeys(computeFlags(good, null, today))).toEqual([])
  })

  it('flags a printed value that disagrees with the MRZ, with the MRZ reading', () => {
    const flags = computeFlags({ ...good, birthDate: '1990.01.03' }, null, today)
    expect(flags.birthDate).toEqual([{ code: 'VIZ_MRZ_MISMATCH', mrzValue: '1990.01.02' }])
    expect(flaggedKeys(flags)).toEqual(['birthDate'])
  })

  it('flags a failed check digit on the fields it covers', () => {
    const broken = good.mrzLine2.slice(0, 9) + '0' + good.mrzLine2.slice(10)
    const flags = computeFlags({ ...good, mrzLine2: broken }, null, today)
    expect(flags.passportNumber).toContainEqual({ code: 'MRZ_CHECK_FAILED' })
    expect(flags.mrzLine2).toContainEqual({ code: 'MRZ_CHECK_FAILED' })
    expect(flags.birthDate).toEqual([])
  })

  it('flags format problems, expiry, and low confidence only while the value is the engine reading', () => {
    expect(computeFlags(good, unsureOfName, today).name).toEqual([{ code: 'LOW_CONFIDENCE' }])
    expect(computeFlags({ ...good, name: '王晓明' }, unsureOfName, today).name).toEqual([])
    expect(computeFlags({ ...good, issueDate: '2020.13.01' }, null, today).issueDate).toEqual([{ code: 'FORMAT', issue: 'DATE_INVALID' }])
    expect(computeFlags(good, null, new Date(2031, 0, 1)).validToDate).toEqual([{ code: 'EXPIRED' }])
  })
})
