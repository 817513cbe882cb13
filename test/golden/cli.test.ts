import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { generateSample } from '../fixtures/generator'
import { gifOf, heicOf, imagesPdf, multiPageTiff } from '../fixtures/page-files'

const cli = (args: string[]): { status: number | null; lines: Record<string, unknown>[]; stderr: string } => {
  const r = spawnSync(process.execPath, ['scripts/cli.mjs', ...args], { encoding: 'utf8', timeout: 240_000 })
  const lines = r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
  return { status: r.status, lines, stderr: r.stderr }
}

describe('recognize command', () => {
  it('reads good files and reports each bad one with its code, in input order, without stopping', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prw-cli-'))
    const good = await generateSample(7, 'scan')
    const goodFile = join(dir, 'good.jpg')
    writeFileSync(goodFile, good.image)
    writeFileSync(join(dir, 'notes.txt'), 'not an image at all')
    writeFileSync(join(dir, 'truncated.jpg'), good.image.subarray(0, 2000))
    writeFileSync(
      join(dir, 'tiny.png'),
      await sharp({ create: { width: 100, height: 80, channels: 3, background: '#fff' } })
        .png()
        .toBuffer()
    )
    writeFileSync(
      join(dir, 'bomb.png'),
      await sharp({ create: { width: 9000, height: 6000, channels: 3, background: '#fff' } })
        .png()
        .toBuffer()
    )
    writeFileSync(join(dir, 'big.jpg'), Buffer.alloc(11 * 1024 * 1024, 1))
    writeFileSync(
      join(dir, 'blank.png'),
      await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#8a8' } })
        .png()
        .toBuffer()
    )
    const files = ['good.jpg', 'missing.jpg', 'notes.txt', 'truncated.jpg', 'tiny.png', 'bomb.png', 'big.jpg', 'blank.png'].map((f) =>
      join(dir, f)
    )
    const r = cli(['recognize', ...files])
    expect(r.status).toBe(1)
    expect(r.lines.map((l) => l.file)).toEqual(files)
    const codes = r.lines.map((l) => (l.error as { code: string } | undefined)?.code ?? 'OK')
    expect(codes).toEqual([
      'OK',
      'FILE_NOT_FOUND',
      'UNSUPPORTED_FORMAT',
      'CORRUPT_IMAGE',
      'IMAGE_TOO_SMALL',
      'IMAGE_TOO_LARGE',
      'FILE_TOO_LARGE',
      'NO_PASSPORT_FOUND'
    ])
    const data = r.lines[0].data as Record<string, string>
    expect(data.passportNumber).toBe(good.truth.data.passportNumber)
    expect(data.mrzLine2).toBe(good.truth.data.mrzLine2)
  })

  it('reads the files desks have: a line per page of a PDF or TIFF (with "page"), HEIC and GIF as one page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prw-cli-'))
    const [a, b] = [await generateSample(7, 'scan'), await generateSample(8, 'scan')]
    const files = {
      pdf: join(dir, 'scan.pdf'),
      heic: join(dir, 'photo.heic'),
      gif: join(dir, 'page.gif'),
      tiff: join(dir, 'feeder.tif'),
      empty: join(dir, 'empty.pdf')
    }
    writeFileSync(files.pdf, imagesPdf([a.image, b.image]))
    writeFileSync(files.heic, heicOf(a.image))
    writeFileSync(files.gif, await gifOf(b.image))
    writeFileSync(files.tiff, await multiPageTiff([b.image, a.image]))
    writeFileSync(files.empty, imagesPdf([a.image]).subarray(0, 400))
    const r = cli(['recognize', ...Object.values(files)])
    expect(r.status).toBe(1)
    const read = r.lines.map((l) => [
      l.file,
      l.page,
      (l.data as { passportNumber?: string } | undefined)?.passportNumber ?? (l.error as { code: string }).code
    ])
    const [na, nb] = [a.truth.data.passportNumber, b.truth.data.passportNumber]
    expect(read).toEqual([
      [files.pdf, 1, na],
      [files.pdf, 2, nb],
      [files.heic, undefined, na],
      [files.gif, undefined, nb],
      [files.tiff, 1, nb],
      [files.tiff, 2, na],
      [files.empty, undefined, 'CORRUPT_IMAGE']
    ])
  })

  it('exits 2 with usage for no files or an unknown option', () => {
    expect(cli(['recognize']).status).toBe(2)
    const r = cli(['recognize', '--bogus', 'x.jpg'])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/unknown option --bogus/)
  })
})
