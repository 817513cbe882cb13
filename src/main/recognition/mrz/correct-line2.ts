/** Line 2 of a Chinese passport's MRZ: aligned to the TD3 structure, then repaired where check digits fail. */

import { charValue, MRZ_LENGTH } from '../../../shared/domain/mrz'
import type { TemplateSlot } from './correct-align'
import { alignLine, LINE2_TEMPLATE } from './correct-align'
import type { Cell } from './correct-cells'
import { tokenCell } from './correct-cells'
import type { SlotClass, Token } from './correct-chars'
import { classChars, confusables, toClass } from './correct-chars'
import type { SearchResult, SearchSlot } from './correct-search'
import { searchCheckDigits } from './correct-search'

/** What can stay wrong in line 2. */
export type Line2Problem = 'LINE2_LENGTH' | 'LINE2_ALIGNMENT' | 'SEX_UNREADABLE' | 'CHECK_AMBIGUOUS' | 'CHECK_UNRESOLVED'

/** Line 2 as cells (every output character, and every dropped one, in order) and what could not be repaired. */
export interface Line2Repair {
  cells: Cell[]
  problems: Line2Problem[]
}

// Further off than this and the line is not worth aligning: too many places characters could have gone.
const MAX_LENGTH_DIFF = 4
const MAX_PATHS = 64
// Probabilities for alternatives the decoder did not rank: a known look-alike when it gave no top-k at all, a
// look-alike it ranked below its top-k, any character of the class for a slot nothing legible was read in.
// No prior favours stutters or doubled characters as the extra or lost one: in simulation that turned ambiguous
// lines into confidently wrong ones.
const PRIOR = { lookalike: 0.1, unlisted: 0.01, unread: 0.02 }
// Runner-ups the decoder gave less than this are noise, not evidence of a misread.
const MIN_ALT_PROB = 0.01
// A character read as a look-alike of another class is a little less certain than one read as itself.
const CLASS_MAP_FACTOR = 0.9
// A character the document type dictates (CHN) where something else was read.
const TEMPLATE_GUESS = 0.6

const MIXED = new Set<SlotClass>(['alnum', 'fill'])

/** The search's view of a slot: the reading mapped into the slot's class, and what else it could plausibly be. */
function searchSlot(t: Token | null, slot: TemplateSlot): SearchSlot {
  if (slot.literal !== undefined) return { primary: { char: slot.literal, prob: 1 }, suspect: false, options: [] }
  const unread = classChars(slot.cls).map((char) => ({ char, prob: PRIOR.unread }))
  if (t === null) return { primary: null, suspect: true, options: unread }
  const primary = toClass(t.ch, slot.cls)
  const options = new Map<string, number>()
  const offer = (char: string | null, prob: number): void => {
    if (char !== null && char !== primary && !options.has(char)) options.set(char, prob)
  }
  const ranked = t.alts.filter((a) => a.prob >= MIN_ALT_PROB)
  for (const a of ranked) offer(toClass(a.char, slot.cls), a.prob)
  // In a slot that takes letters and digits the decoder's ranking says little about O/0, I/1, B/8… (see `suspect`).
  const prior = t.alts.length > 0 && !MIXED.has(slot.cls) ? PRIOR.unlisted : PRIOR.lookalike
  for (const c of [...confusables(t.ch, slot.cls), ...(primary ? confusables(primary, slot.cls) : [])]) offer(c, prior)
  if (primary === null) for (const o of unread) offer(o.char, o.prob)
  return {
    primary: primary === null ? null : { char: primary, prob: t.prob * (primary === t.ch ? 1 : CLASS_MAP_FACTOR) },
    // In a slot that takes letters and digits, OCR-B's O/0, I/1, B/8… are told apart by shape alone, which the
    // recogniser gets wrong with confidence: such a character is always open to a check-digit repair.
    suspect: primary !== t.ch || ranked.length > 0 || (MIXED.has(slot.cls) && primary !== null && confusables(primary, slot.cls).length > 0),
    options: [...options].map(([char, prob]) => ({ char, prob }))
  }
}

