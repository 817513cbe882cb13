import { AppError } from '../../../shared/domain/errors'
import { config } from '../../recognition/config'
import { encodePage } from './page-image'

import type { DecodeAll } from 'heic-decode'

const { limits } = config

// libheif with its HEVC decoder, as WebAssembly (sharp's prebuilt libvips reads AVIF only): loaded on first use.
let loaded: Promise<DecodeAll> | undefined
const decodeAll = (): Promise<DecodeAll> => (loaded ??= import('heic-decode').then((m) => m.default.all))

/**
 * A phone's HEIC/HEIF photo as a JPEG page (its primary image, turned as the file says): the size is read from the
 * header and checked before anything is decoded.
 */
export async function heifPage(bytes: Uint8Array): Promise<Buffer> {
  let images: Awaited<ReturnType<DecodeAll>>
  try {
    images = await (await decodeAll())({ buffer: bytes })
  } catch (err) {
    throw new AppError('CORRUPT_IMAGE', `the HEIF image could not be read: ${(err as Error).message}`)
  }
  try {
    const { width, height } = images[0]
    if (width * height > limits.maxPixels)
      throw new AppError('IMAGE_TOO_LARGE', `the image has ${width}×${height} pixels; at most ${limits.maxPixels} are accepted`)
    const px = await images[0].decode().catch((err: unknown) => {
      throw new AppError('CORRUPT_IMAGE', `the HEIF image could not be decoded: ${(err as Error).message}`)
    })
    // HEVC is lossy already: a high-quality JPEG keeps what there is at a fraction of a PNG's size.
    return await encodePage(
      { data: new Uint8Array(px.data.buffer, px.data.byteOffset, px.data.byteLength), width: px.width, height: px.height, channels: 4 },
      true
    )
  } finally {
    images.dispose()
  }
}
