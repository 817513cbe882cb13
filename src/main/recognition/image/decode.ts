import { decode as decodeBmp } from 'fast-bmp'
import sharp from 'sharp'
import type { Metadata } from 'sharp'
import { AppError } from '../../../shared/domain/errors'
import { sniffImageType } from '../../ingest/image-type'
import { config } from '../config'
import { outdatedDecoders } from './decoder-versions'
import type { Raster } from './raster'

/** The formats we read (a GIF's first frame); sharp decodes all but BMP, which fast-bmp decodes. */
export const SUPPORTED_FORMATS = ['jpeg', 'png', 'webp', 'tiff', 'bmp', 'gif'] as const

/** A decoded input image, upright as its EXIF orientation says. */
export interface DecodedImage {
  rgb: Raster
  format: (typeof SUPPORTED_FORMATS)[number]
}

const { limits } = config

// libvips' loaders for the five formats sharp decodes for us, from memory (BMP goes through fast-bmp). PDF and
// HEIF never reach this process as such: their pages arrive as one of these (src/main/ingest/pages).
const NEEDED_LOADERS = [
  'VipsForeignLoadJpegBuffer',
  'VipsForeignLoadPngBuffer',
  'VipsForeignLoadWebpBuffer',
  'VipsForeignLoadTiffBuffer',
  'VipsForeignLoadNsgifBuffer'
]

/**
 * Every other libvips loader (SVG, PDF, HEIF, JPEG 2000, FITS, Magick, …) switched off for this process: a flaw
 * in a decoder we never need cannot be reached by a crafted file. Called once by each recognition process.
 */
export function restrictDecoders(): void {
  sharp.block({ operation: ['VipsForeignLoad'] })
  sharp.unblock({ operation: NEEDED_LOADERS })
  for (const line of outdatedDecoders(sharp.versions)) process.stderr.write(`warning: outdated image decoder: ${line}\n`)
  // No cache of decoded images between jobs: each page is read once, and memory stays flat over a long batch.
  sharp.cache(false)
}

/** Decode image bytes to RGB, refusing oversize, unknown, damaged and tiny inputs with stable codes. */
export async function decodeImage(bytes: Buffer): Promise<DecodedImage> {
  if (bytes.length > limits.maxFileBytes) {
    throw new AppError('FILE_TOO_LARGE', `the file is ${bytes.length} bytes; at most ${limits.maxFileBytes} are accepted`)
  }
  // The first bytes decide which decoder may see the file at all: an SVG or a PDF never reaches libvips.
  const sniffed = sniffImageType(bytes)
  if (!sniffed) throw new AppError('UNSUPPORTED_FORMAT', 'the file is not a JPEG, PNG, WebP, TIFF, BMP or GIF image')
  if (sniffed === 'bmp') return { rgb: await decodeBmpBytes(bytes), format: 'bmp' }
  let meta: Metadata
  try {
    // Header only: the pixel and page limits are checked before any pixel is decoded.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata()
  } catch (err) {
    throw new AppError('CORRUPT_IMAGE', `the ${sniffed.toUpperCase()} header could not be read: ${(err as Error).message}`)
  }
  if (meta.format !== sniffed) throw new AppError('CORRUPT_IMAGE', `the file starts as ${sniffed.toUpperCase()} but is not one`)
  checkDimensions(meta.width ?? 0, meta.height ?? 0)
  if ((meta.pages ?? 1) > limits.maxPages) {
    throw new AppError('IMAGE_TOO_LARGE', `the image has ${meta.pages} pages or frames; at most ${limits.maxPages} are accepted`)
  }
  try {
    // Only the first page is decoded; sequential reading keeps a JPEG or PNG from being held whole twice.
    const { data, info } = await sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'truncated', sequentialRead: true })
      .rotate()
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true })
    return {
      rgb: {
        data: new Uint8Array(data.buffer, data.byteOffset, data.length),
        width: info.width,
        height: info.height,
        channels: info.channels
      },
      format: sniffed
    }
  } catch (err) {
    throw new AppError('CORRUPT_IMAGE', `the image could not be decoded: ${(err as Error).message}`)
  }
}

/** Size limits, checked from the header before any pixel is decoded. */
function checkDimensions(width: number, height: number): void {
  if (width * height > limits.maxPixels) {
    throw new AppError('IMAGE_TOO_LARGE', `the image has ${width}×${height} pixels; at most ${limits.maxPixels} are accepted`)
  }
  if (Math.min(width, height) < limits.minSide) {
    throw new AppError(
      'IMAGE_TOO_SMALL',
      `the image is ${width}×${height}; a passport page needs at least ${limits.minSide} pixels on each side`
    )
  }
}

async function decodeBmpBytes(bytes: Buffer): Promise<Raster> {
  // BITMAPINFOHEADER: width and height are signed 32-bit at offsets 18 and 22 (height < 0 means top-down).
  if (bytes.length < 26) throw new AppError('CORRUPT_IMAGE', 'the BMP file is truncated')
  checkDimensions(Math.abs(bytes.readInt32LE(18)), Math.abs(bytes.readInt32LE(22)))
  let img: ReturnType<typeof decodeBmp>
  try {
    img = decodeBmp(bytes)
  } catch (err) {
    throw new AppError('CORRUPT_IMAGE', `the BMP image could not be decoded: ${(err as Error).message}`)
  }
  const raw = img.data as Uint8Array
  const { data, info } = await sharp(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), {
    raw: { width: img.width, height: img.height, channels: img.channels as 1 | 2 | 3 | 4 }
  })
    .toColourspace('srgb')
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
    channels: info.channels
  }
}

/** Luma (BT.601) of one pixel, in 8.8 fixed point. */
export function luma(r: number, g: number, b: number): number {
  return (r * 77 + g * 150 + b * 29) >> 8
}

/** Luma (BT.601) of an RGB raster, lifted to at least 1 so that 0 can mark "outside the image" after a warp. */
export function toGray(rgb: Raster): Raster {
  const n = rgb.width * rgb.height
  const out = new Uint8Array(n)
  const d = rgb.data
  const c = rgb.channels
  for (let i = 0, j = 0; i < n; i++, j += c) out[i] = Math.max(1, luma(d[j], d[j + 1], d[j + 2]))
  return { data: out, width: rgb.width, height: rgb.height, channels: 1 }
}
