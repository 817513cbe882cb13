/** Line 1 of a Chinese passport's MRZ: 'POCHN', SURNAME<<GIVENNAMES, '<' fill to 44. No check digit guards it. */

import { distance as levenshtein } from 'fastest-levenshtein'
import type { Cell } from './correct-cells'
import { tokenCell } from './correct-cells'
import type { Token } from './correct-chars'
import { toClass } from './correct-chars'

const PREFIX = 'POCHN'
const NAME_LENGTH = 39
// More edits than this and the first characters are not our prefix misread: report rather than overwrite.
const MAX_PREFIX_EDITS = 2
// A forced prefix character, or a '<' inserted into the name separator, is a well-founded guess, not a reading.
const GUESS_PROB = 0.6

/** Line 1 rebuilt to 44 characters, one cell per output or dropped character, and what could not be repaired. */
export interface Line1Repair {
  cells: Cell[]
  /** Characters of surname<<given names, fill excluded. */
  nameLength: number
  problems: ('LINE1_PREFIX' | 'LINE1_LENGTH' | 'NAME_SEPARATOR')[]
}

/** How many tokens the prefix took (an extra or lost character shifts it), and how far off they were. */
function prefixLength(tokens: readonly Token[]): { k: number; edits: number } {
  const asLetters = tokens.map((t) => toClass(t.ch, 'alpha') ?? t.ch).join('')
  let best = { k: PREFIX.length, edits: levenshtein(asLetters.slice(0, PREFIX.length), PREFIX) }
  for (let k = PREFIX.length - MAX_PREFIX_EDITS; k <= PREFIX.length + MAX_PREFIX_EDITS; k++) {
    const edits = levenshtein(asLetters.slice(0, k), PREFIX)
    if (k <= tokens.length && edits < best.edits) best = { k, edits }
  }
  return best
}

function prefixCells(tokens: readonly Token[], k: number): Cell[] {
  if (k !== PREFIX.length) {
    const raw = tokens
      .slice(0, k)
      .map((t) => t.raw)
      .join('')
    return [{ out: PREFIX, raw, prob: GUESS_PROB, reason: 'template' }]
  }
  return [...PREFIX].map((expected, i) => {
    const t = tokens[i]
    if (t === undefined) return { out: expected, raw: '', prob: GUESS_PROB, reason: 'length' }
    if (t.ch === expected) return tokenCell(t)
    const lookalike = toClass(t.ch, 'alpha') === expected
    return { out: expected, raw: t.raw, prob: lookalike ? t.prob : GUESS_PROB, reason: lookalike ? 'class' : 'template' }
  })
}

/** Name-zone cells: digits read as letters, noise dropped, and 'K' read for '<' turned back where no name can be. */
function nameCells(tokens: readonly Token[]): Cell[] {
  const cells = tokens.map((t): Cell => {
    const ch = toClass(t.ch, 'alphaFill')
    if (ch === null) return { out: '', raw: t.raw, prob: t.prob, reason: 'length' }
    return ch === t.ch ? tokenCell(t) : { out: ch, raw: t.raw, prob: t.prob, reason: 'class' }
  })
  const kept = cells.filter((c) => c.out !== '')
  // Pinyin has no syllable ending in K and no one-letter K word, so a K in the trailing fill or alone between
  // fillers is a misread '<'.
  for (let i = kept.length - 1; i >= 0 && (kept[i].out === '<' || kept[i].out === 'K'); i--) {
    if (kept[i].out === 'K') Object.assign(kept[i], { out: '<', reason: 'filler' })
  }
  kept.forEach((c, i) => {
    if (c.out === 'K' && kept[i - 1]?.out === '<' && kept[i + 1]?.out === '<') Object.assign(c, { out: '<', reason: 'filler' })
  })
  return cells
}

/**
 * Give the name exactly one '<<' between surname and given names when the reading makes that unambiguous:
 * a lone '<' (one dropped) is doubled, a lone '<<<' (one extra) is trimmed.
 */
function fixSeparator(content: Cell[]): boolean {
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
  if (long.length === 0 && runs.length === 1) {
    content.splice(content.indexOf(live[runs[0].at]) + 1, 0, { out: '<', raw: '', prob: GUESS_PROB, reason: 'length' })
    return true
  }
  return false
}

/** Repair line 1 from its tokens. */
export function repairLine1(tokens: readonly Token[]): Line1Repair {
  const problems: Line1Repair['problems'] = []
  const { k, edits } = prefixLength(tokens)
  if (edits > MAX_PREFIX_EDITS) problems.push('LINE1_PREFIX')
  const prefix = prefixCells(tokens, k)
  const name = nameCells(tokens.slice(k))
  // Content runs to the last letter; everything after it is fill, re-made to the exact length.
  const lastLetter = name.findLastIndex((c) => c.out !== '' && c.out !== '<')
  const content = name.slice(0, lastLetter + 1)
  const readFill = name.slice(lastLetter + 1)
  if (!fixSeparator(content)) problems.push('NAME_SEPARATOR')
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
  return { cells: [...prefix, ...content, ...fill], nameLength: length, problems }
}
