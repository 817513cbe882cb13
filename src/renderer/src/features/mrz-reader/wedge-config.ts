/** How a keyboard-wedge MRZ reader is told from a person typing. */
export const wedgeConfig = {
  /**
   * Longest pause between two keys of one burst. Readers type a character every 2–30 ms; people rarely type two
   * keys in a row this fast, and when they do those keys reach the field this much later, in order.
   */
  maxGapMs: 60,
  /**
   * Once a burst has gone on at a reader's pace (this many characters, this fast on average), a longer pause is
   * allowed inside it: a reader between its lines, or a busy machine delivering the keys late.
   */
  readerChars: 10,
  readerPaceMs: 30,
  readerGapMs: 400,
  /** Characters before an Enter for the burst to be a reader's read: no one types 25 keys this fast (a TD1 line is 30). */
  minBurstChars: 25
} as const
