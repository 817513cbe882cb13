import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIELD_KEYS } from '../../src/shared/domain/fields'
import type { PassportResponse } from '../../src/shared/domain/response'
import { PassportEngine } from '../../src/main/recognition/pipeline'
import type { Sample } from '../fixtures/generator'
import { generateSample, generateSet, VARIATIONS } from '../fixtures/generator'
import { deriveSeed } from '../fixtures/generator/random'
import type { Score } from '../bench/metrics'
import { scoreResponse } from '../bench/metrics'

// A fixed set: one page of every variation, twice over, with the real models. Thresholds sit under what the
// engine measures on this set (see the issue notes) so a regression fails and noise does not.
const SEED = 4242
const today = new Date('2026-11-25T00:00:00Z')
let engine: PassportEngine
let results: { s: Sample; r: PassportResponse; score: Score }[] = []
let failures: { s: Sample; code: string }[] = []

beforeAll(async () => {
  engine = await PassportEngine.create()
  const samples = await generateSet(VARIATIONS.length * 2, SEED, VARIATIONS)
  for (const s of samples) {
    try {
      const r = await engine.recognize(s.image, { today })
      results.push({ s, r, score: scoreResponse(r, s.truth) })
    } catch (err) {
      failures.push({ s, code: (err as { code?: string }).code ?? 'INTERNAL' })
    }
  }
}, 600_000)

afterAll(() => {
  results = []
  failures = []
})

/** Images of a kind, the unread ones counting as wholly wrong. */
const total = (pred: (s: Sample) => boolean): number => results.filter((x) => pred(x.s)).length + failures.filter((f) => pred(f.s)).length

describe('engine on generated passports', () => {
  it('reads the fields of clean scans exactly', () => {
    const scans = results.filter((x) => x.s.truth.variation === 'scan')
    const right = scans.reduce((a, x) => a + x.score.fieldsRight, 0)
    expect(right / (total((s) => s.truth.variation === 'scan') * FIELD_KEYS.length)).toBeGreaterThanOrEqual(GOLDEN.scanFields)
  })

  it('reads most fields of photos (rotation, perspective, blur, glare, low quality, open booklet)', () => {
    const photos = results.filter((x) => x.s.truth.variation !== 'scan')
    const right = photos.reduce((a, x) => a + x.score.fieldsRight, 0)
    expect(right / (total((s) => s.truth.variation !== 'scan') * FIELD_KEYS.length)).toBeGreaterThanOrEqual(GOLDEN.photoFields)
  })

  it('finds the page outline within 2% of its diagonal', () => {
    const within = results.filter((x) => x.score.cornerError <= 0.02).length
    expect(within / total(() => true)).toBeGreaterThanOrEqual(GOLDEN.corners)
  })

  it('puts each value box on its value, in original-image pixels', () => {
    const centred = results.reduce((a, x) => a + x.score.centred, 0)
    const located = results.reduce((a, x) => a + x.score.located, 0)
    expect(located).toBeGreaterThan(results.length * 10)
    expect(centred / located).toBeGreaterThanOrEqual(GOLDEN.centred)
  })

  it('fails only with a stable code when a page cannot be read', () => {
    for (const f of failures) expect(f.code).toBe('NO_PASSPORT_FOUND')
    expect(failures.length).toBeLessThanOrEqual(GOLDEN.maxUnread)
  })

  it('answers in the cloud API shape with 44-character MRZ lines and empty unread fields at probability 0', () => {
    for (const { r } of results) {
      expect(r.prism_keyValueInfo.map((k) => k.key)).toEqual([...FIELD_KEYS])
      expect(r.orgWidth).toBeGreaterThan(0)
      if (r.data.mrzLine1) expect(r.data.mrzLine1).toHaveLength(44)
      if (r.data.mrzLine2) expect(r.data.mrzLine2).toHaveLength(44)
      for (const kv of r.prism_keyValueInfo) if (kv.value === '') expect(kv.valueProb).toBe(0)
      expect(r.algo_version).toMatch(/det:[0-9a-f]{12};rec:[0-9a-f]{12}/)
    }
  })

  it('gives one confidence per character of the values it read character by character, and marks the unsure ones', () => {
    let marked = 0
    let wrongChars = 0
    for (const { s, r } of results) {
      const per = r.validation.charConfidence ?? {}
      // Both MRZ lines are always read cell by cell.
      if (r.data.mrzLine2) expect(Object.keys(per)).toContain('mrzLine2')
      for (const [key, probs] of Object.entries(per) as [keyof typeof r.data, number[]][]) {
        expect(probs, key).toHaveLength([...r.data[key]].length)
        for (const p of probs) expect(p >= 0 && p <= 100).toBe(true)
        // Where the value is wrong, the characters that differ should be the marked ones.
        const truth = [...s.truth.data[key]]
        if (truth.length !== probs.length) continue
        ;[...r.data[key]].forEach((c, i) => {
          if (c === truth[i]) return
          wrongChars++
          if (probs[i] < 90) marked++
        })
      }
    }
    expect(marked).toBeGreaterThanOrEqual(wrongChars * 0.5)
  })

  it('reports the coarse rotation it undid', () => {
    const right = results.filter((x) => x.r.angle === x.s.truth.angle).length
    expect(right / total(() => true)).toBeGreaterThanOrEqual(GOLDEN.angle)
  })
})

