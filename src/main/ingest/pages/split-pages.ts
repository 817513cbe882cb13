import sharp from 'sharp'
import { AppError } from '../../../shared/domain/errors'
import { config } from '../../recognition/config'
import { ACCEPTED_FORMATS, sniffContainerType, sniffImageType } from '../image-type'
import { heifPage } from './heif-page'
import type { PageImage } from './page-image'
import { pdfPages } from './pdf-pages'
import { tiffPages } from './tiff-pages'

export type { PageImage } from './page-image'

/**
 * A file as the pages the engine reads, in order: every page of a PDF or a multi-page TIFF, a HEIF photo as a JPEG,
 * any other image as it is (a GIF's first frame is the engine's to take). The command line, the import and the
 * HTTP action (`firstOnly`, as the cloud answers for the first page) all go through here, so they accept the same
 * files with the same error codes.
 */
export async function splitPages(bytes: Buffer, opts: { firstOnly?: boolean } = {}): Promise<PageImage[]> {
  const firstOnly = opts.firstOnly === true
  if (bytes.length > config.limits.maxFileBytes)
    throw new AppError('FILE_TOO_LARGE', `the file is ${bytes.length} bytes; at most ${config.limits.maxFileBytes} are accepted`)
  const container = sniffContainerType(bytes)
  if (container === 'pdf') return pdfPages(bytes, firstOnly)
  if (container === 'heif') return [{ page: 1, bytes: await heifPage(bytes) }]
  const type = sniffImageType(bytes)
  if (!type) throw new AppError('UNSUPPORTED_FORMAT', `the file is not a ${ACCEPTED_FORMATS} image`)
  if (type === 'tiff') {
    const count = await sharp(bytes, { limitInputPixels: false })
      .metadata()
      .then((m) => m.pages ?? 1)
      .catch((err: unknown) => {
        throw new AppError('CORRUPT_IMAGE', `the TIFF header could not be read: ${(err as Error).message}`)
      })
    if (count > 1) return tiffPages(bytes, count, firstOnly)
  }
  return [{ page: 1, bytes }]
}

/** The name a page of a file is listed under: the file's own for a one-page file, `scan.pdf#page=2` otherwise. */
export function pageFileName(fileName: string, page: number, pages: number): string {
  return pages > 1 ? `${fileName}#page=${page}` : fileName
}
