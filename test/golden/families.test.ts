import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DocumentFamily } from '../../src/shared/domain/families'
import { DOCUMENT_FAMILIES } from '../../src/shared/domain/families'
import type { FieldKey } from '../../src/shared/domain/fields'
import { FIELD_KEYS } from '../../src/shared/domain/fields'
import { MAY_PRINT, NOT_PRINTED } from '../../src/shared/domain/formats'
import type { MrzCorrectionReport, PassportResponse } from '../../src/shared/domain/response'
import { PassportEngine } from '../../src/main/recognition/pipeline'
import type { Sample, Variation } from '../fixtures/generator'
import { generateSet } from '../fixtures/generator'
import type { Score } from '../bench/metrics'
import { scoreResponse, SURE_PROB } from '../bench/metrics'

// Every family's pages through the real engine: two rounds of six captures per family, 60 images in 50-80 s on
// the 2-core machine (generation included). Thresholds sit a little under what the engine measures on this set
// (figures in GOLDEN below) so a regression fails and noise does not; the promises are exact.
const SEED = 2027
const today = new Date('2026-11-25T00:00:00Z')
const VARIATIONS: readonly Variation[] = ['scan', 'rotated', 'perspective', 'photo', 'glare', 'lowQuality']
const ROUNDS = 2

/** What a foreign passport's MRZ carries, or is derived from it (the name left out: the page prints it with accents). */
const MRZ_FIELDS: readonly FieldKey[] = [
  'passportType',
  'countryCode',
  'passportNumber',
  'sex',
  'nationality',
  'birthDate',
  'validToDate',
  'mrzLine1',
  'mrzLine2'
]
/** What only the printed page carries: the engine does not read it on a foreign passport. */
const PRINTED_ONLY: readonly FieldKey[] = ['issueDate', 'birthPlace', 'issuePlace', 'issueAuthority']
const CORRECTION_REASONS: readonly MrzCorrectionReport['reason'][] = [
  'lookalike',
  'class',
  'prior',
  'filler',
  'length',
  'checkDigit',
  'printed'
]
const CHECKS: readonly NonNullable<MrzCorrectionReport['check']>[] = [
  'passportNumber',
  'birthDate',
  'expiryDate',
  'personalNumber',
  'composite'
]

let engine: PassportEngine
let results: { s: Sample; r: PassportResponse; score: Score }[] = []
let failures: { s: Sample; code: string }[] = []

