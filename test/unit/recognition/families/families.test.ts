import { describe, expect, it } from 'vitest'
import { rectBox } from '../../../../src/main/recognition/det/postprocess'
import { assignFields } from '../../../../src/main/recognition/families/chinese-fields'
import { foreignFields } from '../../../../src/main/recognition/families/foreign-fields'
import { HONG_KONG } from '../../../../src/main/recognition/families/hongkong'
import { MACAO } from '../../../../src/main/recognition/families/macao'
import { HONG_KONG_ID, TAIWAN_ID } from '../../../../src/main/recognition/families/identity-numbers'
import { familyByPage, familyOf } from '../../../../src/main/recognition/families'
import { correctMrz } from '../../../../src/main/recognition/mrz/correct'
import { lostSurname } from '../../../../src/main/recognition/families/lost-surnames'
import { matchAuthority, valueOf } from '../../../../src/main/recognition/families/places'
import { HONG_KONG_PAGE, MACAO_PAGE } from '../../../../src/main/recognition/families/sar-page'
import { TAIWAN } from '../../../../src/main/recognition/families/taiwan'
import { TAIWAN_PAGE } from '../../../../src/main/recognition/families/taiwan-page'
import { regionalDoubt, toTraditional } from '../../../../src/main/recognition/families/traditional'
import type { MrzRead } from '../../../../src/main/recognition/mrz/read'
import type { PageLine } from '../../../../src/main/recognition/passport/page-lines'
import { FOREIGN } from '../../../../src/main/recognition/families/foreign'
import type { Quad } from '../../../../src/shared/domain/geometry'
import { composeMrz } from '../../../../src/shared/domain/mrz'
import type { MrzInput } from '../../../../src/shared/domain/mrz'
import { parseMrz } from '../../../../src/shared/domain/mrz-parse'

// Synthetic and published specimen identities only.
const lines = (input: MrzInput): [string, string] => composeMrz(input)
const BASE: MrzInput = {
  documentCode: 'P<',
  issuingState: 'CHN',
  surname: 'CHAN',
  givenNames: 'TAI MAN',
  passportNumber: 'K12345678',
  nationality: 'CHN',
  birthDate: '1980.01.01',
  sex: 'M',
  expiryDate: '2030.01.01',
  personalNumber: 'A1234563'
}

describe('familyOf: the family from what the MRZ says', () => {
  it('tells the Chinese families apart by state, document code and number series', () => {
    expect(familyOf(...lines(BASE)).family).toBe('hongkong')
    expect(familyOf(...lines({ ...BASE, passportNumber: 'MB1234567' })).family).toBe('macao')
    expect(familyOf(...lines({ ...BASE, documentCode: 'PO', passportNumber: 'E12345678' })).family).toBe('mainland')
    // An ordinary passport's number series names the mainland even where the document code was misread.
    expect(familyOf(...lines({ ...BASE, passportNumber: 'EA1234567' })).family).toBe('mainland')
    expect(familyOf(...lines({ ...BASE, issuingState: 'TWN', nationality: 'TWN', passportNumber: '312345678' })).family).toBe('taiwan')
    // P< is no mainland code: with the series letter lost, the identity card number in the optional data decides.
    const [l1, l2] = lines(BASE)
    expect(familyOf(l1, `<${l2.slice(1)}`).family).toBe('hongkong')
    const [m1, m2] = lines({ ...BASE, passportNumber: 'MB1234567', personalNumber: '12345678' })
    expect(familyOf(m1, `<<${m2.slice(2)}`).family).toBe('macao')
  })

  it('never reads another state as China: CHE is Switzerland, and one misread code does not outvote a known one', () => {
    expect(familyOf(...lines({ ...BASE, issuingState: 'CHE', nationality: 'CHE' })).family).toBe('foreign')
    expect(familyOf(...lines({ ...BASE, issuingState: 'CHN', nationality: 'CHE' })).family).toBe('foreign')
    // The other code unreadable (no state's code at all): the one that reads CHN stands.
    expect(familyOf(...lines({ ...BASE, nationality: 'CHM' })).family).toBe('hongkong')
    expect(familyOf('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10').family).toBe('foreign')
  })
})

