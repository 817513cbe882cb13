/** What the printed-zone readers give for each field, before the response is built from it. */

import type { FieldKey } from '../../../shared/domain/fields'
import type { Quad } from '../../../shared/domain/geometry'

/** One field as read: its value, confidence (0–100), where it was printed (rectified page pixels). */
export interface FieldRead {
  value: string
  prob: number
  quad: Quad | null
  /** The printed (visual zone) reading, when the value also comes from the MRZ. */
  printed?: string
}

export type FieldReads = Record<FieldKey, FieldRead>
