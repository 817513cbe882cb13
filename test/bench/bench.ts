/**
 * `npm run bench`: accuracy per document family and variation with the four right/wrong × valueProb ≥ 90 counts,
 * a reliability table per valueProb band and per field, speed and memory of the engine on a generated set, the
 * generic @gutenye/ocr-node pipeline (same models) on the mainland pages for comparison, and optionally a folder
 * of real specimens.
 * Options: --per-variation N (default 6), --seed S, --families mainland,hongkong,… (default all the generator
 * makes), --real DIR (images + truth.json), --no-baseline, --no-conditions (the same pages half size, on an A4
 * scan, in grey, as a poor JPEG), --verbose (every wrong field, per image).
 */
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassportEngine } from '../../src/main/recognition/pipeline'
import { baselineRecall } from './baseline'
import { percentile } from './metrics'
import type { BenchOptions } from './options'
import { benchOptions } from './options'
import { benchRealFolder } from './real'
import { CONDITIONS, conditionSet, underCondition } from './conditions'
import { printAccuracy, printConditions, printForeign, printReliability, printSpeed, pct, verboseLines } from './report'
import { runSamples } from './run'
import { generateFamilies } from './samples'

const today = new Date('2026-11-25T00:00:00Z')
/** The cold-start measurement runs the `recognize` command on this many files. */
const COLD_FILES = 10

async function main(opts: BenchOptions): Promise<void> {
  const { samples, families, notes } = await generateFamilies(opts.perVariation, opts.seed, opts.families)
  notes.forEach((n) => console.log(`note: ${n}`))
  const dir = await mkdtemp(join(tmpdir(), 'prw-bench-'))
  const files = await Promise.all(
    samples.map(async (s) => {
      const f = join(dir, `${s.id}.${s.truth.format === 'jpeg' ? 'jpg' : s.truth.format}`)
      await writeFile(f, s.image)
      return f
    })
  )
  console.log(`bench: ${samples.length} generated images (${families.join(', ')}; ${opts.perVariation} per variation, seed ${opts.seed})`)

  // 1. Cold start and memory as a user sees them: a fresh `recognize` process over the first files (mainland's first).
  const command = await runCommand(files.slice(0, COLD_FILES))
  // 2. In-process, warm: decode to JSON for every image.
  const t0 = performance.now()
  const engine = await PassportEngine.create()
  const createMs = performance.now() - t0
  const results = await runSamples(engine, samples, today, (d) => {
    if (opts.verbose) verboseLines(d).forEach((l) => console.log(l))
  })

  printAccuracy(results, families)
  printForeign(results)
  printReliability(results)
  printSpeed(results, families)
  console.log(`  model load + session creation ${createMs.toFixed(0)} ms; first result from process start ${command.firstMs.toFixed(0)} ms`)
  console.log(`  peak memory (RSS) of the recognize command over ${COLD_FILES} images: ${command.peakMb.toFixed(0)} MB`)

  if (opts.baseline) {
    // The generic pipeline is compared on mainland pages only, as before: its recall is over the fifteen Chinese fields.
    const mainland = results.filter((d) => d.sample.family === 'mainland')
    const b = await baselineRecall(
      mainland.map((d) => d.sample),
      mainland.map((d) => files[samples.indexOf(d.sample)])
    )
    const median = percentile(
      mainland.map((d) => d.ms),
      0.5
    )
    console.log(
      `\nbaseline @gutenye/ocr-node (generic det+rec, same models) on the ${mainland.length} mainland pages: median ${b.medianMs.toFixed(0)} ms per image`
    )
    console.log(
      `  its text contains the exact field value for ${pct(b.found, b.total)} of fields (an upper bound for any field mapping on top of it)`
    )
    console.log(`  speed ratio: ${(b.medianMs / median).toFixed(1)}x faster`)
  }
  await rm(dir, { recursive: true, force: true })
  if (opts.conditions) {
    const set = conditionSet(samples)
    const runs = []
    for (const c of CONDITIONS)
      runs.push({ name: c.name, results: await runSamples(engine, await underCondition(c, set), today, () => undefined) })
    printConditions(runs)
  }
  if (opts.real) await benchRealFolder(engine, opts.real, today)
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

let opts: BenchOptions
try {
  opts = benchOptions(process.argv.slice(2))
} catch (err) {
  // A usage error is a message and exit status 2, as for the CLI, not a stack trace.
  console.error(`bench: ${(err as Error).message}`)
  process.exit(2)
}
await main(opts)
