import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { filePages } from '../../../src/main/ingest/pages/file-pages'
import type { PageImage, PageSplitter } from '../../../src/main/ingest/pages/file-pages'
import { config } from '../../../src/main/recognition/config'
import { gifOf } from '../../fixtures/page-files'

/** Records what reaches the recognition process's side: only files of pages may. */
class RecordingSplitter implements PageSplitter {
  readonly asked: { head: string; firstOnly?: boolean }[] = []
  splitPages(bytes: Uint8Array, opts?: { firstOnly?: boolean }): Promise<PageImage[]> {
    this.asked.push({ head: Buffer.from(bytes.subarray(0, 4)).toString('latin1'), firstOnly: opts?.firstOnly })
    return Promise.resolve([])
  }
}

const codeOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'OK',
    (err: { code?: string }) => err.code ?? String(err)
  )

describe('the receiving side of a file', () => {
  it('passes a one-image file on as it is, and sends PDF, HEIF and TIFF to be split, with firstOnly', async () => {
    const image = sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
    const [jpeg, png, tiff] = await Promise.all([
      image.clone().jpeg().toBuffer(),
      image.clone().png().toBuffer(),
      image.clone().tiff().toBuffer()
    ])
    const heif = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(12)])
    const splitter = new RecordingSplitter()
    for (const b of [jpeg, png, await gifOf(jpeg)]) {
      const pages = await filePages(b, splitter)
      expect(pages.map((p) => [p.page, Buffer.compare(p.bytes, b)])).toEqual([[1, 0]])
    }
    expect(splitter.asked).toEqual([])
    await filePages(Buffer.from('%PDF-1.7\n'), splitter, { firstOnly: true })
    await filePages(heif, splitter)
    await filePages(tiff, splitter)
    expect(splitter.asked).toEqual([
      { head: '%PDF', firstOnly: true },
      { head: heif.subarray(0, 4).toString('latin1'), firstOnly: undefined },
      { head: tiff.subarray(0, 4).toString('latin1'), firstOnly: undefined }
    ])
  })

  it('refuses an unknown or oversize file itself, sending nothing on', async () => {
    const splitter = new RecordingSplitter()
    expect(await codeOf(filePages(Buffer.from('plain text, not a page'), splitter))).toBe('UNSUPPORTED_FORMAT')
    expect(await codeOf(filePages(Buffer.alloc(config.limits.maxFileBytes + 1, 0xff), splitter))).toBe('FILE_TOO_LARGE')
    expect(splitter.asked).toEqual([])
  })
})
