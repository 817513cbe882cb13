import type { Point, Quad } from '../../../shared/domain/geometry'
import type { ParsedMrz } from '../../../shared/domain/mrz-parse'
import { parseMrz } from '../../../shared/domain/mrz-parse'
import type { DirectionClassifier } from '../cls/direction-classifier'
import { config } from '../config'
import type { TextBox } from '../det/postprocess'
import type { ImageView } from '../image/crop'
import { cropQuad } from '../image/crop'
import { toGray } from '../image/decode'
import type { DecodedLine } from '../rec/ctc'
import type { TextRecognizer } from '../rec/text-recognizer'
import type { MrzCorrection, MrzFix, MrzOcrLine, MrzPrior } from './correct'
import { correctMrz } from './correct'
import type { GlyphSet, NameSpelling } from './glyphs'
import { line1Unique, line2Unique, readGlyphs } from './glyphs'
import { cellsQuad, findMrzGrid } from './grid'
import { GENERAL_TD3 } from './template'

/** What a family tells the MRZ reader: the rules it reads under, and how its names are spelt (null: any way). */
export interface ReadRules {
  prior: MrzPrior
  spelling: NameSpelling | null
}

/** What the MRZ read gave: corrected lines, their parse, and how much of it held. */
export interface MrzRead<R extends ReadRules = ReadRules> {
  valid: boolean
  /** 0 when nothing MRZ-like was read; higher is better (check digits passed, shape). */
  score: number
  line1: string
  line2: string
  prob1: number
  prob2: number
  /** Line boxes on the rectified page. */
  quads: [Quad, Quad] | null
  parsed: ParsedMrz | null
  /** Every character changed by correction, with its proof. */
  fixes: MrzFix[]
  /** Line 1 was read with every character in its cell (it has no check digit of its own). */
  line1Exact: boolean
  /** The family the lines were read as (null: nothing was read). */
  rules: R | null
  /** Per MRZ field, how sure the corrector is of it (0–1). */
  confidence: MrzCorrection['confidence'] | null
  /** Per character of each line, how sure the corrector is of it (0–1). */
  chars: MrzCorrection['chars'] | null
}

/**
 * The family a reading belongs to. The MRZ reader knows only ICAO 9303; the caller knows the families
 * (recognition/families), and this is how their rules come in.
 */
export type FamilyOf<R extends ReadRules> = (line1: string, line2: string) => R

/** The models the MRZ is read with; no classifier when the page's way up is already sure. */
export interface MrzReaders {
  rec: TextRecognizer
  cls: DirectionClassifier | null
  glyphs: GlyphSet
}

const { rec: R } = config

const EMPTY: MrzRead<never> = {
  valid: false,
  score: 0,
  line1: '',
  line2: '',
  prob1: 0,
  prob2: 0,
  quads: null,
  parsed: null,
  fixes: [],
  line1Exact: false,
  rules: null,
  confidence: null,
  chars: null
}

/**
 * Read both MRZ lines. Where the glyph grid is clear, each of the 88 cells is first matched against the OCR-B
 * templates, and a line the glyphs settle is read: line 2 when its check digits rule out every other plausible
 * reading, line 1 when its name reads as pinyin and no other reading does. The recogniser reads the others in
 * blocks of eleven characters cut between glyphs (and whole, as a second opinion for a block read at the wrong
 * length), and the check digits choose among the readings.
 * The recogniser reads at natural width: OCR-B at 48 px high leaves it about two time steps per character, and
 * narrower crops run repeated characters ('<<<', '00') together.
 */
