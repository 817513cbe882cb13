/** Check-digit repair of line 2: the smallest set of plausible substitutions that makes every check digit hold. */

import { checkDigitHolds, compositeSource, isMrzDate } from '../../../shared/domain/mrz'
import type { CheckName } from './correct-cells'
import type { CharCandidate } from './correct-chars'

/** One slot as the search sees it: what we read (null: unreadable or missing) and what else it could be. */
export interface SearchSlot {
  primary: CharCandidate | null
  /** Some evidence that the reading may be wrong: another class's glyph, nothing legible, or ranked runner-ups. */
  suspect: boolean
  /** Alternatives that fit the slot, excluding `primary`, with their probabilities. */
  options: CharCandidate[]
}

/** How the search ended: nothing to do, one clear repair, several equally good ones, or none at all. */
export type SearchStatus = 'unchanged' | 'corrected' | 'ambiguous' | 'unresolved'

/** The outcome; on 'ambiguous' / 'unresolved' `chosen` holds what was read, left for a person to judge. */
export interface SearchResult {
  status: SearchStatus
  /** Index of the alignment the result belongs to. */
  path: number
  /** Per slot the character kept or substituted; null where nothing was read. */
  chosen: (CharCandidate | null)[]
  /** Slots the search changed. */
  changed: number[]
}

/** A check digit and the characters it protects. */
interface Group {
  check: CheckName
  positions: number[]
  holds: (s: string) => boolean
}

const span = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, k) => from + k)

/** A document number's fillers only trail it (ICAO 9303-4 §4.2.2): 'E12<45678' holds its check by '<' = 0 alone. */
const NUMBER_SHAPE = /^[A-Z0-9]+<*$/

// Each check digit with the characters it protects (TD3_LINE2); dates must also be real dates.
const GROUPS: Group[] = [
  {
    check: 'passportNumber',
    positions: span(0, 10),
    holds: (s) => NUMBER_SHAPE.test(s.slice(0, 9)) && checkDigitHolds(s.slice(0, 9), s[9])
  },
  { check: 'birthDate', positions: span(13, 20), holds: (s) => checkDigitHolds(s.slice(0, 6), s[6]) && isMrzDate(s.slice(0, 6)) },
  { check: 'expiryDate', positions: span(21, 28), holds: (s) => checkDigitHolds(s.slice(0, 6), s[6]) && isMrzDate(s.slice(0, 6)) },
  { check: 'personalNumber', positions: span(28, 43), holds: (s) => checkDigitHolds(s.slice(0, 14), s[14], true) },
  // The composite digit is searched like a field, but verified against the whole line.
  { check: 'composite', positions: [43], holds: (s) => /^\d$/.test(s) }
]

/** The check digit that vouches for a change at line 2's position `p` (none for nationality and sex). */
export function checkAt(p: number): CheckName | undefined {
  return GROUPS.find((g) => g.positions.includes(p))?.check
}

// Past this many combinations the candidates are too many for any one of them to be trusted.
const MAX_COMBINATIONS = 200_000
// A repair is accepted only if it is this many times likelier than the runner-up.
const DOMINANCE = 3

interface Variant {
  changes: [number, CharCandidate][]
  score: number
}

/**
 * Every way of changing at most `max` slots of a group (always including unread ones) that makes it hold. Only
 * suspect slots (see SearchSlot) change, and only to what their reading offered: a check digit is no licence to
 * try characters nobody read.
 */
function groupVariants(slots: readonly SearchSlot[], group: Group, max: number): Variant[] {
  const unread = group.positions.filter((p) => slots[p].primary === null)
  if (unread.length > max) return []
  const variants: Variant[] = []
  const chars = new Map(group.positions.map((p) => [p, slots[p].primary?.char ?? '?']))
  const test = (): boolean => group.holds(group.positions.map((p) => chars.get(p)).join(''))
  const visit = (from: number, changes: [number, CharCandidate][], score: number): void => {
    if (unread.every((p) => changes.some(([q]) => q === p)) && test()) variants.push({ changes: [...changes], score })
    if (changes.length === max) return
    for (let k = from; k < group.positions.length; k++) {
      const p = group.positions[k]
      const { primary, suspect, options } = slots[p]
      for (const option of suspect ? options : []) {
        chars.set(p, option.char)
        changes.push([p, option])
        visit(k + 1, changes, (score * option.prob) / (primary?.prob ?? 1))
        changes.pop()
      }
      chars.set(p, primary?.char ?? '?')
      // An unread slot left unfilled here could never be filled later in this branch.
      if (primary === null) return
    }
  }
  visit(0, [], 1)
  return variants
}

