import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { olderThan, outdatedDecoders } from '../../../src/main/recognition/image/decoder-versions'
import { restrictDecoders } from '../../../src/main/recognition/image/decode'

describe('the image decoders sharp ships', () => {
  // CI's gate: a sharp upgrade or downgrade that brings a libvips or libwebp with known decoder flaws fails here.
  it('are no older than the releases that fixed known decoder CVEs', () => {
    expect(outdatedDecoders(sharp.versions)).toEqual([])
  })

  it('compares versions part by part, so that an old or missing library is caught', () => {
    expect(olderThan('8.9.2', '8.18.3')).toBe(true)
    expect(olderThan('8.18.10', '8.18.3')).toBe(false)
    expect(olderThan('1.3.2', '1.3.2')).toBe(false)
    expect(outdatedDecoders({ vips: '8.14.4', webp: '1.3.1' })).toEqual([
      expect.stringMatching(/^vips 8\.14\.4: need 8\.18\.3/),
      expect.stringMatching(/^webp 1\.3\.1: need 1\.3\.2 .*CVE-2023-4863/)
    ])
    expect(outdatedDecoders({ vips: '8.18.7' })).toEqual([expect.stringMatching(/^webp: not reported/)])
  })
})

describe('restrictDecoders', () => {
  // This file runs in a process of its own (vitest's forks pool), as each recognition process does.
  it('leaves the JPEG, PNG, WebP, TIFF and GIF loaders and blocks every other one', async () => {
    const page = sharp({ create: { width: 64, height: 48, channels: 3, background: '#777' } })
    const encoded = await Promise.all((['jpeg', 'png', 'webp', 'tiff', 'gif', 'avif'] as const).map((f) => page.clone().toFormat(f).toBuffer()))
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48"><rect width="64" height="48"/></svg>')
    restrictDecoders()
    const widths = await Promise.all(encoded.slice(0, 5).map(async (b) => (await sharp(b).raw().toBuffer({ resolveWithObject: true })).info.width))
    expect(widths).toEqual([64, 64, 64, 64, 64])
    // AVIF is libvips' HEIF loader: HEIC photos reach the engine as JPEG pages, never through it.
    await expect(sharp(encoded[5]).raw().toBuffer()).rejects.toThrow(/unsupported image format/)
    await expect(sharp(svg).raw().toBuffer()).rejects.toThrow(/unsupported image format/)
  })
})
