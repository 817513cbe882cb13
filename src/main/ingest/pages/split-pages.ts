import sharp from 'sharp'
import { AppError } from '../../../shared/domain/errors'
import { fileKind } from './file-pages'
import { heifPage } from './heif-page'
import type { PageImage } from './page-image'
import { pdfPages } from './pdf-pages'
import { tiffPages } from './tiff-pages'

/**
 * A file as the pages the engine reads, in order: every page of a PDF or a multi-page TIFF, a HEIF photo as a JPEG,
 * any other image as it is (a GIF's first frame is the engine's to take). It decodes, so it runs in the recognition
 * process (worker.ts), never in the one that received the file (see file-pages.ts).
 */
export async function splitPages(bytes: Buffer, opts: { firstOnly?: boolean } = {}): Promise<PageImage[]> {
  const firstOnly = opts.firstOnly === true
  const kind = fileKind(bytes)
  if (kind === 'pdf') return pdfPages(bytes, firstOnly)
  if (kind === 'heif') return [{ page: 1, bytes: await heifPage(bytes) }]
  if (kind === 'tiff') {
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
