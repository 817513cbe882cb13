/** The image kinds the engine reads, recognised by their first bytes (file names lie; scanners name files oddly). */
export type ImageType = 'jpeg' | 'png' | 'webp' | 'tiff' | 'bmp' | 'gif'

/** Files that hold pages rather than being one: each page becomes an image of an ImageType before the engine sees it. */
export type ContainerType = 'pdf' | 'heif'

const MIME: Record<ImageType, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
  gif: 'image/gif'
}

/** File name endings worth reading when a whole folder is imported. */
export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.bmp', '.gif', '.pdf', '.heic', '.heif'] as const

/** What every refusal of an unknown format says it takes. */
export const ACCEPTED_FORMATS = 'JPEG, PNG, WebP, TIFF, BMP, GIF, PDF or HEIC/HEIF'

const startsWith = (b: Uint8Array, sig: number[], at = 0): boolean => sig.every((v, i) => b[at + i] === v)
const ascii = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, to))

// ISO-BMFF brands of still HEIF/HEIC images (phones write `heic` or `mif1`); AVIF (`avif`) is another codec, not read.
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1', 'hevc', 'hevx'])

/** The image type of some bytes, or null when they are none we read. */
export function sniffImageType(b: Uint8Array): ImageType | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp'
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff'
  if (startsWith(b, [0x42, 0x4d])) return 'bmp'
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return 'gif'
  return null
}

/** The container type of some bytes (a PDF, a HEIF/HEIC photo), or null. */
export function sniffContainerType(b: Uint8Array): ContainerType | null {
  // PDF readers accept the header anywhere in the first 1024 bytes; scanners write it first.
  if (ascii(b, 0, 5) === '%PDF-') return 'pdf'
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(b, 8, 12))) return 'heif'
  return null
}

/** The Content-Type to serve an image type with. */
export function mimeOf(type: ImageType): string {
  return MIME[type]
}
