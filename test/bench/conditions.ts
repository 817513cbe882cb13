import sharp from 'sharp'
import type { FamilySample } from './samples'

/**
 * The same pages as a desk gets them otherwise: what our generator does not draw, and an independent set may.
 * Each turns a generated image into another; the truth's values stay (its page geometry does not, so corners and
 * boxes are not scored here).
 */
export interface Condition {
  name: string
  apply: (image: Buffer) => Promise<Buffer>
}

/** A4 at 300 dpi. */
const A4 = { width: 2480, height: 3508 }

export const CONDITIONS: readonly Condition[] = [
  {
    // A webcam or a 150 dpi scan: a page about 650 px wide.
    name: 'half size',
    apply: async (image) => {
      const { width = 0 } = await sharp(image).metadata()
      return sharp(image)
        .resize({ width: Math.round(width / 2) })
        .png()
        .toBuffer()
    }
  },
  {
    // The passport laid in a corner of a whole flatbed scan, at about the scanner's resolution.
    name: 'on an A4 scan',
    apply: async (image) => {
      const { width = 0, height = 0 } = await sharp(image).metadata()
      const scale = Math.min(1.1, (A4.width - 160) / width, (A4.height - 180) / height)
      const page = await sharp(image)
        .resize({ width: Math.round(width * scale) })
        .png()
        .toBuffer()
      return sharp({ create: { ...A4, channels: 3, background: '#fbfbf8' } })
        .composite([{ input: page, left: 80, top: 90 }])
        .jpeg({ quality: 88 })
        .toBuffer()
    }
  },
  { name: 'grayscale', apply: (image) => sharp(image).grayscale().jpeg({ quality: 90 }).toBuffer() },
  { name: 'JPEG quality 25', apply: (image) => sharp(image).jpeg({ quality: 25 }).toBuffer() }
]

/** The first page of each family and variation: the set each condition is applied to. */
export function conditionSet(samples: readonly FamilySample[]): FamilySample[] {
  const seen = new Set<string>()
  return samples.filter((s) => {
    const k = `${s.family}/${s.variation}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

/** Each condition's copies of the set, as samples to run. */
export async function underCondition(c: Condition, set: readonly FamilySample[]): Promise<FamilySample[]> {
  return Promise.all(set.map(async (s) => ({ ...s, id: `${s.id}@${c.name}`, image: await c.apply(s.image) })))
}
