import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { splitPages } from '../../../src/main/ingest/pages/split-pages'
import { config } from '../../../src/main/recognition/config'
import { generateSample } from '../../fixtures/generator'
import { emptyPdf, encryptedPdf, gifOf, heicOf, imagesPdf, multiPageTiff } from '../../fixtures/page-files'

const codeOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'OK',
    (err: { code?: string }) => err.code ?? String(err)
  )

/** Decoded RGB pixels as size and hash, to compare images across encodings (a deep compare of megabytes is slow). */
const pixels = async (img: Uint8Array): Promise<string> => {
  const { data, info } = await sharp(img).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  return `${info.width}×${info.height} ${createHash('sha256').update(data).digest('hex')}`
}
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0

let jpeg: Buffer
let png: Buffer

beforeAll(async () => {
  // Seed 7 'scan' is a JPEG scan, seed 8 'scan' a PNG one: both encodings a scanner's PDF embeds.
  jpeg = (await generateSample(7, 'scan')).image
  png = (await generateSample(8, 'scan')).image
  expect([jpeg[0], png[0]]).toEqual([0xff, 0x89])
}, 60_000)

describe('PDF', () => {
  it('gives one page per PDF page, a scan as its embedded image: a JPEG byte for byte, a PNG pixel for pixel', async () => {
    const pages = await splitPages(imagesPdf([jpeg, png]))
    expect(pages.map((p) => p.page)).toEqual([1, 2])
    expect(same(pages[0].bytes, jpeg)).toBe(true)
    expect(await pixels(pages[1].bytes)).toEqual(await pixels(png))
  })

  it('answers the first page alone when asked', async () => {
    const pages = await splitPages(imagesPdf([jpeg, png]), { firstOnly: true })
    expect(pages).toHaveLength(1)
    expect(same(pages[0].bytes, jpeg)).toBe(true)
  })

  it('draws a page that is not one scanned image at 300 dpi (a passport placed on an A4 page)', async () => {
    const [page] = await splitPages(imagesPdf([jpeg], ['--pagesize', 'A4', '--imgsize', '150mmx']))
    const meta = await sharp(page.bytes).metadata()
    // A4 is 210 × 297 mm: 2480.3 × 3507.9 pixels at 300 dpi, rounded outwards.
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 2481, 3508])
  })

  it('refuses encrypted, empty, damaged and over-long PDFs, and a page too large to draw, with stable codes', async () => {
    const two = imagesPdf([jpeg, png])
    const withPassword = encryptedPdf(two, 'secret')
    const empty = await emptyPdf()
    const small = await sharp(jpeg).resize(400).jpeg().toBuffer()
    const tooMany = imagesPdf(Array<Buffer>(config.limits.maxPages + 1).fill(small))
    const huge = imagesPdf([small], ['--pagesize', '200inx200in', '--imgsize', '1inx'])
    const started = Date.now()
    expect(await codeOf(splitPages(huge))).toBe('IMAGE_TOO_LARGE')
    // Refused from the page's size: nothing of its 60001 × 60001 pixels is drawn.
    expect(Date.now() - started).toBeLessThan(1000)
    // A small page holding an image over the pixel limit (8000 × 8000, a few kilobytes as Flate): refused from the
    // image's dictionary, before pdf.js decodes it.
    const blank = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer()
    const bomb = imagesPdf([blank], ['--pagesize', '3inx3in', '--imgsize', '2inx2in'])
    const bombStarted = Date.now()
    expect(await codeOf(splitPages(bomb))).toBe('IMAGE_TOO_LARGE')
    expect(Date.now() - bombStarted).toBeLessThan(1000)
    expect(await codeOf(splitPages(withPassword))).toBe('FILE_ENCRYPTED')
    expect(await codeOf(splitPages(empty))).toBe('NO_PAGES')
    expect(await codeOf(splitPages(two.subarray(0, two.length >> 2)))).toBe('CORRUPT_IMAGE')
    expect(await codeOf(splitPages(Buffer.from('%PDF-1.7\nnothing here\n')))).toBe('CORRUPT_IMAGE')
    expect(await codeOf(splitPages(tooMany))).toBe('IMAGE_TOO_LARGE')
    expect(await codeOf(splitPages(imagesPdf(Array<Buffer>(config.limits.maxPages).fill(small))))).toBe('OK')
  })
})

describe('TIFF, HEIF, GIF and single images', () => {
  it('splits a multi-page TIFF into lossless pages, and bounds the count', async () => {
    const tiff = await multiPageTiff([jpeg, png])
    const pages = await splitPages(tiff)
    expect(pages.map((p) => p.page)).toEqual([1, 2])
    for (const [i, p] of pages.entries())
      expect(await pixels(p.bytes)).toEqual(await pixels(await sharp(tiff, { page: i }).png().toBuffer()))
    const small = await sharp(jpeg).resize(400).jpeg().toBuffer()
    expect(await codeOf(splitPages(await multiPageTiff(Array<Buffer>(config.limits.maxPages + 1).fill(small))))).toBe('IMAGE_TOO_LARGE')
  })

  it('keeps a one-page TIFF, a GIF and a JPEG as they are', async () => {
    const tiff = await sharp(jpeg).tiff().toBuffer()
    const gif = await gifOf(jpeg)
    for (const b of [tiff, gif, jpeg]) {
      const pages = await splitPages(b)
      expect(pages.map((p) => [p.page, same(p.bytes, b)])).toEqual([[1, true]])
    }
  })

  it("turns a HEIC photo into a JPEG of the photo's size, and refuses a damaged one", async () => {
    const heic = heicOf(jpeg)
    const [page] = await splitPages(heic)
    const [meta, source] = [await sharp(page.bytes).metadata(), await sharp(jpeg).metadata()]
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', source.width, source.height])
    expect(await codeOf(splitPages(heic.subarray(0, 5000)))).toBe('CORRUPT_IMAGE')
  })

  it('refuses unknown and oversize files before reading them', async () => {
    expect(await codeOf(splitPages(Buffer.from('plain text, not a page')))).toBe('UNSUPPORTED_FORMAT')
    expect(await codeOf(splitPages(Buffer.alloc(config.limits.maxFileBytes + 1, 0xff)))).toBe('FILE_TOO_LARGE')
  })
})
