import { describe, expect, it } from 'vitest'
import { byAttention, nextToReview } from '../../../src/renderer/src/features/queue/queue-order'
import type { QueueEntry } from '../../../src/renderer/src/features/queue/queue-order'
import type { DocumentStatus } from '../../../src/shared/domain/document'

const entry = (id: number, status: DocumentStatus, flagged: number | null): QueueEntry => ({ id, status, flagged }) as QueueEntry

describe('attention order', () => {
  it('puts documents to review first, most flagged first, oldest first among equals; the decided and the unread last', () => {
    const list = [
      entry(1, 'approved', 0),
      entry(2, 'needs_review', 0),
      entry(3, 'needs_review', 4),
      entry(4, 'queued', null),
      entry(5, 'needs_review', 1),
      entry(6, 'needs_review', 4)
    ]
    expect(list.sort(byAttention).map((d) => d.id)).toEqual([3, 6, 5, 2, 1, 4])
  })
})

describe('the document opened after a decision', () => {
  const list = [
    entry(1, 'needs_review', 0),
    entry(2, 'approved', 0),
    entry(3, 'needs_review', 2),
    entry(4, 'needs_review', 0),
    entry(5, 'queued', null),
    entry(6, 'needs_review', 5)
  ]

  it('in attention order is the one with the most flags left, not the next id', () => {
    expect(nextToReview(list, 4, 'attention')).toBe(6)
    expect(nextToReview(list, 6, 'attention')).toBe(3)
    expect(nextToReview(list.filter((d) => d.id !== 6 && d.id !== 3), 1, 'attention')).toBe(4)
  })

  it('in the default order is the next one waiting by id, round to the oldest', () => {
    expect(nextToReview(list, 1, 'newest')).toBe(3)
    expect(nextToReview(list, 4, 'newest')).toBe(6)
    expect(nextToReview(list, 6, 'newest')).toBe(1)
  })

  it('is none when nothing else waits', () => {
    expect(nextToReview([entry(7, 'needs_review', 1), entry(8, 'approved', 0)], 7, 'attention')).toBeNull()
    expect(nextToReview([entry(7, 'needs_review', 1)], 7, 'newest')).toBeNull()
  })
})
