import { describe, expect, it } from 'vitest'
import { rectBox } from '../../../../src/main/recognition/det/postprocess'
import { MAINLAND_ORDINARY, MAINLAND_PAGE } from '../../../../src/main/recognition/families/mainland'
import { assignFields } from '../../../../src/main/recognition/families/chinese-fields'
import { HONG_KONG } from '../../../../src/main/recognition/families/hongkong'
import { standsFor } from '../../../../src/main/recognition/rec/lookalikes'
import { HONG_KONG_PAGE } from '../../../../src/main/recognition/families/sar-page'
import type { MrzRead } from '../../../../src/main/recognition/mrz/read'
import type { PageLine } from '../../../../src/main/recognition/passport/page-lines'
import type { Quad } from '../../../../src/shared/domain/geometry'
import { composeMrz } from '../../../../src/shared/domain/mrz'
import { parseMrz } from '../../../../src/shared/domain/mrz-parse'

const MRZ_INPUT = {
  documentCode: 'PO',
  issuingState: 'CHN',
  passportNumber: 'ET1136096',
  nationality: 'CHN',
  birthDate: '1990.08.10',
  sex: 'M' as const,
  expiryDate: '2034.10.08',
  personalNumber: 'JQEEMSEOBOOLRU'
}

/** An MRZ read whose line 1 carries `surname<<given` and whose line 2 holds every check digit. */
function mrzRead(surname: string, givenNames: string, rules = MAINLAND_ORDINARY): MrzRead {
  const [line1, line2] = composeMrz({ ...MRZ_INPUT, surname, givenNames })
  const parsed = parseMrz(line1, line2)
  const line = (y: number): Quad => rectBox({ x: 620, y }, { x: 1, y: 0 }, 1120, 40, 0.9).quad
  return {
    valid: parsed.valid,
    score: 10,
    line1,
    line2,
    prob1: 0.95,
    prob2: 0.95,
    quads: [line(760), line(820)],
    parsed,
    fixes: [],
    line1Exact: true,
    rules,
    confidence: null,
    chars: null
  }
}

/** A printed line of the name block, read with the given confidence (the Chinese name sits above the Latin). */
function nameLine(text: string, prob: number, y = 260): PageLine {
  const box = rectBox({ x: 700, y }, { x: 1, y: 0 }, 300, 40, 0.9)
  return { quad: box.quad, box, text, prob, line: { text, prob, chars: [] } }
}

/** The Chinese name's line read as `text`, every character at `prob`, above the Latin one. */
function chineseName(text: string, prob: number): PageLine {
  const chars = [...text].map((char, i) => ({ char, prob, pos: (i + 0.5) / text.length, alts: [] }))
  return { ...nameLine(text, prob, 200), line: { text, prob, chars } }
}

/** A Hong Kong page's Chinese name read as `text`, every character at `prob`, under its Latin name in print and line 1. */
function hongKongName(text: string, surname: string, given: string, prob = 0.97): ReturnType<typeof assignFields> {
  return assignFields([chineseName(text, prob), nameLine(`${surname},${given}`, 0.95)], mrzRead(surname, given, HONG_KONG), HONG_KONG_PAGE)
}

describe('assignFields: the printed name against MRZ line 1', () => {
  it('takes the printed name when line 1 lost a name part’s last letter into the fillers', () => {
    const fields = assignFields([nameLine('SHANGGUAN,FANGXIA', 0.8)], mrzRead('SHANGGUAN', 'FANGXI'), MAINLAND_PAGE)
    expect(fields.nameEn.value).toBe('SHANGGUAN,FANGXIA')
    expect(fields.mrzLine1.value).toBe(composeMrz({ ...MRZ_INPUT, surname: 'SHANGGUAN', givenNames: 'FANGXIA' })[0])
    // Still below the bar: the two readings disagreed, so an operator looks.
    expect(fields.nameEn.prob).toBeLessThan(90)
  })

  it('keeps line 1 when a hesitant printed reading differs from it inside a name', () => {
    const fields = assignFields([nameLine('LI,YANJIAN', 0.8)], mrzRead('LI', 'YANJIN'), MAINLAND_PAGE)
    expect(fields.nameEn.value).toBe('LI,YANJIN')
    expect(fields.nameEn.prob).toBeLessThan(90)
  })

  it('lets the Chinese name settle it when both Latin readings are off', () => {
    // 廖德伟 reads LIAO DE WEI: line 1 lost the I into its fillers, the blurred printed name lost two letters.
    const fields = assignFields([nameLine('廖德伟', 0.95, 200), nameLine('LIAO,DWI', 0.7)], mrzRead('LIAO', 'DEWE'), MAINLAND_PAGE)
    expect(fields.nameEn.value).toBe('LIAO,DEWEI')
    expect(fields.mrzLine1.value.startsWith('POCHNLIAO<<DEWEI<')).toBe(true)
    expect(fields.nameEn.prob).toBeLessThan(90)
    // Line 2's check digits held, but they say nothing of the name: line 1 is flagged too.
    expect(fields.mrzLine1.prob).toBeLessThan(90)
  })

  it('is sure when both agree', () => {
    const fields = assignFields([nameLine('MA,DAN', 0.8)], mrzRead('MA', 'DAN'), MAINLAND_PAGE)
    expect(fields.nameEn.value).toBe('MA,DAN')
    expect(fields.nameEn.prob).toBeGreaterThanOrEqual(90)
  })
})

