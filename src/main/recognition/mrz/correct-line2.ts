/** Line 2 of a TD3 MRZ: aligned to its template, then repaired where check digits fail. */

import { charValue, MRZ_LENGTH } from '../../../shared/domain/mrz'
import { alignLine } from './correct-align'
import type { Cell } from './correct-cells'
import { tokenCell } from './correct-cells'
import type { CharCandidate, Token } from './correct-chars'
import type { SearchResult, SearchSlot } from './correct-search'
import { checkAt, searchCheckDigits } from './correct-search'
import type { TemplateSlot } from './template'
import { narrowedBy, slotChars, slotFits, slotLookalikes, toSlot } from './template'

/** What can stay wrong in line 2. */
export type Line2Problem = 'LINE2_LENGTH' | 'LINE2_ALIGNMENT' | 'SEX_UNREADABLE' | 'CHECK_AMBIGUOUS' | 'CHECK_UNRESOLVED'

/** Line 2 as cells (every output character, and every dropped one, in order) and what could not be repaired. */
export interface Line2Repair {
  cells: Cell[]
  problems: Line2Problem[]
}

// Further off than this and the line is not worth aligning: too many places characters could have gone…
const MAX_LENGTH_DIFF = 4
// …unless what is missing is fillers merged into a run the line still has: the optional data's fourteen.
const MAX_MERGED_FILLERS = 14
const MAX_PATHS = 64
// Probability for any character of the slot where nothing legible was read: the check digit alone would choose,
// which a search over single changes allows only where it is the one change its check digit vouches for.
const UNREAD_PRIOR = 0.02
// A character lost between two fillers is most likely a filler the recogniser merged into the run.
const MERGED_FILLER = 0.5
// Runner-ups the decoder gave less than this are noise, not evidence of a misread.
const MIN_ALT_PROB = 0.01
// A character read as a look-alike of another class is a little less certain than one read as itself.
const CLASS_MAP_FACTOR = 0.9
// The look-alikes of a character the slot cannot hold, when the reading ranked none of them.
const LOOKALIKE_PRIOR = 0.1

/**
 * The search's view of a slot: the reading mapped into the slot, and what else it could be. Alternatives come
 * from the reading itself (the decoder's or the glyph matcher's runner-ups); only a character the slot cannot
 * hold at all (a letter in a date) opens its look-alikes, since it is wrong whatever else is true.
 */
function searchSlot(t: Token | null, slot: TemplateSlot, inFillerRun: boolean): SearchSlot {
  const unread = [...slotChars(slot)].map((char) => ({ char, prob: UNREAD_PRIOR }))
  // A slot lost beside a run of fillers is read as one more filler (the line's structure put it there); its
  // check digit must hold with it as with any reading, and anything else is a change that digit vouches for.
  if (t === null && inFillerRun && slotFits('<', slot))
    return { primary: { char: '<', prob: MERGED_FILLER }, suspect: true, options: unread.filter((o) => o.char !== '<') }
  if (t === null) return { primary: null, suspect: true, options: unread }
  const offered = priorOffer(t, slot)
  if (offered) return { primary: offered, suspect: true, options: [] }
  const primary = toSlot(t.ch, slot)
  const options = new Map<string, number>()
  const offer = (char: string | null, prob: number): void => {
    if (char !== null && char !== primary && !options.has(char)) options.set(char, prob)
  }
  const ranked = t.alts.filter((a) => a.prob >= MIN_ALT_PROB)
  for (const a of ranked) offer(toSlot(a.char, slot), a.prob)
  if (primary !== t.ch) for (const c of slotLookalikes(t.ch, slot)) offer(c, LOOKALIKE_PRIOR)
  if (primary === null) for (const o of unread) offer(o.char, o.prob)
  return {
    primary: primary === null ? null : { char: primary, prob: t.prob * (primary === t.ch ? 1 : CLASS_MAP_FACTOR) },
    suspect: primary !== t.ch || ranked.length > 0,
    options: [...options].map(([char, prob]) => ({ char, prob }))
  }
}

/**
 * A reading the family's rule says cannot stand here, whose own runner-ups include one that can: the runner-up
 * is taken (the check digits must still hold with it). Without such a runner-up the reading stays as it is.
 */
function priorOffer(t: Token, slot: TemplateSlot): { char: string; prob: number } | null {
  if (slot.only === undefined || slotFits(t.ch, slot) || toSlot(t.ch, slot) !== t.ch) return null
  const alt = t.alts.find((a) => a.prob >= MIN_ALT_PROB && slotFits(a.char, slot))
  return alt ? { char: alt.char, prob: alt.prob } : null
}

/**
 * Probability mass that no check digit could tell from `out`: the slot's alternatives 10 apart in value (G/6,
 * '<'/0/A/K), and, where the slot may hold such a twin, the mass the reading left to characters it did not rank.
 */
function blindMass(out: string, slot: SearchSlot, template: TemplateSlot, read: CharCandidate, ranked: readonly CharCandidate[]): number {
  const twin = (c: string): boolean => c !== out && (charValue(c) - charValue(out)) % 10 === 0
  const offered = slot.options.filter((o) => twin(o.char)).reduce((s, o) => s + o.prob, 0)
  // A check digit chose a runner-up over what was read: the reading itself may be the twin (never among the
  // options, which are its alternatives).
  const asRead = twin(read.char) ? read.prob : 0
  if (![...slotChars(template)].some(twin)) return Math.min(1, offered + asRead)
  // What the reading left to characters it did not rank may be a twin's: the mass its best and its runner-ups
  // leave (all it did not give its best, where it ranked none).
  const given = read.prob + ranked.reduce((s, a) => s + a.prob, 0)
  return Math.min(1, offered + asRead + Math.max(0, 1 - given))
}

