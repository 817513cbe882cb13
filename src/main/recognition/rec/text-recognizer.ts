import type { InferenceSession } from '../session'
import { runModelOutputs } from '../session'
import { config } from '../config'
import type { Raster } from '../image/raster'
import { InputBuffer, rasterToChw } from '../image/tensor'
import type { DecodedLine } from './ctc'
import { ctcDecode } from './ctc'

const REC_MEAN = [0.5, 0.5, 0.5]
const REC_STD = [0.5, 0.5, 0.5]

/** PP-OCRv4 text recognition: line crops (already `imgH` high) in, decoded text out, in input order. */
export class TextRecognizer {
  private readonly input = new InputBuffer()

  private constructor(
    private readonly session: InferenceSession,
    private readonly dict: readonly string[]
  ) {}

  /** Wrap a loaded recognition session and its dictionary. */
  static create(session: InferenceSession, dict: readonly string[]): TextRecognizer {
    return new TextRecognizer(session, dict)
  }

  /** Recognise every crop; crops of similar width share a batch so padding costs little. */
  async run(crops: readonly Raster[]): Promise<DecodedLine[]> {
    const H = config.rec.imgH
    const order = crops.map((_, i) => i).sort((a, b) => crops[a].width - crops[b].width)
    const results = new Array<DecodedLine>(crops.length)
    let i = 0
    while (i < order.length) {
      // 1. Grow the batch only with lines about as wide as its narrowest: the recogniser costs about the same per
      //    column at any batch size, so padding is pure loss.
      let j = i + 1
      while (j < order.length && j - i < config.rec.batchNum && crops[order[j]].width <= crops[order[i]].width * 1.15 + 16) j++
      const batch = order.slice(i, j)
      const W = Math.ceil(Math.max(...batch.map((k) => crops[k].width)) / 8) * 8
      // The graph ends in TopK (models.ts): values [N, T, TOP_K] and their class indices.
      const [values, indices] = await this.input.use(batch.length * 3 * H * W, (input) => {
        // Columns past a line's own width are zero padding, as PaddleOCR pads a batch.
        input.fill(0)
        batch.forEach((k, b) => rasterToChw(crops[k], crops[k].width, H, REC_MEAN, REC_STD, input, b * 3 * H * W, W, crops[k].width))
        return runModelOutputs(this.session, input, [batch.length, 3, H, W])
      })
      const T = values.dims[1]
      const top = { values: values.data as Float32Array, indices: indices.data as Int32Array }
      // 2. Decode each line only over the time steps that saw its own pixels, not the padding.
      batch.forEach((k, b) => {
        const validT = Math.max(1, Math.min(T, Math.ceil((crops[k].width / W) * T)))
        results[k] = ctcDecode(top, b * T, this.dict, validT)
      })
      i = j
    }
    return results
  }
}
