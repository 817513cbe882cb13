/**
 * Real specimen pages (`--real DIR`): a folder of images and a truth.json keyed by file name that holds only the
 * fields readable with certainty. The folder is never part of the repository; the bench reads it only when given.
 */
import { readdir, readFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import sharp from 'sharp'
import { toErrorInfo } from '../../src/shared/domain/errors'
import type { FieldKey } from '../../src/shared/domain/fields'
import { FIELD_KEYS } from '../../src/shared/domain/fields'
import type { PassportResponse } from '../../src/shared/domain/response'
import type { PassportEngine } from '../../src/main/recognition/pipeline'
import type { FieldResult } from './metrics'
import { fieldResults, MRZ_DERIVED_FIELDS, reportedAsChinese, SURE_PROB } from './metrics'

type Truth = Partial<Record<FieldKey, string>>

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.bmp'])
/** Below this short side a page's MRZ is not expected to be read exactly (the folder has one tiny, blurry copy). */
const MRZ_MIN_SHORT_SIDE = 400

/** One specimen as the engine answered it. */
interface SpecimenResult {
  file: string
  width: number
  height: number
  fields: FieldResult[]
  mrzExact: [boolean, boolean] | null
  errorCode: string | null
  warnings: string[]
  documentFamily: string | null
  asChinese: boolean
}

/** Recognise every image of `dir`, print each against its truth, then the totals. */
export async function benchRealFolder(engine: PassportEngine, dir: string, today: Date): Promise<void> {
  const truth = parseTruth(JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')))
  const files = (await readdir(dir)).filter((f) => IMAGE_EXTENSIONS.has(extname(f).toLowerCase())).sort()
  console.log(`\nreal specimens (${dir}, ${files.length} images; right/flagged (<${SURE_PROB})/WRONG (≥${SURE_PROB}) with valueProb):`)
  const results: SpecimenResult[] = []
  for (const file of files) {
    const x = await readSpecimen(engine, join(dir, file), file, truth[file], today)
    results.push(x)
    printSpecimen(x, truth[file] !== undefined)
  }
  printTotals(results)
}

async function readSpecimen(
  engine: PassportEngine,
  path: string,
  file: string,
  want: Truth | undefined,
  today: Date
): Promise<SpecimenResult> {
  const bytes = await readFile(path)
  const meta = await sharp(bytes).metadata()
  let r: PassportResponse | null = null
  let errorCode: string | null = null
  try {
    r = await engine.recognize(bytes, { today })
  } catch (err) {
    const e = toErrorInfo(err)
    // An unexpected failure keeps its message; a refusal's code says it all.
    errorCode = e.code === 'INTERNAL' ? `INTERNAL (${e.message})` : e.code
  }
  const fields = fieldResults(r, want ?? {}, sameAsTruth)
  const exact = (k: FieldKey): boolean => fields.find((f) => f.key === k)?.right ?? false
  return {
    file,
    width: meta.width ?? 0,
    height: meta.height ?? 0,
    fields,
    mrzExact: want?.mrzLine1 !== undefined && want.mrzLine2 !== undefined ? [exact('mrzLine1'), exact('mrzLine2')] : null,
    errorCode,
    warnings: r ? warningList(r) : [],
    documentFamily: r ? documentFamilyOf(r) : null,
    asChinese: r !== null && reportedAsChinese(r)
  }
}

/** Warning codes, each once, with the fields it was raised for: `LOW_CONFIDENCE(nameEn,birthDate)`. */
function warningList(r: PassportResponse): string[] {
  const byCode = new Map<string, Set<string>>()
  for (const w of r.validation.warnings) byCode.set(w.code, (byCode.get(w.code) ?? new Set()).add(w.field ?? ''))
  return [...byCode].map(([code, fields]) => {
    const named = [...fields].filter((f) => f)
    return named.length ? `${code}(${named.join(',')})` : code
  })
}

/** truth.json's `sex` is the MRZ letter, so the response's `女/F` is compared by its letter after the slash. */
function sameAsTruth(key: FieldKey, got: string, want: string): boolean {
  if (key === 'sex') return (got.includes('/') ? got.slice(got.lastIndexOf('/') + 1) : got) === want
  return got === want
}

/** `validation.documentFamily`, which the engine being rewritten may or may not report yet. */
function documentFamilyOf(r: PassportResponse): string | null {
  const f = (r.validation as { documentFamily?: unknown }).documentFamily
  return typeof f === 'string' ? f : null
}

function status(f: FieldResult): string {
  if (f.right) return 'right'
  return f.prob >= SURE_PROB ? 'WRONG' : 'flagged'
}

function printSpecimen(x: SpecimenResult, hasTruth: boolean): void {
  const mrz = x.mrzExact ? `MRZ lines exact: ${x.mrzExact.map((b) => (b ? 'yes' : 'no')).join('/')}` : 'MRZ lines: no truth'
  const extra = [
    x.errorCode ? `error ${x.errorCode}` : '',
    x.warnings.length ? `warnings ${x.warnings.join(' ')}` : '',
    x.documentFamily ? `documentFamily ${x.documentFamily}` : '',
    x.asChinese ? 'REPORTED AS CHINESE' : ''
  ].filter((s) => s)
  console.log(`  ${x.file} ${x.width}×${x.height}  ${mrz}${extra.length ? '  ' + extra.join('  ') : ''}`)
  if (!hasTruth) console.log('    (not in truth.json: not scored)')
  for (const f of x.fields) {
    const detail = f.right ? '' : `  got ${JSON.stringify(f.got)} want ${JSON.stringify(f.want)}`
    console.log(`    ${f.key.padEnd(15)}${status(f).padEnd(8)}${String(f.prob).padStart(4)}${detail}`)
  }
}

function printTotals(xs: readonly SpecimenResult[]): void {
  const large = xs.filter((x) => x.mrzExact && Math.min(x.width, x.height) >= MRZ_MIN_SHORT_SIDE)
  const bothMrz = large.filter((x) => x.mrzExact?.every((b) => b)).length
  const mrzFields = xs.flatMap((x) => x.fields.filter((f) => MRZ_DERIVED_FIELDS.includes(f.key)))
  const answered = mrzFields.filter((f) => f.right || f.prob < SURE_PROB).length
  const all = xs.flatMap((x) => x.fields)
  const silent = all.filter((f) => !f.right && f.prob >= SURE_PROB).length
  const refused = xs.filter((x) => x.errorCode).map((x) => `${x.file} ${x.errorCode}`)
  console.log('  totals:')
  console.log(`    both MRZ lines exact (short side ≥ ${MRZ_MIN_SHORT_SIDE} px): ${bothMrz} of ${large.length} images`)
  console.log(`    MRZ-derived fields exact or flagged (<${SURE_PROB}): ${answered} of ${mrzFields.length}`)
  console.log(`    wrong at ≥${SURE_PROB} (silent errors): ${silent} of ${all.length} scored fields`)
  console.log(
    `    reported as Chinese (none of these is): ${xs.filter((x) => x.asChinese).length} of ${xs.length - refused.length} answered images`
  )
  console.log(`    refused: ${refused.join(', ') || 'none'} (a refused image counts as flagged, never as a silent error)`)
}

/** truth.json: file name → { field: value }, only known field names with string values. */
function parseTruth(json: unknown): Record<string, Truth> {
  if (typeof json !== 'object' || json === null) throw new Error('truth.json must be an object keyed by file name')
  const out: Record<string, Truth> = {}
  for (const [file, entry] of Object.entries(json)) {
    if (typeof entry !== 'object' || entry === null) throw new Error(`truth.json: ${file} is not an object`)
    const t: Truth = {}
    for (const [k, v] of Object.entries(entry)) {
      const key = FIELD_KEYS.find((f) => f === k)
      if (!key || typeof v !== 'string') throw new Error(`truth.json: ${file}.${k} is not a field with a string value`)
      t[key] = v
    }
    out[file] = t
  }
  return out
}