export async function readMrzLines<R extends ReadRules>(
  page: ImageView,
  boxes: readonly TextBox[],
  readers: MrzReaders,
  familyOf: FamilyOf<R>
): Promise<MrzRead<R>> {
  const { rec, cls, glyphs } = readers
  if (boxes.length < 2) return EMPTY
  const quads = boxes.map((b) => padQuad(b)) as [Quad, Quad]
  const full = quads.map((q) => cropQuad(page, q, R.imgH, R.maxImgW))
  // 1. Upside-down lines are not worth reading: the caller will try the page the other way up.
  if (cls && (await cls.run(full)).every((p) => p > config.cls.thresh)) return EMPTY
  const grids = quads.map((q) => findMrzGrid(page, q))
  // 2. Cell by cell against the OCR-B templates: a line the glyphs settle needs no recogniser.
  const cells = grids.map((g, i) => (g ? readGlyphs(toGray(full[i]), quads[i], g, glyphs) : null))
  const settled = [false, false]
  if (cells[0] && cells[1]) {
    const { c, rules } = correctAs(cells[0].line, cells[1].line, familyOf)
    const t = rules.prior.template
    settled[0] = LINE1_SHAPE.test(c.line1) && line1Unique(c.line1, cells[0], glyphs.alphabet, t.line1, rules.spelling)
    settled[1] = line2Unique(c.line2, cells[1], glyphs.alphabet, t.line2)
    if (settled[0] && settled[1]) return summarise(c, rules, quads, true)
  }
  // 3. Where the glyph grid is clear, the recogniser reads fixed blocks of characters cut between glyphs: a
  //    block's reading has a known length, so a dropped or doubled character cannot shift the rest of the line.
  const blockCrops = quads.map((q, i) => {
    const g = grids[i]
    return g && !settled[i] ? BLOCKS.map(([a, b]) => cropQuad(page, cellsQuad(q, g, a, b), R.imgH, R.maxImgW)) : []
  })
  const blockRead = await rec.run(blockCrops.flat())
  let at = 0
  const blockReads = blockCrops.map((c) =>
    c.length ? blockRead.slice(at, (at += c.length)).map((r) => fillBlock(dropNoise(r), BLOCK)) : null
  )
  // 3b. A block read at the wrong length is read again in two halves: the recogniser most often loses the letter
  //     next to a long filler run ('GUO<<<<<<<' read 'GU<<<<<<<'), which a short sequence keeps.
  const redo = blockReads.flatMap((b, i) => (b ? b.map((r, j) => ({ i, j, r })).filter((x) => x.r.chars.length !== BLOCK) : []))
  const halves = redo.flatMap(({ i, j }) => {
    const [a, b] = BLOCKS[j]
    return [
      cropQuad(page, cellsQuad(quads[i], grids[i]!, a, a + HALF), R.imgH, R.maxImgW),
      cropQuad(page, cellsQuad(quads[i], grids[i]!, a + HALF, b), R.imgH, R.maxImgW)
    ]
  })
  const halfRead = halves.length ? await rec.run(halves) : []
  redo.forEach(({ i, j }, k) => {
    const first = fillBlock(dropNoise(halfRead[2 * k]), HALF)
    const second = fillBlock(dropNoise(halfRead[2 * k + 1]), BLOCK - HALF)
    if (first.chars.length === HALF && second.chars.length === BLOCK - HALF) blockReads[i]![j] = joinBlocks([first, second])
  })
  const exact = blockReads.map((b, i) => settled[i] || (b !== null && b.every((r) => r.chars.length === BLOCK)))
  // 4. A line whose blocks did not all read cleanly is also read whole; the corrector picks the reading that
  //    needs the fewest repairs (the recogniser's first: on a tie the earlier reading wins).
  const retry = [0, 1].filter((i) => !exact[i])
  const whole = await rec.run(retry.map((i) => full[i]))
  // The glyph matcher read every cell apart from the recogniser: where both read a character, both vouch for it.
  const second = (i: number): MrzOcrLine['second'] => {
    const g = cells[i]
    if (!g) return undefined
    return (ch, at) => {
      const k = glyphs.alphabet.indexOf(ch)
      return k >= 0 && at < g.probs.length ? g.probs[at][k] : 0
    }
  }
  const candidates = (i: number): MrzOcrLine[] => {
    const b = blockReads[i]
    const g = cells[i]
    if (settled[i] && g) return [g.line]
    // Blocks that each read exactly their eleven characters put every character in its place: line 1 has no
    // check digit to choose between readings, so such a reading is taken alone.
    const recognised = b && exact[i] ? [joinBlocks(b)] : b ? [joinBlocks(b), whole[retry.indexOf(i)]] : [whole[retry.indexOf(i)]]
    return recognised.map((r) => ({ ...r, second: second(i) }))
  }
  const read = correctAs(candidates(0), candidates(1), familyOf)
  // 5. Where every reading the recogniser gave needs repairs that do not hold, the glyphs' own reading competes
  //    too: a recogniser drops characters next to filler runs, or in a font it reads badly, where a cell cannot.
  //    (Only then: its probabilities are not the recogniser's, so a tie would go to whichever is surer of
  //    itself.) Where the glyphs left a cell in doubt, their probability there is the field's confidence.
  if (!read.c.valid && cells.some((g, i) => g && !settled[i])) {
    const withGlyphs = (i: number): MrzOcrLine[] => [...candidates(i), ...(cells[i] && !settled[i] ? [cells[i].line] : [])]
    const second = correctAs(withGlyphs(0), withGlyphs(1), familyOf)
    if (second.c.valid) return summarise(second.c, second.rules, quads, exact[0])
  }
  return summarise(read.c, read.rules, quads, exact[0])
}

/**
 * Read under ICAO's rules alone, decide the family from what that gave, and read again under the family's rules;
 * the family's reading stands unless it broke what the general one held.
 */
