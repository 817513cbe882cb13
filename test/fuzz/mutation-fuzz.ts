/**
 * A bounded mutation fuzz of the decoders and the pipeline: seed images in every format we read, each mutated many
 * times (bit flips, magic values, inserted, dropped and repeated runs, truncation, header damage, splices), read by
 * the real engine in its own process. A result must be a recognition or a typed error; a crash or a hang is a finding.
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { encode as encodeBmp } from 'fast-bmp'
import sharp from 'sharp'
import { EnginePool } from '../../src/main/recognition/engine-pool'
import { ERROR_CODES } from '../../src/shared/domain/errors'
import { generateSample } from '../fixtures/generator'
import type { Variation } from '../fixtures/generator'

/** What one run found. */
export interface FuzzFigures {
  mutants: number
  recognized: number
  /** Typed errors by code. */
  errors: Record<string, number>
  /** Process crashes (ENGINE_CRASHED) and hangs (TIMEOUT past the limit): each a finding. */
  crashes: number
  hangs: number
  /** Answers that were neither a recognition nor an error with one of our codes. */
  untyped: number
  /** Each crash or hang: which seed and mutant, what the pool said, and the bytes to replay it with. */
  findings: { seed: number; mutant: number; code: string; message: string; bytes: Buffer }[]
  slowestMs: number
  /** Highest resident memory of any recognition process, from the kernel's own peak (VmHWM). */
  peakRssMb: number
  seconds: number
}

/** A small deterministic PRNG (mulberry32), so that a seed names a run exactly. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const MAGIC = [0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe]

/** One mutant of `src` (never `src` itself), made with `rand`; `other` is a second seed to splice from. */
export function mutate(src: Buffer, other: Buffer, rand: () => number): Buffer {
  const at = (n: number): number => Math.floor(rand() * n)
  const b = Buffer.from(src)
  switch (at(8)) {
    case 0: {
      for (let i = 1 + at(16); i > 0; i--) b[at(b.length)] ^= 1 << at(8)
      return b
    }
    case 1: {
      for (let i = 1 + at(8); i > 0; i--) b[at(b.length)] = MAGIC[at(MAGIC.length)]
      return b
    }
    case 2: {
      // The header: dimensions, chunk lengths, offsets and markers all live in the first bytes.
      for (let i = 1 + at(6); i > 0; i--) b[at(Math.min(b.length, 96))] = at(256)
      return b
    }
    case 3:
      return b.subarray(0, at(b.length))
    case 4: {
      const from = at(b.length)
      return Buffer.concat([b.subarray(0, from), b.subarray(from + 1 + at(4096))])
    }
    case 5: {
      const from = at(b.length)
      const run = b.subarray(from, from + 1 + at(4096))
      return Buffer.concat([b.subarray(0, from), run, run, run, b.subarray(from)])
    }
    case 6: {
      const from = at(b.length)
      const junk = Buffer.from(Array.from({ length: 1 + at(512) }, () => at(256)))
      return Buffer.concat([b.subarray(0, from), junk, b.subarray(from)])
    }
    default: {
      const cut = at(Math.min(b.length, other.length))
      return Buffer.concat([b.subarray(0, cut), other.subarray(cut)])
    }
  }
}

/** Ten seeds: generated passport pages (synthetic holders) in each format we read, two sizes, two variations. */
export async function seedImages(count = 10): Promise<Buffer[]> {
  const variations: Variation[] = ['scan', 'rotated']
  const formats = ['jpeg', 'png', 'webp', 'tiff', 'bmp'] as const
  const seeds: Buffer[] = []
  for (let i = 0; i < count; i++) {
    const sample = await generateSample(900 + i, variations[i % 2])
    const width = i < count / 2 ? 800 : 1200
    const resized = sharp(sample.image).resize({ width })
    const format = formats[i % formats.length]
    if (format === 'bmp') {
      const { data, info } = await resized.removeAlpha().raw().toBuffer({ resolveWithObject: true })
      seeds.push(Buffer.from(encodeBmp({ width: info.width, height: info.height, data, channels: 3, bitsPerPixel: 24, components: 3 })))
    } else seeds.push(await resized.toFormat(format).toBuffer())
  }
  return seeds
}

function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : 0
  } catch {
    return 0
  }
}

/** Run `mutantsPerSeed` mutants of each seed through one recognition process, at most `hangMs` each. */
export async function runFuzz(opts: {
  seeds: Buffer[]
  mutantsPerSeed: number
  seed: number
  hangMs: number
  onProgress?: (done: number, figures: FuzzFigures) => void
}): Promise<FuzzFigures> {
  const rand = prng(opts.seed)
  const pool = new EnginePool({ workers: 1, jobTimeoutMs: opts.hangMs })
  const f: FuzzFigures = { mutants: 0, recognized: 0, errors: {}, crashes: 0, hangs: 0, untyped: 0, findings: [], slowestMs: 0, peakRssMb: 0, seconds: 0 }
  const started = performance.now()
  // The kernel keeps each process's peak; it is read before a process is replaced and at the end.
  const watch = setInterval(() => {
    for (const pid of pool.pids) f.peakRssMb = Math.max(f.peakRssMb, peakRssMb(pid))
  }, 50)
  try {
    await pool.ready()
    for (let m = 0; m < opts.mutantsPerSeed; m++) {
      for (let s = 0; s < opts.seeds.length; s++) {
        const bytes = mutate(opts.seeds[s], opts.seeds[(s + 1) % opts.seeds.length], rand)
        const t0 = performance.now()
        let message = ''
        const outcome = await pool.recognize(bytes).then(
          () => 'recognized',
          (e: { code?: string; message?: string }) => {
            message = e.message ?? String(e)
            return e.code ?? 'untyped'
          }
        )
        if (outcome === 'ENGINE_CRASHED' || outcome === 'TIMEOUT' || outcome === 'untyped')
          f.findings.push({ seed: s, mutant: m, code: outcome, message, bytes })
        f.slowestMs = Math.max(f.slowestMs, performance.now() - t0)
        f.mutants++
        if (outcome === 'recognized') f.recognized++
        else if (outcome === 'ENGINE_CRASHED') f.crashes++
        else if (outcome === 'TIMEOUT') f.hangs++
        else if (!(ERROR_CODES as readonly string[]).includes(outcome)) f.untyped++
        if (outcome !== 'recognized') f.errors[outcome] = (f.errors[outcome] ?? 0) + 1
        opts.onProgress?.(f.mutants, f)
      }
    }
    for (const pid of pool.pids) f.peakRssMb = Math.max(f.peakRssMb, peakRssMb(pid))
  } finally {
    clearInterval(watch)
    await pool.close()
  }
  f.seconds = (performance.now() - started) / 1000
  return f
}