beforeAll(async () => {
  engine = await PassportEngine.create()
  // Families are the outer cycle: each family meets every variation once per round.
  const samples = await generateSet(VARIATIONS.length * DOCUMENT_FAMILIES.length * ROUNDS, SEED, VARIATIONS, DOCUMENT_FAMILIES)
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

/** A page named for a failure message. */
const tag = (s: Sample): string => `${s.truth.family} ${s.truth.variation} page ${s.id} (seed ${SEED})`

const ofFamily = (family: DocumentFamily): typeof results => results.filter((x) => x.s.truth.family === family)

/** Images of a family, the unread ones counting as wholly wrong. */
const totalOf = (family: DocumentFamily): number => ofFamily(family).length + failures.filter((f) => f.s.truth.family === family).length

/** Share of the given fields read exactly over a family's images. */
function shareRight(family: DocumentFamily, keys: readonly FieldKey[]): number {
  const right = ofFamily(family).reduce((a, { s, r }) => a + keys.filter((k) => r.data[k] === s.truth.data[k]).length, 0)
  return right / (totalOf(family) * keys.length)
}

describe('engine on generated passports of every family', () => {
  it('reads every family it was given', () => {
    for (const family of DOCUMENT_FAMILIES) expect(totalOf(family), family).toBe(VARIATIONS.length * ROUNDS)
  })

  it('fails only with a stable code when a page cannot be read', () => {
    for (const f of failures) expect(f.code, tag(f.s)).toBe('NO_PASSPORT_FOUND')
    expect(failures.length).toBeLessThanOrEqual(GOLDEN.maxUnread)
  })

  it("tells each page's family from its MRZ", () => {
    for (const { s, r } of results) expect(r.validation.documentFamily, tag(s)).toBe(s.truth.family)
  })

  it('is never wrong at valueProb >= 90, on any page of any family', () => {
    const wrongSure: string[] = []
    for (const { s, r } of results)
      for (const kv of r.prism_keyValueInfo)
        if (kv.valueProb >= SURE_PROB && kv.value !== s.truth.data[kv.key])
          wrongSure.push(
            `${tag(s)}: ${kv.key} ${JSON.stringify(kv.value)} at ${kv.valueProb}, truth ${JSON.stringify(s.truth.data[kv.key])}`
          )
    expect(wrongSure).toEqual([])
  })

  it('reads the fields of mainland pages exactly', () => {
    expect(shareRight('mainland', FIELD_KEYS)).toBeGreaterThanOrEqual(GOLDEN.fields.mainland)
  })

  it.each(['hongkong', 'macao', 'taiwan'] as const)('reads the fields of %s pages exactly', (family) => {
    expect(shareRight(family, FIELD_KEYS)).toBeGreaterThanOrEqual(GOLDEN.fields[family])
  })

  it('answers a field its family does not print as empty, as sure as the fields that named the family (not sure where some of its pages print it), never as missing', () => {
    let checked = 0
    for (const { s, r } of results) {
      if (r.validation.documentFamily !== s.truth.family || !r.validation.mrzValid) continue
      const prob = (key: FieldKey): number => r.prism_keyValueInfo.find((k) => k.key === key)?.valueProb ?? 0
      const namedBy = Math.min(prob('countryCode'), prob('passportType'), prob('passportNumber'))
      for (const key of NOT_PRINTED[s.truth.family]) {
        checked++
        const mayPrint = MAY_PRINT[s.truth.family].includes(key)
        if (mayPrint && r.data[key] !== '') continue
        if (!mayPrint) expect(r.data[key], `${tag(s)} ${key}`).toBe('')
        expect(prob(key), `${tag(s)} ${key}`).toBe(mayPrint ? 0 : namedBy)
        expect(
          r.validation.warnings.filter((w) => w.code === 'FIELD_MISSING').map((w) => w.field),
          tag(s)
        ).not.toContain(key)
      }
    }
    expect(checked).toBeGreaterThan(0)
  })

  it('reports Hong Kong and Macao holders as Chinese, Taiwan holders as of the Republic of China', () => {
    for (const { s, r } of results) {
      const family = s.truth.family
      if (family === 'hongkong' || family === 'macao') {
        expect(r.data.nationality, tag(s)).toBe('中国/CHINESE')
        expect(r.data.countryCode, tag(s)).toBe('CHN')
      } else if (family === 'taiwan') {
        expect(r.data.nationality, tag(s)).toBe('REPUBLIC OF CHINA')
        expect(r.data.countryCode, tag(s)).toBe('TWN')
      }
    }
  })
})

describe('engine on foreign passports', () => {
  const foreign = (): typeof results => ofFamily('foreign')

  it('never reports a foreign holder as Chinese, and says the passport is not Chinese', () => {
    for (const { s, r } of foreign()) {
      expect(r.data.countryCode, tag(s)).not.toBe('CHN')
      expect(r.data.nationality, tag(s)).not.toMatch(/中国|CHINESE/i)
      expect(r.data.name, tag(s)).toBe('')
      expect(
        r.validation.warnings.map((w) => w.code),
        tag(s)
      ).toContain('NOT_CHINESE_PASSPORT')
    }
  })

  it('reads what only the page prints right, or flags it, or leaves it empty at probability 0', () => {
    let read = 0
    for (const { s, r } of foreign())
      for (const key of PRINTED_ONLY) {
        const kv = r.prism_keyValueInfo.find((k) => k.key === key)
        if (kv?.value === s.truth.data[key]) {
          if (kv.value !== '') read++
          continue
        }
        // A value found under its caption has no second reading: never sure, so a wrong one is flagged.
        if (kv?.value) expect(kv.valueProb, `${tag(s)} ${key} ${kv.value}`).toBeLessThan(90)
        else expect(kv?.valueProb, tag(s)).toBe(0)
      }
    // Captions and the expiry's tie do find some of them (places, authority, issue date).
    expect(read).toBeGreaterThan(0)
  })

  it('reads what the MRZ carries', () => {
    expect(shareRight('foreign', MRZ_FIELDS)).toBeGreaterThanOrEqual(GOLDEN.foreignMrzFields)
    const whole = foreign().filter(({ s, r }) => MRZ_FIELDS.every((k) => r.data[k] === s.truth.data[k])).length
    expect(whole / totalOf('foreign')).toBeGreaterThanOrEqual(GOLDEN.foreignMrzPages)
  })

  it("marks a foreign name's marked letters as its least sure characters", () => {
    const marked = foreign().filter(({ r }) => /[^ -~]/.test(r.data.nameEn))
    for (const { s, r } of marked) {
      const chars = r.validation.charConfidence?.nameEn
      expect(chars, tag(s)).toHaveLength([...r.data.nameEn].length)
      ;[...r.data.nameEn].forEach((ch, i) => expect(chars![i], `${tag(s)} ${ch}`).toBeLessThanOrEqual(/[^ -~]/.test(ch) ? 60 : 85))
    }
    expect(marked.length).toBeGreaterThan(0)
  })

  it('is sure of a right passport number on most foreign pages (the printed number a second reading)', () => {
    const right = foreign().filter(({ s, r }) => r.data.passportNumber === s.truth.data.passportNumber)
    const sure = right.filter(({ r }) => (r.prism_keyValueInfo.find((k) => k.key === 'passportNumber')?.valueProb ?? 0) >= SURE_PROB)
    expect(sure.length / right.length).toBeGreaterThanOrEqual(GOLDEN.foreignNumberSure)
  })
})

describe('MRZ corrections report', () => {
  it('gives every correction a stable shape', () => {
    for (const { s, r } of results)
      for (const c of r.validation.corrections) {
        const where = `${tag(s)}: ${JSON.stringify(c)}`
        expect([1, 2], where).toContain(c.line)
        // A character dropped from the line's end is reported after it, at 44 (the README says so).
        expect(Number.isInteger(c.position) && c.position >= 0 && c.position <= (c.corrected === '' ? 44 : 43), where).toBe(true)
        expect(c.position + c.corrected.length, where).toBeLessThanOrEqual(44)
        expect(CORRECTION_REASONS, where).toContain(c.reason)
        expect(typeof c.read === 'string' && typeof c.corrected === 'string' && c.read !== c.corrected, where).toBe(true)
        if (c.reason === 'checkDigit') expect(CHECKS, where).toContain(c.check)
        if (c.support !== undefined) expect(c.support >= 0 && c.support <= 1, where).toBe(true)
      }
  })

  it('agrees with the MRZ lines reported: each corrected character is where it says', () => {
    for (const { s, r } of results) {
      // The last correction to touch a position decides what it must hold.
      const want = [new Map<number, string>(), new Map<number, string>()]
      for (const c of r.validation.corrections) [...c.corrected].forEach((ch, i) => want[c.line - 1].set(c.position + i, ch))
      const lines = [r.data.mrzLine1, r.data.mrzLine2]
      want.forEach((m, i) => {
        if (m.size) expect(lines[i], `${tag(s)} line ${i + 1}`).toHaveLength(44)
        for (const [at, ch] of m) expect(lines[i][at], `${tag(s)} line ${i + 1} position ${at}`).toBe(ch)
      })
    }
  })

  it('reports corrections on this set (the check above is not vacuous)', () => {
    const all = results.flatMap((x) => x.r.validation.corrections)
    expect(all.length).toBeGreaterThanOrEqual(GOLDEN.minCorrections)
  })
})

/** Measured floors for this set. */
const GOLDEN = {
  // measured on seed 2027 (12 pages each): mainland 180/180 fields, Hong Kong 178/180, Macao 178/180, Taiwan 179/180
  // (the misses: a Chinese name at 78-85); foreign MRZ fields 106/108 (a number's 8 read as S at 57), 11/12 pages
  // with every MRZ field right; families 60/60; none wrong at >= 90; none unread; 104 corrections reported
  fields: { mainland: 0.98, hongkong: 0.96, macao: 0.96, taiwan: 0.96 } satisfies Record<Exclude<DocumentFamily, 'foreign'>, number>,
  foreignMrzFields: 0.95,
  foreignMrzPages: 0.75,
  // 12 of 12 right foreign passport numbers at >= 90 (the printed number agreeing)
  foreignNumberSure: 0.9,
  minCorrections: 50,
  maxUnread: 1
}
