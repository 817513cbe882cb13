import { describe, expect, it } from 'vitest'
import { ctcDecode, TOP_K } from '../../../../src/main/recognition/rec/ctc'

const DICT = ['', '欣', '心', '谭', '的']

/** Steps of the recogniser's output, each its top classes as [index, probability], best first. */
function steps(rows: readonly (readonly [number, number][])[]): { values: Float32Array; indices: Int32Array } {
  const values = new Float32Array(rows.length * TOP_K)
  const indices = new Int32Array(rows.length * TOP_K)
  rows.forEach((row, t) =>
    row.forEach(([i, p], k) => {
      indices[t * TOP_K + k] = i
      values[t * TOP_K + k] = p
    })
  )
  return { values, indices }
}

describe('ctcDecode', () => {
  // 譚欣心 as the recogniser reads it: 譚 is outside its dictionary, and its steps give the blank 0.84 and 谭 0.08.
  const line = steps([
    [
      [0, 0.99],
      [4, 0.005]
    ],
    [
      [0, 0.84],
      [3, 0.08],
      [4, 0.01]
    ],
    [[0, 1]],
    [
      [1, 0.99],
      [0, 0.01]
    ],
    [
      [0, 0.97],
      [1, 0.03]
    ],
    [
      [2, 0.99],
      [4, 0.01]
    ],
    [
      [0, 0.99],
      [4, 0.01]
    ]
  ])

  it('writes what won its steps, and keeps what was seen where the blank won', () => {
    const d = ctcDecode(line, 0, DICT, 7)
    expect(d.text).toBe('欣心')
    expect(d.hidden).toEqual([expect.objectContaining({ char: '谭', at: 0 })])
    expect(d.hidden?.[0].prob).toBeCloseTo(0.08)
  })

  it("counts neither a written character's own tail nor noise as seen", () => {
    const d = ctcDecode(line, 0, DICT, 7)
    // 欣 at 0.03 right after 欣, and 的 at 0.01 at the end.
    expect(d.hidden?.map((h) => h.char)).toEqual(['谭'])
  })
})
