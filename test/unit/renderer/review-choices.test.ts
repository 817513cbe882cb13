import { describe, expect, it } from 'vitest'
import { charRuns } from '../../../src/renderer/src/features/review/char-marks'
import { correctionsByLine } from '../../../src/renderer/src/features/review/mrz-corrections'
import { canUndo, currentProposal, lineWithDecisions } from '../../../src/renderer/src/features/review/mrz-proposals'
import { mrzWithPrinted, printedFromMrz } from '../../../src/renderer/src/features/review/reading-choice'
import { computeFlags } from '../../../src/shared/domain/field-flags'
import { emptyPassportData } from '../../../src/shared/domain/fields'
import { checkDigit, composeMrz, line2Checks } from '../../../src/shared/domain/mrz'
import type { MrzCorrectionReport, PassportResponse } from '../../../src/shared/domain/response'

const [LINE1, LINE2] = composeMrz({
  documentCode: 'PO',
  issuingState: 'CHN',
  surname: 'ZHANG',
  givenNames: 'SAN',
  passportNumber: 'E12345678',
  nationality: 'CHN',
  birthDate: '1990.05.17',
  sex: 'M',
  expiryDate: '2031.06.14',
  personalNumber: 'LCOCKPNMNBPBA9'
})
const fields = {
  ...emptyPassportData(),
  passportType: 'P',
  countryCode: 'CHN',
  passportNumber: 'E12345678',
  nameEn: 'ZHANG,SAN',
  sex: '男/M',
  birthDate: '1990.05.17',
  validToDate: '2031.06.14',
  mrzLine1: LINE1,
  mrzLine2: LINE2
}

describe('unsure characters', () => {
  it('cuts the value into runs by code point, below 90 unsure', () => {
    expect(charRuns('张三丰', [99, 62, 95])).toEqual([
      { text: '张', unsure: false, start: 0 },
      { text: '三', unsure: true, start: 1 },
      { text: '丰', unsure: false, start: 2 }
    ])
    expect(charRuns('E12', [89, 89, 90])).toEqual([
      { text: 'E1', unsure: true, start: 0 },
      { text: '2', unsure: false, start: 2 }
    ])
  })

  it('marks nothing where the confidences are unknown or describe another value', () => {
    expect(charRuns('E12', undefined)).toBeNull()
    expect(charRuns('E123', [99, 99, 99])).toBeNull()
    expect(charRuns('', [])).toBeNull()
  })
})

describe('MRZ corrections as proposals', () => {
  // The engine read O at position 2 of line 2 and made it 2 on the passport number's check digit.
  const read = 'E1O' + LINE2.slice(3)
  const fix: MrzCorrectionReport = {
    line: 2,
    position: 2,
    read: 'O',
    corrected: '2',
    reason: 'checkDigit',
    check: 'passportNumber',
    support: 0.3
  }
  const inserted: MrzCorrectionReport = { line: 2, position: 43, read: '', corrected: LINE2[43], reason: 'length' }
  const response = {
    data: fields,
    validation: { corrections: [fix, inserted], warnings: [{ code: 'MRZ_CORRECTED', field: 'mrzLine2', message: '' }] }
  } as unknown as PassportResponse

  it('puts an undone character back to what was read, and only a replaced one', () => {
    expect(lineWithDecisions(LINE2, [fix, inserted], ['undone', 'accepted'])).toBe(read)
    expect(lineWithDecisions(LINE2, [fix, inserted], ['accepted', 'undone'])).toBe(LINE2)
    expect(canUndo(fix)).toBe(true)
    expect(canUndo(inserted)).toBe(false)
  })

  it('keeps the proposals under the line while it is the engine’s reading with the undone ones put back', () => {
    expect(correctionsByLine(response, { ...fields, mrzLine2: read }, { mrzLine1: [], mrzLine2: ['undone', 'pending'] }).mrzLine2).toEqual([
      fix,
      inserted
    ])
    expect(correctionsByLine(response, { ...fields, mrzLine2: read }, { mrzLine1: [], mrzLine2: ['pending', 'pending'] }).mrzLine2).toEqual(
      []
    )
  })

  it('acts on the first pending proposal, then on the last', () => {
    expect(currentProposal(['accepted', 'pending', 'pending'])).toBe(1)
    expect(currentProposal(['accepted', 'undone'])).toBe(1)
    expect(currentProposal([])).toBeNull()
  })

  it('answers MRZ_CORRECTED once every correction of the line is accepted', () => {
    const today = new Date(2026, 0, 1)
    expect(computeFlags(fields, response, today).mrzLine2).toEqual([{ code: 'MRZ_CORRECTED' }])
    expect(computeFlags(fields, response, today, new Set(['mrzLine2'])).mrzLine2).toEqual([])
  })
})

