/**
 * `npm run bench`: accuracy per variation, confidence calibration, speed and memory of the engine on a
 * generated set, and the generic @gutenye/ocr-node pipeline (same models) on the same images for comparison.
 * Options: --per-variation N (default 6), --seed S, --no-baseline, --verbose (every wrong field, per image).
 */
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FIELD_KEYS } from '../../src/shared/domain/fields'
import { PassportEngine } from '../../src/main/recognition/pipeline'
import type { Sample, Variation } from '../fixtures/generator'
import { generateSet, VARIATIONS } from '../fixtures/generator'
import { baselineRecall } from './baseline'
import type { Score } from './metrics'
import { percentile, scoreResponse } from './metrics'
import { numberOption } from './options'

const args = process.argv.slice(2)
const opt = (name: string, def: number): number => numberOption(args, name, def)
const perVariation = opt('--per-variation', 6)
const seed = opt('--seed', 20261125)
const withBaseline = !args.includes('--no-baseline')
const verbose = args.includes('--verbose')
const today = new Date('2026-11-25T00:00:00Z')

const pctf = (n: number, d: number): string => (d ? ((100 * n) / d).toFixed(1) + '%' : '-')

async function main(): Promise<void> {
  const samples = await generateSet(perVariation * VARIATIONS.length, seed, VARIATIONS)
  const dir = await mkdtemp(join(tmpdir(), 'prw-bench-'))
  const files = await Promise.all(samples.map(async (s) => {
    const f = join(dir, `${s.id}.${s.truth.format === 'jpeg' ? 'jpg' : s.truth.format}`)
    await writeFile(f, s.image)
    return f
  }))
  console.log(`bench: ${samples.length} generated images (${perVariation} per variation, seed ${seed})`)

  // 1. Cold start and memory as a user sees them: a fresh `recognize` process over the first ten files.
  const command = await runCommand(files.slice(0, 10))
  // 2. In-process, warm: decode to JSON for every image.
  const t0 = performance.now()
  const engine = await PassportEngine.create()
  const createMs = performance.now() - t0
  await engine.recognize(samples[0].image, { today })
  const times: number[] = []
  const scores: { s: Sample; score: Score | null; error?: string }[] = []
  for (const s of samples) {
    const t = performance.now()
    try {
      const r = await engine.recognize(s.image, { today })
      JSON.stringify(r)
      times.push(performance.now() - t)
      const score = scoreResponse(r, s.truth)
      scores.push({ s, score })
      if (verbose) {
        for (const k of score.wrong) console.log(`  ${s.id} ${s.truth.variation} ${k}: ${JSON.stringify(r.data[k])} (p ${r.prism_keyValueInfo.find((x) => x.key === k)?.valueProb}) want ${JSON.stringify(s.truth.data[k])}`)
        if (score.cornerError > 0.02) console.log(`  ${s.id} ${s.truth.variation} corners off by ${(score.cornerError * 100).toFixed(1)}%`)
      }
    } catch (err) {
      times.push(performance.now() - t)
      scores.push({ s, score: null, error: (err as Error).message })
    }
  }

  console.log('\naccuracy by variation (fields exact / documents all-exact / page corners within 2% / valuePos centred):')
  const groups = new Map<Variation | 'all', typeof scores>()
  for (const x of scores) {
    groups.set(x.s.truth.variation, [...(groups.get(x.s.truth.variation) ?? []), x])
    groups.set('all', [...(groups.get('all') ?? []), x])
  }
  for (const [v, xs] of groups) {
    const ok = xs.filter((x) => x.score).map((x) => x.score as Score)
    const fields = xs.length * FIELD_KEYS.length
    const right = ok.reduce((a, s) => a + s.fieldsRight, 0)
    const docs = ok.filter((s) => s.docRight).length
    const corners = ok.filter((s) => s.cornerError <= 0.02).length
    const centred = ok.reduce((a, s) => a + s.centred, 0)
    const located = ok.reduce((a, s) => a + s.located, 0)
    console.log(`  ${String(v).padEnd(12)} fields ${pctf(right, fields).padStart(7)}  docs ${pctf(docs, xs.length).padStart(7)}  corners ${pctf(corners, xs.length).padStart(7)}  centred ${pctf(centred, located).padStart(7)}  (${xs.length} images, ${xs.length - ok.length} errors)`)
  }
  const all = scores.filter((x) => x.score).map((x) => x.score as Score)
  const confident = all.reduce((a, s) => a + s.confident, 0)
  const confidentRight = all.reduce((a, s) => a + s.confidentRight, 0)
  console.log(`\nconfidence: ${confident} fields at valueProb >= 90, right ${pctf(confidentRight, confident)}`)
  const wrongByField = new Map<string, number>()
  all.forEach((s) => s.wrong.forEach((k) => wrongByField.set(k, (wrongByField.get(k) ?? 0) + 1)))
  console.log(`wrong fields: ${[...wrongByField].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`)
  scores.filter((x) => x.error).forEach((x) => console.log(`  error ${x.s.id} (${x.s.truth.variation}): ${x.error}`))

  const median = percentile(times, 0.5)
  console.log('\nspeed (2 intra-op threads, warm, decode to JSON):')
  console.log(`  median ${median.toFixed(0)} ms, p95 ${percentile(times, 0.95).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`)
  console.log(`  model load + session creation ${createMs.toFixed(0)} ms; first result from process start ${command.firstMs.toFixed(0)} ms`)
  console.log(`  peak memory (RSS) of the recognize command over 10 images: ${command.peakMb.toFixed(0)} MB`)

  if (withBaseline) {
    const b = await baselineRecall(samples, files)
    console.log(`\nbaseline @gutenye/ocr-node (generic det+rec, same models): median ${b.medianMs.toFixed(0)} ms per image`)
    console.log(`  its text contains the exact field value for ${pctf(b.found, b.total)} of fields (an upper bound for any field mapping on top of it)`)
    console.log(`  speed ratio: ${(b.medianMs / median).toFixed(1)}x faster`)
  }
  await rm(dir, { recursive: true, force: true })
}

/**
 * The `recognize` command as a user runs it, on the first few files: wall time from spawning it to its first
 * line of output, and its peak resident memory (workers included), polled from /proc while it runs.
 */
function runCommand(files: readonly string[]): Promise<{ firstMs: number; peakMb: number }> {
  // A usage error first, so that a stale command bundle is rebuilt before the clock starts, as after any first run.
  spawnSync(process.execPath, ['scripts/cli.mjs'], { stdio: 'ignore' })
  return new Promise((resolve, reject) => {
    const t = performance.now()
    let firstMs = 0
    let peakKb = 0
    const child = spawn(process.execPath, ['scripts/cli.mjs', 'recognize', ...files], { stdio: ['ignore', 'pipe', 'inherit'] })
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))
        if (m) peakKb = Math.max(peakKb, Number(m[1]))
      } catch {
        // The process has just ended; the last reading stands.
      }
    }, 25)
    child.stdout.on('data', () => {
      if (!firstMs) firstMs = performance.now() - t
    })
    child.on('error', reject)
    child.on('exit', () => {
      clearInterval(poll)
      resolve({ firstMs, peakMb: peakKb / 1024 })
    })
  })
}

await main()
