import type { DocumentSummary } from '../../../../shared/domain/document'

/** The list's order: newest first, or what needs attention first (documents to review, most flagged fields first). */
export type QueueSort = 'newest' | 'attention'

/** A list entry with the number of fields the review screen flags in it (null: not recognised yet). */
export type QueueEntry = DocumentSummary & { flagged: number | null }

/** Documents to review with the most flags first, then the rest; oldest first within each. */
export function byAttention(a: QueueEntry, b: QueueEntry): number {
  const waiting = (d: QueueEntry): number => (d.status === 'needs_review' ? 0 : 1)
  return waiting(a) - waiting(b) || (b.flagged ?? -1) - (a.flagged ?? -1) || a.id - b.id
}
