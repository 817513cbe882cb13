import { describe, expect, it } from 'vitest'
import { computeFlags, flaggedKeys } from '../../../src/shared/domain/field-flags'
import type { FieldFlags } from '../../../src/shared/domain/field-flags'
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

// ICAO 9303's Utopian specimen, as the engine answers a foreign page: only what the MRZ carries.
const [utoLine1, utoLine2] = composeMrz({
  documentCode: 'P',
  issuingState: 'UTO',
  surname: 'ERIKSSON',
  givenNames: 'ANNA MARIA',
  passportNumber: 'L898902C3',
  nationality: 'UTO',
  birthDate: '1974.08.12',
  sex: 'F',
  expiryDate: '2032.04.15',
  personalNumber: 'ZE184226B'
})
const foreign: PassportData = {
  passportType: 'P',
  countryCode: 'UTO',
  passportNumber: 'L898902C3',
  nameEn: 'ERIKSSON,ANNA MARIA',
  name: '',
  sex: '女/F',
  birthPlace: 'ZENITH',
  nationality: 'UTO',
  issuePlace: '',
  issueAuthority: '',
  mrzLine1: utoLine1,
  mrzLine2: utoLine2,
  validToDate: '2032.04.15',
  birthDate: '1974.08.12',
  issueDate: ''
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

  it("takes a printed name with its page's own letters, or one the MRZ cut short, as the MRZ's; a different name it flags", () => {
    const withName = (nameEn: string, zone: string): PassportData => ({ ...foreign, nameEn, mrzLine1: ('P<UTO' + zone).padEnd(44, '<') })
    const flagsOf = (nameEn: string, zone: string): FieldFlags['nameEn'] => computeFlags(withName(nameEn, zone), null, today).nameEn
    expect(flagsOf('MÜLLER-LÜDENSCHEIDT,JÖRG', 'MUELLER<LUEDENSCHEIDT<<JOERG')).toEqual([])
    expect(flagsOf('MÜLLER,JÖRG', 'MULLER<<JORG')).toEqual([])
    expect(flagsOf('ŁUKASZEWSKA,ANNA', 'LUKASZEWSKA<<ANNA')).toEqual([])
    const long = 'WOLFESCHLEGELSTEINHAUSENBERGERDORFF,HUBERT BLAINE'
    expect(flagsOf(long, 'WOLFESCHLEGELSTEINHAUSENBERGERDORFF<<HU')).toEqual([])
    // Cut short only where the zone is full; and the same letters in another order are another name.
    expect(flagsOf(long, 'WOLFESCHLEGELSTEINHAUSENBERGERDORFF<<')[0]?.code).toBe('VIZ_MRZ_MISMATCH')
    expect(flagsOf('ANNA,ERIKSSON', 'ERIKSSON<<ANNA')[0]?.code).toBe('VIZ_MRZ_MISMATCH')
    expect(flagsOf('ERIKSON,ANNA', 'ERIKSSON<<ANNA')[0]?.code).toBe('VIZ_MRZ_MISMATCH')
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

  it("flags the engine's MRZ corrections and a non-Chinese issuer while the value is still its reading", () => {
    const response = {
      data: foreign,
      validation: {
        documentFamily: 'foreign',
        corrections: [],
        warnings: [
          { code: 'NOT_CHINESE_PASSPORT', field: 'countryCode', message: 'issued by UTO' },
          { code: 'MRZ_CORRECTED', field: 'mrzLine2', message: 'line 2 position 2' }
        ]
      }
    } as unknown as PassportResponse
    const flags = computeFlags(foreign, response, today)
    expect(flags.countryCode).toEqual([{ code: 'NOT_CHINESE_PASSPORT' }])
    expect(flags.mrzLine2).toEqual([{ code: 'MRZ_CORRECTED' }])
    expect(flaggedKeys(flags)).toEqual(['countryCode', 'issueAuthority', 'mrzLine2', 'issueDate'])
    // Once the operator has typed the line, the engine's correction no longer describes it.
    const retyped = { ...foreign, mrzLine2: 'X' + foreign.mrzLine2.slice(1), countryCode: 'UTX' }
    const after = computeFlags(retyped, response, today)
    expect(after.mrzLine2).not.toContainEqual({ code: 'MRZ_CORRECTED' })
    expect(after.countryCode).not.toContainEqual({ code: 'NOT_CHINESE_PASSPORT' })
  })

  it("checks formats by the family's rules: '' where its page prints nothing, the mainland's number series", () => {
    const asForeign = { data: foreign, validation: { documentFamily: 'foreign', warnings: [] } } as unknown as PassportResponse
    // A foreign page has no Chinese name and no place of issue; what it prints is not read, so it stays flagged.
    const flags = computeFlags(foreign, asForeign, today)
    expect(flags.name).toEqual([])
    expect(flags.issuePlace).toEqual([])
    expect(flags.issueDate).toEqual([{ code: 'FORMAT', issue: 'EMPTY' }])
    // Without a family (documents stored before families existed) every field is expected.
    expect(computeFlags(foreign, null, today).name).toEqual([{ code: 'FORMAT', issue: 'EMPTY' }])
    const asMainland = { data: good, validation: { documentFamily: 'mainland', warnings: [] } } as unknown as PassportResponse
    expect(computeFlags({ ...good, passportNumber: 'E1234567' }, asMainland, today).passportNumber).toContainEqual({
      code: 'FORMAT',
      issue: 'PASSPORT_NUMBER_FORMAT'
    })
    expect(computeFlags({ ...good, passportNumber: 'E1234567' }, null, today).passportNumber).not.toContainEqual({
      code: 'FORMAT',
      issue: 'PASSPORT_NUMBER_FORMAT'
    })
  })

  it('reads a response stored before families and corrections existed', () => {
    const old = { data: good, validation: { warnings: [] } } as unknown as PassportResponse
    expect(flaggedKeys(computeFlags(good, old, today))).toEqual([])
  })
})
