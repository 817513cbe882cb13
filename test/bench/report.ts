import type { DocumentFamily } from '../../src/shared/domain/families'
import type { FieldKey } from '../../src/shared/domain/fields'
import { FIELD_KEYS } from '../../src/shared/domain/fields'
import type { FieldResult, Tally } from './metrics'
import { percentile, SURE_PROB, tally } from './metrics'
import type { DocResult } from './run'

/** A share as a percentage, or '-' of nothing. */
export const pct = (n: number, d: number): string => (d ? ((100 * n) / d).toFixed(1) + '%' : '-')

/** A page is corner-right when its worst corner is within this share of the page diagonal. */
const CORNER_TOLERANCE = 0.02

/** valueProb bands of the reliability table: [label, lowest, highest] inclusive. */
const BANDS: readonly (readonly [string, number, number])[] = [
  ['0', 0, 0],
  ['1–49', 1e-9, 49.999],
  ['50–79', 50, 79.999],
  ['80–89', 80, 89.999],
  ['90–94', 90, 94.999],
  ['95–99', 95, 99.999],
  ['100', 100, Infinity]
]

const TALLY_HEAD = `${'right≥90'.padStart(9)}${'WRONG≥90'.padStart(9)}${'right<90'.padStart(9)}${'wrong<90'.padStart(9)}`
const tallyCells = (t: Tally): string => [t.rightSure, t.wrongSure, t.rightUnsure, t.wrongUnsure].map((n) => String(n).padStart(9)).join('')

/** Accuracy of a group of pages as one table row (with its page corners, where the truth's geometry holds). */
function accuracyRow(label: string, xs: readonly DocResult[], withCorners = true): string {
  const fields = xs.flatMap((d) => d.fields)
  const right = fields.filter((f) => f.right).length
  const allRight = xs.filter((d) => d.fields.every((f) => f.right))
  const clean = allRight.filter((d) => d.fields.every((f) => f.prob >= SURE_PROB)).length
  const scored = xs.flatMap((d) => (d.score ? [d.score] : []))
  const corners = scored.filter((s) => s.cornerError <= CORNER_TOLERANCE).length
  const errors = xs.length - scored.length
  return (
    `  ${label.padEnd(16)}${String(xs.length).padStart(5)}${String(errors).padStart(5)}` +
    `${pct(right, fields.length).padStart(8)}${pct(allRight.length, xs.length).padStart(8)}${pct(clean, xs.length).padStart(8)}` +
    `${tallyCells(tally(fields))}${withCorners ? pct(corners, scored.length).padStart(9) : ''}`
  )
}

/** The condition sets: the same columns, without corners (a condition moves the page). */
export function printConditions(runs: readonly { name: string; results: readonly DocResult[] }[]): void {
  if (runs.length === 0) return
  console.log(`
the same pages otherwise (the first of each family and variation, ${runs[0].results.length} images, under each condition):`)
  console.log(
    `  ${''.padEnd(16)}${'imgs'.padStart(5)}${'err'.padStart(5)}${'fields'.padStart(8)}${'docs'.padStart(8)}${'clean'.padStart(8)}${TALLY_HEAD}`
  )
  for (const { name, results } of runs) {
    console.log(accuracyRow(name, results, false))
    const refused = new Map<string, number>()
    results.forEach((d) => d.error && refused.set(d.error.code, (refused.get(d.error.code) ?? 0) + 1))
    if (refused.size) console.log(`    refused: ${[...refused].map(([code, n]) => `${code} ${n}`).join(', ')}`)
  }
}

/** Per family, then per variation within it: fields and documents exact, the four counts, clean documents. */
export function printAccuracy(results: readonly DocResult[], families: readonly DocumentFamily[]): void {
  console.log('\naccuracy per family and variation (foreign pages are scored on their MRZ-derived fields only):')
  console.log('  fields/docs = exact; clean = every field right and none under 90 (nothing to review); corners = page corners within 2%')
  console.log(
    `  ${''.padEnd(16)}${'imgs'.padStart(5)}${'err'.padStart(5)}${'fields'.padStart(8)}${'docs'.padStart(8)}${'clean'.padStart(8)}${TALLY_HEAD}${'corners'.padStart(9)}`
  )
  for (const family of families) {
    const xs = results.filter((d) => d.sample.family === family)
    console.log(accuracyRow(family, xs))
    const variations = [...new Set(xs.map((d) => d.sample.variation))]
    for (const v of variations)
      console.log(
        accuracyRow(
          `  ${v}`,
          xs.filter((d) => d.sample.variation === v)
        )
      )
  }
  if (families.length > 1) console.log(accuracyRow('all', results))
  const wrongByField = new Map<FieldKey, number>()
  results.forEach((d) => d.fields.forEach((f) => f.right || wrongByField.set(f.key, (wrongByField.get(f.key) ?? 0) + 1)))
  const wrong = [...wrongByField].sort((a, b) => b[1] - a[1])
  console.log(`wrong fields: ${wrong.map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`)
  results
    .filter((d) => d.error)
    .forEach((d) => console.log(`  error ${d.sample.id} (${d.sample.variation}): ${d.error?.code} ${d.error?.message}`))
}

