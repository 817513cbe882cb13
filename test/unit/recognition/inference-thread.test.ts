import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSample } from '../../fixtures/generator'
import { AppError } from '../../../src/shared/domain/errors'
import { config } from '../../../src/main/recognition/config'
import { detInputSize } from '../../../src/main/recognition/det/text-detector'
import { decodeImage } from '../../../src/main/recognition/image/decode'
import { rasterToChw } from '../../../src/main/recognition/image/tensor'
import { InferenceThread } from '../../../src/main/recognition/inference-thread'
import type { ModelId } from '../../../src/main/recognition/inference-thread'
import { loadModels } from '../../../src/main/recognition/models'
import type { InferenceSession, ModelOutput } from '../../../src/main/recognition/session'
import { createSession, runModelOutputs } from '../../../src/main/recognition/session'

const models = (): Record<ModelId, Uint8Array> => {
  const m = loadModels()
  return { det: m.det, rec: m.rec, cls: m.cls }
}
const threads = { det: undefined, rec: undefined, cls: config.session.clsThreads }

/** A generated page as the detector's input tensor, and a strip of it as a recogniser batch of two lines. */
async function inputs(): Promise<{ det: [Float32Array, number[]]; rec: [Float32Array, number[]] }> {
  const { rgb } = await decodeImage((await generateSample(5, 'photo')).image)
  const { w, h } = detInputSize(rgb.width, rgb.height, config.coarseDet.limitSideLen)
  const det = new Float32Array(3 * w * h)
  rasterToChw(rgb, w, h, config.det.mean, config.det.std, det)
  const rec = new Float32Array(2 * 3 * 48 * 320)
  const strip = (at: number): typeof rgb => ({ ...rgb, height: 48, data: rgb.data.subarray(rgb.width * 3 * Math.round(rgb.height * at)) })
  rasterToChw(strip(0.8), 320, 48, [0.5, 0.5, 0.5], [0.5, 0.5, 0.5], rec)
  rasterToChw(strip(0.3), 320, 48, [0.5, 0.5, 0.5], [0.5, 0.5, 0.5], rec, 3 * 48 * 320)
  return { det: [det, [1, 3, h, w]], rec: [rec, [2, 3, 48, 320]] }
}

const plain = (outs: ModelOutput[]): { data: number[]; dims: number[] }[] =>
  outs.map((o) => ({ data: Array.from(o.data as Float32Array | Int32Array), dims: [...o.dims] }))

describe('the inference thread', () => {
  let thread: InferenceThread
  beforeAll(async () => {
    thread = await InferenceThread.start({ models: models(), threads })
  }, 60_000)
  afterAll(() => thread.close())

  it('gives exactly the outputs the same models give when run in this thread', async () => {
    const m = loadModels()
    const local: Record<'det' | 'rec', InferenceSession> = { det: await createSession(m.det), rec: await createSession(m.rec) }
    const { det, rec } = await inputs()
    for (const [id, [data, dims]] of [
      ['det', det],
      ['rec', rec]
    ] as const) {
      const here = await runModelOutputs(local[id], data, dims)
      const there = await thread.runner(id).run(data, dims)
      // The recogniser ends in TopK: values and their class indices (models.ts).
      expect(there.length).toBe(id === 'rec' ? 2 : 1)
      expect(there.map((o) => o.data.constructor)).toEqual(here.map((o) => o.data.constructor))
      expect(plain(there)).toEqual(plain(here))
    }
    // The caller's input is left as it was, for its next run.
    expect(det[0].length).toBe(det[1].reduce((a, b) => a * b))
  }, 60_000)

  it('runs requests sent together, each answered with its own outputs', async () => {
    const { det, rec } = await inputs()
    const [a, b, c] = await Promise.all([
      thread.runner('det').run(...det),
      thread.runner('rec').run(...rec),
      thread.runner('det').run(...det)
    ])
    expect(plain(c)).toEqual(plain(a))
    expect(b[0].dims[0]).toBe(2)
  }, 60_000)

  it('rejects a run the model refuses with an error, and answers the next one', async () => {
    const bad = thread.runner('det').run(new Float32Array(3 * 10), [1, 3, 10])
    await expect(bad).rejects.toBeInstanceOf(AppError)
    await expect(bad).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/input|rank|dimension/i) })
    const { rec } = await inputs()
    expect((await thread.runner('rec').run(...rec))[0].dims[0]).toBe(2)
  }, 60_000)
})

describe("the inference thread's end", () => {
  it('once closed, fails the run in progress and every later one instead of leaving them waiting, and ends', async () => {
    const thread = await InferenceThread.start({ models: models(), threads })
    const { det } = await inputs()
    // Their failures are taken as they come (the close fails them before it returns).
    const failures = [thread.runner('det').run(...det), thread.runner('det').run(...det)].map((run) => run.catch((e: unknown) => e))
    // Closed while the detector runs: the thread ends after that run (a thread stopped mid-run takes its process down).
    await thread.close()
    failures.push(
      thread
        .runner('rec')
        .run(new Float32Array(3 * 48 * 8), [1, 3, 48, 8])
        .catch((e: unknown) => e)
    )
    for (const e of await Promise.all(failures)) {
      expect(e).toBeInstanceOf(AppError)
      expect(e).toMatchObject({ code: 'INTERNAL', message: 'the inference thread was closed' })
    }
  }, 60_000)

  it('does not start on a model that does not load: the runtime says why', async () => {
    const broken = { ...models(), rec: new TextEncoder().encode('not an ONNX model') }
    await expect(InferenceThread.start({ models: broken, threads })).rejects.toBeInstanceOf(AppError)
  }, 60_000)

  it('keeps its process alive while a run is pending, and lets it end once none is', () => {
    const src = (f: string): string => JSON.stringify(new URL(`../../../src/main/recognition/${f}`, import.meta.url).href)
    // The warm-up page runs the detector (and whatever else it finds lines for): an idle thread that held its
    // process would keep this one from exiting; one that let go during a run would end it before 'done'.
    const code = [
      `const { PassportEngine } = await import(${src('pipeline.ts')})`,
      `const { warmUpPage } = await import(${src('warm-up.ts')})`,
      'const engine = await PassportEngine.create()',
      `await engine.recognize(await warmUpPage()).catch((e) => console.log(e.code))`,
      `console.log('done')`
    ].join('\n')
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 60_000 })
    expect(r.signal).toBeNull()
    expect(r.status).toBe(0)
    expect(r.stdout.trim().split('\n').at(-1)).toBe('done')
  }, 70_000)
})