describe('assignFields: a Hong Kong name whose line 1 lost letters into its fillers', () => {
  const read = (printed: string, surname: string, given: string): ReturnType<typeof assignFields> =>
    assignFields([nameLine(printed, 0.9)], mrzRead(surname, given, HONG_KONG), HONG_KONG_PAGE)

  it('takes the print where line 1 lost letters beside a filler, at a part’s start or end, or a short last part', () => {
    for (const [printed, surname, given] of [
      ['LIU,TSZ', 'LIU', 'T'],
      ['AO IEONG,WENG FAI', 'AO IEONG', 'WENG AI'],
      ['CHAN,TAI MAN', 'CHAN', 'TAI']
    ]) {
      const fields = read(printed, surname, given)
      expect(fields.nameEn.value, printed).toBe(printed)
      expect(fields.nameEn.prob, printed).toBeLessThan(90)
    }
  })

  it('keeps line 1 where the print differs otherwise, or reads a part doubled (a lost space as likely)', () => {
    for (const [printed, surname, given] of [
      ['LAM,LCK SUM', 'LAM', 'LOK SUM'],
      ['LAO,ONON', 'LAO', 'ON'],
      ['CHEUNG,WINGKIN', 'CHEUNG', 'W']
    ]) {
      const fields = read(printed, surname, given)
      expect(fields.nameEn.value, printed).toBe(`${surname},${given}`)
      expect(fields.nameEn.prob, printed).toBeLessThan(90)
    }
  })
})

describe('assignFields: a Traditional name character put right by a runner-up', () => {
  /** 余?明 read with the middle character misread as 冰 (PING) and `alt` its runner-up. */
  const read = (alt: string): ReturnType<typeof assignFields> => {
    const text = '余冰明'
    const chars = [...text].map((char, i) => ({ char, prob: 0.9, pos: (i + 0.5) / 3, alts: i === 1 ? [{ char: alt, prob: 0.2 }] : [] }))
    const zh: PageLine = { ...nameLine(text, 0.9, 200), line: { text, prob: 0.9, chars } }
    return assignFields([zh, nameLine('U,WING MING', 0.95)], mrzRead('U', 'WING MING', HONG_KONG), HONG_KONG_PAGE)
  }

  it('takes the Traditional form of a Simplified runner-up spelt right (咏 for 詠), as a correction', () => {
    const fields = read('咏')
    expect(fields.name.value).toBe('余詠明')
    expect(fields.name.prob).toBe(90)
  })

  it('is not sure of a runner-up written as printed: it may stand in for a character the recogniser cannot write', () => {
    // 泳 and 詠 are both WING; 詠 is not in the recogniser's dictionary, so 泳 is what it makes of it.
    const fields = read('泳')
    expect(fields.name.value).toBe('余泳明')
    expect(fields.name.prob).toBeLessThan(90)
  })
})

