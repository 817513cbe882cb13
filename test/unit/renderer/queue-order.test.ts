import { describe, expect, it } from 'vitest'
import { byAttention } from '../../../src/renderer/src/features/queue/queue-order'
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
