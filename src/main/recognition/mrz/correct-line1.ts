/**
 * Line 1 of a TD3 MRZ: P, the document type, the issuing state, SURNAME<<GIVEN<NAMES, '<' fill to 44. No check
 * digit guards it: only its format, the list of state codes and a family's rules (pinyin names) can.
 */

import type { Cell } from './correct-cells'
import { tokenCell } from './correct-cells'
import type { Token } from './correct-chars'
import { isStateCode } from '../../../shared/domain/mrz-states'
import type { TemplateSlot } from './template'
import { narrowedBy, toSlot } from './template'

const PREFIX_LENGTH = 5
const NAME_LENGTH = 39
// A '<' inserted into the name separator or the prefix is a well-founded guess, not a reading.
const GUESS_PROB = 0.6

/** What a family knows of line 1 beyond ICAO's format. */
export interface Line1Prior {
  /**
   * The rule that names are pinyin: a surname and given names always (so a name without '<<' lost its
   * separator), and a 'K' alone in the fillers is a misread '<' (no syllable ends in K, no name is a lone K).
   */
  pinyin?: string
}

/** Line 1 rebuilt to 44 characters, one cell per output or dropped character, and what could not be repaired. */
export interface Line1Repair {
  cells: Cell[]
  /** Characters of surname<<given names, fill excluded. */
  nameLength: number
  problems: ('LINE1_PREFIX' | 'LINE1_LENGTH' | 'NAME_SEPARATOR' | 'UNKNOWN_STATE')[]
}

/** A token put into a slot: as read, or as the look-alike the slot can hold, with the reason. */
function slotCell(t: Token, slot: TemplateSlot): Cell {
  const ch = toSlot(t.ch, slot)
  if (ch === null) return { out: t.ch, raw: t.raw, prob: 0, reason: null }
  if (ch === t.ch) return tokenCell(t)
  const prior = narrowedBy(t.ch, slot)
  return { out: ch, raw: t.raw, prob: t.prob * 0.9, reason: prior ? 'prior' : 'class', ...(prior ? { prior } : {}) }
}

/**
 * The first five cells. Read as they come when they end in a known state code; otherwise a character lost from
 * the start ('PUTO' for 'P<UTO', 'D<' for 'D<<', a P cut off) or one character too many is put right, but only
 * when exactly one such change gives a known code.
 */
function prefixCells(tokens: readonly Token[], template: readonly TemplateSlot[]): { cells: Cell[]; used: number; known: boolean } {
  // Each arrangement puts tokens (or a lost character, null) in the five slots, then maps them into the slots.
  const place = (arranged: readonly (Token | null)[]): Cell[] =>
    arranged.map((t, i) => (t ? slotCell(t, template[i]) : lostCell(template[i], i)))
  const state = (cells: readonly Cell[]): string =>
    cells
      .slice(2, 5)
      .map((c) => c.out)
      .join('')
  const direct = place(tokens.slice(0, PREFIX_LENGTH))
  if (isStateCode(state(direct))) return { cells: direct, used: PREFIX_LENGTH, known: true }
  const options: { cells: Cell[]; used: number }[] = []
  const short = tokens.slice(0, PREFIX_LENGTH - 1)
  // A P lost off the start only where what starts the reading is no P.
  const from = short[0] && slotCell(short[0], template[0]).out === 'P' ? 1 : 0
  for (let at = from; at < PREFIX_LENGTH && short.length === PREFIX_LENGTH - 1; at++) {
    const cells = place([...short.slice(0, at), null, ...short.slice(at)])
    if (isStateCode(state(cells))) options.push({ cells, used: PREFIX_LENGTH - 1 })
  }
  const long = tokens.slice(0, PREFIX_LENGTH + 1)
  for (let drop = 1; drop <= PREFIX_LENGTH && long.length > PREFIX_LENGTH; drop++) {
    const kept = place(long.filter((_, i) => i !== drop))
    const dropped: Cell = { out: '', raw: long[drop].raw, prob: 0, reason: 'length' }
    if (isStateCode(state(kept))) options.push({ cells: [...kept.slice(0, drop), dropped, ...kept.slice(drop)], used: PREFIX_LENGTH + 1 })
  }
  // A TD3 line 1 begins with P: an arrangement that leaves something else there is no repair.
  const repairs = options.filter((o) => o.cells[0].out === 'P')
  const distinct = new Set(repairs.map((o) => o.cells.map((c) => c.out).join('')))
  if (distinct.size === 1) return { ...repairs[0], known: true }
  return { cells: direct, used: PREFIX_LENGTH, known: false }
}

/** A prefix character nothing was read for: the one the slot allows (P, or PO's O), else a filler. */
function lostCell(slot: TemplateSlot, at: number): Cell {
  const only = slot.only
  if (only?.length === 1)
    return at === 0
      ? { out: only, raw: '', prob: GUESS_PROB, reason: 'length' }
      : { out: only, raw: '', prob: GUESS_PROB, reason: 'prior', prior: slot.prior }
  return { out: '<', raw: '', prob: GUESS_PROB, reason: 'length' }
}

/** Name-zone cells: digits read as letters, noise dropped, and, under a family that says so, a lone K made '<'. */
function nameCells(tokens: readonly Token[], template: readonly TemplateSlot[], prior: Line1Prior): Cell[] {
  const cells = tokens.map((t, i): Cell => {
    const slot = template[Math.min(PREFIX_LENGTH + i, template.length - 1)]
    const ch = toSlot(t.ch, slot)
    if (ch === null) return { out: '', raw: t.raw, prob: t.prob, reason: 'length' }
    return slotCell(t, slot)
  })
  const rule = prior.pinyin
  if (!rule) return cells
  const kept = cells.filter((c) => c.out !== '')
  for (let i = kept.length - 1; i >= 0 && (kept[i].out === '<' || kept[i].out === 'K'); i--) {
    if (kept[i].out === 'K') Object.assign(kept[i], { out: '<', reason: 'prior', prior: rule })
  }
  kept.forEach((c, i) => {
    if (c.out === 'K' && kept[i - 1]?.out === '<' && kept[i + 1]?.out === '<') Object.assign(c, { out: '<', reason: 'prior', prior: rule })
  })
  return cells
}

