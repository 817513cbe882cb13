import type * as Mupdf from 'mupdf'
import { AppError } from '../../../shared/domain/errors'
import { config } from '../../recognition/config'
import { sniffImageType } from '../image-type'
import { encodePage } from './page-image'
import type { PageImage, PagePixels } from './page-image'

type MupdfModule = typeof Mupdf

const { limits, pdf } = config
const POINTS_PER_INCH = 72

// MuPDF is WebAssembly (its memory cannot reach the process's own), loaded the first time a PDF arrives.
let loaded: Promise<MupdfModule> | undefined
// Its warnings, kept while a document opens instead of printed (stdout carries the command line's JSON lines).
let warnings: string[] = []
const mupdf = (): Promise<MupdfModule> =>
  (loaded ??= import('mupdf').then((lib) => {
    lib.setLog((message) => warnings.push(message))
    return lib
  }))

/**
 * The pages of a PDF (the first only when `firstOnly`), each as an image: a scanned page gives its embedded image
 * (a JPEG as is, byte for byte), any other page is drawn at `pdf.renderDpi`. Encrypted, empty and over-long
 * documents are refused before any page is drawn.
 */
export async function pdfPages(bytes: Uint8Array, firstOnly: boolean): Promise<PageImage[]> {
  const lib = await mupdf()
  let doc: Mupdf.Document
  warnings = []
  try {
    doc = lib.Document.openDocument(bytes, 'application/pdf')
  } catch (err) {
    throw new AppError('CORRUPT_IMAGE', `the PDF could not be opened: ${(err as Error).message}`)
  }
  try {
    if (doc.needsPassword()) throw new AppError('FILE_ENCRYPTED', 'the PDF is protected by a password; save it again without one')
    const count = doc.countPages()
    // MuPDF repairs a damaged file as far as it can: a cut-off scan then shows no page, which is damage, not emptiness.
    const repaired = warnings.some((w) => /repair/i.test(w))
    if (count === 0 && repaired) throw new AppError('CORRUPT_IMAGE', `the PDF is damaged and no page could be recovered (${warnings[0]})`)
    if (count === 0) throw new AppError('NO_PAGES', 'the PDF has no page')
    if (count > limits.maxPages)
      throw new AppError('IMAGE_TOO_LARGE', `the PDF has ${count} pages; at most ${limits.maxPages} are accepted`)
    const pages: PageImage[] = []
    for (let i = 0; i < (firstOnly ? 1 : count); i++) {
      const page = doc.loadPage(i)
      try {
        pages.push({ page: i + 1, bytes: await pageImage(lib, page) })
      } finally {
        page.destroy()
      }
    }
    return pages
  } catch (err) {
    if (err instanceof AppError) throw err
    throw new AppError('CORRUPT_IMAGE', `the PDF could not be read: ${(err as Error).message}`)
  } finally {
    doc.destroy()
  }
}

async function pageImage(lib: MupdfModule, page: Mupdf.Page): Promise<Buffer> {
  const scan = scannedImage(page)
  if (scan) {
    // 1. The scanner's own JPEG, untouched: no second compression, and the same file always gives the same page.
    const jpeg = embeddedJpeg(page)
    if (jpeg) return jpeg
    // 2. Another encoding (Flate, CCITT, JBIG2…): its pixels at the image's own resolution, not the page's.
    checkPixels(scan.getWidth(), scan.getHeight(), 'the embedded page image')
    return encodePage(pixelsOf(lib, scan.toPixmap()))
  }
  // 3. Not a scan (text and drawings, a page of several images): drawn as a scanner would see it.
  const [x0, y0, x1, y1] = page.getBounds()
  const scale = pdf.renderDpi / POINTS_PER_INCH
  checkPixels(Math.ceil((x1 - x0) * scale), Math.ceil((y1 - y0) * scale), `the page at ${pdf.renderDpi} dpi`)
  return encodePage(pixelsOf(lib, page.toPixmap(lib.Matrix.scale(scale, scale), lib.ColorSpace.DeviceRGB, false, true)))
}

/** The one image that makes up the page (an invisible OCR text layer over it allowed), upright and unrotated. */
function scannedImage(page: Mupdf.Page): Mupdf.Image | null {
  if (page.isPDF() && ((page as Mupdf.PDFPage).getObject().getInheritable('Rotate').asNumber() || 0) % 360 !== 0) return null
  const images: { bbox: Mupdf.Rect; transform: Mupdf.Matrix; image: Mupdf.Image }[] = []
  const text = page.toStructuredText('preserve-images')
  text.walk({ onImageBlock: (bbox, transform, image) => images.push({ bbox, transform, image }) })
  text.destroy()
  if (images.length !== 1) return null
  const { bbox, transform, image } = images[0]
  const [px0, py0, px1, py1] = page.getBounds()
  const covered = ((bbox[2] - bbox[0]) * (bbox[3] - bbox[1])) / ((px1 - px0) * (py1 - py0))
  // An upright placement: scaled, not rotated or mirrored.
  const upright = transform[0] > 0 && transform[3] > 0 && transform[1] === 0 && transform[2] === 0
  return covered >= pdf.scanCoverage && upright ? image : null
}

/** The page's only image XObject as its JPEG bytes, when it is a plain RGB or grey JPEG a viewer shows unchanged. */
function embeddedJpeg(page: Mupdf.Page): Buffer | null {
  if (!page.isPDF()) return null
  const xobjects = (page as Mupdf.PDFPage).getObject().getInheritable('Resources').get('XObject')
  const images: Mupdf.PDFObject[] = []
  if (xobjects.isDictionary()) xobjects.forEach((x) => x.get('Subtype').toString() === '/Image' && images.push(x))
  if (images.length !== 1) return null
  const x = images[0]
  const filter = x.get('Filter')
  const only = filter.isArray() && filter.length === 1 ? filter.get(0) : filter
  const plain =
    x.isStream() &&
    only.toString() === '/DCTDecode' &&
    ['/DeviceRGB', '/DeviceGray'].includes(x.get('ColorSpace').toString()) &&
    x.get('Decode').isNull() &&
    x.get('SMask').isNull() &&
    x.get('Mask').isNull()
  if (!plain) return null
  const raw = x.readRawStream()
  // Copied out of the WebAssembly heap, which the next call may move.
  const jpeg = Buffer.from(raw.asUint8Array())
  raw.destroy()
  return sniffImageType(jpeg) === 'jpeg' ? jpeg : null
}

function checkPixels(width: number, height: number, what: string): void {
  if (width * height > limits.maxPixels)
    throw new AppError('IMAGE_TOO_LARGE', `${what} would be ${width}×${height} pixels; at most ${limits.maxPixels} are accepted`)
}

/** A pixmap's samples as RGB or grey (CMYK and other spaces converted), rows packed; the pixmap is freed. */
function pixelsOf(lib: MupdfModule, pixmap: Mupdf.Pixmap): PagePixels {
  const n = pixmap.getNumberOfComponents()
  const rgb = n === 1 || n === 3 ? pixmap : pixmap.convertToColorSpace(lib.ColorSpace.DeviceRGB, false)
  if (rgb !== pixmap) pixmap.destroy()
  const width = rgb.getWidth()
  const height = rgb.getHeight()
  const channels = (rgb.getNumberOfComponents() + rgb.getAlpha()) as PagePixels['channels']
  const stride = rgb.getStride()
  const samples = rgb.getPixels()
  const data = new Uint8Array(width * height * channels)
  for (let y = 0; y < height; y++) data.set(samples.subarray(y * stride, y * stride + width * channels), y * width * channels)
  rgb.destroy()
  return { data, width, height, channels }
}