/** The output cell of slot `j` once the search has decided. */
function decideCell(t: Token | null, slot: TemplateSlot, j: number, result: SearchResult, view: SearchSlot): Cell {
  const raw = t?.raw ?? ''
  const chosen = slot.cls === 'sex' ? t && toSlot(t.ch, slot) : result.chosen[j]?.char
  if (!chosen) {
    // Left as read for a person to see, or '<' when nothing legible was there.
    const out = t && /^[A-Z0-9<]$/.test(t.ch) ? t.ch : '<'
    return { out, raw, prob: 0, reason: t ? tokenCell(t).reason : 'length' }
  }
  const prob = slot.cls === 'sex' ? (t?.prob ?? 0) : (result.chosen[j]?.prob ?? 0)
  // A character ICAO's class cannot hold, read as its look-alike that it can (O for a check digit's 0), is a
  // little less sure for that, but the share taken off is no sign of a twin: what the reading left unaccounted is
  // its own. (A family's rule narrowing a slot is another matter: its reading stays a proposal.)
  const icao = { cls: slot.cls }
  const classMapped = t !== null && !slotFits(t.ch, icao) && chosen === toSlot(t.ch, icao)
  // What the reading gave its best: all of it where the best was taken as read or as ICAO's look-alike of it;
  // where a check digit or a prior chose a runner-up, the best is still what the reading mostly said.
  const mapped = t && toSlot(t.ch, slot)
  const read: CharCandidate =
    t === null
      ? { char: chosen, prob }
      : chosen === mapped
        ? { char: chosen, prob: classMapped ? t.prob : prob }
        : { char: mapped ?? t.ch, prob: t.prob }
  const blind = blindMass(chosen, view, slot, read, t?.alts ?? [])
  if (result.changed.includes(j)) {
    const offered = t?.alts.find((a) => a.char === chosen)
    return { out: chosen, raw, prob, reason: 'checkDigit', blind, check: checkAt(j), ...(offered ? { support: offered.prob } : {}) }
  }
  if (t === null) return { out: chosen, raw, prob, reason: 'length', blind }
  // Read as the family's passports never print it, and nothing else offered: a person should look.
  if (chosen === t.ch && slot.only !== undefined && !slotFits(chosen, slot)) return { ...tokenCell(t), blind, against: slot.prior }
  if (chosen === t.ch) return { ...tokenCell(t), blind }
  const alt = t.alts.find((a) => a.char === chosen)
  if (slot.only !== undefined && !slotFits(t.ch, slot) && alt)
    return { out: chosen, raw, prob, reason: 'prior', prior: slot.prior, support: alt.prob, blind }
  const prior = narrowedBy(t.ch, slot)
  return prior ? { out: chosen, raw, prob, reason: 'prior', prior, blind } : { out: chosen, raw, prob, reason: 'class', blind }
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

/** Repair line 2 from its tokens, against the template of the family it is read as (the general one first). */
export function repairLine2(tokens: readonly Token[], template: readonly TemplateSlot[]): Line2Repair {
  const short = MRZ_LENGTH - tokens.length
  const merged = short > MAX_LENGTH_DIFF && short <= MAX_MERGED_FILLERS && tokens.some((t) => t.ch === '<')
  if (Math.abs(short) > MAX_LENGTH_DIFF && !merged) return unaligned(tokens, 'LINE2_LENGTH')
  const paths = alignLine(tokens, template, MAX_PATHS)
  if (paths === null || paths.length === 0) return unaligned(tokens, 'LINE2_ALIGNMENT')
  const token = (i: number): Token | null => (i < 0 ? null : tokens[i])
  // The aligner leaves slots it found nothing for at the start of the filler run they were lost from.
  const beforeFiller = (slots: readonly number[], j: number): boolean => {
    const next = slots.slice(j + 1).find((i) => i >= 0)
    return next !== undefined && tokens[next].ch === '<'
  }
  const views = paths.map((p) => p.slots.map((i, j) => searchSlot(token(i), template[j], i < 0 && beforeFiller(p.slots, j))))
  const result = searchCheckDigits(views)
  const problems: Line2Problem[] = []
  if (result.status === 'ambiguous') problems.push('CHECK_AMBIGUOUS')
  if (result.status === 'unresolved') problems.push('CHECK_UNRESOLVED')
  const cells: Cell[] = []
  let next = 0
  paths[result.path].slots.forEach((i, j) => {
    for (; i >= 0 && next < i; next++) cells.push({ ...tokenCell(tokens[next]), out: '', reason: 'length' })
    if (i >= 0) next = i + 1
    const cell = decideCell(token(i), template[j], j, result, views[result.path][j])
    if (template[j].cls === 'sex' && cell.prob === 0) problems.push('SEX_UNREADABLE')
    cells.push(cell)
  })
  for (; next < tokens.length; next++) cells.push({ ...tokenCell(tokens[next]), out: '', reason: 'length' })
  return { cells, problems }
}
