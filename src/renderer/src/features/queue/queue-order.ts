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

/**
 * The document to open after `current` is decided, in the order the queue shows: in attention order the one that
 * now needs it most; in the default order the next one waiting after it by id (oldest first), round to the start.
 */
export function nextToReview(entries: readonly QueueEntry[], current: number, sort: QueueSort): number | null {
  const waiting = entries.filter((d) => d.status === 'needs_review' && d.id !== current)
  if (sort === 'attention') return [...waiting].sort(byAttention)[0]?.id ?? null
  const ids = waiting.map((d) => d.id).sort((a, b) => a - b)
  return ids.find((i) => i > current) ?? ids[0] ?? null
}
