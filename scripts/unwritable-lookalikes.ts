/**
 * Draws src/main/recognition/rec/unwritable-lookalikes.json: what the recogniser writes for each common
 * Traditional character outside its dictionary (ppocr_keys_v1 holds mostly Simplified forms). Such a character
 * comes back as its Simplified form (譚 as 谭: OpenCC puts that right), as nothing, or as a look-alike it can
 * write (瑋 as 璋, 韋 as 幸, 詠 as 泳): the table lists those look-alikes, so that a name character read as one
 * and spelt wrong for its syllable may be taken for the character it stands for.
 * Characters: Big5's 13,053 (the set Traditional text is written in), each drawn between two
 * characters the recogniser reads, as in a name, in three of Debian's Traditional Chinese fonts (fonts-noto-cjk's
 * sans and serif, fonts-arphic-uming's Ming). Run when the recognition model changes:
 * `npx tsx scripts/unwritable-lookalikes.ts`.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import sharp from 'sharp'
import { config } from '../src/main/recognition/config'
import { loadModels } from '../src/main/recognition/models'
import { recogniserWrites } from '../src/main/recognition/rec/writable'
import { TextRecognizer } from '../src/main/recognition/rec/text-recognizer'
import { createSession } from '../src/main/recognition/session'
import { simplifiedOf, toTraditional } from '../src/main/recognition/families/traditional'

const FONTS = ['Noto Sans CJK TC', 'Noto Serif CJK TC', 'AR PL UMing TW']
/** Written in more than one font at this probability, a character is what the recogniser takes the printed one for. */
const MIN_PROB = 0.3
const OUT = 'src/main/recognition/rec/unwritable-lookalikes.json'

/**
 * Big5's Han characters: level 1 (0xA440–0xC67E, the 5,401 common ones) and level 2 (0xC940–0xF9D5, 7,652 less
 * common ones, where many given-name characters are: 瑋, 鈺, 珮).
 */
function big5Han(): string[] {
  const decoder = new TextDecoder('big5')
  const lows = [...Array(0x3f).keys()].map((i) => 0x40 + i).concat([...Array(0x5e).keys()].map((i) => 0xa1 + i))
  const out: string[] = []
  for (const [from, to] of [
    [0xa440, 0xc67e],
    [0xc940, 0xf9d5]
  ])
    for (let hi = from >> 8; hi <= to >> 8; hi++)
      for (const lo of lows) {
        const code = (hi << 8) | lo
        if (code < from || code > to) continue
        const c = decoder.decode(new Uint8Array([hi, lo]))
        if (/^\p{Script=Han}$/u.test(c)) out.push(c)
      }
  return out
}

/** The character between two the recogniser reads (陳…明), drawn as a name line is cropped for it. */
async function draw(char: string, font: string): Promise<{ data: Uint8Array; width: number; height: number; channels: 3 }> {
  const H = config.rec.imgH
  const size = Math.round(H / (1 + 2 * config.rec.cropPadY))
  const width = Math.round(size * (3 + 2 * config.rec.cropPadX))
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${H}"><rect width="100%" height="100%" fill="#fff"/><text x="${size * config.rec.cropPadX}" y="${H / 2 + size * 0.36}" font-family="'${font}'" font-size="${size}" fill="#111">陳${char}明</text></svg>`
  const data = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer()
  return { data: new Uint8Array(data), width, height: H, channels: 3 }
}

async function main(): Promise<void> {
  // A font missing is drawn in another without a word from librsvg: the table would be that font's.
  const installed = execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' })
  const missing = FONTS.filter((f) => !installed.includes(f))
  if (missing.length) throw new Error(`missing fonts ${missing.join(', ')}: apt-get install fonts-noto-cjk fonts-arphic-uming`)
  const m = loadModels()
  const rec = TextRecognizer.create(await createSession(m.rec), m.dictionary)
  const unwritable = big5Han().filter((c) => !recogniserWrites(c))
  const seen = new Map<string, Map<string, number>>()
  for (const font of FONTS) {
    for (let i = 0; i < unwritable.length; i += 32) {
      const chars = unwritable.slice(i, i + 32)
      const lines = await rec.run(await Promise.all(chars.map((c) => draw(c, font))))
      lines.forEach((line, k) => {
        // Only a line read as three characters places the middle one: anything else lost or split it.
        if (line.chars.length !== 3 || (line.chars[0].char !== '陈' && line.chars[0].char !== '陳')) return
        const middle = line.chars[1]
        const printed = chars[k]
        for (const { char, prob } of [middle, ...middle.alts]) {
          // Its Simplified form (or one OpenCC turns back into it) is no look-alike: conversion puts it right.
          if (prob < MIN_PROB || !/^\p{Script=Han}$/u.test(char) || simplifiedOf(printed) === char || toTraditional(char) === printed)
            continue
          const counts = seen.get(printed) ?? new Map<string, number>()
          counts.set(char, (counts.get(char) ?? 0) + 1)
          seen.set(printed, counts)
        }
      })
    }
  }
  // Written for it in at least two fonts: the look-alike it is, not one font's accident.
  const table: Record<string, string> = {}
  for (const [printed, counts] of seen) for (const [written, n] of counts) if (n >= 2) table[written] = (table[written] ?? '') + printed
  const sorted = Object.fromEntries(Object.entries(table).sort(([a], [b]) => (a < b ? -1 : 1)))
  // The model it was drawn from, so that a test can tell when it needs drawing again.
  writeFileSync(OUT, JSON.stringify({ rec: m.hashes.rec, lookalikes: sorted }, null, 0).replace(/,"/g, ',\n"') + '\n')
  console.log(
    `${unwritable.length} of Big5's characters are outside the dictionary; ${Object.keys(sorted).length} look-alikes written to ${OUT}`
  )
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
