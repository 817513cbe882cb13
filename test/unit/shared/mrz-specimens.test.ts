import { describe, expect, it } from 'vitest'
import { line2Checks } from '../../../src/shared/domain/mrz'
import { parseMrz } from '../../../src/shared/domain/mrz-parse'
import { MRZ_SPECIMENS } from '../../fixtures/mrz-specimens'

// Any date after the latest birth date among the specimens (2011) and before 2100 resolves the same raw fields.
const TODAY = new Date(2025, 5, 1)
const ALL_HOLD = { passportNumber: true, birthDate: true, expiryDate: true, personalNumber: true, composite: true }

describe('published specimen MRZs', () => {
  it('has 25 or more distinct pairs from many states', () => {
    const pairs = new Set(MRZ_SPECIMENS.map((s) => `${s.line1}\n${s.line2}`))
    expect(pairs.size).toBe(MRZ_SPECIMENS.length)
    expect(pairs.size).toBeGreaterThanOrEqual(25)
    expect(new Set(MRZ_SPECIMENS.map((s) => s.issuingState)).size).toBeGreaterThanOrEqual(15)
  })

  it.each(MRZ_SPECIMENS.map((s) => [`${s.state} ${s.line2}`, s] as const))('%s: every check digit holds', (_, s) => {
    expect(s.line1).toHaveLength(44)
    expect(s.line2).toHaveLength(44)
    expect(line2Checks(s.line2)).toEqual(ALL_HOLD)
  })

  it.each(MRZ_SPECIMENS.map((s) => [`${s.state} ${s.line2}`, s] as const))('%s: parseMrz reads every field', (_, s) => {
    const p = parseMrz(s.line1, s.line2, TODAY)
    expect({
      documentCode: p.documentCode,
      issuingState: p.issuingState,
      surname: p.surname,
      givenNames: p.givenNames,
      passportNumber: p.passportNumber,
      nationality: p.nationality,
      birthDate: p.birthDate.raw,
      sex: p.sex,
      expiryDate: p.expiryDate.raw,
      personalNumber: p.personalNumber
    }).toEqual({
      documentCode: s.documentCode,
      issuingState: s.issuingState,
      surname: s.surname,
      givenNames: s.givenNames,
      passportNumber: s.passportNumber,
      nationality: s.nationality,
      birthDate: s.birthDate,
      sex: s.sex,
      expiryDate: s.expiryDate,
      personalNumber: s.personalNumber
    })
    expect(p.checks).toEqual(ALL_HOLD)
    expect(p.birthDate.value).not.toBe('')
    expect(p.expiryDate.value).not.toBe('')
    expect(p.invalid).toEqual([])
    expect(p.valid).toBe(true)
  })
})
