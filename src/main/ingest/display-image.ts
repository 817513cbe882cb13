import sharp from 'sharp'
import type { ImageType } from './image-type'
import { mimeOf } from './image-type'

/**
 * The image as a browser can show it. Chromium renders JPEG, PNG, WebP and BMP but not TIFF (a common scanner
 * format), so TIFF pages are converted to PNG for display, and so is a GIF's first frame (the one recognised: an
 * animated GIF would play); the stored original is never changed.
 */
export async function displayImage(bytes: Uint8Array, type: ImageType): Promise<{ body: Uint8Array; mimeType: string }> {
  if (type !== 'tiff' && type !== 'gif') return { body: bytes, mimeType: mimeOf(type) }
  return { body: await sharp(bytes).png({ compressionLevel: 3 }).toBuffer(), mimeType: 'image/png' }
}