/**
 * After the surname, its '<<' and the given names, a second '<<' ends the name (ICAO 9303-4 §4.2.2: the rest
 * of the zone is filler): nothing but fillers and the K a filler is misread as may follow, and those Ks are
 * fillers. Anything else after a mere '<<' is left for the separator check to report (a stray '<' inside a
 * name); after three fillers it is fill.
 */
function endName(cells: Cell[]): Cell[] {
  const live = cells.filter((c) => c.out !== '')
  const text = live.map((c) => c.out).join('')
  const end = /^[A-Z]+(?:<[A-Z]+)*<<[A-Z]+(?:<[A-Z]+)*<</.exec(text)
  // Three fillers in a row can be no misread separator: whatever follows them is fill, read as letters (glare).
  const run = /^[A-Z]+(?:<[A-Z]+)*<<[A-Z]+(?:<[A-Z]+)*<<</.exec(text)
  const tail = end ? live.slice(end[0].length) : []
  if (!run && tail.some((c) => c.out !== '<' && c.out !== 'K')) return cells
  for (const c of tail) if (c.out !== '<') Object.assign(c, { out: '<', reason: 'filler', prob: GUESS_PROB })
  return cells
}

/**
 * A name read without its '<<' where a K stands beside a lone '<' (CHEONGK<WENG for CHEONG<<WENG): the K is the
 * separator's other filler, when exactly one such K makes one separator.
 */
function separatorFromK(content: Cell[]): void {
  const live = content.filter((c) => c.out !== '')
  const text = live.map((c) => c.out).join('')
  if (text.includes('<<')) return
  const at = [...text.matchAll(/K(?=<)|(?<=<)K/g)].map((m) => m.index ?? 0)
  if (at.length === 1) Object.assign(live[at[0]], { out: '<', reason: 'filler', prob: GUESS_PROB })
}

/**
 * Give the name exactly one '<<' between surname and given names when the reading makes that unambiguous:
 * a lone '<' (one dropped) is doubled, a lone '<<<' (one extra) is trimmed.
 */
function fixSeparator(content: Cell[], givenNamesAlways: boolean): boolean {
  const live = content.filter((c) => c.out !== '')
  const runs = [
    ...live
      .map((c) => c.out)
      .join('')
      .matchAll(/<+/g)
  ].map((m) => ({ at: m.index ?? 0, len: m[0].length }))
  const long = runs.filter((r) => r.len >= 2)
  if (long.length === 1) {
    for (let i = long[0].at + 2; i < long[0].at + long[0].len; i++) Object.assign(live[i], { out: '', reason: 'length' })
    return true
  }
  // A name that fills the whole zone was truncated (ICAO 9303-4 §4.2.2): its separator may be cut off with it.
  if (long.length === 0 && live.length >= NAME_LENGTH) return true
  if (long.length === 0 && runs.length === 1) {
    content.splice(content.indexOf(live[runs[0].at]) + 1, 0, { out: '<', raw: '', prob: GUESS_PROB, reason: 'length' })
    return true
  }
  // A name of one part only (no given names) is its own whole, the trailing fill its separator: unless the
  // family's names always have given names.
  return !givenNamesAlways && runs.length === 0 && live.length > 0
}

/** Repair line 1 from its tokens, against the template of the family it is read as (the general one first). */
export function repairLine1(tokens: readonly Token[], template: readonly TemplateSlot[], prior: Line1Prior = {}): Line1Repair {
  const problems: Line1Repair['problems'] = []
  const prefix = prefixCells(tokens, template)
  if (prefix.cells[0]?.out !== 'P') problems.push('LINE1_PREFIX')
  if (!prefix.known) problems.push('UNKNOWN_STATE')
  const name = endName(nameCells(tokens.slice(prefix.used), template, prior))
  // Content runs to the last letter; everything after it is fill, re-made to the exact length.
  const lastLetter = name.findLastIndex((c) => c.out !== '' && c.out !== '<')
  const content = name.slice(0, lastLetter + 1)
  const readFill = name.slice(lastLetter + 1)
  separatorFromK(content)
  if (!fixSeparator(content, prior.pinyin !== undefined)) problems.push('NAME_SEPARATOR')
  let length = content.reduce((n, c) => n + c.out.length, 0)
  if (length > NAME_LENGTH) {
    problems.push('LINE1_LENGTH')
    for (const c of [...content].reverse()) {
      if (length <= NAME_LENGTH) break
      if (c.out !== '') {
        Object.assign(c, { out: '', reason: 'length' })
        length--
      }
    }
  }
  const fill: Cell[] = []
  for (const c of readFill) {
    const keep = c.out === '<' && length + fill.filter((f) => f.out !== '').length < NAME_LENGTH
    fill.push(keep ? c : { ...c, out: '', reason: 'length' })
  }
  while (length + fill.filter((f) => f.out !== '').length < NAME_LENGTH) {
    fill.push({ out: '<', raw: '', prob: 1, reason: 'length' })
  }
  // Fewer than five prefix cells read: pad them so the line keeps its 44 characters.
  const head = [...prefix.cells]
  while (head.filter((c) => c.out !== '').length < PREFIX_LENGTH) head.push({ out: '<', raw: '', prob: 0, reason: 'length' })
  return { cells: [...head, ...content, ...fill], nameLength: length, problems }
}