describe('printed zone against MRZ', () => {
  it('writes the printed reading into line 2 with its check digit and the composite recomputed', () => {
    const misread = { ...fields, mrzLine2: LINE2.replace('900517', '900617') }
    expect(line2Checks(misread.mrzLine2).birthDate).toBe(false)
    expect(mrzWithPrinted('birthDate', misread)).toEqual({ mrzLine1: LINE1, mrzLine2: LINE2 })
    const number = { ...fields, passportNumber: 'E12345679' }
    const lines = mrzWithPrinted('passportNumber', number)
    expect(lines?.mrzLine2.slice(0, 10)).toBe(`E12345679${checkDigit('E12345679')}`)
    expect(line2Checks(lines?.mrzLine2 ?? '')).toEqual({
      passportNumber: true,
      birthDate: true,
      expiryDate: true,
      personalNumber: true,
      composite: true
    })
  })

  it('writes the printed name, state, sex and type into their places', () => {
    expect(mrzWithPrinted('nameEn', { ...fields, mrzLine1: LINE1.replace('SAN', 'SAM') })?.mrzLine1).toBe(LINE1)
    expect(mrzWithPrinted('nameEn', { ...fields, nameEn: 'LI,XIAO MING' })?.mrzLine1).toBe('POCHNLI<<XIAO<MING' + '<'.repeat(26))
    expect(mrzWithPrinted('sex', { ...fields, sex: '女/F' })?.mrzLine2[20]).toBe('F')
    expect(mrzWithPrinted('countryCode', { ...fields, mrzLine1: LINE1.replace('CHN', 'CHM') })?.mrzLine1).toBe(LINE1)
  })

  it("writes a printed name with the page's own letters as ICAO transliterates them, and one too long cut at the zone's end", () => {
    const line1 = (zone: string): string => ('P<D<<' + zone).padEnd(44, '<')
    const foreign = { ...fields, mrzLine1: line1('X<<Y') }
    expect(mrzWithPrinted('nameEn', { ...foreign, nameEn: 'MÜLLER-LÜDENSCHEIDT,JÖRG' })?.mrzLine1).toBe(
      line1('MUELLER<LUEDENSCHEIDT<<JOERG')
    )
    expect(mrzWithPrinted('nameEn', { ...foreign, nameEn: "O'BRIEN,SØREN" })?.mrzLine1).toBe(line1('OBRIEN<<SOEREN'))
    const long = 'WOLFESCHLEGELSTEINHAUSENBERGERDORFF,HUBERT BLAINE'
    expect(mrzWithPrinted('nameEn', { ...foreign, nameEn: long })?.mrzLine1).toBe('P<D<<WOLFESCHLEGELSTEINHAUSENBERGERDORFF<<HU')
    expect(mrzWithPrinted('nameEn', { ...foreign, nameEn: 'ZHANG,SAN 3' })).toBeNull()
  })

  it('refuses what the MRZ cannot carry, and lines that are not 44 characters', () => {
    expect(mrzWithPrinted('birthDate', { ...fields, birthDate: '17 May 1990' })).toBeNull()
    expect(mrzWithPrinted('passportNumber', { ...fields, mrzLine2: LINE2.slice(1) })).toBeNull()
    expect(mrzWithPrinted('issuePlace', fields)).toBeNull()
  })

  it('writes the MRZ reading the way the page prints the field', () => {
    expect(printedFromMrz('sex', 'F')).toBe('女/F')
    expect(printedFromMrz('passportType', 'PO')).toBe('P')
    expect(printedFromMrz('passportType', 'PD')).toBe('PD')
    expect(printedFromMrz('birthDate', '1990.05.17')).toBe('1990.05.17')
  })
})
