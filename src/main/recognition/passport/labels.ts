import type { TextBox } from '../det/postprocess'
import { config } from '../config'

const { pxPerMm } = config.page

/**
 * The lines that are probably printed labels: on this page every value has its label just above it,
 * left-aligned, so the top line of each tightly stacked, left-aligned chain is a label ("姓名/Name" above the
 * name above its pinyin). Boxes are on the rectified page. Only a first guess: the caller reads them after all
 * when a field is missing.
 */
export function likelyLabels(boxes: readonly TextBox[]): Set<TextBox> {
  const left = (b: TextBox): number => Math.min(b.quad[0].x, b.quad[3].x)
  const top = (b: TextBox): number => Math.min(b.quad[0].y, b.quad[1].y)
  const bottom = (b: TextBox): number => Math.max(b.quad[2].y, b.quad[3].y)
  const hasChild = new Set<TextBox>()
  const hasParent = new Set<TextBox>()
  for (const b of boxes) {
    let parent: TextBox | undefined
    for (const a of boxes) {
      if (a === b || top(a) >= top(b)) continue
      const aligned = Math.abs(left(a) - left(b)) < config.labels.alignMm * pxPerMm
      const close = top(b) - bottom(a) < config.labels.gapMm * pxPerMm
      if (aligned && close && (!parent || top(a) > top(parent))) parent = a
    }
    if (parent) {
      hasChild.add(parent)
      hasParent.add(b)
    }
  }
  return new Set([...hasChild].filter((b) => !hasParent.has(b)))
}
