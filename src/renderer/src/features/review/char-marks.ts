/** A run of a value's characters, all sure or all unsure. */
export interface CharRun {
  text: string
  /** The engine's confidence in each character of the run was below the bar. */
  unsure: boolean
  /** Index of the run's first character (code point) in the value. */
  start: number
}

/** Below this a character is marked, as a field below it is flagged. */
export const CHAR_SURE = 90

/**
 * The value cut into sure and unsure runs by the engine's per-character confidence (one entry per code point);
 * null when the confidences do not describe this value (unknown, or the value is no longer the engine's reading).
 */
export function charRuns(value: string, confidence: readonly number[] | undefined): CharRun[] | null {
  const chars = [...value]
  if (!confidence || confidence.length !== chars.length || chars.length === 0) return null
  const runs: CharRun[] = []
  chars.forEach((c, i) => {
    const unsure = confidence[i] < CHAR_SURE
    const last = runs.at(-1)
    if (last && last.unsure === unsure) last.text += c
    else runs.push({ text: c, unsure, start: i })
  })
  return runs
}
