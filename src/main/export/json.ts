import { FIELD_KEYS } from '../../shared/domain/fields'
import type { DocumentDetail } from '../../shared/domain/document'
import type { PassportResponse } from '../../shared/domain/response'

const CERTAIN = 100

/** The cloud's RecognizeChinesePassport object: the engine response without our `validation`, values as corrected. */
export type RecognizeChinesePassportData = Omit<PassportResponse, 'validation'>

/** One object per document, carrying the operator's corrected values in `data` and in `prism_keyValueInfo`. */
export function documentsToJson(docs: readonly DocumentDetail[]): RecognizeChinesePassportData[] {
  return docs.map((d) => {
    const r = d.response
    const data = { ...d.fields }
    const info = FIELD_KEYS.map((key) => {
      const read = r?.prism_keyValueInfo.find((k) => k.key === key)
      // A corrected value was checked by a person: full confidence on the API's 0–100 scale.
      const edited = read === undefined || read.value !== data[key]
      return {
        key,
        keyProb: read?.keyProb ?? CERTAIN,
        value: data[key],
        valueProb: edited ? CERTAIN : read.valueProb,
        valuePos: read?.valuePos ?? []
      }
    })
    return {
      data,
      prism_keyValueInfo: info,
      sliceRect: r?.sliceRect ?? { x0: 0, y0: 0, x1: 0, y1: 0, x2: 0, y2: 0, x3: 0, y3: 0 },
      width: r?.width ?? 0,
      height: r?.height ?? 0,
      orgWidth: r?.orgWidth ?? 0,
      orgHeight: r?.orgHeight ?? 0,
      angle: r?.angle ?? 0,
      ftype: r?.ftype ?? 0,
      algo_version: d.algoVersion ?? '',
      ...(r?.figure ? { figure: r.figure } : {})
    }
  })
}
