import { describe, expect, it } from 'vitest'
import { readings } from '../../../../src/main/recognition/families/pinyin'
import { taiwanSpellings } from '../../../../src/main/recognition/families/wade-giles'

/** May a Taiwan passport print this character as this syllable? */
const spelt = (char: string, latin: string): boolean => readings(char).some((r) => taiwanSpellings(r).includes(latin))

describe("Wade–Giles as Taiwan's passports print it", () => {
  it('spells the common surnames as the passports do (apostrophes and umlauts dropped)', () => {
    const surnames: [string, string][] = [
      ['陳', 'CHEN'],
      ['張', 'CHANG'],
      ['許', 'HSU'],
      ['謝', 'HSIEH'],
      ['郭', 'KUO'],
      ['蔡', 'TSAI'],
      ['曾', 'TSENG'],
      ['邱', 'CHIU'],
      ['周', 'CHOU'],
      ['葉', 'YEH'],
      ['莊', 'CHUANG'],
      ['呂', 'LU'],
      ['江', 'CHIANG'],
      ['蕭', 'HSIAO'],
      ['簡', 'CHIEN'],
      ['鍾', 'CHUNG'],
      ['洪', 'HUNG'],
      ['游', 'YU'],
      ['何', 'HO'],
      ['柯', 'KO'],
      ['施', 'SHIH']
    ]
    for (const [c, latin] of surnames) expect(spelt(c, latin), `${c} ${latin}`).toBe(true)
  })

  it('spells the empty rhyme after sibilants and the syllables without an initial', () => {
    expect(spelt('志', 'CHIH')).toBe(true)
    expect(spelt('子', 'TZU')).toBe(true)
    expect(spelt('思', 'SSU')).toBe(true)
    expect(spelt('日', 'JIH')).toBe(true)
    expect(spelt('怡', 'YI')).toBe(true)
    expect(spelt('彥', 'YEN')).toBe(true)
    expect(spelt('恩', 'EN')).toBe(true)
    expect(spelt('傑', 'CHIEH')).toBe(true)
  })

  it('also allows Hanyu pinyin, which the Passport Act permits', () => {
    expect(spelt('張', 'ZHANG')).toBe(true)
    expect(spelt('許', 'XU')).toBe(true)
  })

  it('does not take one surname for another', () => {
    expect(spelt('張', 'CHEN')).toBe(false)
    expect(spelt('陳', 'CHANG')).toBe(false)
    expect(spelt('許', 'HSIEH')).toBe(false)
    expect(spelt('林', 'LING')).toBe(false)
  })
})
