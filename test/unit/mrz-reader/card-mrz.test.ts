/**
 * Identity cards' and other travel documents' zones (TD1 3 × 30, TD2 2 × 36) from an MRZ reader: read with the
 * `mrz` package, refused where they must be swiped again, and made into the response of an MRZ-only document.
 */
import { describe, expect, it } from 'vitest'
import { mrzOnlyResponse } from '../../../src/main/mrz-reader/mrz-response'
import { mrzWithPrinted } from '../../../src/renderer/src/features/review/reading-choice'
import { readReaderMrz } from '../../../src/main/mrz-reader/mrz-text'
import { computeFlags, flaggedKeys } from '../../../src/shared/domain/field-flags'
import { parseCardMrz } from '../../../src/shared/domain/mrz-card'
import { FIELD_KEYS } from '../../../src/shared/domain/fields'
import type { FieldKey } from '../../../src/shared/domain/fields'
import { checkDigit } from '../../../src/shared/domain/mrz'
import { SPECIMEN_CARD, td1Zone, td2Zone } from '../helpers/card-zones'
import type { CardInput } from '../helpers/card-zones'
import { thrownCode } from '../helpers/thrown-code'

// ICAO Doc 9303's own specimens (part 5: TD1, part 6: TD2; the fictitious state Utopia).
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<']
const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6']
const ERIKSSON = SPECIMEN_CARD
// A number of 12 characters: 9 in the number field, the rest and its check digit in the optional data.
const LONG: CardInput = {
  ...ERIKSSON,
  number: 'D23145890734',
  birth: '340712',
  sex: 'M',
  expiry: '950712',
  surname: 'STEVENSON',
  givenNames: 'PETER JOHN'
}
const TODAY = new Date(2026, 11, 2)

const read = (lines: readonly string[]): ReturnType<typeof readReaderMrz> => readReaderMrz(lines.join('\n'), TODAY)

