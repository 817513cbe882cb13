import { describe, expect, it } from 'vitest'
import { rectBox } from '../../../../src/main/recognition/det/postprocess'
import { splitLine } from '../../../../src/main/recognition/passport/page-lines'

describe('splitLine', () => {
  it('parts two joined values between their characters, in page pixels', () => {
    // A 300 px box whose crop reached 15 px past each end: the crop is 330 px wide.
    const box = rectBox({ x: 250, y: 100 }, { x: 1, y: 0 }, 300, 40, 0.9)
    const text = '男/M中国'
    const chars = [...text].map((char, i) => ({ char, prob: 0.9 + i / 100, pos: (15 + 30 + i * 60) / 330, alts: [] }))
    const [a, b] = splitLine({ quad: box.quad, box, text, prob: 0.9, line: { text, prob: 0.9, chars } }, 3, 15)
    expect([a.text, b.text]).toEqual(['男/M', '中国'])
    // Between the third character (centre 150 px into the box) and the fourth (210 px): 180 px from its left.
    expect(a.quad[1].x).toBeCloseTo(100 + 180)
    expect(b.quad[0].x).toBeCloseTo(100 + 180)
    expect(b.quad[1].x).toBeCloseTo(400)
    expect(a.box.center.x).toBeCloseTo(190)
    expect(b.prob).toBeCloseTo(0.935)
  })
})
