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
  /** Each character's confidence (0–100), where the reader put the value together character by character. */
  chars?: number[]
}

export type FieldReads = Record<FieldKey, FieldRead>

/** A field the page did not give. */
export const NONE: FieldRead = { value: '', prob: 0, quad: null }

/** A probability (0–1) as the response's valueProb (0–100). */
export const pct = (p: number): number => Math.round(Math.max(0, Math.min(1, p)) * 100)

/**
 * Two independent readings (0–1) that give the same value, as a valueProb: wrong only if both are wrong the same
 * way. Never 100: nothing read is certain.
 */
export const agreeing = (a: number, b: number): number => Math.round(agreeingShare(a, b) * 100)

/** The same as a share (0–1), for any number of readings, at most 0.99. */
export const agreeingShare = (...readings: readonly number[]): number =>
  Math.min(0.99, 1 - readings.reduce((wrong, p) => wrong * (1 - Math.max(0, Math.min(1, p))), 1))
