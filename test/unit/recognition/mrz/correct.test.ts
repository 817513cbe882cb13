import { describe, expect, it } from 'vitest'
import { composeMrz } from '../../../../src/shared/domain/mrz'
import type { OcrChar } from '../../../../src/main/recognition/mrz/correct'
import { correctMrz } from '../../../../src/main/recognition/mrz/correct'
import { MAINLAND_ORDINARY } from '../../../../src/main/recognition/families/mainland'
import { FOREIGN } from '../../../../src/main/recognition/families/foreign'
import { dropNoise, fillBlock } from '../../../../src/main/recognition/mrz/read'
import type { DecodedLine } from '../../../../src/main/recognition/rec/ctc'

// Synthetic passport (no real person): ZHANG SANFENG, E12345678, born 1985-03-21, expires 2030-06-14.
const L1 = 'POCHNZHANG<<SANFENG<<<<<<<<<<<<<<<<<<<<<<<<<'
const L2 = 'E123456782CHN8503219M3006140LCOCPKNMNDKDA684'
// The cloud reference example: a collage whose composite digit is wrong (8; the data give 4).
const REF1 = 'POCHNDU<<XIAOGUANG<<<<<<<<<<<<<<<<<<<<<<<<<<'
const REF2 = 'EE12345678CHN8108038F2110189NGKELMPONBPJB978'
/** The mainland ordinary passport's rules, which these lines are read under. */
const M = MAINLAND_ORDINARY.prior
const ALL_HOLD = { passportNumber: true, birthDate: true, expiryDate: true, personalNumber: true, composite: true }

/** Decoder output for `text`: every character sure, except the given positions. */
function decoded(text: string, unsure: Record<number, OcrChar>): OcrChar[] {
  return [...text].map((char, i) => unsure[i] ?? { char, prob: 0.99, alts: [] })
}

