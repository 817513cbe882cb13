// Before the runtime: see the module.
import './ort-telemetry-off'
import * as ort from 'onnxruntime-node'
import { config } from './config'

/** Options for the ONNX Runtime sessions of one worker. */
export interface SessionOptions {
  intraOpNumThreads?: number
}

/** Create a CPU inference session from model bytes; created once per worker and reused for every image. */
export async function createSession(model: Buffer, opts: SessionOptions = {}): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(model, {
    executionProviders: ['cpu'],
    intraOpNumThreads: opts.intraOpNumThreads ?? config.session.intraOpNumThreads,
    interOpNumThreads: config.session.interOpNumThreads,
    graphOptimizationLevel: 'all',
    // Line batches rarely repeat a shape, and a memory pattern is planned for each new one: fresh shapes ran
    // about 20% slower with it than without.
    enableMemPattern: false,
    // Each session has its own thread pool, whose threads spin for a while after a run. The engine alternates
    // det, cls and rec, so a pool left spinning takes a core from the next session's run (det and rec each took
    // about twice as long when interleaved): stop spinning as each run ends.
    extra: { session: { force_spinning_stop: '1' } }
  })
}

/** One output tensor of a run. */
export interface ModelOutput {
  data: ort.Tensor['data']
  dims: readonly number[]
}

/** Run a single-input model: every output, in the model's order. */
export async function runModelOutputs(session: ort.InferenceSession, data: Float32Array, dims: readonly number[]): Promise<ModelOutput[]> {
  const input = new ort.Tensor('float32', data, dims)
  const out = await session.run({ [session.inputNames[0]]: input })
  return session.outputNames.map((name) => ({ data: out[name].data, dims: out[name].dims }))
}

/** Run a single-input, single-output model. */
export async function runModel(
  session: ort.InferenceSession,
  data: Float32Array,
  dims: readonly number[]
): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const [t] = await runModelOutputs(session, data, dims)
  return { data: t.data as Float32Array, dims: t.dims }
}

export type { InferenceSession } from 'onnxruntime-node'
