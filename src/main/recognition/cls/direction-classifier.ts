import type { InferenceSession } from '../session'
import { runModel } from '../session'
import { config } from '../config'
import type { Raster } from '../image/raster'
import { rasterToChw } from '../image/tensor'

const CLS_MEAN = [0.5, 0.5, 0.5]
const CLS_STD = [0.5, 0.5, 0.5]

/** PaddleOCR's text direction classifier: for each line crop, the probability that it is upside down. */
export class DirectionClassifier {
  private constructor(private readonly session: InferenceSession) {}

  /** Wrap a loaded classifier session. */
  static create(session: InferenceSession): DirectionClassifier {
    return new DirectionClassifier(session)
  }

  /** Probability (0..1) that each crop is rotated by 180°. */
  async run(crops: readonly Raster[]): Promise<number[]> {
    if (crops.length === 0) return []
    const { imgH: H, imgW: W } = config.cls
    const input = new Float32Array(crops.length * 3 * H * W)
    crops.forEach((c, i) => {
      // Keep the aspect ratio: a long line is squeezed into at most W columns, the rest stays padding.
      const w = Math.max(1, Math.min(W, Math.round((H * c.width) / c.height)))
      rasterToChw(c, w, H, CLS_MEAN, CLS_STD, input, i * 3 * H * W, W, w)
    })
    const out = await runModel(this.session, input, [crops.length, 3, H, W])
    return crops.map((_, i) => out.data[i * 2 + 1])
  }
}
