import { describe, expect, it } from 'vitest'
import { documentFacts } from '../../../src/shared/domain/document-facts'
import { correctionsByLine, describeCorrection } from '../../../src/renderer/src/features/review/mrz-corrections'
import { en } from '../../../src/renderer/src/i18n/en'
import type { MessageKey } from '../../../src/renderer/src/i18n/en'
import { zhCN } from '../../../src/renderer/src/i18n/zh-CN'
import { emptyPassportData } from '../../../src/shared/domain/fields'
import type { MrzCorrectionReport, PassportResponse } from '../../../src/shared/domain/response'

const LINE1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<'
const LINE2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'
const data = { ...emptyPassportData(), countryCode: 'UTO', mrzLine1: LINE1, mrzLine2: LINE2 }

const numberFix: MrzCorrectionReport = {
  line: 2,
  position: 1,
  read: 'O',
  corrected: '8',
  reason: 'checkDigit',
  check: 'passportNumber',
  support: 0.31
}
const fillerFix: MrzCorrectionReport = { line: 1, position: 30, read: 'K', corrected: '<', reason: 'filler' }
const response = {
  data,
  validation: {
    documentFamily: 'foreign',
    corrections: [fillerFix, numberFix],
    warnings: [{ code: 'NOT_CHINESE_PASSPORT', field: 'countryCode', message: 'issued by UTO' }]
  }
} as unknown as PassportResponse

/** The interface's own substitution, over one language's strings (the i18n module itself needs a DOM). */
const translator =
  (messages: Record<MessageKey, string>) =>
  (key: MessageKey, params: Record<string, string | number> = {}): string =>
    messages[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))

describe('documentFacts', () => {
  it('reads the family, the issuing state, the warning and the corrections', () => {
    expect(documentFacts(response)).toEqual({ family: 'foreign', state: 'UTO', notChinese: true, corrections: [fillerFix, numberFix] })
  })

  it('treats a response stored before families as unknown, and no response as nothing', () => {
    const old = { data: { ...data, countryCode: 'CHN' }, validation: { warnings: [] } } as unknown as PassportResponse
    expect(documentFacts(old)).toEqual({ family: null, state: 'CHN', notChinese: false, corrections: [] })
    expect(documentFacts(null)).toEqual({ family: null, state: '', notChinese: false, corrections: [] })
  })
})

describe('correctionsByLine', () => {
  it("puts each correction under its line while the line is still the engine's reading", () => {
    expect(correctionsByLine(response, data)).toEqual({ mrzLine1: [fillerFix], mrzLine2: [numberFix] })
    expect(correctionsByLine(response, { ...data, mrzLine2: LINE2.replace('L898', 'L89B') })).toEqual({
      mrzLine1: [fillerFix],
      mrzLine2: []
    })
    expect(correctionsByLine(null, data)).toEqual({ mrzLine1: [], mrzLine2: [] })
  })
})

describe('describeCorrection', () => {
  it.each([
    [
      numberFix,
      'Line 2, position 2: read O, corrected to 8 (passport number check digit)',
      '第 2 行第 2 位：识别为 O，更正为 8（护照号校验位）'
    ],
    [fillerFix, 'Line 1, position 31: read K, corrected to < (misread filler)', '第 1 行第 31 位：识别为 K，更正为 <（填充符误识）'],
    [
      { line: 2, position: 0, read: 'O', corrected: 'E', reason: 'prior', prior: 'mainland:numberSeries' },
      'Line 2, position 1: read O, corrected to E (what such passports print here: mainland:numberSeries)',
      '第 2 行第 1 位：识别为 O，更正为 E（此类护照在此处的印制规则：mainland:numberSeries）'
    ],
    [
      { line: 1, position: 43, read: '', corrected: '<', reason: 'length' },
      'Line 1, position 44: < inserted (a line has 44 characters)',
      '第 1 行第 44 位：补入 <（每行应为 44 个字符）'
    ],
    [
      { line: 2, position: 12, read: 'O', corrected: '', reason: 'length' },
      'Line 2, position 13: O dropped (a line has 44 characters)',
      '第 2 行第 13 位：删去 O（每行应为 44 个字符）'
    ],
    [
      { line: 1, position: 5, read: '«', corrected: '<<', reason: 'lookalike' },
      'Line 1, position 6: read «, corrected to << (look-alike glyph)',
      '第 1 行第 6 位：识别为 «，更正为 <<（形近字符）'
    ],
    [
      { line: 1, position: 7, read: '0', corrected: 'O', reason: 'class' },
      'Line 1, position 8: read 0, corrected to O (only letters or only digits belong here)',
      '第 1 行第 8 位：识别为 0，更正为 O（此位置只能是字母或只能是数字）'
    ]
  ] as [MrzCorrectionReport, string, string][])('%j', (c, english, chinese) => {
    expect(describeCorrection(c, translator(en))).toBe(english)
    expect(describeCorrection(c, translator(zhCN))).toBe(chinese)
  })
})
