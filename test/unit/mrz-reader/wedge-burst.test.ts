import { describe, expect, it } from 'vitest'
import { WedgeBurst } from '../../../src/renderer/src/features/mrz-reader/wedge-burst'
import type { HeldKey } from '../../../src/renderer/src/features/mrz-reader/wedge-burst'
import { wedgeConfig } from '../../../src/renderer/src/features/mrz-reader/wedge-config'

const LINES = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10']

/** Keys as KeyboardEvent.key gives them, one every `gapMs`, into `target`; what got through and what was read. */
function type(
  keys: readonly string[],
  gapMs: number,
  start = 0
): { passed: string[]; replayed: HeldKey<string>[]; reads: string[]; wedge: WedgeBurst<string> } {
  const out = { passed: [] as string[], replayed: [] as HeldKey<string>[], reads: [] as string[] }
  const wedge = new WedgeBurst<string>(wedgeConfig, { replay: (k) => out.replayed.push(...k), read: (t) => out.reads.push(t) })
  keys.forEach((k, i) => {
    if (!wedge.key(k, start + i * gapMs, 'field')) out.passed.push(k)
  })
  return { ...out, wedge }
}
const keysOf = (lines: readonly string[]): string[] => lines.flatMap((l) => [...l, 'Enter'])

describe('WedgeBurst', () => {
  it("takes a reader's burst (two lines and Enter at 5 ms a key) as one read, holding every key", () => {
    const r = type(keysOf(LINES), 5)
    r.wedge.end()
    expect(r.reads).toEqual([`${LINES[0]}\n${LINES[1]}\n`])
    expect([r.passed, r.replayed]).toEqual([[], []])
  })

  it("hands a person's typing back in order, and lets their Enter through", () => {
    const keys = [...'E1234567', 'Enter']
    const r = type(keys, 120)
    // Each key is held until the next comes too late for a reader, then typed where it was aimed.
    expect(r.replayed.map((k) => k.char).join('')).toBe('E1234567')
    expect(r.replayed.every((k) => k.target === 'field')).toBe(true)
    expect(r.passed).toEqual(['Enter'])
    expect(r.reads).toEqual([])
  })

  it('lets through what no MRZ begins with, and keys that are no characters, flushing what it held first', () => {
    const r = type(['a', 'b', 'Backspace', ' ', 'é', 'Tab'], 5)
    expect(r.replayed.map((k) => k.char)).toEqual(['a', 'b'])
    expect(r.passed).toEqual(['Backspace', ' ', 'é', 'Tab'])
  })

  it('ignores Shift between the characters of a burst, as readers send it for capitals', () => {
    const keys = keysOf(LINES).flatMap((k) => (/[A-Z]/.test(k) ? ['Shift', k] : [k]))
    const r = type(keys, 3)
    r.wedge.end()
    expect(r.reads).toEqual([`${LINES[0]}\n${LINES[1]}\n`])
  })

  it("keeps a reader's burst going through a pause between its lines, or a busy machine's late keys", () => {
    const keys = keysOf(LINES)
    const r = type(keys.slice(0, 45), 5)
    // 45 keys at 5 ms, then 300 ms until line 2: still one read.
    keys.slice(45).forEach((k, i) => expect(r.wedge.key(k, 44 * 5 + 300 + i * 5, 'field')).toBe(true))
    r.wedge.end()
    expect(r.reads).toEqual([`${LINES[0]}\n${LINES[1]}\n`])
  })

  it('a fast burst without an Enter is handed back as typed, however it pauses', () => {
    const r = type([...'ABCDEFGHIJ'], 5)
    expect(r.wedge.key('K', 45 + 200, 'field')).toBe(true)
    r.wedge.end()
    expect(r.replayed.map((k) => k.char).join('')).toBe('ABCDEFGHIJK')
    expect(r.reads).toEqual([])
  })

  it('takes a mangled or one-line burst as a read too, for main to judge (and ask for a new swipe)', () => {
    const mangled = type(keysOf([LINES[0].replace(/</g, ';'), LINES[1].replace(/</g, ';')]), 5)
    mangled.wedge.end()
    expect(mangled.reads).toEqual([`${LINES[0].replace(/</g, ';')}\n${LINES[1].replace(/</g, ';')}\n`])
    const one = type(keysOf([LINES[0]]), 5)
    one.wedge.end()
    expect(one.reads).toEqual([`${LINES[0]}\n`])
  })
})
