import { AppError } from '../../../shared/domain/errors'
import { config } from '../../recognition/config'
import { ACCEPTED_FORMATS, sniffContainerType, sniffImageType } from '../image-type'
import type { PageImage } from './page-image'

export type { PageImage } from './page-image'

/** What a file is, from its size and first bytes: a file of pages (PDF, HEIF, TIFF) or one image to read as it is. */
export type FileKind = 'pdf' | 'heif' | 'tiff' | 'image'

/** The file's kind; refuses an oversize or unknown file before anything reads it. */
export function fileKind(bytes: Uint8Array): FileKind {
  if (bytes.length > config.limits.maxFileBytes)
    throw new AppError('FILE_TOO_LARGE', `the file is ${bytes.length} bytes; at most ${config.limits.maxFileBytes} are accepted`)
  const container = sniffContainerType(bytes)
  if (container) return container
  const type = sniffImageType(bytes)
  if (!type) throw new AppError('UNSUPPORTED_FORMAT', `the file is not a ${ACCEPTED_FORMATS} image`)
  // Any TIFF may hold several pages: only a decoder can tell, so it goes to one.
  return type === 'tiff' ? 'tiff' : 'image'
}

/** Takes a file of pages apart: the recognition process (EnginePool.splitPages), where a decoder's crash ends only it. */
export interface PageSplitter {
  splitPages(bytes: Uint8Array, opts?: { firstOnly?: boolean }): Promise<PageImage[]>
}

/**
 * A file as the pages the engine reads, in order, for the command line, the import and the HTTP action (`firstOnly`,
 * as the cloud answers for the first page), so they accept the same files with the same codes. This process only
 * sniffs the type: PDF, HEIF and TIFF are decoded and split by `splitter`, any other image is passed on as it is.
 */
export async function filePages(bytes: Uint8Array, splitter: PageSplitter, opts: { firstOnly?: boolean } = {}): Promise<PageImage[]> {
  if (fileKind(bytes) !== 'image') return splitter.splitPages(bytes, opts)
  return [{ page: 1, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }]
}

/** The name a page of a file is listed under: the file's own for a one-page file, `scan.pdf#page=2` otherwise. */
export function pageFileName(fileName: string, page: number, pages: number): string {
  return pages > 1 ? `${fileName}#page=${page}` : fileName
}