// Pages from earlier sweeps that were read upside down: a blurred page whose MRZ line 2 lost a block, and a
// perspective photo whose straightened MRZ stretched unevenly. The wrong way up, their MRZ reads as fillers.
const HARD: { seed: number; index: number; variation: (typeof VARIATIONS)[number] }[] = [
  { seed: 5150, index: 30, variation: 'blur' },
  { seed: 8080, index: 38, variation: 'perspective' }
]

describe('engine on pages whose MRZ misreads', () => {
  it.each(HARD)(
    'reads seed $seed page $index ($variation) the right way up',
    async ({ seed, index, variation }) => {
      const s = await generateSample(deriveSeed(seed, index), variation)
      const r = await engine.recognize(s.image, { today })
      expect(r.angle).toBe(s.truth.angle)
      const score = scoreResponse(r, s.truth)
      expect(score.fieldsRight).toBeGreaterThanOrEqual(12)
      expect(r.data.mrzLine1).toBe(s.truth.data.mrzLine1)
    },
    60_000
  )
})

describe('engine on a passport laid on a whole flatbed scan', () => {
  // A poor copy of a page on an A4 scan at 300 dpi, in its corner: at the whole image's looks (640 and 1024 px) its
  // MRZ lines merge, and the page was refused as no passport until the look closer over the text seen was added.
  it('finds the page by looking closer where text was seen, and reads it', async () => {
    const s = await generateSample(deriveSeed(7070, 1), 'lowQuality')
    const { width = 0 } = await sharp(s.image).metadata()
    const page = await sharp(s.image)
      .resize({ width: Math.round(width * 1.1) })
      .png()
      .toBuffer()
    const a4 = await sharp({ create: { width: 2480, height: 3508, channels: 3, background: '#fbfbf8' } })
      .composite([{ input: page, left: 80, top: 90 }])
      .jpeg({ quality: 88 })
      .toBuffer()
    const r = await engine.recognize(a4, { today })
    expect(r.data.mrzLine2).toBe(s.truth.data.mrzLine2)
    expect(scoreResponse(r, s.truth).fieldsRight).toBeGreaterThanOrEqual(13)
  }, 60_000)
})

describe('engine on a small photo of a booklet', () => {
  // An open booklet photographed at half size (the image under 640 px): the first look found no MRZ in its few-pixel
  // lines, and the page was refused as no passport until a small image was looked at again enlarged.
  it('finds the page by looking again enlarged, and reads its MRZ', async () => {
    const s = await generateSample(deriveSeed(8080, 5), 'booklet')
    const { width = 0, height = 0 } = await sharp(s.image).metadata()
    const small = await sharp(s.image)
      .resize({ width: Math.round(width * 0.5) })
      .png()
      .toBuffer()
    expect(Math.max(width, height) * 0.5).toBeLessThanOrEqual(640)
    const r = await engine.recognize(small, { today })
    expect(r.data.mrzLine2).toBe(s.truth.data.mrzLine2)
  }, 60_000)
})

/** Measured floors for this set. */
const GOLDEN = {
  // measured on this set: scans 100%, photos 99.6%, corners 94%, centred 100%, angle 100%, none unread
  scanFields: 0.98,
  photoFields: 0.95,
  corners: 0.85,
  centred: 0.97,
  angle: 0.95,
  maxUnread: 1
}
