/** One decoded character: what, how sure, and where along the line (0..1 of the crop's width). */
export interface DecodedChar {
  char: string
  prob: number
  /** Centre of the character along the line, as a share of the crop width. */
  pos: number
  /** Runner-up characters at that step, best first (for check-digit guided correction). */
  alts: { char: string; prob: number }[]
}

/**
 * A character the recogniser saw where it wrote nothing: the likeliest one at steps the blank won, surer than
 * noise. A character it cannot write (譚, outside its dictionary) often leaves its nearest writable form there
 * (谭 at 0.08 to 0.24).
 */
export interface HiddenChar extends DecodedChar {
  /** How many written characters come before it. */
  at: number
}

/** A recognised line. */
export interface DecodedLine {
  text: string
  /** Mean probability of the kept characters (0..1); 0 for an empty line. */
  prob: number
  chars: DecodedChar[]
  /** Characters seen but not written, in line order (absent where the line was not decoded from steps). */
  hidden?: HiddenChar[]
}

const ALTS = 3
/** Less than this at a blank's step is noise (a written character's own tail is never counted). */
const HIDDEN_MIN = 0.02
/** Classes the recogniser's graph keeps per step: the best, the blank and the alternatives, whichever way they rank. */
export const TOP_K = ALTS + 2

/** The recogniser's output: the `TOP_K` likeliest classes of every time step, best first. */
export interface TopSteps {
  values: Float32Array
  indices: Int32Array
}

/**
 * Greedy CTC decoding of one line from its steps' top classes: the best per step, repeats merged, blanks
 * (index 0) dropped. `step` is the line's first step in `top`; `validT` leaves out steps that only see batch
 * padding.
 */
export function ctcDecode(top: TopSteps, step: number, dict: readonly string[], validT: number): DecodedLine {
  const chars: DecodedChar[] = []
  const hidden: HiddenChar[] = []
  let seen: HiddenChar | null = null
  // A run of blank steps ends at a written character: what was seen there is kept unless it is either neighbour.
  const endRun = (next: string | null): void => {
    if (seen && seen.prob >= HIDDEN_MIN && seen.char !== chars[seen.at - 1]?.char && seen.char !== next) hidden.push(seen)
    seen = null
  }
  let prev = -1
  for (let t = 0; t < validT; t++) {
    const base = (step + t) * TOP_K
    const best = top.indices[base]
    const bestP = top.values[base]
    if (best === 0) {
      const k = Array.from({ length: TOP_K - 1 }, (_, j) => j + 1).find((j) => top.indices[base + j] !== 0)
      if (k !== undefined && (!seen || top.values[base + k] > seen.prob)) {
        const c = top.indices[base + k]
        seen = { char: dict[c] ?? '', prob: top.values[base + k], pos: (t + 0.5) / validT, alts: alternatives(top, base, dict, c), at: chars.length }
      }
    } else if (best !== prev) endRun(dict[best] ?? '')
    if (best !== 0 && best !== prev) {
      chars.push({ char: dict[best] ?? '', prob: bestP, pos: (t + 0.5) / validT, alts: alternatives(top, base, dict, best) })
    } else if (best !== 0 && best === prev) {
      // A repeated step of the same character: keep its best probability.
      const last = chars[chars.length - 1]
      if (bestP > last.prob) last.prob = bestP
    }
    prev = best
  }
  endRun(null)
  const prob = chars.length ? chars.reduce((s, c) => s + c.prob, 0) / chars.length : 0
  return { text: chars.map((c) => c.char).join(''), prob, chars, hidden }
}

function alternatives(top: TopSteps, base: number, dict: readonly string[], skip: number): { char: string; prob: number }[] {
  const out: { char: string; prob: number }[] = []
  for (let i = base; i < base + TOP_K && out.length < ALTS; i++) {
    const c = top.indices[i]
    if (c !== 0 && c !== skip) out.push({ char: dict[c] ?? '', prob: top.values[i] })
  }
  return out
}
