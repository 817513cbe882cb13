import type { TextBox } from '../det/postprocess'
import { config } from '../config'

const { pxPerMm } = config.page

const left = (b: TextBox): number => Math.min(b.quad[0].x, b.quad[3].x)
const top = (b: TextBox): number => Math.min(b.quad[0].y, b.quad[1].y)
const bottom = (b: TextBox): number => Math.max(b.quad[2].y, b.quad[3].y)

/**
 * The lines that are probably printed labels: on this page every value has its label just above it,
 * left-aligned and printed smaller ("出生地点/Place of birth" over "广东/GUANGDONG"). Boxes are on the
 * rectified page. Only a first guess: the caller reads them after all when a field is missing.
 *
 * Two more kinds of line print the same fixed text on every passport and are guessed the same way, from the
 * labels found first: a label-sized line in a row of labels whose value below is not taller ("类型/Type" over
 * "P"), and the label-sized header lines above the first row of labels ("中华人民共和国", "护照 PASSPORT").
 */
export function likelyLabels(boxes: readonly TextBox[]): Set<TextBox> {
  const labels = new Set<TextBox>()
  for (const a of boxes) {
    const below = lineBelow(a, boxes)
    if (below && below.short >= a.short * config.labels.valueTaller) labels.add(a)
  }
  if (labels.size === 0) return labels
  const found = [...labels]
  const labelSized = Math.max(...found.map((l) => l.short)) * config.labels.sizeTolerance
  const firstRow = Math.min(...found.map((l) => l.center.y))
  for (const b of boxes) {
    if (labels.has(b) || b.short > labelSized) continue
    const inLabelRow = found.some((l) => Math.abs(b.center.y - l.center.y) < l.short / 2)
    if (inLabelRow || bottom(b) < firstRow) labels.add(b)
  }
  return labels
}

/** The line right under `a`, starting where it starts. */
function lineBelow(a: TextBox, boxes: readonly TextBox[]): TextBox | undefined {
  let below: TextBox | undefined
  for (const b of boxes) {
    if (b === a || top(b) <= top(a)) continue
    const aligned = Math.abs(left(a) - left(b)) < config.labels.alignMm * pxPerMm
    const close = top(b) - bottom(a) < config.labels.gapMm * pxPerMm
    if (aligned && close && (!below || top(b) < top(below))) below = b
  }
  return below
}