describe('assignFields: a Traditional name the recogniser was unsure of', () => {
  const read = (prob: number): ReturnType<typeof assignFields> => {
    const text = '楊泳思'
    const chars = [...text].map((char, i) => ({ char, prob: i === 1 ? prob : 0.99, pos: (i + 0.5) / 3, alts: [] }))
    const zh: PageLine = { ...nameLine(text, 0.9, 200), line: { text, prob: 0.9, chars } }
    return assignFields([zh, nameLine('YEUNG,WING SZE', 0.95)], mrzRead('YEUNG', 'WING SZE', HONG_KONG), HONG_KONG_PAGE)
  }

  it('is sure of a name spelt as line 1 spells it, read surely', () => {
    const fields = read(0.95)
    expect(fields.name.value).toBe('楊泳思')
    expect(fields.name.prob).toBeGreaterThanOrEqual(97)
  })

  it('is not, where a character written as printed was read unsurely: it may be the look-alike of one it cannot write', () => {
    // 泳 at 0.76 for a printed 詠: both WING, and 詠 is outside the recogniser's dictionary.
    const fields = read(0.76)
    expect(fields.name.value).toBe('楊泳思')
    expect(fields.name.prob).toBeLessThan(90)
  })
})

describe('assignFields: a Hong Kong name with a character read in a form the two Traditional standards write apart', () => {
  const read = (text: string): ReturnType<typeof assignFields> => hongKongName(text, 'WAN', 'CHUNG LUNG')

  it('writes 温 read as 溫, the form Big5 text writes, but is not sure of it: Hong Kong’s standard writes 温', () => {
    // A generated page printing 溫頌龍 was read 温 at 0.97: the recogniser leans to the Simplified form.
    const fields = read('温頌龍')
    expect(fields.name.value).toBe('溫頌龍')
    expect(fields.name.prob).toBeLessThan(90)
  })

  it('keeps 溫 read as itself, and is sure of it where its spelling holds', () => {
    const fields = read('溫頌龍')
    expect(fields.name.value).toBe('溫頌龍')
    expect(fields.name.prob).toBeGreaterThanOrEqual(90)
  })
})

describe('assignFields: a Hong Kong surname that Taiwan spells as another', () => {
  it('keeps 彭 read under PANG: Hong Kong’s Cantonese spells it so (Taiwan’s PANG is 龐, which the recogniser cannot write)', () => {
    const fields = hongKongName('彭詩佩', 'PANG', 'SZE PUI')
    expect(fields.name.value).toBe('彭詩佩')
    expect(fields.name.prob).toBeGreaterThanOrEqual(90)
  })
})

describe('assignFields: a name character written as the look-alike of one outside the dictionary', () => {
  it('takes 章 spelt wrong under WAI for 韋, which the recogniser writes so, as a proposal', () => {
    expect(standsFor('章')).toContain('韋')
    const fields = hongKongName('章偉敏', 'WAI', 'WAI MAN', 0.95)
    expect(fields.name.value).toBe('韋偉敏')
    expect(fields.name.prob).toBeLessThan(90)
  })

  it('leaves a look-alike spelt right as it is (章 under CHEUNG)', () => {
    const fields = hongKongName('章偉敏', 'CHEUNG', 'WAI MAN', 0.95)
    expect(fields.name.value).toBe('章偉敏')
  })
})

describe('assignFields: MRZ line 2 against the printed number', () => {
  // The line is valid: S and 8, or 0 and '<', count alike for a check digit, which holds for either reading.
  it('is not sure of line 2 where the print reads its number otherwise, and is where both read it alike', () => {
    const name = [nameLine('冯军', 0.99, 200), nameLine('FENG,JUN', 0.97)]
    const number = (text: string): PageLine => nameLine(text, 0.97, 110)
    const agreed = assignFields([...name, number('ET1136096')], mrzRead('FENG', 'JUN'), MAINLAND_PAGE)
    expect(agreed.passportNumber).toMatchObject({ value: 'ET1136096', printed: 'ET1136096' })
    expect(agreed.mrzLine2.prob).toBeGreaterThanOrEqual(90)
    const disputed = assignFields([...name, number('ET1136896')], mrzRead('FENG', 'JUN'), MAINLAND_PAGE)
    expect(disputed.passportNumber).toMatchObject({ value: 'ET1136096', printed: 'ET1136896' })
    expect(disputed.passportNumber.prob).toBeLessThan(90)
    expect(disputed.mrzLine2.prob).toBeLessThanOrEqual(disputed.passportNumber.prob)
  })
})

