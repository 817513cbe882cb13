import sharp from 'sharp'
import { AppError } from '../../../shared/domain/errors'
import { config } from '../../recognition/config'
import { encodePage } from './page-image'
import type { PageImage } from './page-image'

const { limits } = config

/**
 * The pages of a multi-page TIFF (a feeder's batch), each as a PNG, the count and every page's size checked from
 * the headers before that page is decoded. A one-page TIFF is not split: the engine reads it as it is.
 */
export async function tiffPages(bytes: Buffer, count: number, firstOnly: boolean): Promise<PageImage[]> {
  if (count > limits.maxPages) throw new AppError('IMAGE_TOO_LARGE', `the TIFF has ${count} pages; at most ${limits.maxPages} are accepted`)
  const pages: PageImage[] = []
  for (let page = 0; page < (firstOnly ? 1 : count); page++) {
    try {
      const meta = await sharp(bytes, { page, limitInputPixels: false }).metadata()
      const [width, height] = [meta.width ?? 0, meta.height ?? 0]
      if (width * height > limits.maxPixels)
        throw new AppError('IMAGE_TOO_LARGE', `page ${page + 1} has ${width}×${height} pixels; at most ${limits.maxPixels} are accepted`)
      const { data, info } = await sharp(bytes, { page, limitInputPixels: limits.maxPixels, failOn: 'truncated' })
        .rotate()
        .toColourspace('srgb')
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true })
      pages.push({
        page: page + 1,
        bytes: await encodePage({ data, width: info.width, height: info.height, channels: info.channels as 3 })
      })
    } catch (err) {
      if (err instanceof AppError) throw err
      throw new AppError('CORRUPT_IMAGE', `page ${page + 1} of the TIFF could not be decoded: ${(err as Error).message}`)
    }
  }
  return pages
}
