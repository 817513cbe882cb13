import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type * as PdfjsModule from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { AppError } from '../../../shared/domain/errors'
import { config } from '../../recognition/config'
import { encodePage } from './page-image'
import type { PageImage, PagePixels } from './page-image'
import { PdfImageStreams } from './pdf-image-streams'

type Pdfjs = typeof PdfjsModule
type Matrix = [number, number, number, number, number, number]

const { limits, pdf } = config
const POINTS_PER_INCH = 72

// pdf.js (Apache-2.0, plain JavaScript; its canvas is @napi-rs/canvas): loaded the first time a PDF arrives.
let loaded: Promise<Pdfjs> | undefined
const pdfjs = (): Promise<Pdfjs> => (loaded ??= import('pdfjs-dist/legacy/build/pdf.mjs'))
const assets = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))
/**
 * The folders of data files pdf.js reads from its package at run time: fonts a PDF names without embedding them,
 * CMaps, its JPEG 2000, JBIG2 and colour decoders (the packaged app must carry them: test/unit/build/pdf-packaging.test.ts).
 */
export const PDFJS_DATA = {
  standardFontDataUrl: join(assets, 'standard_fonts/'),
  cMapUrl: join(assets, 'cmaps/'),
  wasmUrl: join(assets, 'wasm/')
} as const

/**
 * The pages of a PDF (the first only when `firstOnly`), each as an image: a scanned page gives its embedded image
 * (a JPEG as is, byte for byte), any other page is drawn at `pdf.renderDpi`. Encrypted, empty and over-long
 * documents are refused before any page is drawn, and every size is checked before anything is decoded.
 */
export async function pdfPages(bytes: Uint8Array, firstOnly: boolean): Promise<PageImage[]> {
  const lib = await pdfjs()
  const task = lib.getDocument({
    // A copy, as a plain Uint8Array (pdf.js refuses a Buffer, and may take over the memory it is given).
    data: new Uint8Array(bytes),
    verbosity: lib.VerbosityLevel.ERRORS,
    // No code generated from the file (font programs), no image larger than we accept decoded.
    isEvalSupported: false,
    maxImageSize: limits.maxPixels,
    // Decoded pixels, not ImageBitmaps: the scanned-page path reads an image's own pixels.
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    useSystemFonts: false,
    ...PDFJS_DATA
  })
  let doc: PDFDocumentProxy
  try {
    doc = await task.promise
  } catch (err) {
    if ((err as Error).name === 'PasswordException')
      throw new AppError('FILE_ENCRYPTED', 'the PDF is protected by a password; save it again without one')
    throw new AppError('CORRUPT_IMAGE', `the PDF could not be opened: ${(err as Error).message}`)
  }
  try {
    const count = doc.numPages
    if (count === 0) throw new AppError('NO_PAGES', 'the PDF has no page')
    if (count > limits.maxPages)
      throw new AppError('IMAGE_TOO_LARGE', `the PDF has ${count} pages; at most ${limits.maxPages} are accepted`)
    const parsed = await PdfImageStreams.open(bytes)
    // Where the two read the page tree differently (a repaired file), pages are taken from pdf.js's pixels alone.
    const streams = parsed?.pageCount === count ? parsed : null
    const pages: PageImage[] = []
    for (let i = 0; i < (firstOnly ? 1 : count); i++) {
      streams?.checkSizes(i)
      const page = await doc.getPage(i + 1)
      try {
        pages.push({ page: i + 1, bytes: await pageImage(lib, page, streams) })
      } finally {
        page.cleanup()
      }
    }
    return pages
  } catch (err) {
    if (err instanceof AppError) throw err
    throw new AppError('CORRUPT_IMAGE', `the PDF could not be read: ${(err as Error).message}`)
  } finally {
    await task.destroy()
  }
}

async function pageImage(lib: Pdfjs, page: PDFPageProxy, streams: PdfImageStreams | null): Promise<Buffer> {
  const scan = await scannedImage(lib, page)
  if (scan) {
    // 1. The scanner's own JPEG, untouched: no second compression, and the same file always gives the same page.
    const jpeg = streams?.embeddedJpeg(page.pageNumber - 1)
    if (jpeg) return jpeg
    // 2. Another encoding (Flate, CCITT, JBIG2…): its pixels at the image's own resolution, not the page's.
    checkPixels(scan.width, scan.height, 'the embedded page image')
    return encodePage(await scan.pixels())
  }
  // 3. Not a scan (text and drawings, a page of several images): drawn as a scanner would see it.
  const viewport = page.getViewport({ scale: pdf.renderDpi / POINTS_PER_INCH })
  const [width, height] = [Math.ceil(viewport.width), Math.ceil(viewport.height)]
  checkPixels(width, height, `the page at ${pdf.renderDpi} dpi`)
  const { createCanvas } = await import('@napi-rs/canvas')
  const canvas = createCanvas(width, height)
  const context = canvas.getContext('2d')
  await page.render({ canvas, canvasContext: context, viewport, background: '#ffffff' } as Parameters<PDFPageProxy['render']>[0]).promise
  const { data } = context.getImageData(0, 0, width, height)
  return encodePage({ data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height, channels: 4 })
}