describe('assignFields: a Hong Kong name the print and the Chinese name agree on, against line 1', () => {
  const zh = (text: string): PageLine => chineseName(text, 0.98)

  it('is sure of the print where line 1 lost a letter into its fillers and the characters spell the print', () => {
    const f = assignFields([zh('蘇慧'), nameLine('SO,WAI', 0.9)], mrzRead('SO', 'WA', HONG_KONG), HONG_KONG_PAGE)
    expect(f.nameEn.value).toBe('SO,WAI')
    expect(f.nameEn.prob).toBeGreaterThanOrEqual(90)
    expect(f.mrzLine1.value).toBe(composeMrz({ ...MRZ_INPUT, surname: 'SO', givenNames: 'WAI' })[0])
    expect(f.mrzLine1.prob).toBeGreaterThanOrEqual(90)
  })

  it('is not, where the characters spell neither reading', () => {
    const f = assignFields([zh('蘇明'), nameLine('SO,WAI', 0.9)], mrzRead('SO', 'WA', HONG_KONG), HONG_KONG_PAGE)
    expect(f.nameEn.value).toBe('SO,WAI')
    expect(f.nameEn.prob).toBeLessThan(90)
    expect(f.mrzLine1.prob).toBeLessThan(90)
  })
})

describe('assignFields: the sex the print and the MRZ read apart', () => {
  // No check digit covers the MRZ's sex: its validity says nothing of it.
  it('is never sure of either, and takes the surer reading', () => {
    const fields = (printed: string): ReturnType<typeof assignFields> =>
      assignFields([nameLine(printed, 1, 400)], mrzRead('FENG', 'JUN'), MAINLAND_PAGE)
    expect(fields('男/M').sex).toMatchObject({ value: '男/M', prob: 99 })
    const disputed = fields('女/F').sex
    expect(disputed.value).toBe('女/F')
    expect(disputed.prob).toBeLessThan(90)
  })
})

describe('assignFields: line 1 given back a letter by the Chinese name', () => {
  it('is not sure of a Chinese name whose own pinyin is all that spells the Latin name (the print not read)', () => {
    // Line 1 read TINGXIA; the Chinese name read 熊婷霄 (XIAO): either line 1 lost its O into the fillers, or 霄 was
    // misread for 霞 (XIA). The Latin print, which would tell, was not read.
    const f = assignFields([chineseName('熊婷霄', 0.97)], mrzRead('XIONG', 'TINGXIA'), MAINLAND_PAGE)
    expect(f.nameEn).toMatchObject({ value: 'XIONG,TINGXIAO' })
    expect(f.nameEn.prob).toBeLessThan(90)
    expect(f.name.value).toBe('熊婷霄')
    expect(f.name.prob).toBeLessThan(90)
    // The print reading TINGXIAO too is the second reading: then the name is sure.
    const g = assignFields([chineseName('熊婷霄', 0.97), nameLine('XIONG,TINGXIAO', 0.95)], mrzRead('XIONG', 'TINGXIA'), MAINLAND_PAGE)
    expect(g.nameEn.value).toBe('XIONG,TINGXIAO')
    expect(g.name.prob).toBeGreaterThanOrEqual(90)
  })
})

describe('assignFields: places of birth and of issue', () => {
  const place = (text: string, y: number): PageLine => nameLine(text, 0.97, y)
  const date = (text: string, y: number): PageLine => nameLine(text, 0.97, y)

  it('tells one place by the issue date beside it, and is not sure which place it is with that date unread', () => {
    const mrz = mrzRead('ZHANG', 'SAN')
    const name = nameLine('ZHANG,SAN', 0.95)
    // The issue date's row read: a place above it is the place of birth, one below it the place of issue.
    const issued = [name, place('江苏/JIANGSU', 420), date('10 10月/OCT 2024', 480)]
    expect(assignFields(issued, mrz, MAINLAND_PAGE).birthPlace).toMatchObject({ value: '江苏/JIANGSU' })
    expect(assignFields(issued, mrz, MAINLAND_PAGE).birthPlace.prob).toBeGreaterThanOrEqual(90)
    const below = [name, date('10 10月/OCT 2024', 480), place('山西/SHANXI', 540)]
    expect(assignFields(below, mrz, MAINLAND_PAGE).issuePlace).toMatchObject({ value: '山西/SHANXI' })
    expect(assignFields(below, mrz, MAINLAND_PAGE).issuePlace.prob).toBeGreaterThanOrEqual(90)
    // Neither the issue date nor the other place read: the place is read in both scripts, but its field is a guess.
    const alone = assignFields([name, place('江苏/JIANGSU', 420)], mrz, MAINLAND_PAGE)
    const [key] = (['birthPlace', 'issuePlace'] as const).filter((k) => alone[k].value !== '')
    expect(alone[key].value).toBe('江苏/JIANGSU')
    expect(alone[key].prob).toBeLessThan(90)
  })
})