describe('correctMrz', () => {
  it('the synthetic fixture is what composeMrz writes', () => {
    const [line1, line2] = composeMrz({
      documentCode: 'PO',
      issuingState: 'CHN',
      surname: 'ZHANG',
      givenNames: 'SANFENG',
      passportNumber: 'E12345678',
      nationality: 'CHN',
      birthDate: '1985.03.21',
      sex: 'M',
      expiryDate: '2030.06.14',
      personalNumber: 'LCOCPKNMNDKDA6'
    })
    expect([line1, line2]).toEqual([L1, L2])
  })

  it('leaves clean lines alone', () => {
    const r = correctMrz({ text: L1 }, { text: L2 }, M)
    expect(r).toMatchObject({ line1: L1, line2: L2, valid: true, checks: ALL_HOLD, fixes: [], problems: [] })
    // Every character read at 0.99 and no runner-up offered: where a check digit could not tell a twin (1 from
    // L in the number's second cell), the reading's own 0.99 is all the trust there is.
    expect(r.confidence).toEqual({
      documentCode: 1,
      documentKind: 1,
      issuingState: 1,
      name: 1,
      passportNumber: 1,
      nationality: 1,
      birthDate: 1,
      sex: 1,
      expiryDate: 1,
      personalNumber: 1
    })
  })

  it('keeps the reference lines and reports the wrong composite digit instead of inventing one', () => {
    const r = correctMrz({ text: REF1 }, { text: REF2 }, M)
    expect(r.line1).toBe(REF1)
    expect(r.line2).toBe(REF2)
    expect(r.checks).toEqual({ ...ALL_HOLD, composite: false })
    expect(r.valid).toBe(false)
    expect(r.fixes).toEqual([])
    expect(r.problems).toEqual(['CHECK_UNRESOLVED'])
  })

  it('maps letters in digit slots and digits in letter slots (O/0, I/1, B/8, S/5), naming the rule that did', () => {
    const r = correctMrz(
      { text: 'POCHNZH4NG<<SANFEN6<<<<<<<<<<<<<<<<<<<<<<<<<' },
      { text: 'E1234S67B2CHN85O32I9M3006140LC0CPKNMNDKDA684' },
      M
    )
    expect(r.line1).toBe(L1)
    expect(r.line2).toBe(L2)
    expect(r.valid).toBe(true)
    expect(r.fixes).toEqual([
      { line: 1, at: 7, from: '4', to: 'A', reason: 'class' },
      { line: 1, at: 18, from: '6', to: 'G', reason: 'class' },
      // ICAO allows letters in a number: only the mainland's series says these are digits.
      { line: 2, at: 5, from: 'S', to: '5', reason: 'prior', prior: 'mainland:numberSeries' },
      { line: 2, at: 8, from: 'B', to: '8', reason: 'prior', prior: 'mainland:numberSeries' },
      { line: 2, at: 15, from: 'O', to: '0', reason: 'class' },
      { line: 2, at: 18, from: 'I', to: '1', reason: 'class' },
      { line: 2, at: 30, from: '0', to: 'O', reason: 'prior', prior: 'mainland:encodedCitizenId' }
    ])
  })

  it('stays sure of an O read as the optional data’s check digit 0 where it holds: the look-alike is no twin', () => {
    // '<' would hold that check as 0 does, but nothing read one: the O is the 0's look-alike, not the filler's.
    const line2 = '1207690803USA4104043M3209181<<<<<<<<<<<<<<04'
    const text = `${line2.slice(0, 42)}O${line2.slice(43)}`
    const chars = [...text].map((char) => ({ char, prob: 0.99, alts: [] }))
    const r = correctMrz({ text: 'P<USAWEBER<<SOPHIE<<<<<<<<<<<<<<<<<<<<<<<<<<' }, { text, chars })
    expect(r.line2).toBe(line2)
    expect(r.fixes).toEqual([{ line: 2, at: 42, from: 'O', to: '0', reason: 'class' }])
    expect(r.confidence.personalNumber).toBeGreaterThanOrEqual(0.9)
  })

  it('upper-cases, drops spaces and maps filler look-alikes', () => {
    const r = correctMrz({ text: `pochn zhang«sanfengくくくK${'<'.repeat(21)}` }, { text: L2.toLowerCase() }, M)
    expect(r.line1).toBe(L1)
    expect(r.line2).toBe(L2)
    expect(r.fixes).toEqual([
      { line: 1, at: 10, from: '«', to: '<<', reason: 'lookalike' },
      { line: 1, at: 19, from: 'くくく', to: '<<<', reason: 'lookalike' },
      { line: 1, at: 22, from: 'K', to: '<', reason: 'prior', prior: 'mainland:pinyinName' }
    ])
  })

  it("restores a dropped '<' in the name separator and the fill", () => {
    const r = correctMrz({ text: 'POCHNZHANG<SANFENG<<<<<<<<<<' }, { text: L2 }, M)
    expect(r.line1).toBe(L1)
    expect(r.fixes).toEqual([
      { line: 1, at: 11, from: '', to: '<', reason: 'length' },
      { line: 1, at: 29, from: '', to: '<'.repeat(15), reason: 'length' }
    ])
    // The separator was a guess: the name is less certain.
    expect(r.confidence.name).toBe(0.6)
  })

  it('trims an extra separator and extra fill', () => {
    const r = correctMrz({ text: `POCHNZHANG<<<SANFENG${'<'.repeat(30)}` }, { text: L2 }, M)
    expect(r.line1).toBe(L1)
    expect(r.fixes).toEqual([
      { line: 1, at: 12, from: '<', to: '', reason: 'length' },
      { line: 1, at: 44, from: '<'.repeat(5), to: '', reason: 'length' }
    ])
  })

  it('reports a name without a separator rather than guessing where the surname ends', () => {
    const r = correctMrz({ text: 'POCHNZHANGSANFENG' }, { text: L2 }, M)
    expect(r.line1).toBe('POCHNZHANGSANFENG<<<<<<<<<<<<<<<<<<<<<<<<<<<')
    expect(r.problems).toEqual(['NAME_SEPARATOR'])
    expect(r.valid).toBe(false)
  })

  it('restores a misread or lost prefix, as the family says it is printed', () => {
    expect(correctMrz({ text: `P0CHNZHANG<<SANFENG` }, { text: L2 }, M).line1).toBe(L1)
    const lost = correctMrz({ text: `PCHNZHANG<<SANFENG` }, { text: L2 }, M)
    expect(lost.line1).toBe(L1)
    expect(lost.fixes[0]).toEqual({ line: 1, at: 1, from: '', to: 'O', reason: 'prior', prior: 'mainland:ordinaryPassport' })
    // Under ICAO's rules alone the lost character is a filler, and the P cut off a line's start comes back.
    expect(correctMrz({ text: `PCHNZHANG<<SANFENG` }, { text: L2 }).line1.slice(0, 5)).toBe('P<CHN')
    expect(correctMrz({ text: `OCHNZHANG<<SANFENG` }, { text: L2 }, M).line1).toBe(L1)
    expect(correctMrz({ text: `PUTOERIKSSON<<ANNA` }, { text: L2 }).line1.slice(0, 5)).toBe('P<UTO')
    expect(correctMrz({ text: `P<D<MUSTERMANN<<ERIKA` }, { text: L2 }).line1.slice(0, 5)).toBe('P<D<<')
  })

  it('gives the number the series letter E only when the reading offered it, and flags it otherwise', () => {
    // E and O are 14 and 24: at weight 7 either holds the number's check and the composite alike.
    const text = `O${L2.slice(1)}`
    const offered = correctMrz(
      { text: L1 },
      { text, chars: decoded(text, { 0: { char: 'O', prob: 0.7, alts: [{ char: 'E', prob: 0.2 }] } }) },
      M
    )
    expect(offered).toMatchObject({ line2: L2, valid: true })
    expect(offered.fixes).toContainEqual({
      line: 2,
      at: 0,
      from: 'O',
      to: 'E',
      reason: 'prior',
      prior: 'mainland:numberSeries',
      support: 0.2
    })
    // Nobody read an E: the O stays, and the number, against the series, is left for a person to confirm.
    const alone = correctMrz({ text: L1 }, { text }, M)
    expect(alone.line2).toBe(text)
    expect(alone.confidence.passportNumber).toBeLessThan(0.9)
  })

  it('drops an extra character in line 2 by aligning to the TD3 structure', () => {
    const r = correctMrz({ text: L1 }, { text: 'E123456782CHN8503219XM3006140LCOCPKNMNDKDA684' }, M)
    expect(r.line2).toBe(L2)
    expect(r.valid).toBe(true)
    expect(r.fixes).toEqual([{ line: 2, at: 20, from: 'X', to: '', reason: 'length' }])
  })

  it('drops noise and a stuttered digit', () => {
    expect(correctMrz({ text: L1 }, { text: 'E123456782CHN.88503219M3006140LCOCPKNMNDKDA684' }, M).line2).toBe(L2)
  })

  it('refills a lost date digit when the check digits leave one choice', () => {
    const r = correctMrz({ text: L1 }, { text: 'E123456782CHN850219M3006140LCOCPKNMNDKDA684' }, M)
    expect(r.line2).toBe(L2)
    expect(r.fixes).toEqual([{ line: 2, at: 16, from: '', to: '3', reason: 'checkDigit', check: 'birthDate' }])
    // Filled in, not read: a proposal.
    expect(r.confidence.birthDate).toBeLessThan(0.9)
  })

  it("repairs a misread digit with the decoder's runner-up", () => {
    const text = 'E123456782CHN8503219M3006740LCOCPKNMNDKDA684'
    const chars = decoded(text, { 25: { char: '7', prob: 0.6, alts: [{ char: '1', prob: 0.35 }] } })
    const r = correctMrz({ text: L1 }, { text, chars }, M)
    expect(r.line2).toBe(L2)
    expect(r.valid).toBe(true)
    expect(r.fixes).toEqual([{ line: 2, at: 25, from: '7', to: '1', reason: 'checkDigit', check: 'expiryDate', support: 0.35 }])
    // A repair is a proposal for a person to confirm, however well both check digits hold now.
    expect(r.confidence.expiryDate).toBe(0.85)
  })

  it('does not repair a digit with a character nobody read, even when both checks would agree on it', () => {
    const text = 'E123456782CHN8503219M3006740LCOCPKNMNDKDA684'
    const r = correctMrz({ text: L1 }, { text }, M)
    expect(r.line2).toBe(text)
    expect(r.fixes).toEqual([])
    expect(r.problems).toEqual(['CHECK_UNRESOLVED'])
    expect(r.valid).toBe(false)
  })

  it('does not correct two misreads in one field: its check digit vouches for one change', () => {
    // S and B are both misreads here, and B stood for 7, which no look-alike rule gives.
    const r = correctMrz({ text: L1 }, { text: 'E1234S6B82CHN8503219M3006140LCOCPKNMNDKDA684' }, M)
    expect(r.line2).toBe('E123456882CHN8503219M3006140LCOCPKNMNDKDA684')
    expect(r.problems).toEqual(['CHECK_UNRESOLVED'])
    expect(r.checks).toEqual({ ...ALL_HOLD, passportNumber: false, composite: false })
    expect(r.valid).toBe(false)
  })

  it('does not move a 3↔8 misread elsewhere: such a fix could sit anywhere in the field', () => {
    // 0 read as 5 in the expiry check digit: changing any 3 to 8 would satisfy both checks just as well.
    const r = correctMrz({ text: L1 }, { text: 'E123456782CHN8503219M3006145LCOCPKNMNDKDA684' }, M)
    expect(r.line2).toBe('E123456782CHN8503219M3006145LCOCPKNMNDKDA684')
    expect(r.problems).toEqual(['CHECK_UNRESOLVED'])
  })

  it('fills in an unreadable check digit from its field, but does not let it vouch for the line', () => {
    expect(L2[42]).toBe('8')
    const r = correctMrz({ text: L1 }, { text: `${L2.slice(0, 42)}X${L2[43]}` }, M)
    expect(r.line2).toBe(L2)
    expect(r.checks).toEqual(ALL_HOLD)
    expect(r.problems).toEqual(['CHECK_DIGIT_GUESSED'])
    expect(r.valid).toBe(false)
  })

  it('reports an unreadable sex and a line too short to align', () => {
    expect(correctMrz({ text: L1 }, { text: L2.replace('M3006', 'X3006') }, M).problems).toEqual(['SEX_UNREADABLE'])
    const short = correctMrz({ text: L1 }, { text: L2.slice(0, 30) }, M)
    expect(short.line2).toBe(`${L2.slice(0, 30)}${'<'.repeat(14)}`)
    expect(short.problems).toEqual(['LINE2_LENGTH'])
  })

  it('picks the reading of each line that needs the fewest repairs', () => {
    const r = correctMrz([{ text: 'POCHNZHANG<SANFENG' }, { text: L1 }], [{ text: L2.slice(0, 30) }, { text: L2 }], M)
    expect(r).toMatchObject({ line1: L1, line2: L2, valid: true, fixes: [], problems: [] })
  })
})

