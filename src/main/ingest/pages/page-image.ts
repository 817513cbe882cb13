import sharp from 'sharp'
import type { Sharp } from 'sharp'
import { config } from '../../recognition/config'

/** One page of a file, as an image the engine reads (JPEG, PNG, WebP, TIFF, BMP or GIF bytes). */
export interface PageImage {
  /** 1-based, in the file's order. */
  page: number
  bytes: Buffer
}

/** Decoded pixels of a page, 1 to 4 interleaved 8-bit channels. */
export interface PagePixels {
  data: Uint8Array
  width: number
  height: number
  channels: 1 | 2 | 3 | 4
}

/**
 * Encode decoded page pixels for the engine and the store: PNG, lossless, unless the source was lossy already or
 * the PNG would pass the file size limit that every image meets again at the engine (a dense 300 dpi scan can).
 */
export async function encodePage(px: PagePixels, lossySource = false): Promise<Buffer> {
  const image = (): Sharp =>
    sharp(Buffer.from(px.data.buffer, px.data.byteOffset, px.data.byteLength), {
      raw: { width: px.width, height: px.height, channels: px.channels }
    }).removeAlpha()
  const jpeg = (): Promise<Buffer> => image().jpeg({ quality: config.pageJpegQuality, chromaSubsampling: '4:4:4' }).toBuffer()
  if (lossySource) return jpeg()
  const png = await image().png({ compressionLevel: 6 }).toBuffer()
  return png.length <= config.limits.maxFileBytes ? png : jpeg()
}
