/**
 * A bounded mutation fuzz of the decoders, the page splitting and the pipeline: seeds in every format we read, each
 * mutated many times (bit flips, magic values, inserted, dropped and repeated runs, truncation, header damage,
 * splices), read by the real engine in its own process. A result must be a recognition or a typed error; a crash or
 * a hang is a finding.
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { encode as encodeBmp } from 'fast-bmp'
import sharp from 'sharp'
import { filePages } from '../../src/main/ingest/pages/file-pages'
import type { PageSplitter } from '../../src/main/ingest/pages/file-pages'
import { EnginePool } from '../../src/main/recognition/engine-pool'
import { ERROR_CODES } from '../../src/shared/domain/errors'
import { generateSample } from '../fixtures/generator'
import type { Variation } from '../fixtures/generator'
import { gifOf, heicOf, imagesPdf, multiPageTiff } from '../fixtures/page-files'
import { bundledWorker } from './worker-bundle'

/** What the mutants of one kind of seed gave. */
export interface KindFigures {
  mutants: number
  /** Mutants every page of which was recognised. */
  recognized: number
  /** Typed errors by code (a file's first). */
  errors: Record<string, number>
  /** Process crashes (ENGINE_CRASHED) and hangs (TIMEOUT past the limit): each a finding. */
  crashes: number
  hangs: number
  /** Answers that were neither a recognition nor an error with one of our codes. */
  untyped: number
  /** Mutants taken apart into pages in the recognition process (PDF, HEIF, TIFF as the receiving side sniffed them). */
  split: number
  /** Answers (the file split and every page read) that took longer than `slowMs`. */
  slow: number
  slowestMs: number
  /**
   * Highest resident memory of the recognition process sampled while, or right after, a mutant of this kind was read:
   * the kinds take turns in one process, so this is the process's size then, not what the kind alone cost.
   */
  peakRssMb: number
}

/** What one run found: the totals, and the same figures per kind of seed. */
export interface FuzzFigures extends KindFigures {
  byKind: Record<string, KindFigures>
  /** Each crash or hang: which seed and mutant, what the pool said, and the bytes to replay it with. */
  findings: { seed: number; mutant: number; code: string; message: string; bytes: Buffer }[]
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

/** A seed: generated passport page(s) (synthetic holders) in one of the formats we read. */
export interface Seed {
  kind: string
  bytes: Buffer
}

async function page(seed: number, variation: Variation, width: number): Promise<Buffer> {
  return sharp((await generateSample(seed, variation)).image)
    .resize({ width })
    .jpeg({ quality: 90 })
    .toBuffer()
}

/**
 * Ten seeds, one per kind of file we read, at two sizes and two variations: the images sharp decodes in the
 * recognition process, and the files of pages taken apart there first (a scanner's PDF by img2pdf, a phone's HEIC by
 * heif-enc, a feeder's two-page TIFF; test/fixtures/page-files.ts, with the tools scripts/setup.sh installs).
 */
export async function seedImages(): Promise<Seed[]> {
  const [small, large, other] = await Promise.all([page(900, 'scan', 800), page(901, 'rotated', 1200), page(902, 'scan', 800)])
  const raw = await sharp(small).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const bmp = Buffer.from(
    encodeBmp({ width: raw.info.width, height: raw.info.height, data: raw.data, channels: 3, bitsPerPixel: 24, components: 3 })
  )
  return [
    { kind: 'jpeg', bytes: small },
    { kind: 'png', bytes: await sharp(large).png().toBuffer() },
    { kind: 'webp', bytes: await sharp(small).webp().toBuffer() },
    { kind: 'bmp', bytes: bmp },
    { kind: 'gif', bytes: await gifOf(small) },
    { kind: 'tiff', bytes: await sharp(large).tiff().toBuffer() },
    { kind: 'tiff-2-pages', bytes: await multiPageTiff([small, other]) },
    { kind: 'pdf', bytes: imagesPdf([large]) },
    { kind: 'heic', bytes: heicOf(large) },
    { kind: 'jpeg-large', bytes: large }
  ]
}

function vmMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : 0
  } catch {
    return 0
  }
}

