import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { generateSample } from '../fixtures/generator'
import type { Variation } from '../fixtures/generator'

// Generating a page costs about 2 s on a busy two-core machine, re-encoding one about 50 ms: 25 pages, each saved at
// 8 JPEG qualities, are 200 distinct files (other bytes, other content hash) for the real import and engine.
const PAGES = 25
const QUALITIES = [70, 74, 78, 82, 85, 88, 91, 94]
// Small JPEG photos of the page that the engine reads reliably (the 4 MB scans would only slow the import down).
const VARIATIONS: readonly Variation[] = ['rotated', 'perspective', 'blur', 'noise', 'lowQuality']

/** How many images `killImages` makes. */
export const KILL_IMAGES = PAGES * QUALITIES.length

/**
 * The kill test's 200 images, made once into a folder under the system's temporary directory and reused while the
 * generator's sources are unchanged (the folder is named for their hash and is complete only once renamed into place).
 */
export async function killImages(seed: number): Promise<string> {
  const dir = join(tmpdir(), `prw-kill-images-${generatorHash(seed)}`)
  if (existsSync(dir)) return dir
  const partial = `${dir}.partial-${process.pid}`
  rmSync(partial, { recursive: true, force: true })
  mkdirSync(partial)
  for (let p = 0; p < PAGES; p++) {
    const { image } = await generateSample(seed * 1000 + p, VARIATIONS[p % VARIATIONS.length])
    for (const [q, quality] of QUALITIES.entries()) {
      const bytes = await sharp(image).jpeg({ quality }).toBuffer()
      writeFileSync(join(partial, `${String(p * QUALITIES.length + q).padStart(4, '0')}.jpg`), bytes)
    }
  }
  renameSync(partial, dir)
  return dir
}

function generatorHash(seed: number): string {
  const sources = join(import.meta.dirname, '..', 'fixtures', 'generator')
  const hash = createHash('sha256').update(`${seed} ${PAGES} ${QUALITIES.join(',')} ${VARIATIONS.join(',')}`)
  for (const f of readdirSync(sources).sort()) hash.update(f).update(readFileSync(join(sources, f)))
  return hash.digest('hex').slice(0, 16)
}
