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
  // ICAO 9303 part 4's TD3 specimen (Utopia).
  const UTO_LINE1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<'
  const UTO_LINE2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'

  it.each([
    ['birthDate', '2000.04.17', null],
    ['birthDate', '', 'EMPTY'],
    ['birthDate', '   ', 'EMPTY'],
    ['birthDate', '2000/04/17', 'DATE_FORMAT'],
    ['validToDate', '2028.02.30', 'DATE_INVALID'],
    ['sex', '女/F', null],
    ['sex', '男/M', null],
    ['sex', 'F', 'SEX_FORMAT'],
    ['sex', '女/M', 'SEX_FORMAT'],
    ['name', '张三', null],
    ['name', '阿依古丽·买买提', null],
    ['name', 'ZHANG', 'NAME_FORMAT'],
    ['name', '张3', 'NAME_FORMAT'],
    ['issueAuthority', '公安部出入境管理局', null],
    ['passportType', 'P', null],
    ['passportType', 'PO', null],
    ['passportType', 'p', 'CODE_FORMAT'],
    ['passportType', 'X', 'CODE_FORMAT'],
    ['passportType', 'POO', 'CODE_FORMAT'],
    ['mrzLine1', 'POCHNDU<<XIAOGUANG<<<<<<<<<<<<<<<<<<<<<<<<<<', null],
    ['mrzLine1', 'POCHNDU<<XIAOGUANG', 'MRZ_LENGTH'],
    ['mrzLine1', 'pOCHNDU<<XIAOGUANG<<<<<<<<<<<<<<<<<<<<<<<<<<', 'MRZ_CHARSET'],
    ['mrzLine1', 'XOCHNDU<<XIAOGUANG<<<<<<<<<<<<<<<<<<<<<<<<<<', 'MRZ_FORMAT'],
    ['mrzLine2', 'E123456782CHN8503219M3006140LCOCPKNMNDKDA684', null],
    ['mrzLine2', 'EE12345678CHN8108038F2110189NGKELMPONBPJB978', 'MRZ_CHECK_DIGIT']
  ] as const)('%s %s → %s', (key, value, issue) => {
    expect(validateField(key, value)).toBe(issue)
  })

  // Each family's printed forms, as the engine answers them.
  it.each([
    // Mainland.
    ['passportNumber', 'E12345678', null],
    ['passportNumber', 'EE1234567', null],
    ['nameEn', 'DU,XIAOGUANG', null],
    ['birthPlace', '北京/BEIJING', null],
    ['nationality', '中国/CHINESE', null],
    ['countryCode', 'CHN', null],
    // Hong Kong and Macao: Traditional, spaced given names, places in Traditional with English.
    ['passportNumber', 'K12345678', null],
    ['passportNumber', 'MB7776984', null],
    ['nameEn', 'MA,KA CHAK', null],
    ['name', '馬家澤', null],
    ['birthPlace', '香港/HONG KONG', null],
    ['birthPlace', '廣東/GUANGDONG', null],
    ['nationality', '中國/CHINESE', null],
    ['issueAuthority', '香港特別行政區政府入境事務處/IMMIGRATION DEPARTMENT', null],
    // Taiwan: hyphenated given names, places in English only.
    ['passportNumber', '322044127', null],
    ['countryCode', 'TWN', null],
    ['nameEn', 'CHEN,MEI-LING', null],
    ['name', '陳美玲', null],
    ['birthPlace', 'PINGTUNG COUNTY', null],
    ['nationality', 'REPUBLIC OF CHINA', null],
    // Foreign: numbers of any TD3 shape, accented capitals, codes of one letter (Germany) or three, Latin places.
    ['passportNumber', 'L898902C3', null],
    ['passportNumber', '99003853', null],
    ['passportNumber', 'C01X00T4', null],
    ['countryCode', 'UTO', null],
    ['countryCode', 'D', null],
    ['nationality', 'UTO', null],
    ['nationality', 'D', null],
    ['passportType', 'PD', null],
    ['passportType', 'PA', null],
    ['nameEn', 'FAURE-DUPONT,JÉRÔME', null],
    ['nameEn', 'ERIKSSON,ANNA MARIA', null],
    ['nameEn', 'MUSTERMANN,ERIKA', null],
    ['nameEn', 'MADONNA', null],
    ['nameEn', 'ØSTERGÅRD,SØREN', null],
    ['birthPlace', 'PRAHA 1', null],
    ['birthPlace', 'MÜNCHEN', null],
    ['birthPlace', 'BADEN-WÜRTTEMBERG', null],
    ['birthPlace', 'ST. GALLEN', null],
    ['issuePlace', 'BEIJING', null],
    ['mrzLine1', UTO_LINE1, null],
    ['mrzLine2', UTO_LINE2, null],
    // Typed accents arrive decomposed (E + U+0301) as often as composed.
    ['nameEn', 'FAURE-DUPONT,JE\u0301RO\u0302ME', null]
  ] as const)('accepts %s %s', (key, value, issue) => {
    expect(validateField(key, value)).toBe(issue)
  })

  it.each([
    ['nameEn', 'DU, XIAOGUANG', 'NAME_EN_FORMAT'],
    ['nameEn', 'du,xiaoguang', 'NAME_EN_FORMAT'],
    ['nameEn', 'Faure-Dupont,Jérôme', 'NAME_EN_FORMAT'],
    ['nameEn', 'DU,XIAOGUANG2', 'NAME_EN_FORMAT'],
    ['nameEn', 'CHEN,MEI--LING', 'NAME_EN_FORMAT'],
    ['nameEn', 'CHEN,-MEILING', 'NAME_EN_FORMAT'],
    ['nameEn', 'CHEN,MEI-', 'NAME_EN_FORMAT'],
    ['nameEn', 'MA,KA  CHAK', 'NAME_EN_FORMAT'],
    ['nameEn', 'MA,KA,CHAK', 'NAME_EN_FORMAT'],
    ['nameEn', ',ANNA', 'NAME_EN_FORMAT'],
    ['nameEn', 'ERIKSSON,', 'NAME_EN_FORMAT'],
    // Greek capitals are capitals, but not Latin ones.
    ['nameEn', 'ΠΑΠΑΔΟΠΟΥΛΟΣ,ΓΙΩΡΓΟΣ', 'NAME_EN_FORMAT'],
    ['name', '陳美玲 ', 'NAME_FORMAT'],
    ['birthPlace', '北京/', 'PLACE_FORMAT'],
    ['birthPlace', '/BEIJING', 'PLACE_FORMAT'],
    ['birthPlace', '北京', 'PLACE_FORMAT'],
    ['birthPlace', '北京/beijing', 'PLACE_FORMAT'],
    ['birthPlace', '北京/123', 'PLACE_FORMAT'],
    ['birthPlace', '123', 'PLACE_FORMAT'],
    ['birthPlace', 'Praha 1', 'PLACE_FORMAT'],
    ['birthPlace', 'PRAHA  1', 'PLACE_FORMAT'],
    ['birthPlace', 'BEIJING/北京', 'PLACE_FORMAT'],
    ['birthPlace', '香港/HONG KONG/CHINA', 'PLACE_FORMAT'],
    ['nationality', 'ΕΛΛΗΝΙΚΗ', 'PLACE_FORMAT'],
    ['passportNumber', 'E1234567X0', 'PASSPORT_NUMBER_FORMAT'],
    ['passportNumber', 'e12345678', 'PASSPORT_NUMBER_FORMAT'],
    ['passportNumber', 'L898902C<', 'PASSPORT_NUMBER_FORMAT'],
    ['passportNumber', 'E 1234567', 'PASSPORT_NUMBER_FORMAT'],
    ['countryCode', 'CN', 'CODE_FORMAT'],
    ['countryCode', 'CHNA', 'CODE_FORMAT'],
    ['countryCode', 'chn', 'CODE_FORMAT'],
    ['countryCode', 'D<<', 'CODE_FORMAT'],
    ['countryCode', 'C1N', 'CODE_FORMAT']
  ] as const)('rejects %s %s → %s', (key, value, issue) => {
    expect(validateField(key, value)).toBe(issue)
  })

  it("applies the mainland's narrower forms once the family is known", () => {
    expect(validateField('passportNumber', 'E12345678', 'mainland')).toBeNull()
    expect(validateField('passportNumber', 'EE1234567', 'mainland')).toBeNull()
    expect(validateField('passportNumber', 'E1234567', 'mainland')).toBe('PASSPORT_NUMBER_FORMAT')
    expect(validateField('passportNumber', 'E1234567X', 'mainland')).toBe('PASSPORT_NUMBER_FORMAT')
    expect(validateField('passportNumber', 'E1234567', 'foreign')).toBeNull()
    expect(validateField('issuePlace', 'BEIJING', 'mainland')).toBe('PLACE_FORMAT')
    expect(validateField('issuePlace', '北京/BEIJING', 'mainland')).toBeNull()
    expect(validateField('birthPlace', 'PINGTUNG COUNTY', 'taiwan')).toBeNull()
  })

  it("takes a card's long number up to its zone's length, and says so in a card's own words", () => {
    expect(validateField('passportNumber', 'D23145890734', 'foreign', 'TD1')).toBeNull()
    expect(validateField('passportNumber', 'D23145890734', 'foreign')).toBe('PASSPORT_NUMBER_FORMAT')
    expect(validateField('passportNumber', 'D'.repeat(23), 'foreign', 'TD1')).toBe('DOCUMENT_NUMBER_FORMAT')
    expect(validateField('passportNumber', 'D'.repeat(15), 'foreign', 'TD2')).toBe('DOCUMENT_NUMBER_FORMAT')
    expect(validateField('passportNumber', 'd2314589', 'foreign', 'TD2')).toBe('DOCUMENT_NUMBER_FORMAT')
  })

  it("lets a field stay empty only where the family's page does not print it", () => {
    expect(validateField('issuePlace', '', 'mainland')).toBe('EMPTY')
    expect(validateField('issuePlace', '', 'hongkong')).toBeNull()
    expect(validateField('issuePlace', '', 'macao')).toBeNull()
    expect(validateField('issuePlace', '', 'taiwan')).toBeNull()
    expect(validateField('name', '', 'foreign')).toBeNull()
    expect(validateField('name', '', 'taiwan')).toBe('EMPTY')
    expect(validateField('passportNumber', '', 'foreign')).toBe('EMPTY')
    expect(validateField('issuePlace', '', null)).toBe('EMPTY')
  })
})
