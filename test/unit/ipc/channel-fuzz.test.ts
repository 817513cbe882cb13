import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INVOKE_CHANNELS, invokeContract } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/contract'
import { ERROR_CODES } from '../../../src/shared/domain/errors'
import { FIELD_KEYS } from '../../../src/shared/domain/fields'
import type { EnginePool } from '../../../src/main/recognition/engine-pool'
import { dispatch } from '../../../src/main/services/dispatch'
import { createWorkstation } from '../../../src/main/services/workstation'
import type { Workstation } from '../../../src/main/services/workstation'
import { passportImage } from '../helpers/passport-images'
import { readyEngine } from '../helpers/ready-engine'
import { tempStore } from '../helpers/temp-store'
import type { TempStore } from '../helpers/temp-store'

const RUNS = 1000

/**
 * Values for one request field: anything at all, and the near misses a schema must sort out (ids that exist and
 * ids that do not, field keys, strings, bytes, arrays), so that most requests get past the top-level shape.
 */
const fieldValue = fc.oneof(
  fc.anything(),
  fc.integer({ min: -2, max: 6 }),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.array(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 3 }),
  fc.constantFrom(...FIELD_KEYS, 'events', 'figures', 'en', 'zh-CN', 'needs_review', 'failed', '', ' '),
  fc.array(fc.integer({ min: -1, max: 6 }), { maxLength: 5 }),
  fc.uint8Array({ maxLength: 64 }),
  fc.array(fc.record({ fileName: fc.string({ maxLength: 20 }), bytes: fc.uint8Array({ maxLength: 64 }) }), { maxLength: 3 })
)

/** Plain values some request field takes; each key also draws from those its own schema accepts. */
const CANDIDATES: unknown[] = [
  1,
  2,
  0,
  7,
  true,
  false,
  '',
  'x',
  'operator',
  ...FIELD_KEYS,
  'events',
  'figures',
  'en',
  'zh-CN',
  'keyboard',
  'camera',
  [1],
  [1, 2]
]

type FieldSchema = { safeParse: (v: unknown) => { success: boolean } }

/** A field's fuzzed values: anything and the near misses, and as often, a value its schema takes. */
function keyValue(schema: FieldSchema): fc.Arbitrary<unknown> {
  const valid = CANDIDATES.filter((v) => schema.safeParse(v).success)
  return valid.length ? fc.oneof(fieldValue, fc.constantFrom(...valid)) : fieldValue
}

/** Requests for a channel: its schema's own keys with fuzzed values, or anything at all in their place. */
function requests(channel: (typeof INVOKE_CHANNELS)[number]): fc.Arbitrary<unknown> {
  const schema = invokeContract[channel].request as { shape?: Record<string, FieldSchema> }
  const keys = Object.keys(schema.shape ?? {})
  const shaped = keys.length
    ? fc.record(Object.fromEntries(keys.map((k) => [k, keyValue(schema.shape![k])])), { requiredKeys: [] })
    : fc.object()
  return fc.oneof({ arbitrary: shaped, weight: 4 }, { arbitrary: fc.anything(), weight: 1 })
}

/** Path-like strings stay inside the test's empty working folder: a fuzzed "/" must not import the whole disk. */
function confined(value: unknown): unknown {
  if (typeof value === 'string') return /^[/\\~]|^[a-z]:|\.\./i.test(value) ? `fuzz-${value.replace(/\.\./g, '_')}` : value
  if (Array.isArray(value)) return value.map(confined)
  if (value && typeof value === 'object' && !(value instanceof Uint8Array))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, confined(v)]))
  return value
}

let pool: EnginePool
let t: TempStore
let ws: Workstation
let cwd: string
const unhandled: unknown[] = []
const onUnhandled = (err: unknown): number => unhandled.push(err)

beforeAll(async () => {
  pool = await readyEngine()
  t = tempStore()
  // No scanner drivers: a fuzzed `escl:` id would send requests to whatever address it names, and every listing would
  // wait for DNS-SD; the scan channels' schemas and envelopes are still exercised (test/unit/scan covers the drivers).
  ws = createWorkstation(t.store, pool, { scanSources: [] })
  cwd = process.cwd()
  process.chdir(mkdtempSync(join(tmpdir(), 'prw-ipc-fuzz-')))
  process.on('unhandledRejection', onUnhandled)
  process.on('uncaughtException', onUnhandled)
  // Real documents, so that ids 1 and 2 reach the handlers' own logic, not only "not found".
  const pages = await Promise.all([21, 22].map((seed) => passportImage(seed)))
  ws.documents.importFiles(pages.map((p) => ({ fileName: p.fileName, bytes: p.bytes })))
  await ws.queue.whenIdle()
})
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  process.off('uncaughtException', onUnhandled)
  const dir = process.cwd()
  process.chdir(cwd)
  rmSync(dir, { recursive: true, force: true })
  await ws.close()
  await pool.close()
  t.cleanup()
})

describe(`every channel's request schema, ${RUNS} fuzzed requests each`, () => {
  it.each(INVOKE_CHANNELS.map((c) => [c]))('%s answers each with the result envelope and a stable code, never a crash', async (channel) => {
    let reachedHandler = 0
    await fc.assert(
      fc.asyncProperty(requests(channel), async (request) => {
        const sent = channel === 'documents:importPaths' || channel === 'settings:update' ? confined(request) : request
        if (invokeContract[channel].request.safeParse(sent ?? {}).success) reachedHandler++
        const r: Result<unknown> = await dispatch(ws.handlers, channel, sent)
        // INTERNAL is what an exception nobody expected becomes: a handler that let one through.
        return r.ok || ((ERROR_CODES as readonly string[]).includes(r.error.code) && r.error.code !== 'INTERNAL')
      }),
      { numRuns: RUNS, seed: 12 }
    )
    expect(unhandled).toEqual([])
    // Not only the schema's refusals: some of the requests were valid and ran the handler itself.
    expect(reachedHandler).toBeGreaterThan(0)
  })
})