/** Does the group hold as read? */
const holdsAsRead = (slots: readonly SearchSlot[], g: Group): boolean =>
  g.positions.every((p) => slots[p].primary !== null) && g.holds(g.positions.map((p) => slots[p].primary?.char).join(''))

interface Solution {
  path: number
  line: string
  variants: Variant[]
  score: number
}

/** Full-line solutions of one alignment where each failing group may change up to `level` slots. */
function solve(slots: readonly SearchSlot[], path: number, level: number): Solution[] | 'too-many' {
  const lists = GROUPS.map((g, i) => {
    // A field whose check holds is taken as read; only the composite digit itself may still be misread.
    const max = holdsAsRead(slots, g) && i !== GROUPS.length - 1 ? 0 : level
    return groupVariants(slots, g, max)
  })
  const total = lists.reduce((t, l) => t * l.length, 1)
  if (total > MAX_COMBINATIONS) return 'too-many'
  const solutions: Solution[] = []
  const base = slots.map((s) => s.primary?.char ?? '?')
  const combine = (k: number, picked: Variant[]): void => {
    if (k === lists.length) {
      const line = [...base]
      for (const v of picked) for (const [p, c] of v.changes) line[p] = c.char
      const text = line.join('')
      if (checkDigitHolds(compositeSource(text), text[43])) {
        solutions.push({ path, line: text, variants: [...picked], score: picked.reduce((s, v) => s * v.score, 1) })
      }
      return
    }
    for (const v of lists[k]) combine(k + 1, [...picked, v])
  }
  combine(0, [])
  return solutions
}

/** What was read, unchanged: the answer when the search cannot stand behind a repair. */
const asRead = (paths: readonly SearchSlot[][], status: SearchStatus): SearchResult => ({
  status,
  path: 0,
  chosen: paths[0].map((s) => s.primary),
  changed: []
})

/** Distinct full lines over all alignments, each with its best score; 'too-many' when past counting. */
function collect(paths: readonly SearchSlot[][], level: number): Map<string, Solution> | 'too-many' {
  const found = new Map<string, Solution>()
  for (const [i, slots] of paths.entries()) {
    const solutions = solve(slots, i, level)
    if (solutions === 'too-many') return 'too-many'
    for (const s of solutions) if ((found.get(s.line)?.score ?? -1) < s.score) found.set(s.line, s)
  }
  return found
}

/** The likeliest solution if it clearly beats the next; otherwise the line stays as read. */
function decide(paths: readonly SearchSlot[][], found: Map<string, Solution>): SearchResult {
  const [best, second] = [...found.values()].sort((a, b) => b.score - a.score)
  if (second && best.score < DOMINANCE * second.score) return asRead(paths, 'ambiguous')
  const chosen = paths[best.path].map((s) => s.primary)
  const changed: number[] = []
  for (const [p, c] of best.variants.flatMap((v) => v.changes)) {
    chosen[p] = c
    changed.push(p)
  }
  return { status: changed.length === 0 ? 'unchanged' : 'corrected', path: best.path, chosen, changed }
}

/**
 * Repair line 2 so that every check digit holds. The line as read wins if it holds; otherwise repairs compete on
 * probability across all alignments, one changed character per failing check digit (a check digit guards one
 * substitution: with two, almost any reading can be made to hold). A repair wins only if clearly the likeliest.
 */
export function searchCheckDigits(paths: readonly SearchSlot[][]): SearchResult {
  const exact = collect(paths, 0)
  if (exact !== 'too-many' && exact.size > 0) return decide(paths, exact)
  const found = collect(paths, 1)
  if (found === 'too-many') return asRead(paths, 'ambiguous')
  return found.size === 0 ? asRead(paths, 'unresolved') : decide(paths, found)
}
