import type { InferenceSession } from '../session'
import { runModel } from '../session'
import { config } from '../config'
import type { Raster } from '../image/raster'
import { InputBuffer, rasterToChw } from '../image/tensor'
import type { DbParams, TextBox } from './postprocess'
import { dbPostprocess, rectBox } from './postprocess'

/** The size a detector input is resized to: multiples of 32, as the DB network's strides need. */
export function detInputSize(w: number, h: number, limitSideLen: number, upTo = 1): { w: number; h: number } {
  const scale = Math.min(upTo, limitSideLen / Math.max(w, h))
  return {
    w: Math.max(32, Math.round((w * scale) / 32) * 32),
    h: Math.max(32, Math.round((h * scale) / 32) * 32)
  }
}

/** PP-OCRv4 text detection: image in, text boxes out in the input raster's pixel coordinates. */
export class TextDetector {
  private readonly input = new InputBuffer()

  private constructor(private readonly session: InferenceSession) {}

  /** Wrap a loaded detection session. */
  static create(session: InferenceSession): TextDetector {
    return new TextDetector(session)
  }

  /** Detect text in `src`, resized so its longer side is at most `limitSideLen`. */
  async run(src: Raster, limitSideLen: number, params: Omit<DbParams, 'maxCandidates'>, upTo = 1): Promise<TextBox[]> {
    const { w, h } = detInputSize(src.width, src.height, limitSideLen, upTo)
    const boxes = await this.input.use(3 * w * h, async (input) => {
      rasterToChw(src, w, h, config.det.mean, config.det.std, input)
      const out = await runModel(this.session, input, [1, 3, h, w])
      return dbPostprocess(out.data, w, h, { ...params, maxCandidates: config.det.maxCandidates })
    })
    // Boxes leave the stage in the caller's pixels, never in the resized frame.
    const sx = src.width / w
    const sy = src.height / h
    return boxes.map((b) => {
      const center = { x: b.center.x * sx, y: b.center.y * sy }
      const along = { x: b.dir.x * sx, y: b.dir.y * sy }
      const across = { x: -b.dir.y * sx, y: b.dir.x * sy }
      const long = b.long * Math.hypot(along.x, along.y)
      const short = b.short * Math.hypot(across.x, across.y)
      const n = Math.hypot(along.x, along.y)
      return rectBox(center, { x: along.x / n, y: along.y / n }, long, short, b.score)
    })
  }
}