describe('the Hong Kong passport the mainland template could not read', () => {
  it('reads P<CHN as printed and a K-series number whose zeros were read as O, naming the rule for each change', () => {
    const [l1, l2] = lines({ ...BASE, passportNumber: 'K00000000', personalNumber: 'HK8888888' })
    const misread = `KOO00000OO${l2.slice(10)}`
    const general = correctMrz({ text: l1 }, { text: misread })
    const rules = familyOf(general.line1, general.line2)
    expect(rules.family).toBe('hongkong')
    const r = correctMrz({ text: l1 }, { text: misread }, rules.prior)
    expect([r.line1, r.line2, r.valid]).toEqual([l1, l2, true])
    expect(r.fixes).toEqual([
      { line: 2, at: 1, from: 'OO', to: '00', reason: 'prior', prior: 'hongkong:numberSeries' },
      { line: 2, at: 8, from: 'O', to: '0', reason: 'prior', prior: 'hongkong:numberSeries' },
      { line: 2, at: 9, from: 'O', to: '0', reason: 'class' }
    ])
  })
})

describe('the identity number in the optional data, checked by its own rule', () => {
  it('holds the published examples (HKID A123456(3), Taiwan A123456789) and nothing one character off', () => {
    expect(HONG_KONG_ID.holds('A1234563<<<<<<')).toBe(true)
    expect(HONG_KONG_ID.holds('A1234564<<<<<<')).toBe(false)
    expect(HONG_KONG_ID.holds('A123456<3<<<<<')).toBe(false)
    expect(TAIWAN_ID.holds('A123456789<<<<')).toBe(true)
    expect(TAIWAN_ID.holds('A123456788<<<<')).toBe(false)
    expect(TAIWAN_ID.holds('A3234567890<<<')).toBe(false)
  })

  // A zero of the card number read as O, the zero the recogniser's runner-up: ICAO's digit alone chooses it, which
  // is one check for one change (a proposal); the card's own check holding too makes it two.
  const zeroReadAsO = (personalNumber: string, rules: typeof HONG_KONG): number => {
    const [l1, l2] = lines({ ...BASE, personalNumber })
    const chars = [...l2].map((char, i) =>
      i === 30 ? { char: 'O', prob: 0.7, alts: [{ char: '0', prob: 0.27 }] } : { char, prob: 0.99, alts: [] }
    )
    const r = correctMrz({ text: l1 }, { text: l2.slice(0, 30) + 'O' + l2.slice(31), chars }, rules.prior)
    expect(r.line2).toBe(l2)
    return r.confidence.personalNumber
  }

  it("makes a zero both checks vouch for sure, and leaves it a proposal when only ICAO's digit holds", () => {
    expect(zeroReadAsO('A1034564', HONG_KONG)).toBeGreaterThanOrEqual(0.9)
    // The same line where the card's check character does not hold (a made-up number).
    expect(zeroReadAsO('A1034565', HONG_KONG)).toBeLessThan(0.9)
    const withoutRule = { ...HONG_KONG, prior: { ...HONG_KONG.prior, identity: undefined } }
    expect(zeroReadAsO('A1034564', withoutRule)).toBeLessThan(0.9)
  })
})

describe('familyByPage: where the MRZ names no state', () => {
  const nationality = [printed('中国/CHINESE', 300)]
  it('reads a page that prints the PRC nationality as Chinese when its MRZ is too garbled to name a state', () => {
    const garbled: [string, string] = ['P<C8NZHANG<<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<', 'E12345678<C4N8503219M3006140<<<<<<<<<<<<<<00']
    expect(familyByPage(familyOf(...garbled), ...garbled, nationality).family).toBe('mainland')
    expect(familyByPage(familyOf(...garbled), ...garbled, []).family).toBe('foreign')
  })

  it('never overrides an MRZ that names another state', () => {
    const uto: [string, string] = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10']
    expect(familyByPage(familyOf(...uto), ...uto, nationality).family).toBe('foreign')
  })
})

