/** One decoded character: what, how sure, and where along the line (0..1 of the crop's width). */
export interface DecodedChar {
  char: string
  prob: number
  /** Centre of the character along the line, as a share of the crop width. */
  pos: number
  /** Runner-up characters at that step, best first (for check-digit guided correction). */
  alts: { char: string; prob: number }[]
}

/** A recognised line. */
export interface DecodedLine {
  text: string
  /** Mean probability of the kept characters (0..1); 0 for an empty line. */
  prob: number
  chars: DecodedChar[]
}

const ALTS = 3
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
  let prev = -1
  for (let t = 0; t < validT; t++) {
    const base = (step + t) * TOP_K
    const best = top.indices[base]
    const bestP = top.values[base]
    if (best !== 0 && best !== prev) {
      chars.push({ char: dict[best] ?? '', prob: bestP, pos: (t + 0.5) / validT, alts: alternatives(top, base, dict, best) })
    } else if (best !== 0 && best === prev) {
      // A repeated step of the same character: keep its best probability.
      const last = chars[chars.length - 1]
      if (bestP > last.prob) last.prob = bestP
    }
    prev = best
  }
  const prob = chars.length ? chars.reduce((s, c) => s + c.prob, 0) / chars.length : 0
  return { text: chars.map((c) => c.char).join(''), prob, chars }
}

function alternatives(top: TopSteps, base: number, dict: readonly string[], skip: number): { char: string; prob: number }[] {
  const out: { char: string; prob: number }[] = []
  for (let i = base; i < base + TOP_K && out.length < ALTS; i++) {
    const c = top.indices[i]
    if (c !== 0 && c !== skip) out.push({ char: dict[c] ?? '', prob: top.values[i] })
  }
  return out
}
