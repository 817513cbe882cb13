import { describe, expect, it } from 'vitest'
import { applyHomography, cssMatrix3d, homographyFromQuads } from '../../../src/shared/domain/homography'
import type { Homography } from '../../../src/shared/domain/homography'
import { rectifyPage, snippetView, toFlat } from '../../../src/renderer/src/features/review/page-rectify'
import type { Point } from '../../../src/shared/domain/geometry'

/** What the browser does with a matrix3d() on (x, y, 0, 1): multiply, then divide by w. */
function applyCss(css: string, p: Point): Point {
  const m = /^matrix3d\((.*)\)$/.exec(css)?.[1].split(', ').map(Number) ?? []
  expect(m).toHaveLength(16)
  const col = (i: number): number => m[i] * p.x + m[i + 4] * p.y + m[i + 12]
  return { x: col(0) / col(3), y: col(1) / col(3) }
}

const close = (a: Point, b: Point): void => {
  expect(a.x).toBeCloseTo(b.x, 9)
  expect(a.y).toBeCloseTo(b.y, 9)
}

// The engine's answer for a generated photo turned a quarter (seed 2, 'rotated'): the page's own top-left is at the
// image's bottom-left, so its top edge runs upwards.
const TURNED = { x0: 48, y0: 921, x1: 131, y1: 121, x2: 698, y2: 169, x3: 630, y3: 982 }
const TURNED_IMAGE = { width: 775, height: 1123 }

describe('homography', () => {
  it('maps each of four points onto its pair, and recovers a known transform exactly', () => {
    const known: Homography = [1.2, 0.1, 30, -0.05, 0.9, 12, 0.0002, -0.0001, 1]
    const from = [
      { x: 0, y: 0 },
      { x: 800, y: 0 },
      { x: 800, y: 500 },
      { x: 0, y: 500 }
    ]
    const h = homographyFromQuads(
      from,
      from.map((p) => applyHomography(known, p))
    )
    expect(h).not.toBeNull()
    for (let i = 0; i < 9; i++) expect(h?.[i]).toBeCloseTo(known[i], 12)
    close(applyHomography(h as Homography, { x: 400, y: 250 }), applyHomography(known, { x: 400, y: 250 }))
  })

  it('refuses three collinear points', () => {
    const line = [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: 2 },
      { x: 0, y: 5 }
    ]
    expect(homographyFromQuads(line, line)).toBeNull()
  })

  it('gives the browser the same transform as matrix3d()', () => {
    const h: Homography = [0.8, -0.3, 100, 0.25, 1.1, -40, 0.0003, 0.0002, 1]
    for (const p of [
      { x: 0, y: 0 },
      { x: 123, y: 456 },
      { x: 1000, y: 20 }
    ])
      close(applyCss(cssMatrix3d(h), p), applyHomography(h, p))
  })
})

describe('the upright page', () => {
  it('sends the page outline, turned as photographed, to an upright rectangle of its own size', () => {
    const view = rectifyPage(TURNED, TURNED_IMAGE)
    if (!view) throw new Error('no view')
    // Top edge 804.3 and bottom 815.8 long (mean 810.1); sides 585.2 and 569.0 (mean 577.1).
    expect(view.size).toEqual({ width: 810, height: 577 })
    const corners = toFlat(view, [
      { x: 48, y: 921 },
      { x: 131, y: 121 },
      { x: 698, y: 169 },
      { x: 630, y: 982 }
    ])
    close(corners[0], { x: 0, y: 0 })
    close(corners[1], { x: 810, y: 0 })
    close(corners[2], { x: 810, y: 577 })
    close(corners[3], { x: 0, y: 577 })
    // The browser, given the CSS, puts the image's pixels at the same places.
    close(applyCss(view.css, { x: 698, y: 169 }), { x: 810, y: 577 })
  })

  it('draws a value box upright on the page: the passport number box reads left to right', () => {
    const view = rectifyPage(TURNED, TURNED_IMAGE)
    if (!view) throw new Error('no view')
    // The engine's passportNumber box on that photo, clockwise from the value's own top-left.
    const [tl, tr, br, bl] = toFlat(view, [
      { x: 155, y: 403 },
      { x: 167, y: 285 },
      { x: 197, y: 288 },
      { x: 185, y: 406 }
    ])
    expect(tr.x - tl.x).toBeGreaterThan(100)
    expect(Math.abs(tr.y - tl.y)).toBeLessThan(3)
    expect(br.y - tr.y).toBeGreaterThan(25)
    expect(bl.x).toBeCloseTo(tl.x, -1)
    // On the right half of the page, near its top, as a mainland page prints it.
    expect(tl.x / view.size.width).toBeGreaterThan(0.5)
    expect(tl.y / view.size.height).toBeLessThan(0.3)
  })

  it('refuses an outline that is no quadrilateral, or that would put part of the image behind the eye', () => {
    expect(rectifyPage({ x0: 0, y0: 0, x1: 0, y1: 0, x2: 0, y2: 0, x3: 0, y3: 0 }, TURNED_IMAGE)).toBeNull()
    // A sliver far narrower at one end: its vanishing line crosses the image.
    expect(rectifyPage({ x0: 0, y0: 0, x1: 1000, y1: 490, x2: 1000, y2: 510, x3: 0, y3: 1000 }, { width: 3000, height: 1000 })).toBeNull()
  })
})

describe('a field snippet', () => {
  const box = [
    { x: 155, y: 403 },
    { x: 167, y: 285 },
    { x: 197, y: 288 },
    { x: 185, y: 406 }
  ]

  it('shows the value box upright at the text height, with a margin of print', () => {
    const view = snippetView(box, TURNED_IMAGE, 16, 400)
    if (!view) throw new Error('no view')
    // The box is a parallelogram, hypot(12, 118) long and hypot(30, 3) high: at 16 px high it is this wide.
    const width = (Math.hypot(12, 118) * 16) / Math.hypot(30, 3)
    const [tl, tr, br, bl] = toFlat(view, box)
    // Margins: 4 % of the width each side, 20 % of the height above and below.
    close(tl, { x: width * 0.04, y: 3.2 })
    close(tr, { x: width * 1.04, y: 3.2 })
    close(br, { x: width * 1.04, y: 19.2 })
    close(bl, { x: width * 0.04, y: 19.2 })
    expect(view.size).toEqual({ width: Math.round(width * 1.08), height: Math.round(16 * 1.4) })
  })

  it('shrinks a long value to the width it may take, and has none without a box', () => {
    const line = [
      { x: 0, y: 0 },
      { x: 1000, y: 0 },
      { x: 1000, y: 25 },
      { x: 0, y: 25 }
    ]
    const view = snippetView(line, { width: 1200, height: 900 }, 16, 380)
    expect(view?.size.width).toBe(380)
    expect(snippetView([], { width: 1200, height: 900 }, 16, 380)).toBeNull()
  })
})