describe('what the families know', () => {
  it('matches a long authority read with letters lost and garbled, and nothing short or unrelated', () => {
    const known = '香港特別行政區入境事務處/IMMIGRATION DEPARTMENT, HONG KONG SPECIAL ADMINISTRATIVE REGION'
    expect(matchAuthority('MGRTODENTGONGPECALADNISTRATIEREGON', HONG_KONG_PAGE.authorities)).toEqual({ value: known, score: 1 })
    expect(matchAuthority('香港特別行政區入境事務處', HONG_KONG_PAGE.authorities)?.value).toBe(known)
    expect(matchAuthority('DMTEEOPF', HONG_KONG_PAGE.authorities)).toBeNull()
    expect(matchAuthority('SHANGHAI', HONG_KONG_PAGE.authorities)).toBeNull()
  })

  it('writes Traditional pages in Traditional, and gives back only surnames the recogniser cannot write', () => {
    expect(toTraditional('吕怡宇')).toBe('呂怡宇')
    expect(toTraditional('杨心')).toBe('楊心')
    // Read in a Traditional form, a character is the page's own: no regional variant replaces it.
    expect(toTraditional('溫頌峯')).toBe('溫頌峯')
    // Read in its Simplified form, it takes the form Big5 text writes; Hong Kong's standard writes 温.
    expect(toTraditional('温')).toBe('溫')
    expect(regionalDoubt('温')).toBe(true)
    expect(regionalDoubt('溫')).toBe(false)
    expect(regionalDoubt('杨')).toBe(false)
    expect(lostSurname('TAM', 'hk')?.char).toBe('譚')
    expect(lostSurname('HSIAO', 'tw')?.char).toBe('蕭')
    // PANG is Taiwan's 龐 and Hong Kong's 彭, which the recogniser reads; TENG is Taiwan's 鄧 and Macao's 丁.
    expect(lostSurname('PANG', 'tw')?.char).toBe('龐')
    expect(lostSurname('PANG', 'hk')).toBeNull()
    expect(lostSurname('TENG', 'hk')).toBeNull()
    // CHAN is 陳, which the recogniser reads: never put back.
    expect(lostSurname('CHAN', 'hk')).toBeNull()
  })
})

/** A printed line on the rectified page. */
function printed(text: string, y: number, prob = 0.95, x = 700): PageLine {
  const box = rectBox({ x, y }, { x: 1, y: 0 }, 400, 40, 0.9)
  return { quad: box.quad, box, text, prob, line: { text, prob, chars: [] } }
}

/** An MRZ read of two lines, every check holding, read at `prob`. */
function read(line1: string, line2: string, rules: MrzRead['rules'], prob = 0.97): MrzRead {
  const parsed = parseMrz(line1, line2, new Date('2026-11-25T00:00:00Z'))
  const quad = (y: number): Quad => rectBox({ x: 620, y }, { x: 1, y: 0 }, 1120, 40, 0.9).quad
  const c = {
    documentCode: prob,
    documentKind: prob,
    issuingState: prob,
    name: prob,
    passportNumber: prob,
    nationality: prob,
    birthDate: prob,
    sex: prob,
    expiryDate: prob,
    personalNumber: prob
  }
  return {
    valid: parsed.valid,
    score: 10,
    line1,
    line2,
    prob1: prob,
    prob2: prob,
    quads: [quad(760), quad(820)],
    parsed,
    fixes: [],
    line1Exact: true,
    rules,
    confidence: c,
    chars: null
  }
}

describe('Hong Kong page fields', () => {
  it('takes the printed name where line 1 read a filler as K, and puts a lost 譚 back as a proposal', () => {
    const [l1, l2] = lines({ ...BASE, surname: 'TAM', givenNames: 'KKA TSZ' })
    const f = assignFields([printed('樂卓', 200), printed('TAM, KA TSZ', 250)], read(l1, l2, HONG_KONG), HONG_KONG_PAGE)
    expect(f.nameEn.value).toBe('TAM,KA TSZ')
    expect(f.nameEn.prob).toBeLessThan(90)
    expect(f.mrzLine1.value).toBe(lines({ ...BASE, surname: 'TAM', givenNames: 'KA TSZ' })[0])
    expect(f.name).toMatchObject({ value: '譚樂卓', prob: 70 })
  })

  it("repairs line 1's slip from the Chinese name's romanisation, as a proposal that vouches for neither", () => {
    // AO IEONG, TENG WAI with line 1's last I lost into the fillers, and no Latin print read.
    const [l1, l2] = lines({ ...BASE, surname: 'AO IEONG', givenNames: 'TENG WA' })
    const f = assignFields([printedChars('歐陽婷偉', 200)], read(l1, l2, MACAO), MACAO_PAGE)
    expect(f.nameEn).toMatchObject({ value: 'AO IEONG,TENG WAI' })
    expect([f.nameEn.prob, f.mrzLine1.prob, f.name.prob].every((p) => p < 90)).toBe(true)
  })

  it("proposes the family's one authority where its line was not read, never surely", () => {
    const [l1, l2] = lines(BASE)
    const f = assignFields([printed('CHAN, TAI MAN', 250)], read(l1, l2, HONG_KONG), HONG_KONG_PAGE)
    expect(f.issueAuthority).toMatchObject({ value: valueOf(HONG_KONG_PAGE.authorities[0]), quad: null })
    expect(f.issueAuthority.prob).toBeLessThan(90)
  })

  it('takes 盧 read as 虛 for the loss it is, but never rewrites a surname the spelling is written with', () => {
    const [l1, l2] = lines({ ...BASE, surname: 'LO', givenNames: 'NGA HIU' })
    const name = (text: string): string =>
      assignFields([printed(text, 200), printed('LO, NGA HIU', 250)], read(l1, l2, HONG_KONG), HONG_KONG_PAGE).name.value
    expect(name('虛雅曉')).toBe('盧雅曉')
    expect(name('羅雅曉')).toBe('羅雅曉')
    // A page header's piece is no name.
    expect(name('別行政區')).toBe('')
  })
})

