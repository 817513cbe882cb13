import type * as PdfLibModule from 'pdf-lib'
import type { PDFPageLeaf, PDFRawStream } from 'pdf-lib'
import { AppError } from '../../../shared/domain/errors'
import { config } from '../../recognition/config'
import { sniffImageType } from '../image-type'

type PdfLib = typeof PdfLibModule

// pdf-lib (MIT, plain JavaScript) reads the file's objects as they are stored, which pdf.js does not expose.
let loaded: Promise<PdfLib> | undefined
const pdfLib = (): Promise<PdfLib> => (loaded ??= import('pdf-lib'))

/** The image streams each page names directly, read from the file's objects without decoding any of them. */
export class PdfImageStreams {
  private constructor(
    private readonly lib: PdfLib,
    private readonly pages: PDFPageLeaf[]
  ) {}

  /** Null when pdf-lib cannot parse the file (pdf.js repairs more): the pages are then read from pixels alone. */
  static async open(bytes: Uint8Array): Promise<PdfImageStreams | null> {
    const lib = await pdfLib()
    try {
      // Encrypted streams stay encrypted here: their bytes then fail the JPEG checks below and pixels are used.
      const doc = await lib.PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false })
      return new PdfImageStreams(
        lib,
        doc.getPages().map((p) => p.node)
      )
    } catch {
      return null
    }
  }

  /** The pages the file's page tree holds. */
  get pageCount(): number {
    return this.pages.length
  }

  /** Refuses the page (0-based) when an image it names is over the pixel limit, from the image's dictionary alone. */
  checkSizes(index: number): void {
    for (const x of this.images(index)) {
      const [w, h] = [x.dict.get(this.lib.PDFName.of('Width')), x.dict.get(this.lib.PDFName.of('Height'))]
      const [width, height] = [w instanceof this.lib.PDFNumber ? w.asNumber() : 0, h instanceof this.lib.PDFNumber ? h.asNumber() : 0]
      if (width * height > config.limits.maxPixels)
        throw new AppError(
          'IMAGE_TOO_LARGE',
          `an image on page ${index + 1} is ${width}×${height} pixels; at most ${config.limits.maxPixels} are accepted`
        )
    }
  }

  /**
   * The page's only image as its stored JPEG bytes, when it is a plain RGB or grey JPEG that a viewer shows
   * unchanged (no other filter, decode array or mask); null otherwise.
   */
  embeddedJpeg(index: number): Buffer | null {
    const images = this.images(index)
    if (images.length !== 1) return null
    const { lib } = this
    const { dict, contents } = images[0]
    const name = (key: string): string | undefined => {
      const v = dict.get(lib.PDFName.of(key))
      return v instanceof lib.PDFName ? v.asString() : undefined
    }
    const filter = dict.get(lib.PDFName.of('Filter'))
    const only = filter instanceof lib.PDFArray && filter.size() === 1 ? filter.get(0) : filter
    const plain =
      only instanceof lib.PDFName &&
      only.asString() === '/DCTDecode' &&
      ['/DeviceRGB', '/DeviceGray'].includes(name('ColorSpace') ?? '') &&
      ['Decode', 'SMask', 'Mask'].every((k) => dict.get(lib.PDFName.of(k)) === undefined)
    if (!plain) return null
    const jpeg = Buffer.from(contents)
    return sniffImageType(jpeg) === 'jpeg' ? jpeg : null
  }

  private images(index: number): PDFRawStream[] {
    const { lib } = this
    // Resources may be inherited from the page tree; Resources() looks there too.
    const resources = this.pages[index]?.Resources()
    const xobjects = resources?.lookup(lib.PDFName.of('XObject'))
    if (!resources || !(xobjects instanceof lib.PDFDict)) return []
    return xobjects
      .values()
      .map((ref) => resources.context.lookup(ref))
      .filter((x): x is PDFRawStream => x instanceof lib.PDFRawStream && x.dict.get(lib.PDFName.of('Subtype'))?.toString() === '/Image')
  }
}
