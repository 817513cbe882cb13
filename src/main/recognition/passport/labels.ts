import type { TextBox } from '../det/postprocess'
import { config } from '../config'

const { pxPerMm } = config.page

/**
 * The lines that are probably printed labels: on this page every value has its label just above it,
 * left-aligned and printed smaller ("出生地点/Place of birth" over "广东/GUANGDONG"). Boxes are on the
 * rectified page. Only a first guess: the caller reads them after all when a field is missing.
 */
export function likelyLabels(boxes: readonly TextBox[]): Set<TextBox> {
  const left = (b: TextBox): number => Math.min(b.quad[0].x, b.quad[3].x)
  const top = (b: TextBox): number => Math.min(b.quad[0].y, b.quad[1].y)
  const bottom = (b: TextBox): number => Math.max(b.quad[2].y, b.quad[3].y)
  const labels = new Set<TextBox>()
  for (const a of boxes) {
    // The line right under `a`, starting where it starts.
    let below: TextBox | undefined
    for (const b of boxes) {
      if (b === a || top(b) <= top(a)) continue
      const aligned = Math.abs(left(a) - left(b)) < config.labels.alignMm * pxPerMm
      const close = top(b) - bottom(a) < config.labels.gapMm * pxPerMm
      if (aligned && close && (!below || top(b) < top(below))) below = b
    }
    if (below && below.short >= a.short * config.labels.valueTaller) labels.add(a)
  }
  return labels
}
