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

/**
 * Greedy CTC decoding of one line of softmax output [T × C]: argmax per step, merge repeats, drop
 * blanks (index 0). `validT` excludes steps that only see batch padding.
 */
export function ctcDecode(probs: Float32Array, offset: number, T: number, C: number, dict: readonly string[], validT = T): DecodedLine {
  const chars: DecodedChar[] = []
  let prev = -1
  for (let t = 0; t < validT; t++) {
    const base = offset + t * C
    let best = 0
    let bestP = probs[base]
    for (let c = 1; c < C; c++) {
      const v = probs[base + c]
      if (v > bestP) {
        bestP = v
        best = c
      }
    }
    if (best !== 0 && best !== prev) {
      chars.push({ char: dict[best] ?? '', prob: bestP, pos: (t + 0.5) / validT, alts: topAlternatives(probs, base, C, dict, best) })
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

function topAlternatives(probs: Float32Array, base: number, C: number, dict: readonly string[], skip: number): { char: string; prob: number }[] {
  const top: { char: string; prob: number }[] = []
  for (let c = 1; c < C; c++) {
    if (c === skip) continue
    const v = probs[base + c]
    if (top.length < ALTS || v > top[top.length - 1].prob) {
      top.push({ char: dict[c] ?? '', prob: v })
      top.sort((a, b) => b.prob - a.prob)
      if (top.length > ALTS) top.pop()
    }
  }
  return top
}
