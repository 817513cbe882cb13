import { describe, expect, it } from 'vitest'
import { validFor, withinValidity } from '../../../../src/main/recognition/families/validity'

describe('how long passports run', () => {
  it('ties an issue date to the expiry ten or five years on, on the anniversary or the day before it', () => {
    expect(validFor('2019.03.12', '2029.03.11')).toBe(true)
    expect(validFor('2019.03.12', '2029.03.12')).toBe(true)
    expect(validFor('2024.03.12', '2029.03.11')).toBe(true)
    expect(validFor('2019.03.12', '2029.03.13')).toBe(false)
    expect(validFor('2018.03.12', '2029.03.11')).toBe(false)
    // The day before 1 March, in a leap year and not.
    expect(validFor('2016.03.01', '2026.02.28')).toBe(true)
  })

  it('tells an issue date that could still belong to the expiry from one that cannot', () => {
    expect(withinValidity('2021.06.30', '2029.03.11')).toBe(true)
    expect(withinValidity('2019.03.10', '2029.03.11')).toBe(true)
    expect(withinValidity('2019.03.09', '2029.03.11')).toBe(false)
    // A misread year: after the expiry, or long before it.
    expect(withinValidity('5101.08.11', '2029.03.11')).toBe(false)
    expect(withinValidity('2029.03.11', '2029.03.11')).toBe(false)
    expect(withinValidity('1019.03.12', '2029.03.11')).toBe(false)
  })
})
