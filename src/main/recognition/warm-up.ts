import sharp from 'sharp'

/**
 * A page for a recognition process's first run: rows of dark bars on a light ground, which the detector takes for
 * lines of text, so that detection, the direction classifier and the recogniser each run once before a real page.
 * Drawn, not shipped: no personal data, no file to keep.
 */
export async function warmUpPage(): Promise<Buffer> {
  const width = 960
  const height = 640
  const rgb = Buffer.alloc(width * height * 3, 0xe8)
  for (let row = 0; row < 8; row++) {
    const top = 60 + row * 70
    // Words of varying length: the recogniser sees crops of more than one width.
    for (let x = 60, word = 0; x < width - 120; word++) {
      const w = 40 + ((word * 37 + row * 53) % 140)
      for (let y = top; y < top + 26; y++) rgb.fill(0x20, (y * width + x) * 3, (y * width + x + w) * 3)
      x += w + 24
    }
  }
  return sharp(rgb, { raw: { width, height, channels: 3 } }).png().toBuffer()
}
