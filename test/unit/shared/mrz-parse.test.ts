import { describe, expect, it } from 'vitest'
import { charValue, checkDigitHolds, isMrzDate, line2Checks, otherBirthCentury, resolveMrzDate } from '../../../src/shared/domain/mrz'
import { parseMrz } from '../../../src/shared/domain/mrz-parse'

const TODAY = new Date(2025, 5, 1)
const REF1 = 'POCHNDU<<XIAOGUANG<<<<<<<<<<<<<<<<<<<<<<<<<<'
const REF2 = 'EE12345678CHN8108038F2110189NGKELMPONBPJB978'

describe('mrz helpers', () => {
  it('values characters as ICAO 9303 does', () => {
    expect(['<', '0', '9', 'A', 'Z'].map(charValue)).toEqual([0, 0, 9, 10, 35])
  })

  it('accepts "<" or "0" as the check digit of empty optional data', () => {
    expect(checkDigitHolds('<<<<', '<', true)).toBe(true)
    expect(checkDigitHolds('<<<<', '0', true)).toBe(true)
    expect(checkDigitHolds('<<<<', '<')).toBe(false)
  })

  it('checks every digit of line 2, or none when the line is malformed', () => {
    expect(line2Checks(REF2)).toEqual({
      passportNumber: true,
      birthDate: true,
      expiryDate: true,
      personalNumber: true,
      composite: false
    })
    expect(line2Checks(REF2.slice(1))).toEqual({
      passportNumber: null,
      birthDate: null,
      expiryDate: null,
      personalNumber: null,
      composite: null
    })
  })

  it('knows real dates in either century', () => {
    expect(isMrzDate('000229')).toBe(true)
    expect(isMrzDate('010229')).toBe(false)
    expect(isMrzDate('851301')).toBe(false)
    expect(isMrzDate('85<301')).toBe(false)
  })

  it('puts birth dates in the latest century that is not in the future', () => {
    expect(resolveMrzDate('250601', 'birth', TODAY)).toBe('2025.06.01')
    expect(resolveMrzDate('250602', 'birth', TODAY)).toBe('1925.06.02')
    expect(resolveMrzDate('850321', 'birth', TODAY)).toBe('1985.03.21')
    expect(resolveMrzDate('000229', 'birth', TODAY)).toBe('2000.02.29')
    expect(resolveMrzDate('851301', 'birth', TODAY)).toBe('')
  })

  it('puts expiry dates in 20YY', () => {
    expect(resolveMrzDate('990101', 'expiry', TODAY)).toBe('2099.01.01')
    expect(resolveMrzDate('180101', 'expiry', TODAY)).toBe('2018.01.01')
  })
})

describe('parseMrz', () => {
  it('reads the reference example, composite failure included', () => {
    expect(parseMrz(REF1, REF2, TODAY)).toEqual({
      documentCode: 'PO',
      issuingState: 'CHN',
      surname: 'DU',
      givenNames: 'XIAOGUANG',
      passportNumber: 'EE1234567',
      nationality: 'CHN',
      birthDate: { raw: '810803', value: '1981.08.03', otherCentury: '' },
      sex: 'F',
      expiryDate: { raw: '211018', value: '2021.10.18', otherCentury: '' },
      personalNumber: 'NGKELMPONBPJB9',
      checks: { passportNumber: true, birthDate: true, expiryDate: true, personalNumber: true, composite: false },
      invalid: [],
      valid: false
    })
  })

  it('accepts a consistent MRZ', () => {
    const parsed = parseMrz('POCHNZHANG<<SAN<FENG<<<<<<<<<<<<<<<<<<<<<<<<', 'E123456782CHN8503219M3006140LCOCPKNMNDKDA684', TODAY)
    expect(parsed.givenNames).toBe('SAN FENG')
    expect(parsed.valid).toBe(true)
  })

  it('names malformed parts instead of throwing', () => {
    const parsed = parseMrz('POCHNDU<<XIAOGUANG', 'EE12345678QQQ8113038F2110189NGKELMPONBPJB978', TODAY)
    expect(parsed.invalid).toEqual(['line1', 'nationality', 'birthDate'])
    expect(parsed.surname).toBe('')
    expect(parsed.birthDate).toEqual({ raw: '811303', value: '', otherCentury: '' })
    expect(parsed.checks.birthDate).toBe(false)
    expect(parsed.valid).toBe(false)
  })
  it('says when the birth century is a guess: both centuries lie before today and the older one is no age past belief', () => {
    // The Czech specimen: born 1911, expiring 2012; 2011 reads just as well.
    const cze = parseMrz('P<CZESPECIMEN<<VZOR<<<<<<<<<<<<<<<<<<<<<<<<<', '99003853<1CZE1101018M1207046110101111<<<<<94', TODAY)
    expect(cze.birthDate).toEqual({ raw: '110101', value: '2011.01.01', otherCentury: '1911.01.01' })
    // Born 1981: 2081 lies ahead, so the century is clear; born 2005, expiring 2030: 1905 would make a holder of 125.
    expect(parseMrz(REF1, REF2, TODAY).birthDate.otherCentury).toBe('')
    expect(otherBirthCentury('050101', '300101', TODAY)).toBe('')
  })
})
