import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { alignLine } from '../../../../src/main/recognition/mrz/correct-align'
import { tokenize } from '../../../../src/main/recognition/mrz/correct-chars'
import { GENERAL_TD3 } from '../../../../src/main/recognition/mrz/template'

const LINE2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'

describe('alignLine', () => {
  it('counts a run of fillers read one too many as one alignment, whichever filler is dropped', () => {
    const paths = alignLine(tokenize(`${LINE2.slice(0, 37)}<${LINE2.slice(37)}`), GENERAL_TD3.line2, 64)
    expect(paths).not.toBeNull()
    expect(paths).toHaveLength(1)
  })

  it('counts fillers merged by the half-dozen into a run as one alignment, not one per way of spreading them', () => {
    const line2 = '1207690803USA4104043M3209181<<<<<<<<<<<<<<04'
    const paths = alignLine(tokenize(`${line2.slice(0, 34)}${line2.slice(42)}`), GENERAL_TD3.line2, 64)
    expect(paths).not.toBeNull()
    // Where the two digits after the run stand is for the check digits to say; each place is one alignment.
    const lines = paths!.map((p) => p.slots.map((i) => (i < 0 ? '_' : line2.slice(0, 34).concat(line2.slice(42))[i])).join(''))
    expect(new Set(lines).size).toBe(lines.length)
    expect(lines).toContain('1207690803USA4104043M3209181________<<<<<<04')
  })

  it('always gives at least one alignment, or says there are too many, whatever runner-ups the fillers carry', () => {
    // Fillers alike but for their runner-ups are not interchangeable: dropping one or another costs differently.
    const alts = fc.constantFrom([], [{ char: '0', prob: 0.2 }], [{ char: 'K', prob: 0.1 }], [{ char: '<', prob: 0.3 }])
    const edit = fc.record({ at: fc.integer({ min: 0, max: 43 }), kind: fc.constantFrom('drop', 'double', 'filler') })
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 3 }), fc.array(alts, { minLength: 48, maxLength: 48 }), (edits, altsOf) => {
        let text = LINE2
        for (const e of edits) {
          if (e.kind === 'drop') text = text.slice(0, e.at) + text.slice(e.at + 1)
          if (e.kind === 'double') text = text.slice(0, e.at) + text[e.at] + text.slice(e.at)
          if (e.kind === 'filler') text = text.slice(0, e.at) + '<' + text.slice(e.at)
        }
        const chars = [...text].map((char, i) => ({ char, prob: 0.9, alts: altsOf[i] ?? [] }))
        const paths = alignLine(tokenize(text, chars), GENERAL_TD3.line2, 64)
        expect(paths === null || paths.length > 0).toBe(true)
      }),
      { numRuns: 500, seed: 20261202 }
    )
  })
})
