import { describe, expect, it } from 'vitest'
import { matchAuthority, matchNationality, matchPlace, PLACES } from '../../../../src/main/recognition/families/places'

describe('PLACES', () => {
  it('lists the 34 province-level divisions once each', () => {
    expect(PLACES).toHaveLength(34)
    expect(new Set(PLACES.map((p) => p.zh)).size).toBe(34)
    expect(new Set(PLACES.map((p) => p.en)).size).toBe(34)
  })
})

describe('matchPlace', () => {
  it.each([
    ['北京/BEIJING', '北京/BEIJING', 1, true],
    ['北京BEIJING', '北京/BEIJING', 1, true],
    ['北京 / BEIJING', '北京/BEIJING', 1, true],
    ['北京/8EIJING', '北京/BEIJING', 1, true],
    ['北京/BEIJNG', '北京/BEIJING', 0.929, true],
    // Half the Chinese misread: the pinyin decides, alone.
    ['北东/BEIJING', '北京/BEIJING', 0.75, false],
    ['BEIJING', '北京/BEIJING', 1, false],
    ['北京', '北京/BEIJING', 1, false],
    ['黑龍江/HEILONGJIANG', '黑龙江/HEILONGJIANG', 1, true],
    ['香港/HONG KONG', '香港/HONGKONG', 1, true],
    ['内蒙古/NEI MONGGU', '内蒙古/NEIMENGGU', 0.944, true],
    ['广东/GUANGD0NG', '广东/GUANGDONG', 1, true],
    // The slash read as a Chinese character, and the first Latin letters lost beside it.
    ['吉林小LIN', '吉林/JILIN', 0.8, false]
  ])('%s → %s', (text, value, score, bothScripts) => {
    expect(matchPlace(text)).toEqual(bothScripts ? { value, score, bothScripts } : { value, score })
  })

  it('tells neighbours apart by the half that differs', () => {
    expect(matchPlace('山西/SHANXI')?.value).toBe('山西/SHANXI')
    expect(matchPlace('陕西/SHAANXI')?.value).toBe('陕西/SHAANXI')
    expect(matchPlace('湖南/HUNAM')?.value).toBe('湖南/HUNAN')
    expect(matchPlace('河有/HENAN')?.value).toBe('河南/HENAN')
  })

  it('says when each script alone names the place, and not when one half points elsewhere', () => {
    expect(matchPlace('湖北/HUBEI')).toMatchObject({ value: '湖北/HUBEI', bothScripts: true })
    expect(matchPlace('湖北/HUBFI')).toMatchObject({ value: '湖北/HUBEI', bothScripts: true })
    expect(matchPlace('黑龙江/HEILONGJANG')).toMatchObject({ value: '黑龙江/HEILONGJIANG', bothScripts: true })
    // 河北 read exactly, its pinyin garbled nearer HUBEI's: the match may stand, but the halves disagree.
    expect(matchPlace('河北/HUBFI')?.bothScripts).toBeFalsy()
    // One script only: nothing to agree with.
    expect(matchPlace('湖北')?.bothScripts).toBeFalsy()
  })

  it('returns null for garbage, other places, and halves that name two places', () => {
    expect(matchPlace('朝阳/CHAOYANG')).toBeNull()
    expect(matchPlace('XYZ')).toBeNull()
    expect(matchPlace('')).toBeNull()
    // One letter from both HEBEI and HUBEI.
    expect(matchPlace('HXBEI')).toBeNull()
    expect(matchPlace('河北/HUBEI')).toBeNull()
    // One character from 北京 is not enough to go on.
    expect(matchPlace('北东')).toBeNull()
  })
})

describe('matchAuthority', () => {
  it('matches the two authorities, tolerating a misread or traditional character', () => {
    expect(matchAuthority('公安部出入境管理局')).toEqual({ value: '公安部出入境管理局', score: 1 })
    expect(matchAuthority('公安部出入境管埋局')).toEqual({ value: '公安部出入境管理局', score: 0.889 })
    expect(matchAuthority('國家移民管理局')).toEqual({ value: '国家移民管理局', score: 1 })
  })

  it('returns null for other issuers', () => {
    expect(matchAuthority('中华人民共和国驻美国大使馆')).toBeNull()
    expect(matchAuthority('IMMIGRATION')).toBeNull()
  })
})

describe('matchNationality', () => {
  it('matches 中国/CHINESE from either half', () => {
    expect(matchNationality('中國/CHINESE')).toEqual({ value: '中国/CHINESE', score: 1 })
    expect(matchNationality('CHlNESE')).toEqual({ value: '中国/CHINESE', score: 0.857 })
    expect(matchNationality('中国')).toEqual({ value: '中国/CHINESE', score: 1 })
  })

  it('returns null for another nationality', () => {
    expect(matchNationality('日本/JAPANESE')).toBeNull()
  })
})