describe('foreignFields', () => {
  const U1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<'
  const U2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'

  it('answers from the MRZ, leaves what only the print carries empty at 0, and never says Chinese', () => {
    const f = foreignFields([printed('ERIKSSON', 200), printed('ANNA MARIA', 250)], read(U1, U2, FOREIGN))
    expect([f.countryCode.value, f.nationality.value, f.passportNumber.value, f.sex.value, f.birthDate.value]).toEqual([
      'UTO',
      'UTO',
      'L898902C3',
      '女/F',
      '1974.08.12'
    ])
    expect(f.nameEn.value).toBe('ERIKSSON,ANNA MARIA')
    for (const k of ['name', 'birthPlace', 'issuePlace', 'issueAuthority', 'issueDate'] as const)
      expect(f[k]).toMatchObject({ value: '', prob: 0 })
  })

  it('takes no printed date of another century for the expiry it would confirm (a birth date of 1942 for 2042)', () => {
    const [l1, l2] = composeMrz({ ...BASE, issuingState: 'UTO', nationality: 'UTO', birthDate: '1980.03.15', expiryDate: '2042.09.24' })
    const expiry = (printedDate: string): number => foreignFields([printed(printedDate, 400)], read(l1, l2, FOREIGN, 0.8)).validToDate.prob
    expect(expiry('24 SEP 2042')).toBeGreaterThanOrEqual(90)
    expect(expiry('24 SEP 1942')).toBeLessThan(90)
  })

  it("is not sure of a passport's document code that does not open with P", () => {
    expect(foreignFields([], read(U1, U2, FOREIGN)).passportType).toMatchObject({ value: 'P' })
    const f = foreignFields([], read(`IL${U1.slice(2)}`, U2, FOREIGN))
    expect(f.passportType.value).toBe('IL')
    expect(f.passportType.prob).toBeLessThan(90)
  })

  it('is not sure of a sex letter that no date beside it puts in its place', () => {
    expect(foreignFields([], read(U1, U2, FOREIGN)).sex).toMatchObject({ value: '女/F' })
    expect(foreignFields([], read(U1, U2, FOREIGN)).sex.prob).toBeGreaterThanOrEqual(90)
    // Both dates' check digits failing: the cells around it were not read where line 2 has them.
    const adrift = `${U2.slice(0, 19)}3F${U2.slice(21, 27)}2${U2.slice(28)}`
    const f = foreignFields([], read(U1, adrift, FOREIGN))
    expect(f.sex.value).toBe('女/F')
    expect(f.sex.prob).toBeLessThan(90)
    // One of them holding is enough.
    expect(foreignFields([], read(U1, `${U2.slice(0, 19)}3${U2.slice(20)}`, FOREIGN)).sex.prob).toBeGreaterThanOrEqual(90)
  })

  it('is not sure of a number the print agrees with where line 2 says it is wrong: one recogniser read both', () => {
    const bad = U2.replace('L898902C36', 'L898902C37')
    const zone = [printed('ERIKSSON', 200), printed('ANNA MARIA', 250), printed('L898902C3', 150)]
    expect(foreignFields(zone, read(U1, U2, FOREIGN)).passportNumber.prob).toBeGreaterThanOrEqual(90)
    const f = foreignFields(zone, read(U1, bad, FOREIGN))
    expect(f.passportNumber.value).toBe('L898902C3')
    expect(f.passportNumber.prob).toBeLessThan(90)
  })

  it('takes hyphens and marks from the print, but is never sure of a name whose language marks letters', () => {
    const [l1, l2] = composeMrz({
      ...BASE,
      documentCode: 'P<',
      issuingState: 'FRA',
      nationality: 'FRA',
      surname: 'FAURE DUPONT',
      givenNames: 'JEROME',
      passportNumber: '22FD11381',
      personalNumber: ''
    })
    const f = foreignFields([printed('FAURE-DUPONT', 200), printed('JÉRÔME', 250)], read(l1, l2, FOREIGN))
    expect(f.nameEn.value).toBe('FAURE-DUPONT,JÉRÔME')
    expect(f.nameEn.prob).toBeLessThan(90)
  })

  it('is sure of line 1 where the print spells every word of it, wrapped, split or run together, marks or not', () => {
    const german = composeMrz({
      ...BASE,
      issuingState: 'D<<',
      nationality: 'D<<',
      surname: 'VON DER HEYDEN',
      givenNames: 'KARL HEINZ',
      personalNumber: ''
    })
    const g = foreignFields([printed('VON DERHEYDEN', 200), printed('KARL-HEINZ', 250)], read(...german, FOREIGN))
    expect(g.mrzLine1.prob).toBeGreaterThanOrEqual(90)
    // As printed, hyphen and all, with the word break the recogniser lost put back from line 1.
    expect(g.nameEn.value).toBe('VON DER HEYDEN,KARL-HEINZ')
    // The name itself keeps its doubt: German marks letters the recogniser may have lost.
    expect(g.nameEn.prob).toBeLessThan(90)
    const french = composeMrz({
      ...BASE,
      issuingState: 'FRA',
      nationality: 'FRA',
      surname: 'ROUSSEAU',
      givenNames: 'NOEL MARIE CLAIRE CAMILLE',
      personalNumber: ''
    })
    const split = [printed('ROUSSEAU', 200), printed('NOËL MARIE-CLAIRE', 250), printed('CAMILLE', 250, 0.95, 1150)]
    const f = foreignFields(split, read(...french, FOREIGN))
    expect(f.nameEn.value).toBe('ROUSSEAU,NOËL MARIE-CLAIRE CAMILLE')
    expect(f.mrzLine1.prob).toBeGreaterThanOrEqual(90)
    // A printed word line 1 does not have: it may have lost it into its fillers.
    const extra = foreignFields([printed('ERIKSSON', 200), printed('ANNA MARIA LUISA', 250)], read(U1, U2, FOREIGN))
    expect(extra.mrzLine1.prob).toBeLessThan(90)
  })

  it("puts back a mark the print lost where line 1's transliteration names it, and is sure of neither", () => {
    const german = composeMrz({
      ...BASE,
      issuingState: 'D<<',
      nationality: 'D<<',
      surname: 'MUELLER',
      givenNames: 'JUERGEN',
      personalNumber: ''
    })
    const f = foreignFields([printed('MULLER', 200), printed('JURGEN', 250)], read(...german, FOREIGN))
    expect(f.nameEn.value).toBe('MÜLLER,JÜRGEN')
    expect([f.nameEn.prob, f.mrzLine1.prob].every((p) => p < 90)).toBe(true)
    // Danish writes the same transliteration as Æ.
    const danish = composeMrz({
      ...BASE,
      issuingState: 'DNK',
      nationality: 'DNK',
      surname: 'SOERENSEN',
      givenNames: 'MAJA',
      personalNumber: ''
    })
    expect(foreignFields([printed('SORENSEN', 200), printed('MAJA', 250)], read(...danish, FOREIGN)).nameEn.value).toBe('SØRENSEN,MAJA')
    // A state whose language has no such letters: the MRZ's spelling stands.
    const british = composeMrz({
      ...BASE,
      issuingState: 'GBR',
      nationality: 'GBR',
      surname: 'MUELLER',
      givenNames: 'JO',
      personalNumber: ''
    })
    expect(foreignFields([printed('MULLER', 200), printed('JO', 250)], read(...british, FOREIGN)).nameEn.value).toBe('MUELLER,JO')
  })

  it('takes the printed type and state code as second readings of line 1', () => {
    const unsure = { ...read(U1, U2, FOREIGN), line1Exact: false }
    const alone = foreignFields([printed('ERIKSSON', 200)], unsure)
    expect(alone.passportType.prob).toBeLessThan(90)
    const boxed = foreignFields([printed('P', 100), printed('UTO', 100, 0.95, 1000), printed('ERIKSSON', 200)], unsure)
    expect([boxed.passportType.prob, boxed.countryCode.prob].every((p) => p >= 95)).toBe(true)
  })

  it('fills in a letter line 1 lost into its fillers from the print, as a proposal', () => {
    const [, l2] = composeMrz({
      ...BASE,
      issuingState: 'GBR',
      nationality: 'GBR',
      surname: 'DAVIES',
      givenNames: 'JOSE',
      passportNumber: '123456789',
      personalNumber: ''
    })
    const l1 = 'P<GBRDAVIES<<JOS<<<<<<<<<<<<<<<<<<<<<<<<<<<<'
    const f = foreignFields([printed('DAVIES', 200), printed('JOSE', 250)], read(l1, l2, FOREIGN))
    expect(f.nameEn.value).toBe('DAVIES,JOSE')
    expect(f.nameEn.prob).toBeLessThan(90)
    expect(f.mrzLine1.value).toBe('P<GBRDAVIES<<JOSE<<<<<<<<<<<<<<<<<<<<<<<<<<<')
    // Two letters more is another name, not a slip: the MRZ's stands, unsure.
    expect(foreignFields([printed('DAVIES', 200), printed('JOSEPH', 250)], read(l1, l2, FOREIGN)).nameEn.value).toBe('DAVIES,JOS')
  })

  it('reads the issue date the expiry ties down, and no other date', () => {
    const [l1, l2] = ['P<CZESPECIMEN<<VZOR<<<<<<<<<<<<<<<<<<<<<<<<<', '99003853<1CZE1101018M1207046110101111<<<<<94']
    // Issued 04.07.2002, expiring 04.07.2012: ten years.
    const f = foreignFields([printed('01.01.1911', 300), printed('04.07.2002', 350), printed('04.07.2012', 400)], read(l1, l2, FOREIGN))
    expect(f.issueDate).toMatchObject({ value: '2002.07.04', prob: 95 })
    // A date the expiry does not tie down (a signature date, a misread) is no issue date.
    expect(foreignFields([printed('05.07.2003', 350)], read(l1, l2, FOREIGN)).issueDate).toMatchObject({ value: '', prob: 0 })
  })

  it('flags a birth century the MRZ cannot tell (the Czech specimen, born 1911, reads as 2011)', () => {
    const f = foreignFields(
      [],
      read('P<CZESPECIMEN<<VZOR<<<<<<<<<<<<<<<<<<<<<<<<<', '99003853<1CZE1101018M1207046110101111<<<<<94', FOREIGN)
    )
    expect(f.birthDate.value).toBe('2011.01.01')
    expect(f.birthDate.prob).toBeLessThan(90)
  })
})

