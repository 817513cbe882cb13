import { describe, expect, it } from 'vitest'
import { mrzCheckDigits } from '../../../src/renderer/src/features/review/mrz-check-digits'

// ICAO 9303 part 4's own TD3 specimen, digits checked by hand there.
const SPECIMEN = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'

describe('mrzCheckDigits', () => {
  it('shows each check digit as read and as recomputed', () => {
    expect(mrzCheckDigits(SPECIMEN)).toEqual([
      { check: 'passportNumber', covers: 'L898902C3', read: '6', computed: '6', holds: true },
      { check: 'birthDate', covers: '740812', read: '2', computed: '2', holds: true },
      { check: 'expiryDate', covers: '120415', read: '9', computed: '9', holds: true },
      { check: 'personalNumber', covers: 'ZE184226B<<<<<', read: '1', computed: '1', holds: true },
      { check: 'composite', covers: 'L898902C3674081221204159ZE184226B<<<<<1', read: '0', computed: '0', holds: true }
    ])
  })

  it('recomputes as a character is changed, and marks the checks that no longer hold', () => {
    // 740812 → 750812: 7·7 + 5·3 + 0·1 + 8·7 + 1·3 + 2·1 = 125, so 5; the composite gains 1 (weight 1 there), so 1.
    const typo = SPECIMEN.slice(0, 14) + '5' + SPECIMEN.slice(15)
    const rows = mrzCheckDigits(typo)
    expect(rows.filter((r) => !r.holds).map((r) => [r.check, r.read, r.computed])).toEqual([
      ['birthDate', '2', '5'],
      ['composite', '0', '1']
    ])
  })

  it('shows nothing until the line is 44 MRZ characters', () => {
    expect(mrzCheckDigits(SPECIMEN.slice(0, 43))).toEqual([])
    expect(mrzCheckDigits(SPECIMEN.toLowerCase())).toEqual([])
  })
})