describe('a TD1 or TD2 zone read', () => {
  it("the test's composer gives ICAO's specimens exactly, so its other zones are zones as ICAO lays them out", () => {
    expect(td1Zone(ERIKSSON)).toEqual(TD1)
    expect(td2Zone(ERIKSSON)).toEqual(TD2)
  })

  it('reads both specimens with every check digit holding', () => {
    for (const lines of [TD1, TD2]) {
      const parsed = parseCardMrz({ format: lines.length === 3 ? 'TD1' : 'TD2', lines }, TODAY)
      expect(parsed).toMatchObject({
        documentCode: 'I',
        issuingState: 'UTO',
        surname: 'ERIKSSON',
        givenNames: 'ANNA MARIA',
        passportNumber: 'D23145890',
        nationality: 'UTO',
        birthDate: { raw: '740812', value: '1974.08.12' },
        sex: 'F',
        expiryDate: { raw: '120415', value: '2012.04.15' },
        personalNumber: '',
        checks: { passportNumber: true, birthDate: true, expiryDate: true, personalNumber: null, composite: true },
        invalid: [],
        valid: true
      })
    }
  })

  it('takes a TD1 or TD2 document number over 9 characters from the optional data, its check digit there', () => {
    // The check digit the zone carries for the whole number, computed apart from the `mrz` package.
    expect(checkDigit('D23145890734')).toBe(9)
    const td1 = td1Zone(LONG)
    expect(td1[0]).toBe('I<UTOD23145890<7349<<<<<<<<<<<')
    expect(read(td1).parsed).toMatchObject({ passportNumber: 'D23145890734', valid: true })
    const td2 = td2Zone(LONG)
    expect(td2[1].slice(28, 35)).toBe('7349<<<')
    expect(read(td2).parsed).toMatchObject({ passportNumber: 'D23145890734', valid: true })
    // The long number's own check digit (after it in the optional data) wrong: refused.
    const wrong = [td1[0].replace('7349', '7348'), td1[1], td1[2]]
    expect(thrownCode(() => read(wrong))).toBe('MRZ_CHECK_FAILED: the check digit of passportNumber, composite does not hold: swipe again')
  })

  it('refuses a check digit that fails, naming it, and asks for a new swipe', () => {
    expect(thrownCode(() => read([TD1[0], TD1[1].replace('7408122', '7408132'), TD1[2]]))).toBe(
      'MRZ_CHECK_FAILED: the check digit of birthDate, composite does not hold: swipe again'
    )
    expect(thrownCode(() => read([TD2[0], TD2[1].replace('D23145890', 'D23145891')]))).toBe(
      'MRZ_CHECK_FAILED: the check digit of passportNumber, composite does not hold: swipe again'
    )
    // Only the composite: a changed optional-data character, which no other digit covers.
    expect(thrownCode(() => read([TD1[0].replace(/<$/, '1'), TD1[1], TD1[2]]))).toBe(
      'MRZ_CHECK_FAILED: the check digit of composite does not hold: swipe again'
    )
  })

  it('refuses a date no calendar has even where its check digits hold, and an unknown state code', () => {
    expect(thrownCode(() => read(td1Zone({ ...ERIKSSON, birth: '740231' })))).toBe('MRZ_CHECK_FAILED: birthDate malformed: swipe again')
    expect(thrownCode(() => read(td2Zone({ ...ERIKSSON, state: 'QQQ' })))).toBe('MRZ_CHECK_FAILED: issuingState malformed: swipe again')
  })

  it('refuses a mangled read (keyboard layout) or one cut short, as for a passport', () => {
    expect(thrownCode(() => read(TD1.map((l) => l.replace(/</g, ';'))))).toMatch(/^MRZ_READ_GARBLED: .*";"/)
    expect(thrownCode(() => read([TD1[0], TD1[1]]))).toMatch(/^MRZ_READ_INCOMPLETE: the read has 2 line\(s\) of 30, 30/)
    expect(thrownCode(() => read([TD1[0], TD1[1], TD1[2].slice(0, 29)]))).toMatch(/^MRZ_READ_INCOMPLETE/)
  })

  it("refuses a visa's zone and a zone of a card's size laid out otherwise, with MRZ_NOT_PASSPORT", () => {
    expect(thrownCode(() => read(td2Zone({ ...ERIKSSON, documentCode: 'V' })))).toMatch(/^MRZ_NOT_PASSPORT: this is a visa's zone/)
    // The former French identity card (2 × 36, IDFRA…), which the `mrz` package reads as a layout of its own.
    const french = ['IDFRAERIKSSON<<<<<<<<<<<<<<<<<<<<<<<', TD2[1]]
    expect(thrownCode(() => read(french))).toMatch(/^MRZ_NOT_PASSPORT: this zone is laid out as FRENCH_NATIONAL_ID/)
  })
})

describe("an MRZ-only document's response from a TD1 or TD2 zone", () => {
  const zoneFieldsOf = (lines: readonly string[]): Record<FieldKey, string> => mrzOnlyResponse(read(lines), TODAY).data

  it('carries the fields the zone gives, and leaves the others empty', () => {
    const td1 = zoneFieldsOf(TD1)
    const common = {
      passportType: 'I',
      countryCode: 'UTO',
      passportNumber: 'D23145890',
      nameEn: 'ERIKSSON,ANNA MARIA',
      name: '',
      sex: '女/F',
      birthPlace: '',
      nationality: 'UTO',
      issuePlace: '',
      issueAuthority: '',
      validToDate: '2012.04.15',
      birthDate: '1974.08.12',
      issueDate: ''
    }
    // TD1: its first line, then its second and third run together (mrz-zone's zoneFields).
    expect(td1).toEqual({ ...common, mrzLine1: TD1[0], mrzLine2: TD1[1] + TD1[2] })
    expect(zoneFieldsOf(TD2)).toEqual({ ...common, mrzLine1: TD2[0], mrzLine2: TD2[1] })
    expect(zoneFieldsOf(td1Zone(LONG)).passportNumber).toBe('D23145890734')
    // A document code of two letters is kept as printed.
    expect(zoneFieldsOf(td1Zone({ ...ERIKSSON, documentCode: 'AC' })).passportType).toBe('AC')
    expect(zoneFieldsOf(td1Zone({ ...ERIKSSON, documentCode: 'C' })).passportType).toBe('C')
    // Sex unspecified ('<'): no sex is invented.
    expect(zoneFieldsOf(td2Zone({ ...ERIKSSON, sex: '<' })).sex).toBe('')
  })

  it("keeps the zone's format and lines in validation.mrzZone, with its checks", () => {
    const r = mrzOnlyResponse(read(TD1), TODAY)
    expect(r.validation).toMatchObject({
      mrzValid: true,
      documentFamily: 'foreign',
      mrzZone: { format: 'TD1', lines: TD1 },
      checks: { passportNumber: true, birthDate: true, expiryDate: true, personalNumber: null, composite: true },
      corrections: []
    })
    expect(mrzOnlyResponse(read(TD2), TODAY).validation.mrzZone).toEqual({ format: 'TD2', lines: TD2 })
    // No page: nothing is positioned on an image.
    expect(r.prism_keyValueInfo.every((k) => k.valuePos.length === 0)).toBe(true)
    // The check digits vouch for the number, the dates and the line holding them (TD1's first), not the name.
    const prob = Object.fromEntries(r.prism_keyValueInfo.map((k) => [k.key, k.valueProb]))
    expect(prob).toMatchObject({ passportNumber: 95, birthDate: 95, validToDate: 95, mrzLine1: 95, mrzLine2: 90, nameEn: 90, sex: 90 })
    expect(mrzOnlyResponse(read(TD2), TODAY).prism_keyValueInfo.find((k) => k.key === 'mrzLine2')?.valueProb).toBe(95)
  })

  it('flags every field the zone gave as MRZ-only, and no format rule of a passport against its code, number or lines', () => {
    for (const lines of [TD1, TD2, td1Zone(LONG), td1Zone({ ...ERIKSSON, documentCode: 'AC' })]) {
      const r = mrzOnlyResponse(read(lines), TODAY)
      const flags = computeFlags(r.data, r, TODAY)
      const given = FIELD_KEYS.filter((k) => r.data[k] !== '')
      expect(given.filter((k) => flags[k].some((f) => f.code === 'MRZ_ONLY'))).toEqual(given)
      for (const key of ['passportType', 'passportNumber', 'mrzLine1', 'mrzLine2'] as const)
        expect(
          flags[key].filter((f) => f.code !== 'MRZ_ONLY'),
          key
        ).toEqual([])
      // What the zone does not carry is missing, as on a passport read from its MRZ alone.
      expect(flaggedKeys(flags)).toEqual(expect.arrayContaining(['birthPlace', 'issueAuthority', 'issueDate']))
    }
  })

  it('flags a field the operator changed away from the zone, as on a passport, and offers no rewrite of its lines', () => {
    for (const lines of [TD1, TD2]) {
      const r = mrzOnlyResponse(read(lines), TODAY)
      expect(FIELD_KEYS.flatMap((k) => computeFlags(r.data, r, TODAY)[k]).filter((f) => f.code === 'VIZ_MRZ_MISMATCH')).toEqual([])
      const edited = { ...r.data, passportNumber: 'D23145891', nameEn: 'ERIKSEN,ANNA MARIA', sex: '男/M', birthDate: '1974.08.13' }
      const flags = computeFlags(edited, r, TODAY)
      expect(flags.passportNumber).toContainEqual({ code: 'VIZ_MRZ_MISMATCH', mrzValue: 'D23145890' })
      expect(flags.nameEn).toContainEqual({ code: 'VIZ_MRZ_MISMATCH', mrzValue: 'ERIKSSON,ANNA MARIA' })
      expect(flags.sex).toContainEqual({ code: 'VIZ_MRZ_MISMATCH', mrzValue: 'F' })
      expect(flags.birthDate).toContainEqual({ code: 'VIZ_MRZ_MISMATCH', mrzValue: '1974.08.12' })
      // F2 (write the typed value into the MRZ) is for a passport's 44-character lines only: the zone is kept.
      for (const key of ['passportNumber', 'nameEn', 'sex', 'birthDate'] as const) expect(mrzWithPrinted(key, edited), key).toBeNull()
    }
    // A long number edited back to what the zone says agrees with it.
    const long = mrzOnlyResponse(read(td1Zone(LONG)), TODAY)
    expect(computeFlags(long.data, long, TODAY).passportNumber.map((f) => f.code)).toEqual(['MRZ_ONLY'])
  })

  it("takes the full name typed over a name the card's zone cut short (30 characters on TD1, 31 on TD2) as its own", () => {
    const holder = { ...ERIKSSON, surname: 'WOLFESCHLEGELSTEINHAUSEN', givenNames: 'HUBERT BLAINE' }
    for (const lines of [td1Zone(holder), td2Zone(holder)]) {
      const r = mrzOnlyResponse(read(lines), TODAY)
      const full = { ...r.data, nameEn: 'WOLFESCHLEGELSTEINHAUSEN,HUBERT BLAINE' }
      expect(computeFlags(full, r, TODAY).nameEn.map((f) => f.code)).not.toContain('VIZ_MRZ_MISMATCH')
      // A name the zone does not begin is still another name.
      const other = { ...r.data, nameEn: 'WOLFESCHLEGELSTEINHAUSEN,HUGO BLAINE' }
      expect(computeFlags(other, r, TODAY).nameEn.map((f) => f.code)).toContain('VIZ_MRZ_MISMATCH')
    }
  })

  it("reads a Chinese authority's card under no family: no 'foreign passport' warning, every empty field missing", () => {
    const chn = td1Zone({
      ...ERIKSSON,
      documentCode: 'C',
      state: 'CHN',
      nationality: 'CHN',
      number: 'C12345678',
      surname: 'ZHANG',
      givenNames: 'SAN'
    })
    const r = mrzOnlyResponse(read(chn), TODAY)
    expect(r.validation.documentFamily).toBeNull()
    expect(r.validation.warnings.map((w) => w.code)).not.toContain('NOT_CHINESE_PASSPORT')
    expect(r.data).toMatchObject({ passportType: 'C', countryCode: 'CHN', nationality: 'CHN', nameEn: 'ZHANG,SAN', name: '' })
    expect(computeFlags(r.data, r, TODAY).name).toEqual([{ code: 'FORMAT', issue: 'EMPTY' }])
  })
})
