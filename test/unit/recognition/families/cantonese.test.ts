import { describe, expect, it } from 'vitest'
import { cantoneseSpellings, sarSpellings } from '../../../../src/main/recognition/families/cantonese'

const spelt = (char: string, latin: string): boolean => sarSpellings(char).includes(latin)

describe('Cantonese as the SAR passports spell it', () => {
  it("spells Hong Kong's common names as the Immigration Department does", () => {
    const names: [string, string][] = [
      ['陳', 'CHAN'],
      ['張', 'CHEUNG'],
      ['李', 'LEE'],
      ['黃', 'WONG'],
      ['周', 'CHOW'],
      ['徐', 'TSUI'],
      ['謝', 'TSE'],
      ['郭', 'KWOK'],
      ['葉', 'YIP'],
      ['吳', 'NG'],
      ['羅', 'LAW'],
      ['麥', 'MAK'],
      ['區', 'AU'],
      ['思', 'SZE'],
      ['子', 'TSZ'],
      ['心', 'SUM'],
      ['珊', 'SHAN'],
      ['欣', 'YAN'],
      ['寶', 'PO'],
      ['卓', 'CHEUK'],
      ['袁', 'YUEN']
    ]
    for (const [c, latin] of names) expect(spelt(c, latin), `${c} ${latin}`).toBe(true)
  })

  it("spells Macao's names in its Portuguese-based system too", () => {
    const names: [string, string][] = [
      ['梁', 'LEONG'],
      ['楊', 'IEONG'],
      ['郭', 'KOK'],
      ['國', 'KUOK'],
      ['關', 'KUAN'],
      ['光', 'KUONG'],
      ['余', 'U'],
      ['邱', 'IAO'],
      ['蘇', 'SOU'],
      ['陸', 'LOK'],
      ['蕭', 'SIO'],
      ['趙', 'CHIO'],
      ['葉', 'IP'],
      ['馮', 'FONG'],
      ['劉', 'LAO'],
      ['區', 'AO']
    ]
    for (const [c, latin] of names) expect(spelt(c, latin), `${c} ${latin}`).toBe(true)
  })

  it('tells a misread character from the one its spelling names', () => {
    // 麥 MAK read as 變 (bin3), 寶 PO as 實 (sat6), 陸 LOK as 陵 (ling4).
    expect(spelt('變', 'MAK')).toBe(false)
    expect(spelt('實', 'PO')).toBe(false)
    expect(spelt('陵', 'LOK')).toBe(false)
    expect(spelt('陳', 'CHEUNG')).toBe(false)
  })

  it('spells the syllabic nasals and syllables without an initial', () => {
    expect(cantoneseSpellings('ng4')).toEqual(['NG'])
    expect(cantoneseSpellings('au1')).toEqual(expect.arrayContaining(['AU', 'AO']))
    expect(cantoneseSpellings('ngaa5')).toContain('NGA')
  })
})