describe('fillBlock', () => {
  const line = (text: string): DecodedLine => ({
    text,
    prob: 0.9,
    chars: [...text].map((char, i) => ({ char, prob: 0.9, pos: i / text.length, alts: [] }))
  })

  it('gives a block of fillers read short the fillers CTC merged', () => {
    expect(fillBlock(line('<<<<<<<<<'), 11).text).toBe('<<<<<<<<<<<')
    expect(fillBlock(line('<<'), 11).chars).toHaveLength(11)
    // Half a block re-read alone: its own length.
    expect(fillBlock(line('<<<'), 6).text).toBe('<<<<<<')
  })

  it('leaves a mixed block alone: the lost character may be a narrow letter', () => {
    expect(fillBlock(line('MN<<<<<<<<'), 11).text).toBe('MN<<<<<<<<')
    expect(fillBlock(line('E294285240C'), 11).text).toBe('E294285240C')
  })
})

describe('dropNoise', () => {
  const line = (text: string): DecodedLine => ({
    text,
    prob: 0.9,
    chars: [...text].map((char, i) => ({ char, prob: 0.9, pos: i / text.length, alts: [] }))
  })

  it('drops specks read as punctuation, keeping look-alikes of the filler', () => {
    expect(dropNoise(line('602235RKL.EK')).text).toBe('602235RKLEK')
    expect(dropNoise(line('AB «C')).text).toBe('AB«C')
  })
})

