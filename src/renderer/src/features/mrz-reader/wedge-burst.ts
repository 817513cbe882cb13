/**
 * Telling a keyboard-wedge MRZ reader from a person: the reader types each MRZ line and Enter faster than anyone
 * types. Keys are held while they come at a reader's pace; a burst of enough characters with an Enter in it is a
 * read, anything else is handed back in order to where it was typed. Pure: the DOM side is use-mrz-wedge.ts.
 */

/** A key held back, with where it was typed. */
export interface HeldKey<T> {
  char: string
  target: T
}

/** What to do with held keys once the burst is over. */
export interface WedgeHandlers<T> {
  /** Not a read: type them where they were aimed, in order. */
  replay(keys: readonly HeldKey<T>[]): void
  /** A reader's read: its text, lines separated by '\n'. */
  read(text: string): void
}

/** Keys a burst may begin with: those that begin an MRZ. */
const STARTS = /^[A-Za-z0-9<]$/
/** Keys that come with typed characters and change nothing themselves. */
const MODIFIERS = new Set(['Shift', 'CapsLock'])

export class WedgeBurst<T> {
  private held: HeldKey<T>[] = []
  private chars = 0
  private first = 0
  private last = -Infinity

  constructor(
    private readonly opts: { maxGapMs: number; minBurstChars: number; readerChars: number; readerPaceMs: number; readerGapMs: number },
    private readonly handlers: WedgeHandlers<T>
  ) {}

  /** Whether anything is held. */
  get holding(): boolean {
    return this.held.length > 0
  }

  /** The longest pause that keeps the burst going: longer once it has gone on at a reader's pace. */
  get gapMs(): number {
    const readerLike = this.chars >= this.opts.readerChars && (this.last - this.first) / (this.held.length - 1) <= this.opts.readerPaceMs
    return readerLike ? this.opts.readerGapMs : this.opts.maxGapMs
  }

  /** A key (KeyboardEvent.key) pressed at `at` ms: true when it is held, and the caller must keep it from the page. */
  key(key: string, at: number, target: T): boolean {
    if (MODIFIERS.has(key)) return false
    if (this.held.length > 0 && at - this.last > this.gapMs) this.end()
    // Enter is held only inside what is already a reader's burst: a person's Enter keeps its own meaning.
    const held =
      key === 'Enter'
        ? this.chars >= this.opts.minBurstChars
        : key.length === 1 && key !== ' ' && (this.held.length > 0 || STARTS.test(key))
    if (!held) {
      this.end()
      return false
    }
    if (this.held.length === 0) this.first = at
    this.held.push({ char: key === 'Enter' ? '\n' : key, target })
    if (key !== 'Enter') this.chars++
    this.last = at
    return true
  }

  /** The burst is over (no key for gapMs, or a key that is no part of one): a read, or keys to hand back. */
  end(): void {
    const held = this.held
    const isRead = this.chars >= this.opts.minBurstChars && held.some((k) => k.char === '\n')
    this.held = []
    this.chars = 0
    if (held.length === 0) return
    if (isRead) this.handlers.read(held.map((k) => k.char).join(''))
    else this.handlers.replay(held)
  }
}