/** Probability mass of the slot's alternatives that no check digit could tell from `out` (values 10 apart). */
const blindMass = (out: string, slot: SearchSlot): number =>
  slot.options.filter((o) => o.char !== out && (charValue(o.char) - charValue(out)) % 10 === 0).reduce((s, o) => s + o.prob, 0)

/** The output cell of slot `j` once the search has decided. */
function slotCell(t: Token | null, slot: TemplateSlot, j: number, result: SearchResult, view: SearchSlot): Cell {
  const cell = decideCell(t, slot, j, result)
  return { ...cell, blind: blindMass(cell.out, view) }
}

function decideCell(t: Token | null, slot: TemplateSlot, j: number, result: SearchResult): Cell {
  const raw = t?.raw ?? ''
  if (slot.literal !== undefined) {
    if (t?.ch === slot.literal) return tokenCell(t)
    const lookalike = t !== null && confusables(t.ch, slot.cls).includes(slot.literal)
    return { out: slot.literal, raw, prob: lookalike ? t.prob * CLASS_MAP_FACTOR : TEMPLATE_GUESS, reason: 'template' }
  }
  const chosen = slot.cls === 'sex' ? t && toClass(t.ch, 'sex') : result.chosen[j]?.char
  if (!chosen) {
    // Left as read for a person to see, or '<' when nothing legible was there.
    const out = t && /^[A-Z0-9<]$/.test(t.ch) ? t.ch : '<'
    return { out, raw, prob: 0, reason: t ? tokenCell(t).reason : 'length' }
  }
  const prob = slot.cls === 'sex' ? (t?.prob ?? 0) : (result.chosen[j]?.prob ?? 0)
  if (result.changed.includes(j)) return { out: chosen, raw, prob, reason: 'checkDigit' }
  if (t === null) return { out: chosen, raw, prob, reason: 'length' }
  return chosen === t.ch ? tokenCell(t) : { out: chosen, raw, prob, reason: 'class' }
}

/** Line 2 that could not be aligned: legible characters kept, cut or filled to length, for a person to fix. */
function unaligned(tokens: readonly Token[], problem: Line2Problem): Line2Repair {
  let kept = 0
  const cells = tokens.map((t): Cell => {
    if (!/^[A-Z0-9<]$/.test(t.ch) || kept >= MRZ_LENGTH) return { out: '', raw: t.raw, prob: 0, reason: 'length' }
    kept++
    return { ...tokenCell(t), prob: 0 }
  })
  for (; kept < MRZ_LENGTH; kept++) cells.push({ out: '<', raw: '', prob: 0, reason: 'length' })
  return { cells, problems: [problem] }
}

/** Repair line 2 from its tokens. */
export function repairLine2(tokens: readonly Token[]): Line2Repair {
  if (Math.abs(tokens.length - MRZ_LENGTH) > MAX_LENGTH_DIFF) return unaligned(tokens, 'LINE2_LENGTH')
  const paths = alignLine(tokens, LINE2_TEMPLATE, MAX_PATHS)
  if (paths === null) return unaligned(tokens, 'LINE2_ALIGNMENT')
  const token = (i: number): Token | null => (i < 0 ? null : tokens[i])
  const views = paths.map((p) => p.slots.map((i, j) => searchSlot(token(i), LINE2_TEMPLATE[j])))
  const result = searchCheckDigits(views)
  const problems: Line2Problem[] = []
  if (result.status === 'ambiguous') problems.push('CHECK_AMBIGUOUS')
  if (result.status === 'unresolved') problems.push('CHECK_UNRESOLVED')
  const cells: Cell[] = []
  let next = 0
  paths[result.path].slots.forEach((i, j) => {
    for (; i >= 0 && next < i; next++) cells.push({ ...tokenCell(tokens[next]), out: '', reason: 'length' })
    if (i >= 0) next = i + 1
    const cell = slotCell(token(i), LINE2_TEMPLATE[j], j, result, views[result.path][j])
    if (LINE2_TEMPLATE[j].cls === 'sex' && cell.prob === 0) problems.push('SEX_UNREADABLE')
    cells.push(cell)
  })
  for (; next < tokens.length; next++) cells.push({ ...tokenCell(tokens[next]), out: '', reason: 'length' })
  return { cells, problems }
}
