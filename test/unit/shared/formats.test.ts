import { describe, expect, it } from 'vitest'
import {
  formatNameEn,
  formatSex,
  isValidDate,
  normalizeNameEn,
  parseSex,
  printedDateToIso,
  validateField
} from '../../../src/shared/domain/formats'

describe('isValidDate', () => {
  it('accepts real YYYY.MM.DD dates only', () => {
    expect(isValidDate('2000.04.17')).toBe(true)
    expect(isValidDate('2000.02.29')).toBe(true)
    expect(isValidDate('1900.02.29')).toBe(false)
    expect(isValidDate('2001.02.29')).toBe(false)
    expect(isValidDate('2000.13.01')).toBe(false)
    expect(isValidDate('2000-04-17')).toBe(false)
    expect(isValidDate('2000.4.17')).toBe(false)
  })
})

describe('printedDateToIso', () => {
  it.each([
    ['17 4月/APR 2000', '2000.04.17'],
    ['17 4月/APR2000', '2000.04.17'],
    ['174月/APR 2000', '2000.04.17'],
    ['I7 4月/APR 2O00', '2000.04.17'],
    ['17 4/APR 2000', '2000.04.17'],
    ['17 APR 2000', '2000.04.17'],
    ['17APR2000', '2000.04.17'],
    ['17 4月 2000', '2000.04.17'],
    ['17 APK 2000', '2000.04.17'],
    ['１７ ４月／ＡＰＲ ２０００', '2000.04.17'],
    ['15 8月/AUG 2018', '2018.08.15'],
    ['110月/OCT 2020', '2020.10.01'],
    ['1110月/OCT 2020', '2020.10.11'],
    ['01 10月/0CT 2020', '2020.10.01'],
    ['29 2月/FEB 2000', '2000.02.29'],
    // The abbreviation's first letter lost into the slash.
    ['171月AN2016', '2016.01.17'],
    ['22 7月/UL 2021', '2021.07.22'],
    // Glued day and month: months are printed without a leading zero.
    ['203月/MAR2020', '2020.03.20'],
    ['304月/APR2021', '2021.04.30']
  ])('%s → %s', (text, iso) => {
    expect(printedDateToIso(text)).toBe(iso)
  })

  it.each([
    // The month number and the abbreviation disagree: one of them is misread, we cannot tell which.
    ['17 5月/APR 2000'],
    // 1 Dec or 11 Feb?
    ['112月 2000'],
    // JUN or JUL?
    ['17 JUX 2000'],
    ['30 2月/FEB 2001'],
    ['17 4月/APR'],
    ['garbage']
  ])('%s → null', (text) => {
    expect(printedDateToIso(text)).toBeNull()
  })
})

describe('sex', () => {
  it('formats the API value', () => {
    expect(formatSex('M')).toBe('男/M')
    expect(formatSex('F')).toBe('女/F')
  })

  it('reads either script, and refuses a contradiction', () => {
    expect(parseSex('男/M')).toBe('M')
    expect(parseSex('女')).toBe('F')
    expect(parseSex('f')).toBe('F')
    expect(parseSex('男/F')).toBeNull()
    expect(parseSex('X')).toBeNull()
  })
})

describe('Latin names', () => {
  it('formats SURNAME,GIVEN', () => {
    expect(formatNameEn('du', 'xiaoguang')).toBe('DU,XIAOGUANG')
    expect(formatNameEn('ZHANG', '')).toBe('ZHANG')
  })

  it('normalises printed variants', () => {
    expect(normalizeNameEn('ZHANG, SAN')).toBe('ZHANG,SAN')
    expect(normalizeNameEn('ZHANG,SAN')).toBe('ZHANG,SAN')
    expect(normalizeNameEn('ZHANG.SAN')).toBe('ZHANG,SAN')
    expect(normalizeNameEn('zhang ,  san feng')).toBe('ZHANG,SAN FENG')
    expect(normalizeNameEn('ZH4NG, SAN')).toBe('ZHANG,SAN')
  })

  it('splits a name without comma only with a hint that spells the same letters', () => {
    const hint = { surname: 'ZHANG', givenNames: 'SAN' }
    expect(normalizeNameEn('ZHANGSAN', hint)).toBe('ZHANG,SAN')
    expect(normalizeNameEn('ZHANG SAN', hint)).toBe('ZHANG,SAN')
    expect(normalizeNameEn('ZHANGSAN')).toBe('ZHANGSAN')
    expect(normalizeNameEn('LISAN', hint)).toBe('LISAN')
  })
})

describe('validateField', () => {
  it.each([
    ['birthDate', '2000.04.17', null],
    ['birthDate', '', 'EMPTY'],
    ['birthDate', '2000/04/17', 'DATE_FORMAT'],
    ['validToDate', '2028.02.30', 'DATE_INVALID'],
    ['sex', '女/F', null],
    ['sex', 'F', 'SEX_FORMAT'],
    ['birthPlace', '北京/BEIJING', null],
    ['issuePlace', 'BEIJING', 'PLACE_FORMAT'],
    ['nationality', '中国/CHINESE', null],
    ['name', '张三', null],
    ['name', '阿依古丽·买买提', null],
    ['name', 'ZHANG', 'NAME_FORMAT'],
    ['issueAuthority', '公安部出入境管理局', null],
    ['nameEn', 'DU,XIAOGUANG', null],
    ['nameEn', 'DU, XIAOGUANG', 'NAME_EN_FORMAT'],
    ['passportNumber', 'E12345678', null],
    ['passportNumber', 'EE1234567', null],
    ['passportNumber', 'E1234567', 'PASSPORT_NUMBER_FORMAT'],
    ['passportNumber', 'E1234567X', 'PASSPORT_NUMBER_FORMAT'],
    ['passportType', 'P', null],
    ['countryCode', 'CHN', null],
    ['countryCode', 'CN', 'CODE_FORMAT'],
    ['mrzLine1', 'POCHNDU<<XIAOGUANG<<<<<<<<<<<<<<<<<<<<<<<<<<', null],
    ['mrzLine1', 'POCHNDU<<XIAOGUANG', 'MRZ_LENGTH'],
    ['mrzLine1', 'pOCHNDU<<XIAOGUANG<<<<<<<<<<<<<<<<<<<<<<<<<<', 'MRZ_CHARSET'],
    ['mrzLine1', 'XOCHNDU<<XIAOGUANG<<<<<<<<<<<<<<<<<<<<<<<<<<', 'MRZ_FORMAT'],
    ['mrzLine2', 'E123456782CHN8503219M3006140LCOCPKNMNDKDA684', null],
    ['mrzLine2', 'EE12345678CHN8108038F2110189NGKELMPONBPJB978', 'MRZ_CHECK_DIGIT']
  ] as const)('%s %s → %s', (key, value, issue) => {
    expect(validateField(key, value)).toBe(issue)
  })
})
