/** Aligning an OCR'd MRZ line 2 of the wrong length to the fixed TD3 structure (dynamic programming). */

import type { Token } from './correct-chars'
import type { TemplateSlot } from './template'
import { slotFits, toSlot } from './template'

/** Token index for each slot (-1: no token, a character OCR dropped), and the tokens left over as extras. */
export interface Alignment {
  slots: number[]
  skipped: number[]
}

// Integer costs, so that co-optimal alignments compare exactly. A substitution must stay cheaper than an extra
// plus a missing character, or the aligner would shift text around a misread glyph.
const COST = { exact: 0, lookalike: 2, candidate: 3, substitute: 6, indel: 5, extraFiller: 4, fillerOut: 11, likelyLoss: 3 }

/**
 * Dropping a character read: a filler costs less than anything else, since a recogniser miscounts runs of '<'
 * far more often than it invents a letter (a letter skipped to make room would be a letter lost).
 */
const skipCost = (t: Token): number => (t.ch === '<' ? COST.extraFiller : COST.indel)

/**
 * Leaving a slot with nothing read: cheaper than a character lost anywhere else where a recogniser loses most,
 * a filler merged into the run after it (it reads '<<<<<<<<' as '<<<<<') or a character off the line's end (its
 * last, at the crop's edge: `next` undefined). Still dearer than the substitution an extra plus a missing
 * character would otherwise undercut.
 */
const emptyCost = (next: Token | undefined, slot: TemplateSlot): number =>
  next === undefined || (next.ch === '<' && slotFits('<', slot)) ? COST.likelyLoss : COST.indel

/** How well a token fills a slot: itself, a look-alike, one of its top-k candidates, or not at all. */
function matchCost(t: Token, slot: TemplateSlot): number {
  if (slotFits(t.ch, slot)) return COST.exact
  if (toSlot(t.ch, slot) !== null) return COST.lookalike
  if (t.alts.some((a) => toSlot(a.char, slot) !== null)) return COST.candidate
  // A filler is no misread digit: where the slot cannot hold one, it is an extra character and a filler was lost
  // elsewhere (a recogniser merges runs of '<'), which costs an extra and a missing character.
  return t.ch === '<' ? COST.fillerOut : COST.substitute
}

/**
 * Every minimum-cost alignment of `tokens` to `template`, or null when there are more than `maxPaths` (the text
 * is then too far off to say where characters went missing).
 */
export function alignLine(tokens: readonly Token[], template: readonly TemplateSlot[], maxPaths: number): Alignment[] | null {
  const n = tokens.length
  const m = template.length
  // cost[i][j]: best cost of placing the first i tokens into the first j slots.
  const cost = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(Infinity))
  cost[0][0] = 0
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i > 0 && j > 0) cost[i][j] = Math.min(cost[i][j], cost[i - 1][j - 1] + matchCost(tokens[i - 1], template[j - 1]))
      if (i > 0) cost[i][j] = Math.min(cost[i][j], cost[i - 1][j] + skipCost(tokens[i - 1]))
      if (j > 0) cost[i][j] = Math.min(cost[i][j], cost[i][j - 1] + emptyCost(tokens[i], template[j - 1]))
    }
  }
  // Dropping any of a run of like tokens gives the same line: only the run's last ones are dropped, so that a
  // recounted run of fifteen fillers is one alignment, not fifteen (which would bury the real alternatives under
  // the cap). Like means alike to every cost above: the same character and the same runner-ups. Walking back
  // from the end, a token may be dropped if the like one after it is not there or was dropped too (`dropped`).
  const alike = (a: Token, b: Token): boolean => a.ch === b.ch && a.alts.map((x) => x.char).join() === b.alts.map((x) => x.char).join()
  const sameAsNext = (i: number): boolean => i + 1 < n && alike(tokens[i], tokens[i + 1])
  type Move = [number, number, 'match' | 'skip' | 'empty']
  const moves = (i: number, j: number, dropped: boolean): Move[] => {
    const out: Move[] = []
    if (i > 0 && j > 0 && cost[i - 1][j - 1] + matchCost(tokens[i - 1], template[j - 1]) === cost[i][j]) {
      out.push([i - 1, j - 1, 'match'])
    }
    if (i > 0 && cost[i - 1][j] + skipCost(tokens[i - 1]) === cost[i][j] && (dropped || !sameAsNext(i - 1))) out.push([i - 1, j, 'skip'])
    // Slots left empty beside a run of fillers give the same line wherever in the run they fall: they are put
    // only at its start, so that fillers merged by the dozen are one alignment, not hundreds.
    const fillerFitsHere = out.length > 0 && out[0][2] === 'match' && tokens[i - 1].ch === '<' && slotFits('<', template[j - 1])
    if (j > 0 && !fillerFitsHere && cost[i][j - 1] + emptyCost(tokens[i], template[j - 1]) === cost[i][j]) out.push([i, j - 1, 'empty'])
    return out
  }
  // A slot left empty consumes no token: the next token's fate carries over it.
  const stillDropped = (kind: Move[2], dropped: boolean): boolean => kind === 'skip' || (kind === 'empty' && dropped)
  // Count optimal paths first (capped) so that a hopeless line does not enumerate thousands of them.
  const counts = new Map<number, number>()
  const count = (i: number, j: number, dropped: boolean): number => {
    if (i === 0 && j === 0) return 1
    const key = (i * (m + 1) + j) * 2 + (dropped ? 1 : 0)
    const known = counts.get(key)
    if (known !== undefined) return known
    const c = Math.min(
      maxPaths + 1,
      moves(i, j, dropped).reduce((s, [pi, pj, kind]) => s + count(pi, pj, stillDropped(kind, dropped)), 0)
    )
    counts.set(key, c)
    return c
  }
  if (count(n, m, false) > maxPaths) return null
  const paths: Alignment[] = []
  const walk = (i: number, j: number, slots: number[], skipped: number[], dropped: boolean): void => {
    if (i === 0 && j === 0) {
      paths.push({ slots: [...slots], skipped: [...skipped].sort((a, b) => a - b) })
      return
    }
    for (const [pi, pj, kind] of moves(i, j, dropped)) {
      if (kind === 'match') slots[pj] = pi
      if (kind === 'empty') slots[pj] = -1
      if (kind === 'skip') skipped.push(pi)
      walk(pi, pj, slots, skipped, stillDropped(kind, dropped))
      if (kind === 'skip') skipped.pop()
    }
  }
  walk(n, m, new Array<number>(m).fill(-1), [], false)
  return paths
}
