import { describe, expect, it } from 'vitest'
import { isPinyin, readings, syllables, syllablesFor } from '../../../../src/main/recognition/families/pinyin'

describe('pinyin', () => {
  it('splits names into syllables and refuses what is not pinyin', () => {
    expect(syllables('LINGUO')).toEqual(['LIN', 'GUO'])
    expect(syllables('XIAOGUANG')).toEqual(['XIAO', 'GUANG'])
    expect(isPinyin('SHANGGUAN')).toBe(true)
    expect(isPinyin('LNGUO')).toBe(false)
    expect(isPinyin('MN')).toBe(false)
    expect(isPinyin('')).toBe(false)
  })

  it('splits a name into exactly one syllable per character when it can', () => {
    expect(syllablesFor('XIAN', 1)).toEqual(['XIAN'])
    expect(syllablesFor('XIAN', 2)).toEqual(['XI', 'AN'])
    expect(syllablesFor('OUYANG,XIAOMING', 4)).toEqual(['OU', 'YANG', 'XIAO', 'MING'])
    expect(syllablesFor('TIANLAN', 3)).toEqual(['TI', 'AN', 'LAN'])
    expect(syllablesFor('TIANLAN', 1)).toBeNull()
    expect(syllablesFor('LAN', 3)).toBeNull()
  })

  it('reads characters as passports print them, every reading of a polyphonic one', () => {
    expect(readings('田')).toEqual(['TIAN'])
    expect(readings('单')).toEqual(expect.arrayContaining(['SHAN', 'DAN']))
    expect(readings('吕')).toEqual(['LU'])
  })
})