describe('correctMrz under ICAO rules alone', () => {
  const U1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<'
  const U2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'

  it("ends the name at the second '<<': a K after it is a misread filler", () => {
    const r = correctMrz({ text: `${U1.slice(0, 40)}KK<<` }, { text: U2 })
    expect(r.line1).toBe(U1)
    expect(r.fixes).toEqual([{ line: 1, at: 40, from: 'KK', to: '<<', reason: 'filler' }])
    // After three fillers anything is fill (glare read as letters); after a mere '<<' a name part is left alone,
    // for the separator check to report.
    expect(correctMrz({ text: `${U1.slice(0, 40)}AB<<` }, { text: U2 }).line1).toBe(U1)
    const split = correctMrz({ text: 'P<UTOERIKSSON<<ANNA<<MARIA' }, { text: U2 })
    expect(split.line1).toBe('P<UTOERIKSSON<<ANNA<<MARIA<<<<<<<<<<<<<<<<<<')
    expect(split.problems).toContain('NAME_SEPARATOR')
  })

  it("takes a K beside a lone '<' for the separator's other filler when the name has none", () => {
    const r = correctMrz({ text: 'P<CHNCHEONGK<WENG<ON' }, { text: U2 })
    expect(r.line1).toBe('P<CHNCHEONG<<WENG<ON<<<<<<<<<<<<<<<<<<<<<<<<')
    expect(r.fixes[0]).toEqual({ line: 1, at: 11, from: 'K', to: '<', reason: 'filler' })
  })

  it('takes a filler read in a date as an extra character, and a filler lost from a run as merged', () => {
    // '<' after the sex and one '<' too few at the end: 44 characters, but in the wrong cells.
    const shifted = `${U2.slice(0, 21)}<${U2.slice(21, 37)}${U2.slice(38)}`
    expect(shifted).toHaveLength(44)
    const r = correctMrz({ text: U1 }, { text: shifted })
    expect(r.line2).toBe(U2)
    expect(r.valid).toBe(true)
    expect(r.fixes).toEqual([
      { line: 2, at: 21, from: '<', to: '', reason: 'length' },
      // A filler merged into a run is put back at the run's start (any of its cells gives the same line), as a
      // repair of the line's length that its check digit then confirms.
      { line: 2, at: 37, from: '', to: '<', reason: 'length' }
    ])
  })

  it('puts back fillers merged by the half-dozen into the optional data, where the check digits then hold', () => {
    // A generated US page read at low quality: fourteen fillers read as six, the two check digits after them.
    const line2 = '1207690803USA4104043M3209181<<<<<<<<<<<<<<04'
    const read = `${line2.slice(0, 34)}${line2.slice(42)}`
    expect(read).toHaveLength(36)
    const r = correctMrz({ text: 'P<USAWEBER<<SOPHIE<<<<<<<<<<<<<<<<<<<<<<<<<<' }, { text: read })
    expect(r.line2).toBe(line2)
    expect(r.valid).toBe(true)
    // Reported as one repair of the line's length, at the start of the run they were merged into.
    expect(r.fixes).toEqual([{ line: 2, at: 28, from: '', to: '<<<<<<<<', reason: 'length' }])
  })

  it('weighs a composite digit lost off the line’s end as likely as a filler merged into the run before it', () => {
    // A generated Taiwan page read '…948<<<<0': its 4 lost at the crop's edge, not a filler before the 0.
    const line2 = '3060966839TWN5608205M2807270Z161789948<<<<04'
    const r = correctMrz({ text: 'P<TWNCHOU<<HSIAO<KUAN<<<<<<<<<<<<<<<<<<<<<<<' }, { text: line2.slice(0, 43) })
    expect(r.line2).toBe(line2)
    // The composite digit nobody read holds by construction: never a valid line.
    expect(r.problems).toContain('CHECK_DIGIT_GUESSED')
  })

  it('does not take a line with letters lost, rather than fillers, for one with its fillers merged', () => {
    const line2 = '1207690803USA4104043M3209181<<<<<<<<<<<<<<04'
    // Eight characters lost from the number and dates: no filler run can account for them.
    const read = `${line2.slice(0, 2)}${line2.slice(10, 14)}${line2.slice(18)}`
    const r = correctMrz({ text: 'P<USAWEBER<<SOPHIE<<<<<<<<<<<<<<<<<<<<<<<<<<' }, { text: read })
    expect(r.valid).toBe(false)
  })

  it('never writes a family it did not read: no CHN, no E, no PO for a Utopian line read with look-alikes', () => {
    const r = correctMrz({ text: 'P<UT0ERIKSSON<<ANNA<MARIA' }, { text: U2.replace('UTO', 'UT0') })
    expect(r.line1).toBe(U1)
    expect(r.line2).toBe(U2)
    expect(r.fixes).toEqual([
      { line: 1, at: 4, from: '0', to: 'O', reason: 'class' },
      { line: 1, at: 25, from: '', to: '<'.repeat(19), reason: 'length' },
      { line: 2, at: 12, from: '0', to: 'O', reason: 'class' }
    ])
  })

  it('leaves a number with an S among its digits a proposal: S and 8 are twins no check digit tells apart', () => {
    // ICAO 9303's specimen with its number's 8 read as S by both readers, as glare does: every check still holds.
    const [line1, line2] = composeMrz({
      documentCode: 'P',
      issuingState: 'UTO',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      passportNumber: 'L89890C36',
      nationality: 'UTO',
      birthDate: '1974.08.12',
      sex: 'F',
      expiryDate: '2012.04.15',
      personalNumber: 'ZE184226B'
    })
    const misread = `L89S90C36${line2.slice(9)}`
    const r = correctMrz({ text: line1 }, { text: misread }, FOREIGN.prior)
    expect(r).toMatchObject({ line2: misread, valid: true })
    expect(r.confidence.passportNumber).toBeLessThan(0.9)
    // The same number read as printed is sure.
    expect(correctMrz({ text: line1 }, { text: line2 }, FOREIGN.prior).confidence.passportNumber).toBeGreaterThanOrEqual(0.9)
  })

  // A passport with no personal number: its optional data all fillers, the check digit at 42 one of them.
  const SMITH = composeMrz({
    documentCode: 'P',
    issuingState: 'USA',
    surname: 'SMITH',
    givenNames: 'ANNA',
    passportNumber: '866586041',
    nationality: 'USA',
    birthDate: '1959.10.19',
    sex: 'F',
    expiryDate: '2026.10.08',
    personalNumber: ''
  })

  it('leaves the cells beside a dropped or doubled character a proposal: a < and a 0 may have traded places there', () => {
    const [line1, line2] = SMITH
    // One filler too many before the composite digit: the personal number's check digit is then whichever of the
    // fillers the structure kept, '<' or 0 alike to every check.
    const long = `${line2.slice(0, 42)}<${line2.slice(42)}`
    const r = correctMrz({ text: line1 }, { text: long }, FOREIGN.prior)
    expect(r).toMatchObject({ line2, valid: true })
    expect(r.fixes).toEqual([{ line: 2, at: 43, from: '<', to: '', reason: 'length' }])
    expect(r.confidence.personalNumber).toBeLessThan(0.9)
    expect(correctMrz({ text: line1 }, { text: line2 }, FOREIGN.prior).confidence.personalNumber).toBeGreaterThanOrEqual(0.9)
  })

  it('takes the glyph matcher naming each cell beside a dropped character as putting it in its place', () => {
    const [line1, line2] = SMITH
    // The glyph matcher reads cells where the grid puts them: surely the printed character, little else.
    const glyphsOf = (printed: string) => (ch: string, at: number) => (printed[at] === ch ? 0.99 : 0.001)
    const long = `${line2.slice(0, 42)}<${line2.slice(42)}`
    expect(
      correctMrz({ text: line1 }, { text: long, second: glyphsOf(line2) }, FOREIGN.prior).confidence.personalNumber
    ).toBeGreaterThanOrEqual(0.9)
    // Three fillers lost from the optional data's run: the corrector puts them back before the 0 it read.
    const read = `${line2.slice(0, 39)}0${line2[43]}`
    const zeroLast = `${line2.slice(0, 42)}0${line2[43]}`
    const r = correctMrz({ text: line1 }, { text: read, second: glyphsOf(zeroLast) }, FOREIGN.prior)
    expect(r).toMatchObject({ line2: zeroLast, valid: true })
    expect(r.confidence.personalNumber).toBeGreaterThanOrEqual(0.9)
    // Printed a filler there instead, the 0 a misread one: the glyphs do not name the 0 the structure kept, and the
    // whole run stays a proposal.
    const wrong = correctMrz({ text: line1 }, { text: read, second: glyphsOf(line2) }, FOREIGN.prior)
    expect(wrong.line2).toBe(zeroLast)
    expect(wrong.confidence.personalNumber).toBeLessThan(0.9)
  })
  it('is not sure of the fields after one lost whole: a birth date and an expiry are alike in form', () => {
    const line1 = 'PSD<<WAGNER<<MICHAEL<<<<<<<<<<<<<<<<<<<<<<<<'
    const line2 = 'GJV42K7T44D<<4209247M2402055<<<<<<<<<<<<<<<6'
    expect(correctMrz({ text: line1 }, { text: line2 }, FOREIGN.prior).confidence.expiryDate).toBeGreaterThanOrEqual(0.9)
    // A thumb over the birth date: the cells are put back before what was read next, and the expiry's check digit
    // holds where the form puts it. The birth date's would as well in its place: which of the two was read is the
    // form's guess.
    const read = `${line2.slice(0, 13)}${line2.slice(20)}`
    const r = correctMrz({ text: line1 }, { text: read }, FOREIGN.prior)
    expect(r.line2.slice(20, 28)).toBe(line2.slice(20, 28))
    expect(r.checks.expiryDate).toBe(true)
    expect(r.confidence.expiryDate).toBeLessThan(0.9)
  })
  it('trusts nothing of lines read with small letters: print taken for the zone, whatever check digit holds', () => {
    const sure = correctMrz({ text: L1 }, { text: L2 }, M)
    expect(sure.confidence.passportNumber).toBeGreaterThanOrEqual(0.9)
    // The same number and its check digit, the rest of the line read as a caption's words.
    const caption = `${L2.slice(0, 13)}luogo<di<nascita<place<of<bi`
    const r = correctMrz({ text: L1 }, { text: caption }, FOREIGN.prior)
    expect(r.line2.slice(0, 10)).toBe(L2.slice(0, 10))
    expect(r.checks.passportNumber).toBe(true)
    expect(r.confidence.passportNumber).toBeLessThanOrEqual(0.5)
  })
})