/** A printed name read character by character, each with its runner-ups. */
function printedChars(text: string, y: number, alts: Record<number, string> = {}, prob = 0.95): PageLine {
  const line = printed(text, y, prob)
  const chars = [...text].map((char, i) => ({
    char,
    prob,
    pos: (i + 0.5) / text.length,
    alts: alts[i] ? [{ char: alts[i], prob: 0.3 }] : []
  }))
  return { ...line, line: { text, prob, chars } }
}

describe('names checked against their own romanisation', () => {
  it('puts back a surname the recogniser cannot write where it saw its Simplified form, and only then surely', () => {
    const [l1, l2] = lines({ ...BASE, surname: 'TAM', givenNames: 'YAN SUM' })
    const name = (hidden: { char: string; prob: number }[]): { value: string; prob: number } => {
      const zh = printedChars('欣心', 200)
      const seen = hidden.map((h) => ({ ...h, pos: 0.2, alts: [], at: 0 }))
      const f = assignFields(
        [{ ...zh, line: { ...zh.line, hidden: seen } }, printed('TAM, YAN SUM', 250)],
        read(l1, l2, HONG_KONG),
        HONG_KONG_PAGE
      )
      return f.name
    }
    expect(name([{ char: '谭', prob: 0.08 }])).toMatchObject({ value: '譚欣心', prob: 90 })
    // Nothing seen there: 譚 is the likeliest loss under TAM, a proposal.
    expect(name([])).toMatchObject({ value: '譚欣心', prob: 70 })
    // A writable character seen there is no such loss: had it been printed it would have been written.
    expect(name([{ char: '潭', prob: 0.08 }])).toMatchObject({ value: '潭欣心', prob: 70 })
  })

  it('settles a Hong Kong name spelt as the Immigration Department spells it, and line 1 with it', () => {
    const [l1, l2] = lines(BASE)
    const f = assignFields([printedChars('陳大文', 200), printed('CHAN, TAI MAN', 250, 0.7)], read(l1, l2, HONG_KONG), HONG_KONG_PAGE)
    expect(f.name.value).toBe('陳大文')
    expect(f.name.prob).toBeGreaterThanOrEqual(95)
    expect(f.nameEn.prob).toBeGreaterThanOrEqual(95)
    expect(f.mrzLine1.prob).toBeGreaterThanOrEqual(90)
  })

  it("puts back a misread character from the recogniser's runner-up that is spelt so", () => {
    const [l1, l2] = lines({ ...BASE, surname: 'MAK', givenNames: 'SUM SZE' })
    const f = assignFields(
      [printedChars('變心思', 200, { 0: '麦' }), printed('MAK, SUM SZE', 250)],
      read(l1, l2, HONG_KONG),
      HONG_KONG_PAGE
    )
    expect(f.name).toMatchObject({ value: '麥心思', prob: 90 })
  })

  it('reads a Taiwan name that came back one character, its surname one the recogniser cannot write (龔鵬 read 鵬)', () => {
    const input = { ...BASE, issuingState: 'TWN', nationality: 'TWN', surname: 'KUNG', givenNames: 'PENG', passportNumber: '312345678' }
    const f = assignFields([printedChars('鵬', 200), printed('KUNG, PENG', 250)], read(...lines(input), TAIWAN), TAIWAN_PAGE)
    expect(f.name.value).toBe('龔鵬')
    expect(f.name.prob).toBeLessThan(90)
    // 魏 is itself WEI: what was lost is the given name, and nothing is put in front of it. The given name PEI
    // is most likely 珮, a common one the recogniser cannot write: put back after it, as a proposal.
    const w = { ...input, surname: 'WEI', givenNames: 'PEI' }
    const g = assignFields([printedChars('魏', 200), printed('WEI, PEI', 250)], read(...lines(w), TAIWAN), TAIWAN_PAGE)
    expect(g.name.value).toBe('魏珮')
    expect(g.name.prob).toBeLessThan(90)
    // A syllable no such character spells (MING) leaves the name one character short, and says so.
    const m = { ...input, surname: 'WEI', givenNames: 'MING' }
    const h = assignFields([printedChars('魏', 200), printed('WEI, MING', 250)], read(...lines(m), TAIWAN), TAIWAN_PAGE)
    expect(h.name.value).toBe('魏')
    expect(h.name.prob).toBeLessThanOrEqual(50)
  })

  it('never calls sure a Taiwan name whose character may stand for one the recogniser cannot write (鍾 read as 鐘)', () => {
    // As a surname, 鐘 read is given as 鍾: the surname far more often, and one the recogniser cannot write.
    const input = { ...BASE, issuingState: 'TWN', nationality: 'TWN', surname: 'CHUNG', givenNames: 'YI', passportNumber: '312345678' }
    const [l1, l2] = lines(input)
    const f = assignFields([printedChars('鐘怡', 200), printed('CHUNG, YI', 250)], read(l1, l2, TAIWAN), TAIWAN_PAGE)
    expect(f.name.value).toBe('鍾怡')
    expect(f.name.prob).toBeLessThan(90)
    // The same name, read with a character that stands for nothing else, is sure.
    const g = assignFields(
      [printedChars('陳怡', 200), printed('CHEN, YI', 250)],
      read(...lines({ ...input, surname: 'CHEN' }), TAIWAN),
      TAIWAN_PAGE
    )
    expect(g.name.prob).toBeGreaterThanOrEqual(95)
  })

  it('spells a compound surname romanised as one word by its two characters (司徒 SZETO, 歐陽 OUYANG)', () => {
    const hk = { ...BASE, issuingState: 'CHN', surname: 'SZETO', givenNames: 'CHI HUNG', passportNumber: 'H12345678' }
    const name = (zh: string): { value: string; prob: number } =>
      assignFields([printedChars(zh, 200), printed('SZETO, CHI HUNG', 250)], read(...lines(hk), HONG_KONG), HONG_KONG_PAGE).name
    expect(name('司徒志鴻')).toMatchObject({ value: '司徒志鴻' })
    expect(name('司徒志鴻').prob).toBeGreaterThanOrEqual(95)
    // Two characters that spell the word but are no surname together are not one.
    expect(name('徒司志鴻').prob).toBeLessThan(90)
    const tw = { ...BASE, issuingState: 'TWN', nationality: 'TWN', surname: 'OUYANG', givenNames: 'YEN-HSIN', passportNumber: '312345678' }
    const f = assignFields([printedChars('歐陽彥欣', 200), printed('OUYANG, YEN-HSIN', 250)], read(...lines(tw), TAIWAN), TAIWAN_PAGE)
    expect(f.name).toMatchObject({ value: '歐陽彥欣' })
    expect(f.name.prob).toBeGreaterThanOrEqual(95)
  })

  it("takes a line only like a SAR's one authority for it only where a valid MRZ named the family", () => {
    const input = { ...BASE, issuingState: 'CHN', surname: 'MAK', givenNames: 'WING TAI', passportNumber: 'MA1234567' }
    // Hong Kong's English authority, garbled: about 0.72 like Macao's.
    const garbled = printed('MGRATIONEPAENTONGKONGSPECIALADIISTRATIVEREGION', 520)
    const valid = read(...lines(input), MACAO)
    expect(assignFields([garbled], valid, MACAO_PAGE).issueAuthority.prob).toBeGreaterThanOrEqual(90)
    // The MRZ misread, the family only its guess: the line may be another family's authority.
    const f = assignFields([garbled], { ...valid, valid: false }, MACAO_PAGE)
    expect(f.issueAuthority.prob).toBeLessThan(90)
  })

  it('is not sure of a name spelt right whose first character is no surname (超 read for 趙, both CHIU in Macao)', () => {
    const input = { ...BASE, issuingState: 'CHN', surname: 'CHIU', givenNames: 'MEI NGA', passportNumber: 'MA1234567' }
    const name = (zh: string): { value: string; prob: number } =>
      assignFields([printedChars(zh, 200), printed('CHIU, MEI NGA', 250)], read(...lines(input), MACAO), MACAO_PAGE).name
    expect(name('超美雅').prob).toBeLessThan(90)
    expect(name('趙美雅')).toMatchObject({ value: '趙美雅' })
    expect(name('趙美雅').prob).toBeGreaterThanOrEqual(95)
    // Surnames the Hundred Family Surnames leaves out are surnames too (招 CHIU, common in Hong Kong and Macao).
    expect(name('招美雅').prob).toBeGreaterThanOrEqual(95)
  })

  it('parts a Taiwan given name that both Latin readings ran together, as its characters spell it, as a proposal', () => {
    const input = {
      ...BASE,
      issuingState: 'TWN',
      nationality: 'TWN',
      surname: 'CHIANG',
      givenNames: 'FEN LING',
      passportNumber: '312345678'
    }
    const [l1, l2] = lines({ ...input, givenNames: 'FENLING' })
    const f = assignFields([printedChars('江芬玲', 200), printed('CHIANG, FENLING', 250)], read(l1, l2, TAIWAN), TAIWAN_PAGE)
    expect(f.nameEn.value).toBe('CHIANG,FEN-LING')
    expect(f.mrzLine1.value).toBe(lines(input)[0])
    expect(f.nameEn.prob).toBeLessThan(90)
    expect(f.mrzLine1.prob).toBeLessThan(90)
    // Read with its separator, the same name is sure, and nothing is parted that was not run together.
    const g = assignFields([printedChars('江芬玲', 200), printed('CHIANG, FEN-LING', 250)], read(...lines(input), TAIWAN), TAIWAN_PAGE)
    expect(g.nameEn).toMatchObject({ value: 'CHIANG,FEN-LING' })
    expect(g.nameEn.prob).toBeGreaterThanOrEqual(90)
  })
})