const emptyFigures = (): KindFigures => ({
  mutants: 0,
  recognized: 0,
  errors: {},
  crashes: 0,
  hangs: 0,
  untyped: 0,
  split: 0,
  slow: 0,
  slowestMs: 0,
  peakRssMb: 0
})

/**
 * Run `mutantsPerSeed` mutants of each seed through one recognition process (the shipped worker bundle), each as the
 * command line reads a file (filePages: a file of pages is split in that process, then every page recognised), at
 * most `hangMs` a job.
 */
export async function runFuzz(opts: {
  seeds: Seed[]
  mutantsPerSeed: number
  seed: number
  hangMs: number
  /** An answer slower than this is counted as slow (default 5 s, the bar). */
  slowMs?: number
  onProgress?: (done: number, figures: FuzzFigures) => void
}): Promise<FuzzFigures> {
  const rand = prng(opts.seed)
  const slowMs = opts.slowMs ?? 5000
  const pool = new EnginePool({ workers: 1, jobTimeoutMs: opts.hangMs, workerUrl: await bundledWorker() })
  const f: FuzzFigures = { ...emptyFigures(), byKind: {}, findings: [], seconds: 0 }
  for (const s of opts.seeds) f.byKind[s.kind] = emptyFigures()
  let current: KindFigures | undefined
  const started = performance.now()
  // The kernel keeps each process's peak; it is read before a process is replaced and at the end. The current size is
  // sampled for the kind being read.
  const watch = setInterval(() => {
    for (const pid of pool.pids) {
      f.peakRssMb = Math.max(f.peakRssMb, vmMb(pid, 'VmHWM'))
      if (current) current.peakRssMb = Math.max(current.peakRssMb, vmMb(pid, 'VmRSS'))
    }
  }, 50)
  const splitter: PageSplitter = {
    splitPages: (bytes, o) => {
      if (current) current.split++
      return pool.splitPages(bytes, o)
    }
  }
  try {
    await pool.ready()
    for (let m = 0; m < opts.mutantsPerSeed; m++) {
      for (let s = 0; s < opts.seeds.length; s++) {
        const bytes = mutate(opts.seeds[s].bytes, opts.seeds[(s + 1) % opts.seeds.length].bytes, rand)
        const kind = (current = f.byKind[opts.seeds[s].kind])
        const t0 = performance.now()
        let message = ''
        const outcome = await filePages(bytes, splitter)
          .then((pages) => Promise.all(pages.map((p) => pool.recognize(p.bytes))))
          .then(
            () => 'recognized',
            (e: { code?: string; message?: string }) => {
              message = e.message ?? String(e)
              return e.code ?? 'untyped'
            }
          )
        current = undefined
        // Also read right after the answer: a fast mutant may come and go between two samples.
        for (const pid of pool.pids) kind.peakRssMb = Math.max(kind.peakRssMb, vmMb(pid, 'VmRSS'))
        if (outcome === 'ENGINE_CRASHED' || outcome === 'TIMEOUT' || outcome === 'untyped')
          f.findings.push({ seed: s, mutant: m, code: outcome, message, bytes })
        const ms = performance.now() - t0
        for (const k of [f, kind]) {
          k.slowestMs = Math.max(k.slowestMs, ms)
          if (ms > slowMs) k.slow++
          k.mutants++
          if (outcome === 'recognized') k.recognized++
          else if (outcome === 'ENGINE_CRASHED') k.crashes++
          else if (outcome === 'TIMEOUT') k.hangs++
          else if (!(ERROR_CODES as readonly string[]).includes(outcome)) k.untyped++
          if (outcome !== 'recognized') k.errors[outcome] = (k.errors[outcome] ?? 0) + 1
        }
        f.split = Object.values(f.byKind).reduce((n, k) => n + k.split, 0)
        opts.onProgress?.(f.mutants, f)
      }
    }
    for (const pid of pool.pids) f.peakRssMb = Math.max(f.peakRssMb, vmMb(pid, 'VmHWM'))
  } finally {
    clearInterval(watch)
    await pool.close()
  }
  f.seconds = (performance.now() - started) / 1000
  return f
}