/** Foreign passports: the MRZ-derived fields, and how many were answered as if the holder were Chinese. */
export function printForeign(results: readonly DocResult[]): void {
  const xs = results.filter((d) => d.sample.family === 'foreign')
  if (xs.length === 0) return
  const fields = xs.flatMap((d) => d.fields)
  const right = fields.filter((f) => f.right).length
  const chinese = xs.filter((d) => d.asChinese).length
  console.log(`\nforeign: MRZ-derived fields exact ${right}/${fields.length} (${pct(right, fields.length)})`)
  console.log(
    `  reported as Chinese (countryCode CHN, nationality 中国/CHINESE or a Chinese name): ${chinese} of ${xs.length} documents (must be 0)`
  )
}

/** Observed accuracy per valueProb band, then the four counts per field, over every generated page. */
export function printReliability(results: readonly DocResult[]): void {
  const fields = results.flatMap((d) => d.fields)
  console.log(`\nreliability over ${results.length} generated images (${fields.length} scored fields):`)
  console.log(`  ${'valueProb'.padEnd(10)}${'fields'.padStart(8)}${'right'.padStart(8)}${'accuracy'.padStart(10)}`)
  for (const [label, lo, hi] of BANDS) {
    const inBand = fields.filter((f) => f.prob >= lo && f.prob <= hi)
    const right = inBand.filter((f) => f.right).length
    console.log(
      `  ${label.padEnd(10)}${String(inBand.length).padStart(8)}${String(right).padStart(8)}${pct(right, inBand.length).padStart(10)}`
    )
  }
  console.log(`  ${'field'.padEnd(16)}${TALLY_HEAD}`)
  const byKey = new Map<FieldKey, FieldResult[]>()
  fields.forEach((f) => byKey.set(f.key, [...(byKey.get(f.key) ?? []), f]))
  for (const k of FIELD_KEYS) {
    const fs = byKey.get(k)
    if (fs) console.log(`  ${k.padEnd(16)}${tallyCells(tally(fs))}`)
  }
  console.log(`  ${'all'.padEnd(16)}${tallyCells(tally(fields))}`)
}

/** Warm median per family, then the whole set's median, p95 and max. */
export function printSpeed(results: readonly DocResult[], families: readonly DocumentFamily[]): void {
  const times = results.map((d) => d.ms)
  console.log('\nspeed (2 intra-op threads, warm, decode to JSON):')
  console.log(
    `  median ${percentile(times, 0.5).toFixed(0)} ms, p95 ${percentile(times, 0.95).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`
  )
  const perFamily = families.map(
    (f) =>
      `${f} ${percentile(
        results.filter((d) => d.sample.family === f).map((d) => d.ms),
        0.5
      ).toFixed(0)} ms`
  )
  console.log(`  median per family: ${perFamily.join(', ')}`)
}

/** One line per wrong field (and a page whose corners are off): the --verbose listing. */
export function verboseLines(d: DocResult): string[] {
  const where = `${d.sample.id} ${d.sample.family}/${d.sample.variation}`
  const lines = d.fields
    .filter((f) => !f.right)
    .map((f) => `  ${where} ${f.key}: ${JSON.stringify(f.got)} (p ${f.prob}) want ${JSON.stringify(f.want)}`)
  if (d.score && d.score.cornerError > CORNER_TOLERANCE) lines.push(`  ${where} corners off by ${(d.score.cornerError * 100).toFixed(1)}%`)
  if (d.error) lines.push(`  ${where} error ${d.error.code}: ${d.error.message}`)
  return lines
}