interface ScannedImage {
  width: number
  height: number
  pixels(): Promise<PagePixels>
}

/** The one image that makes up the page (an invisible OCR text layer over it allowed), upright and unrotated. */
async function scannedImage(lib: Pdfjs, page: PDFPageProxy): Promise<ScannedImage | null> {
  if (page.rotate % 360 !== 0) return null
  const { OPS } = lib
  const { fnArray, argsArray } = await page.getOperatorList()
  // The image's placement: the transformation in force when it is painted (save/restore and form XObjects nest).
  let ctm: Matrix = [1, 0, 0, 1, 0, 0]
  const saved: Matrix[] = []
  const painted: { ctm: Matrix; args: unknown[]; inline: boolean }[] = []
  let otherImages = 0
  for (let i = 0; i < fnArray.length; i++) {
    const [fn, args] = [fnArray[i], argsArray[i] as unknown[]]
    if (fn === OPS.save) saved.push(ctm)
    else if (fn === OPS.restore) ctm = saved.pop() ?? ctm
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix)
    else if (fn === OPS.paintFormXObjectBegin) {
      saved.push(ctm)
      if (Array.isArray(args[0])) ctm = multiply(ctm, args[0] as Matrix)
    } else if (fn === OPS.paintFormXObjectEnd) ctm = saved.pop() ?? ctm
    else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject)
      painted.push({ ctm, args, inline: fn === OPS.paintInlineImageXObject })
    else if (IMAGE_OPS(lib).has(fn)) otherImages++
  }
  if (painted.length !== 1 || otherImages > 0) return null
  const [{ ctm: m, args, inline }] = painted
  // An upright placement: scaled, not rotated or mirrored.
  if (!(m[0] > 0 && m[3] > 0 && m[1] === 0 && m[2] === 0)) return null
  const [px0, py0, px1, py1] = page.view
  const [x0, y0, x1, y1] = [Math.max(m[4], px0), Math.max(m[5], py0), Math.min(m[4] + m[0], px1), Math.min(m[5] + m[3], py1)]
  const covered = (Math.max(0, x1 - x0) * Math.max(0, y1 - y0)) / ((px1 - px0) * (py1 - py0))
  if (covered < pdf.scanCoverage) return null
  const decoded = (): DecodedImage => {
    if (inline) return args[0] as DecodedImage
    const id = args[0] as string
    // pdf.js keeps an image used on several pages with the document (ids `g_…`), others with the page.
    return (id.startsWith('g_') ? page.commonObjs : page.objs).get(id) as DecodedImage
  }
  const [width, height] = inline
    ? [(args[0] as DecodedImage).width, (args[0] as DecodedImage).height]
    : [args[1] as number, args[2] as number]
  return { width, height, pixels: () => Promise.resolve(pixelsOf(lib, decoded())) }
}

/** An image as pdf.js hands it over once decoded: 1-bit grey (rows padded to a byte), RGB or RGBA samples. */
interface DecodedImage {
  width: number
  height: number
  kind: number
  data: Uint8Array | Uint8ClampedArray
}

function pixelsOf(lib: Pdfjs, img: DecodedImage): PagePixels {
  const { width, height, kind } = img
  const data = new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength)
  if (kind === lib.ImageKind.RGB_24BPP) return { data, width, height, channels: 3 }
  if (kind === lib.ImageKind.RGBA_32BPP) return { data, width, height, channels: 4 }
  // 1 bit per pixel, 1 is white (pdf.js has already applied the image's Decode array).
  const grey = new Uint8Array(width * height)
  const stride = (width + 7) >> 3
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) grey[y * width + x] = data[y * stride + (x >> 3)] & (0x80 >> (x & 7)) ? 255 : 0
  return { data: grey, width, height, channels: 1 }
}

const imageOps = new WeakMap<Pdfjs, Set<number>>()
/** Every other way pdf.js paints an image or an image mask: a page with one of them is not a plain scan. */
function IMAGE_OPS(lib: Pdfjs): Set<number> {
  let ops = imageOps.get(lib)
  if (!ops) {
    const { OPS } = lib
    ops = new Set([
      OPS.paintImageXObjectRepeat,
      OPS.paintInlineImageXObjectGroup,
      OPS.paintImageMaskXObject,
      OPS.paintImageMaskXObjectGroup,
      OPS.paintImageMaskXObjectRepeat,
      OPS.paintSolidColorImageMask
    ])
    imageOps.set(lib, ops)
  }
  return ops
}

function multiply(a: Matrix, b: Matrix): Matrix {
  // PDF's order: b is applied first, then a (the new `cm` is concatenated onto the current matrix).
  return [
    b[0] * a[0] + b[1] * a[2],
    b[0] * a[1] + b[1] * a[3],
    b[2] * a[0] + b[3] * a[2],
    b[2] * a[1] + b[3] * a[3],
    b[4] * a[0] + b[5] * a[2] + a[4],
    b[4] * a[1] + b[5] * a[3] + a[5]
  ]
}

function checkPixels(width: number, height: number, what: string): void {
  if (width * height > limits.maxPixels)
    throw new AppError('IMAGE_TOO_LARGE', `${what} would be ${width}×${height} pixels; at most ${limits.maxPixels} are accepted`)
}