function correctAs<R extends ReadRules>(
  line1: MrzOcrLine | readonly MrzOcrLine[],
  line2: MrzOcrLine | readonly MrzOcrLine[],
  familyOf: FamilyOf<R>
): { c: MrzCorrection; rules: R } {
  const general = correctMrz(line1, line2)
  const rules = familyOf(general.line1, general.line2)
  if (rules.prior.template === GENERAL_TD3 && rules.prior.line1 === undefined) return { c: general, rules }
  const specific = correctMrz(line1, line2, rules.prior)
  return { c: general.valid && !specific.valid ? general : specific, rules }
}

/** The corrected lines, parsed and scored for choosing the page's way up. */
function summarise<R extends ReadRules>(c: MrzCorrection, rules: R, quads: [Quad, Quad], line1Exact: boolean): MrzRead<R> {
  const parsed = parseMrz(c.line1, c.line2)
  const checks = Object.values(parsed.checks).filter((v) => v === true).length
  // Fillers only ever trail the optional data: a '<' before a character there means the line was realigned
  // wrongly, however the check digits came out; and a check digit the corrector had to make up holds by
  // construction.
  const valid = parsed.valid && !/<[^<]/.test(c.line2.slice(PERSONAL_FROM, PERSONAL_TO)) && !c.problems.includes('CHECK_DIGIT_GUESSED')
  // A line 2 that is mostly filler is no line 2 (a page read the wrong way up gives such lines): check digits
  // over its empty fields hold by chance. A line 1 shaped like a passport's (P, a known state, a name) counts
  // for the way up.
  const fill = c.line2.split('<').length - 1
  const shaped = LINE1_SHAPE.test(c.line1) && !c.problems.includes('UNKNOWN_STATE') ? 1 : 0
  const score = (c.line1.startsWith('P') ? 1 : 0) + shaped + (fill <= MAX_LINE2_FILL ? checks : 0) + (valid ? 5 : 0)
  return {
    valid,
    score,
    line1: c.line1,
    line2: c.line2,
    prob1: c.prob1,
    prob2: c.prob2,
    quads,
    parsed,
    fixes: c.fixes,
    line1Exact,
    rules,
    confidence: c.confidence,
    chars: c.chars
  }
}

const BLOCK = 11
const HALF = 5
/** The personal number's 14 characters and its check digit are the most of line 2 that may be '<'. */
const MAX_LINE2_FILL = 15
const LINE1_SHAPE = /^P[A-Z<][A-Z<]{3}[A-Z]+(<<[A-Z]|<*$)/
const PERSONAL_FROM = 28
const PERSONAL_TO = 42
const BLOCKS: [number, number][] = [
  [0, 11],
  [11, 22],
  [22, 33],
  [33, 44]
]

/** Specks read as punctuation or spaces are no MRZ character (look-alikes of '<' such as « are kept). */
export function dropNoise(r: DecodedLine): DecodedLine {
  const chars = r.chars.filter((c) => !NOISE.test(c.char))
  return chars.length === r.chars.length ? r : { text: chars.map((c) => c.char).join(''), prob: r.prob, chars }
}

const NOISE = /^[\s.,:;'`·_-]*$/

/**
 * A block of fillers read short: CTC merges repeated '<' unless it sees a gap between them, so a block read as
 * fillers alone is `length` of them. A mixed block read short is left to the corrector: the lost character may
 * as well be a narrow letter (I, L) next to the run.
 */
export function fillBlock(r: DecodedLine, length: number): DecodedLine {
  const chars = r.chars
  if (chars.length === 0 || chars.length >= length || chars.some((c) => c.char !== '<')) return r
  const out = Array.from({ length }, (_, i) => ({ ...chars[Math.min(i, chars.length - 1)] }))
  return { text: '<'.repeat(length), prob: r.prob, chars: out }
}

/** Concatenate block readings; a block read at the wrong length is kept, the corrector aligns it. */
function joinBlocks(reads: readonly DecodedLine[]): DecodedLine {
  const chars = reads.flatMap((r) => r.chars)
  const prob = chars.length ? chars.reduce((s, c) => s + c.prob, 0) / chars.length : 0
  return { text: chars.map((c) => c.char).join(''), prob, chars }
}

/** Grow a detected box a little so no glyph edge is cut. */
function padQuad(b: TextBox): Quad {
  const u = b.dir
  const n = { x: -u.y, y: u.x }
  const px = b.short * 0.3
  const py = b.short * 0.1
  const m = (p: Point, a: number, c: number): Point => ({ x: p.x + u.x * a + n.x * c, y: p.y + u.y * a + n.y * c })
  return [m(b.quad[0], -px, -py), m(b.quad[1], px, -py), m(b.quad[2], px, py), m(b.quad[3], -px, py)]
}
