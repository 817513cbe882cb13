/**
 * Draws models/ocrb-glyphs.json, the OCR-B templates the MRZ glyph reader matches cells against, from Debian's
 * fonts-ocr-b (public domain). Run once when the template geometry changes, then update its sha256 in
 * models/manifest.json: `npx tsx scripts/render-ocrb-glyphs.ts`.
 */
import { writeFileSync } from 'node:fs'
import sharp from 'sharp'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<'
const WIDTH = 14
const HEIGHT = 22
/** Window width around the glyph's centre, in cap heights: OCR-B's widest glyphs with a little room. */
const WINDOW = 0.8
/** Room above and below the cap band, in cap heights. */
const MARGIN = 0.12
const SIZE = 240
const CANVAS = 400

interface Gray {
  data: Uint8Array
  width: number
  height: number
}

async function draw(ch: string): Promise<Gray> {
  const text = ch === '<' ? '&lt;' : ch
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CANVAS}" height="${CANVAS}"><rect width="100%" height="100%" fill="#fff"/><text x="80" y="300" font-family="OCR B" font-size="${SIZE}" fill="#000">${text}</text></svg>`
  const { data, info } = await sharp(Buffer.from(svg)).grayscale().raw().toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

function inkBox(g: Gray): { x0: number; x1: number; y0: number; y1: number } {
  let x0 = Infinity
  let x1 = -1
  let y0 = Infinity
  let y1 = -1
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      if (g.data[y * g.width + x] >= 128) continue
      x0 = Math.min(x0, x)
      x1 = Math.max(x1, x + 1)
      y0 = Math.min(y0, y)
      y1 = Math.max(y1, y + 1)
    }
  }
  if (x1 < 0) throw new Error('nothing drawn: is fonts-ocr-b installed?')
  return { x0, x1, y0, y1 }
}

/** Box-filter the window [cx ± w/2] × [top, top + h] down to WIDTH × HEIGHT. */
function sample(g: Gray, cx: number, top: number, w: number, h: number): Uint8Array {
  const out = new Uint8Array(WIDTH * HEIGHT)
  for (let j = 0; j < HEIGHT; j++) {
    for (let i = 0; i < WIDTH; i++) {
      let sum = 0
      let count = 0
      for (let y = Math.floor(top + (j * h) / HEIGHT); y < top + ((j + 1) * h) / HEIGHT; y++) {
        for (let x = Math.floor(cx - w / 2 + (i * w) / WIDTH); x < cx - w / 2 + ((i + 1) * w) / WIDTH; x++) {
          sum += x >= 0 && y >= 0 && x < g.width && y < g.height ? g.data[y * g.width + x] : 255
          count++
        }
      }
      out[j * WIDTH + i] = Math.round(sum / count)
    }
  }
  return out
}

// The cap band is the same for every glyph: H's top and bottom.
const cap = inkBox(await draw('H'))
const capH = cap.y1 - cap.y0
const pixels: Uint8Array[] = []
for (const ch of ALPHABET) {
  const g = await draw(ch)
  const box = inkBox(g)
  pixels.push(sample(g, (box.x0 + box.x1) / 2, cap.y0 - MARGIN * capH, WINDOW * capH, capH * (1 + 2 * MARGIN)))
}
const file = {
  font: 'OCR B Regular, Debian fonts-ocr-b (Matthew Skala, after Norbert Schwarz; public domain)',
  alphabet: ALPHABET,
  width: WIDTH,
  height: HEIGHT,
  window: WINDOW,
  margin: MARGIN,
  pixels: Buffer.concat(pixels).toString('base64')
}
writeFileSync(new URL('../models/ocrb-glyphs.json', import.meta.url), `${JSON.stringify(file, null, 2)}\n`)
