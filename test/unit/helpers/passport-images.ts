import sharp from 'sharp'
import { generateSample } from '../../fixtures/generator'
import type { Variation } from '../../fixtures/generator'

/** A generated passport page, as a file to import, with what is printed on it. */
export interface PassportImage {
  fileName: string
  bytes: Uint8Array
  passportNumber: string
  name: string
  /** The MRZ printed on it, as a reader would give it. */
  mrz: [string, string]
}

const extension = (format: string): string => (format === 'jpeg' ? 'jpg' : format)

/**
 * Real images for the services tests, read by the real engine. 'rotated' pages are small JPEGs that the engine
 * reads reliably; the same seed in another variation is the same holder in a different image (another content hash).
 */
export async function passportImage(seed: number, variation: Variation = 'rotated'): Promise<PassportImage> {
  const s = await generateSample(seed, variation)
  return {
    fileName: `passport-${seed}-${variation}.${extension(s.truth.format)}`,
    bytes: new Uint8Array(s.image),
    passportNumber: s.truth.data.passportNumber,
    name: s.truth.data.name,
    mrz: [s.truth.data.mrzLine1, s.truth.data.mrzLine2]
  }
}

/** A plain grey page: a valid image in which the engine finds no passport (NO_PASSPORT_FOUND). */
export async function blankPage(): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width: 800, height: 600, channels: 3, background: '#d8d8d8' } })
      .png()
      .toBuffer()
  )
}
